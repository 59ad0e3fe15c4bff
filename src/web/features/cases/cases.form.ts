import { z } from 'zod';
import { isoDate } from '../../../shared/cases.api';
import { istatCode } from '../../../shared/fields';
import { todayInRome } from './cases.format';

/**
 * Pieces the pathway's forms build their schemas from, on top of the
 * shared ones (src/shared/cases.api.ts): the limits stay there.
 */

/** The `min` and `max` attributes of a number input, from a number field of a shared schema. */
export function rangeOf(schema: z.ZodType): { min?: number; max?: number } {
  let s: unknown = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) s = s.unwrap();
  if (!(s instanceof z.ZodNumber)) return {};
  const finite = (n: number | null) => (n !== null && Number.isFinite(n) && Math.abs(n) < Number.MAX_SAFE_INTEGER ? n : undefined);
  const min = finite(s.minValue);
  const max = finite(s.maxValue);
  return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
}

/** A day that has already come in Italy: a contact, a birth, a consent cannot be in the future. */
export const pastDay = isoDate.refine((day) => day <= todayInRome(), { message: 'in_future' });

/** The comune as the combobox holds it: what is typed, and the code of the suggestion chosen (cleared as she types on). */
export interface ComuneValue {
  text: string;
  code: string;
}

export const noComune: ComuneValue = { text: '', code: '' };

/**
 * The comune to send: nothing typed is none (null), a 6-digit ISTAT code
 * typed is taken as is, a name counts only once chosen from the
 * suggestions (a name alone could be several comuni).
 */
export const comuneField = z.object({ text: z.string(), code: z.string() }).transform((c, ctx): string | null => {
  const typed = c.text.trim();
  if (!typed) return null;
  if (istatCode.safeParse(typed).success) return typed;
  if (c.code) return c.code;
  ctx.addIssue({ code: 'custom', message: 'comune_not_chosen' });
  return z.NEVER;
});

/** Every value of a group left out: the group is not sent (she gave nothing of it). */
export const nothingIn = (group: Record<string, unknown>) =>
  Object.values(group).every((v) => v === undefined || v === false || (Array.isArray(v) && v.length === 0));
