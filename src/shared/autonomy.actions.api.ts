import { z } from 'zod';
import { cents } from './autonomy.api.js';
import {
  actionFamilies,
  actionOutcomes,
  actionStatuses,
  allActionKinds,
  childServices,
  followUpMonths,
  followUpStates,
  housingStatuses,
  incomeMeasures,
  publicHousingKinds,
  workStatuses,
} from './autonomy.js';

/**
 * The actions of a personalised project, the follow-ups after its end, the
 * programme's group work (empowerment workshop, training meetings for
 * operators, agreements) and the printable project (issue 14;
 * docs/autonomy.md, "Actions", "Follow-ups", "Group work", "The printable
 * project"). Shared by the server and the web.
 *
 * Routes (tag `autonomy`):
 * - GET   /api/autonomy/projects/:id/actions                the project's actions as her side sees them
 * - POST  /api/autonomy/projects/:id/actions                an action (the team: plan, or work_housing for lavoro/abitare)
 * - PATCH /api/autonomy/projects/:id/actions/:actionId      status, outcome, dates, cost, details (If-Match: the action's version)
 * - GET   /api/autonomy/projects/:id/follow-ups             the project's follow-ups (the team with the plan)
 * - POST  /api/autonomy/follow-ups/:id                      a follow-up recorded: work and housing status, or not consented / not reachable (If-Match)
 * - GET   /api/autonomy/programmes/:id/follow-ups           outcome counts per check (6, 12, 24 months), small cells hidden
 * - GET   /api/autonomy/projects/:id.pdf                    the printable project (the team with the plan)
 * - GET   /api/autonomy/programmes/:id/activities           the programme's group activities and agreements
 * - POST  /api/autonomy/programmes/:id/activities           a group activity (workshop, training meeting) or an agreement
 * - POST  /api/autonomy/activities/:id/sessions             a session (date, facilitators)
 * - POST  /api/autonomy/activities/:id/participants         a participant (a case of her team)
 * - PUT   /api/autonomy/activities/:id/participants/:participantId/attendance  attendance per session (her own team's participant)
 */

export { actionFamilies, actionOutcomes, actionStatuses, allActionKinds, childServices, followUpMonths, followUpStates, housingStatuses, incomeMeasures, publicHousingKinds, workStatuses };

const isoDate = z.iso.date();
const text = z.string().trim().min(1).max(300);
const note = z.string().trim().min(1).max(4000);

// ---------------------------------------------------------------- actions

/** Who pays a tirocinio's allowance. */
export const tirocinioPayers = ['programma', 'ente_ospitante', 'regione', 'altro'] as const;
export const contractKinds = ['indeterminato', 'determinato', 'apprendistato', 'somministrazione', 'part_time', 'altro'] as const;
export const housingLevels = ['struttura_protetta', 'seconda_accoglienza', 'soluzione_intermedia', 'casa_autonoma'] as const;

/**
 * The kind-specific details, one shape per kind (a discriminated union on
 * `kind`). The whole object is sealed under the case key: a tirocinio's
 * host, her employer, her new address are never stored plain.
 */
export const actionDetails = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('colloquio_cpi'),
      did: z.boolean(),
      didOn: isoDate.nullable().optional(),
      sap: z.boolean(),
      sapOn: isoDate.nullable().optional(),
      pattoServizio: z.boolean(),
      pattoOn: isoDate.nullable().optional(),
    })
    .strict(),
  z.object({ kind: z.literal('bilancio_competenze'), by: text.optional(), summary: note.optional() }).strict(),
  z
    .object({
      kind: z.literal('tirocinio'),
      /** The host: her employer-to-be, sealed. */
      host: text,
      hoursPerWeek: z.number().int().min(1).max(60),
      monthlyAllowanceCents: cents,
      paidBy: z.enum(tirocinioPayers),
    })
    .strict(),
  z.object({ kind: z.literal('formazione'), provider: text, course: text.optional(), hours: z.number().int().min(1).max(5000) }).strict(),
  z.object({ kind: z.literal('inserimento_lavorativo'), employer: text, contract: z.enum(contractKinds) }).strict(),
  z.object({ kind: z.literal('autoimpiego'), activity: text.optional(), support: note.optional() }).strict(),
  z.object({ kind: z.literal('ricerca_casa'), zone: text.optional(), note: note.optional() }).strict(),
  z.object({ kind: z.literal('contratto'), address: text, monthlyRentCents: cents.optional(), landlord: text.optional() }).strict(),
  z.object({ kind: z.literal('deposito'), amountCents: cents }).strict(),
  z.object({ kind: z.literal('cambio_alloggio'), from: z.enum(housingLevels), to: z.enum(housingLevels) }).strict(),
  z
    .object({
      kind: z.literal('domanda_casa_pubblica'),
      body: z.enum(publicHousingKinds),
      /** The preferential category for women leaving violence claimed. */
      preferentialCategory: z.boolean(),
      filedOn: isoDate.nullable().optional(),
    })
    .strict(),
  z.object({ kind: z.literal('servizio_figli'), service: z.enum(childServices), provider: text.optional() }).strict(),
  z.object({ kind: z.literal('misura_reddito'), measure: z.enum(incomeMeasures), measureName: text.optional(), monthlyCents: cents.optional() }).strict(),
]);
export type ActionDetails = z.infer<typeof actionDetails>;

