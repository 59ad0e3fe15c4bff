import { z } from 'zod';
import { parseEuro } from './money';

/**
 * A euro field for a shared schema of integer cents: empty is an absent
 * value (as `blank` in ui/form.ts: a required amount fails as `required`),
 * euros as people type them are read as cents (money.ts, never a float),
 * anything else fails as `invalid_format` — the form words it as "Importo
 * non valido" (`amountInvalid`) rather than the shared text.
 */
export const euroCents = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value, ctx) => {
    if (typeof value !== 'string') return value;
    if (value.trim() === '') return undefined;
    const cents = parseEuro(value);
    if (cents !== null) return cents;
    ctx.addIssue({ code: 'custom', message: 'invalid_format', input: value });
    return z.NEVER;
  }, schema);
