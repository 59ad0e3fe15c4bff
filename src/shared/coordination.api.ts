import { z } from 'zod';
import { caseSections } from './cases.js';

/**
 * Who coordinates a case's plan and team (docs/cases.md, "Coordination"):
 * its owner, or the organisation of an accepted referral it handed
 * coordination to, within what that referral's consent covers.
 *
 * - GET    /api/cases/{id}/coordination            the owning organisation's head → `coordinationOut`
 * - PUT    /api/cases/{id}/coordination            the same (If-Match: the case's version), body `coordinationSet`
 *                                                  (`null` or the owner's id: taken back) → `coordinationOut`
 * - GET    /api/cases/{id}/coordination/team the coordinating organisation's members on the team → `colleaguesOut`
 * - POST   /api/cases/{id}/coordination/team the same, body `colleagueAdd` → `colleaguesOut`
 * - DELETE /api/cases/{id}/coordination/team/{userId} the same → `colleaguesOut`
 */

const named = z.object({ id: z.uuid(), name: z.string() });

/** Shown on the case to whoever holds it: the coordinating organisation, and since when (null: the owner, as always). */
export const coordinationShown = z.object({ organisation: named, since: z.date().nullable() });

export const coordinationSet = z.object({ organisationId: z.uuid().nullable() }).strict();
export type CoordinationSet = z.infer<typeof coordinationSet>;

/** The coordination, the case's version to send back, and the organisations of accepted referrals on a live consent. */
export const coordinationOut = z.object({
  coordination: coordinationShown,
  version: z.number().int(),
  candidates: z.array(
    z.object({
      organisation: named,
      referralId: z.uuid(),
      /** The referral's sections within its consent: what the organisation holds, and all its colleagues could. */
      sections: z.array(z.enum(caseSections)),
      /** The sections include the plan: coordination may be handed to it. */
      eligible: z.boolean(),
    }),
  ),
});
export type CoordinationOut = z.infer<typeof coordinationOut>;

export const colleagueAdd = z
  .object({
    userId: z.uuid(),
    /** Within the coordination's share; all of it when left out. */
    sections: z.array(z.enum(caseSections)).min(1).max(caseSections.length).optional(),
  })
  .strict();
export type ColleagueAdd = z.infer<typeof colleagueAdd>;

/** The coordinating organisation's own members on the team, the share they may hold, and the colleagues who may join. */
export const colleaguesOut = z.object({
  share: z.array(z.enum(caseSections)),
  members: z.array(z.object({ userId: z.uuid(), displayName: z.string(), sections: z.array(z.string()), self: z.boolean() })),
  candidates: z.array(z.object({ userId: z.uuid(), displayName: z.string(), role: z.string() })),
});
export type ColleaguesOut = z.infer<typeof colleaguesOut>;