const actionBase = {
  status: z.enum(actionStatuses).optional(),
  outcome: z.enum(actionOutcomes).nullable().optional(),
  startsOn: isoDate.nullable().optional(),
  endsOn: isoDate.nullable().optional(),
  /** What it costs the programme (the expenses record what is committed and paid). */
  costCents: cents.nullable().optional(),
};

export const actionCreate = z.object({ ...actionBase, details: actionDetails }).strict();
export type ActionCreate = z.infer<typeof actionCreate>;
/** The kind cannot change; details, when given, replace the old ones whole and must be of the same kind. */
export const actionPatch = z.object({ ...actionBase, details: actionDetails.optional() }).strict();
export type ActionPatch = z.infer<typeof actionPatch>;

export const actionOut = z.object({
  id: z.uuid(),
  family: z.enum(actionFamilies),
  kind: z.enum(allActionKinds as [string, ...string[]]),
  status: z.enum(actionStatuses),
  outcome: z.enum(actionOutcomes).nullable(),
  startsOn: isoDate.nullable(),
  endsOn: isoDate.nullable(),
  costCents: cents.nullable(),
  /** Null in the approval view (équipe, capofila): kinds, statuses, dates and costs only. */
  details: actionDetails.nullable(),
  version: z.number().int(),
  updatedAt: z.date(),
});
export type ActionOut = z.infer<typeof actionOut>;
export const actionListOut = z.object({
  /** Her view of the project (team, approval, work_housing). */
  view: z.enum(['team', 'approval', 'work_housing']),
  /** She may add or change actions (of these families). */
  writes: z.array(z.enum(actionFamilies)),
  items: z.array(actionOut),
});
export type ActionListOut = z.infer<typeof actionListOut>;

// ---------------------------------------------------------------- follow-ups

export const followUpOut = z.object({
  id: z.uuid(),
  months: z.number().int(),
  dueOn: isoDate,
  state: z.enum(followUpStates),
  workStatus: z.enum(workStatuses).nullable(),
  housingStatus: z.enum(housingStatuses).nullable(),
  doneAt: z.date().nullable(),
  /** She holds a live consent to be contacted (purpose `contatto`). */
  contactConsent: z.boolean(),
  version: z.number().int(),
});
export type FollowUpOut = z.infer<typeof followUpOut>;
export const followUpListOut = z.object({ items: z.array(followUpOut) });

export const followUpRecord = z.discriminatedUnion('state', [
  z.object({ state: z.literal('fatto'), workStatus: z.enum(workStatuses), housingStatus: z.enum(housingStatuses) }).strict(),
  z.object({ state: z.literal('non_consentito') }).strict(),
  z.object({ state: z.literal('non_raggiungibile') }).strict(),
]);
export type FollowUpRecord = z.infer<typeof followUpRecord>;

/** Counts of a programme's follow-ups per check; a cell under the threshold is null (hidden). */
export const followUpCounts = z.object({
  threshold: z.number().int(),
  checks: z.array(
    z.object({
      months: z.number().int(),
      due: z.number().int().nullable(),
      byState: z.record(z.string(), z.number().int().nullable()),
      byWork: z.record(z.string(), z.number().int().nullable()),
      byHousing: z.record(z.string(), z.number().int().nullable()),
    }),
  ),
});
export type FollowUpCounts = z.infer<typeof followUpCounts>;

// ---------------------------------------------------------------- group work

export const activityKinds = ['laboratorio_empowerment', 'incontro_formativo_operatori', 'accordo'] as const;
export type ActivityKind = (typeof activityKinds)[number];
/** An agreement's counterpart: a housing or a work body. */
export const agreementKinds = ['abitare', 'lavoro'] as const;

export const activityCreate = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('laboratorio_empowerment'), title: text }).strict(),
  z.object({ kind: z.literal('incontro_formativo_operatori'), title: text, heldOn: isoDate.optional() }).strict(),
  z.object({ kind: z.literal('accordo'), title: text, counterpart: text, agreementKind: z.enum(agreementKinds), signedOn: isoDate }).strict(),
]);
export type ActivityCreate = z.infer<typeof activityCreate>;

export const sessionCreate = z
  .object({
    heldOn: isoDate,
    /** Names of the staff or organisations who led it. */
    facilitators: z.array(text).min(1).max(20),
  })
  .strict();
export const participantCreate = z.object({ caseId: z.uuid() }).strict();
export const attendancePut = z.object({ sessionIds: z.array(z.uuid()).max(200) }).strict();

export const activityOut = z.object({
  id: z.uuid(),
  kind: z.enum(activityKinds),
  title: z.string(),
  counterpart: z.string().nullable(),
  agreementKind: z.enum(agreementKinds).nullable(),
  signedOn: isoDate.nullable(),
  heldOn: isoDate.nullable(),
  sessions: z.array(z.object({ id: z.uuid(), heldOn: isoDate, facilitators: z.array(z.string()), attendees: z.number().int() })),
  /** Every participant, counted. */
  participantCount: z.number().int(),
  /** Only her own team's participants (case code and sessions attended). */
  participants: z.array(z.object({ id: z.uuid(), caseId: z.uuid(), caseCode: z.string(), sessionIds: z.array(z.uuid()) })),
});
export type ActivityOut = z.infer<typeof activityOut>;
export const activityListOut = z.object({ items: z.array(activityOut) });
