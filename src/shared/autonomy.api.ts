import { z } from 'zod';

/**
 * Autonomy (issue 14): the shapes shared by server and web. This file holds
 * the programme's frame — its own structure, loaded as data by the
 * coordinator — and the money type; the routes' shapes live in
 * autonomy.programmes.api.ts, autonomy.projects.api.ts and
 * autonomy.reddito.api.ts. Rules: docs/autonomy.md.
 */

/** Integer euro cents, never a float, within what the tables' integer columns hold (up to €21,474,836.47: more would be a 500, not a 400). */
export const cents = z.number().int().min(0).max(2_147_483_647);
/** A code the frame defines and the records reference ("II", "1.1", "deposito_cauzionale"). */
export const frameCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'code');
const label = z.string().trim().min(1).max(300);

/**
 * A programme's structure: areas (each activates axes, and every area must
 * activate the required axes: axis I in the seed), axes, priorities,
 * expense categories per axis, and caps. A cap limits, per project, what
 * the categories of its axes may plan and spend together (the seed:
 * €3,000 for the autonomy budget of axes II and III, a housing cap for
 * axis IV). Every code is unique and every reference resolves; errors
 * point at the offending entry.
 */
export const programmeFrame = z
  .object({
    areas: z.array(z.object({ code: frameCode, name: label, axes: z.array(frameCode).min(1).max(20) })).min(1).max(20),
    axes: z.array(z.object({ code: frameCode, name: label, required: z.boolean().default(false) })).min(1).max(20),
    priorities: z.array(z.object({ code: frameCode, axis: frameCode, name: label })).max(100).default([]),
    categories: z.array(z.object({ code: frameCode, axis: frameCode, name: label })).min(1).max(200),
    caps: z
      .array(
        z.object({
          code: frameCode,
          name: label,
          axes: z.array(frameCode).min(1).max(20),
          amountCents: cents,
          /** Why the figure is as it is (a seed's figure that reads two ways: "€ 1.5000,00"). */
          note: z.string().trim().max(500).optional(),
        }),
      )
      .max(20)
      .default([]),
  })
  .superRefine((frame, ctx) => {
    const axisCodes = new Set(frame.axes.map((a) => a.code));
    const unique = (list: { code: string }[], key: string) => {
      const seen = new Set<string>();
      list.forEach((item, i) => {
        if (seen.has(item.code)) ctx.addIssue({ code: 'custom', path: [key, i, 'code'], message: 'duplicate' });
        seen.add(item.code);
      });
    };
    unique(frame.areas, 'areas');
    unique(frame.axes, 'axes');
    unique(frame.priorities, 'priorities');
    unique(frame.categories, 'categories');
    unique(frame.caps, 'caps');
    const known = (key: string, i: number, field: string, code: string, j?: number) => {
      if (!axisCodes.has(code)) ctx.addIssue({ code: 'custom', path: j === undefined ? [key, i, field] : [key, i, field, j], message: 'unknown_axis' });
    };
    const required = frame.axes.filter((a) => a.required).map((a) => a.code);
    frame.areas.forEach((area, i) => {
      area.axes.forEach((code, j) => known('areas', i, 'axes', code, j));
      // The seed: "è sempre obbligatoria l'attivazione dell'asse I" — for every area.
      for (const code of required) if (!area.axes.includes(code)) ctx.addIssue({ code: 'custom', path: ['areas', i, 'axes'], message: 'required_axis_missing' });
    });
    frame.priorities.forEach((p, i) => known('priorities', i, 'axis', p.axis));
    frame.categories.forEach((c, i) => known('categories', i, 'axis', c.axis));
    frame.caps.forEach((cap, i) => cap.axes.forEach((code, j) => known('caps', i, 'axes', code, j)));
  });
export type ProgrammeFrame = z.infer<typeof programmeFrame>;

/** The caps a category falls under (those naming its axis). */
export function capsOfCategory(frame: ProgrammeFrame, categoryCode: string): ProgrammeFrame['caps'] {
  const category = frame.categories.find((c) => c.code === categoryCode);
  return category ? frame.caps.filter((cap) => cap.axes.includes(category.axis)) : [];
}

/** The categories a project of these areas may use (those of the areas' axes). */
export function categoriesOfAreas(frame: ProgrammeFrame, areaCodes: readonly string[]): ProgrammeFrame['categories'] {
  const axes = new Set(frame.areas.filter((a) => areaCodes.includes(a.code)).flatMap((a) => a.axes));
  return frame.categories.filter((c) => axes.has(c.axis));
}
