import { z } from 'zod';
import { intakeRefusalReasons, intakeStates, partnerRoles, programmeStates, projectStates, resultMeasures } from './autonomy.js';
import { frameCode, programmeFrame } from './autonomy.api.js';

/**
 * Funded programmes (issue 14): the coordinator of a network loads a
 * programme's frame, partners, budgets per axis and partner, équipes and
 * expected results; its capofila, partners and équipe members read it and
 * its summary. Rules: docs/autonomy.md, "Programmes".
 *
 * Routes (tag `autonomy`):
 * - GET   /api/autonomy/programmes                the programmes she may read, and the networks she may create one for → `programmeListOut`
 * - POST  /api/autonomy/programmes                create (the coordinator of the network; her organisation is its capofila): `programmeCreate` → 201 `programmeOut`
 * - GET   /api/autonomy/programmes/:id            one programme → `programmeOut` (ETag)
 * - PATCH /api/autonomy/programmes/:id            edit (the coordinator, If-Match): `programmeUpdate` → `programmeOut`; a frame that drops
 *                                                 a code budgets, projects or expenses use is 409 `autonomy_frame_code_in_use`
 * - PUT   /api/autonomy/programmes/:id/partners   capofila and partners (If-Match): `programmePartnersIn` → `programmeOut`
 * - PUT   /api/autonomy/programmes/:id/budgets    budget per axis and partner (If-Match): `programmeBudgetsIn` → `programmeOut`; over the
 *                                                 total 400; below what a partner's expenses take on an axis 409 `autonomy_budget_below_spent`
 * - PUT   /api/autonomy/programmes/:id/equipes    the équipes and their member organisations (If-Match): `programmeEquipesIn` → `programmeOut`
 * - PUT   /api/autonomy/programmes/:id/results    expected results, targets, manual actual values (If-Match): `programmeResultsIn` → `programmeOut`
 * - GET   /api/autonomy/programmes/:id/summary    money per axis and partner, expected vs actual, intakes by state and reason → `programmeSummaryOut` (counts only)
 * A programme she may not read answers 404; a stale If-Match 412, none 428.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.iso.date();
const named = z.object({ id: z.uuid(), name: z.string() });
/** A programme's amounts in cents, within what the tables hold (integer columns: up to €21,474,836.47). */
const cents = z.number().int().min(0).max(2_147_483_647);

export const programmeCreate = z
  .object({
    /** A network her organisation leads. */
    networkId: z.uuid(),
    name: text(200),
    acronym: text(40).optional(),
    decreeRef: text(200).optional(),
    startsOn: isoDate,
    endsOn: isoDate,
    totalCents: cents,
    frame: programmeFrame,
  })
  .strict()
  .refine((p) => p.endsOn >= p.startsOn, { path: ['endsOn'], error: 'from_after_to' });
export type ProgrammeCreate = z.infer<typeof programmeCreate>;
export type ProgrammeCreateInput = z.input<typeof programmeCreate>;

/** An edit names only what changes (If-Match: the programme's version). `null` clears acronym or decree. */
export const programmeUpdate = z
  .object({
    name: text(200),
    acronym: text(40).nullable(),
    decreeRef: text(200).nullable(),
    startsOn: isoDate,
    endsOn: isoDate,
    totalCents: cents,
    state: z.enum(programmeStates),
    frame: programmeFrame,
  })
  .partial()
  .strict();
export type ProgrammeUpdate = z.infer<typeof programmeUpdate>;
export type ProgrammeUpdateInput = z.input<typeof programmeUpdate>;

/** The capofila and the partners managing a share: organisations of the programme's network; the capofila is not repeated among partners. */
export const programmePartnersIn = z
  .object({
    capofilaOrganisationId: z.uuid(),
    partnerOrganisationIds: z.array(z.uuid()).max(50),
  })
  .strict();
export type ProgrammePartnersIn = z.infer<typeof programmePartnersIn>;

/** The whole split, replaced: one row per axis and partner (a partner or the capofila); their sum is at most the total. */
export const programmeBudgetsIn = z
  .object({
    budgets: z.array(z.object({ axisCode: frameCode, organisationId: z.uuid(), amountCents: cents }).strict()).max(500),
  })
  .strict();
export type ProgrammeBudgetsIn = z.infer<typeof programmeBudgetsIn>;

/** The équipes multidisciplinari territoriali, replaced: an `id` keeps an existing one (its referrals and projects stay with it). */
export const programmeEquipesIn = z
  .object({
    equipes: z
      .array(
        z
          .object({
            id: z.uuid().optional(),
            name: text(120),
            organisationIds: z.array(z.uuid()).min(1).max(30),
          })
          .strict(),
      )
      .max(30),
  })
  .strict();
export type ProgrammeEquipesIn = z.infer<typeof programmeEquipesIn>;

/** The expected results, replaced in this order; `manualActual` only for a `manuale` measure or one nothing recorded counts yet. */
export const programmeResultsIn = z
  .object({
    results: z
      .array(
        z
          .object({
            id: z.uuid().optional(),
            label: text(300),
            measure: z.enum(resultMeasures),
            target: z.number().int().min(0).max(1_000_000),
            manualActual: z.number().int().min(0).max(1_000_000).nullable().default(null),
          })
          .strict(),
      )
      .max(50),
  })
  .strict();
export type ProgrammeResultsIn = z.infer<typeof programmeResultsIn>;
export type ProgrammeResultsInput = z.input<typeof programmeResultsIn>;

export const programmeListItem = z.object({
  id: z.uuid(),
  version: z.number().int(),
  name: z.string(),
  acronym: z.string().nullable(),
  network: named,
  capofila: named,
  state: z.enum(programmeStates),
  startsOn: isoDate,
  endsOn: isoDate,
  totalCents: z.number().int(),
  /** Her side of it: she coordinates it, or her organisation is capofila, partner, équipe member. */
  manage: z.boolean(),
});
export type ProgrammeListItem = z.infer<typeof programmeListItem>;

export const programmeListOut = z.object({
  items: z.array(programmeListItem),
  /** Networks her organisation leads and she coordinates: where she may create a programme. */
  networks: z.array(named),
});
export type ProgrammeListOut = z.infer<typeof programmeListOut>;

const organisationRef = z.object({ id: z.uuid(), name: z.string(), type: z.string() });

export const programmeOut = z.object({
  id: z.uuid(),
  version: z.number().int(),
  network: named,
  capofila: named,
  name: z.string(),
  acronym: z.string().nullable(),
  decreeRef: z.string().nullable(),
  startsOn: isoDate,
  endsOn: isoDate,
  totalCents: z.number().int(),
  state: z.enum(programmeStates),
  frame: programmeFrame,
  partners: z.array(organisationRef.extend({ role: z.enum(partnerRoles) })),
  budgets: z.array(z.object({ axisCode: z.string(), organisationId: z.uuid(), amountCents: z.number().int() })),
  equipes: z.array(z.object({ id: z.uuid(), name: z.string(), members: z.array(organisationRef) })),
  results: z.array(z.object({ id: z.uuid(), label: z.string(), measure: z.enum(resultMeasures), target: z.number().int(), manualActual: z.number().int().nullable() })),
  /** The network's member organisations: what partners and équipe members may be (only for who manages it; else empty). */
  memberOptions: z.array(organisationRef),
  acts: z.object({ manage: z.boolean() }),
});
export type ProgrammeOut = z.infer<typeof programmeOut>;

/** Money of one row of the summary, in cents: allocated, committed (not cancelled: committed or paid), paid, left (allocated − committed, negative if overspent). */
export const moneyFigures = z.object({
  allocatedCents: z.number().int(),
  committedCents: z.number().int(),
  paidCents: z.number().int(),
  leftCents: z.number().int(),
});
export type MoneyFigures = z.infer<typeof moneyFigures>;

export const programmeSummaryOut = z.object({
  id: z.uuid(),
  name: z.string(),
  totalCents: z.number().int(),
  /** The whole programme (allocated: the sum of its budgets; `unallocatedCents`: the total not yet split). */
  overall: moneyFigures.extend({ unallocatedCents: z.number().int() }),
  byAxis: z.array(moneyFigures.extend({ axisCode: z.string(), name: z.string() })),
  byPartner: z.array(moneyFigures.extend({ organisationId: z.uuid(), name: z.string(), role: z.enum(partnerRoles).nullable() })),
  /** Each axis of each partner, as budgeted (or spent without a budget). */
  cells: z.array(moneyFigures.extend({ axisCode: z.string(), organisationId: z.uuid() })),
  /** Expected against actual: `counted` when the actual value is counted from the data, else the coordinator's manual value (null: not entered). */
  results: z.array(
    z.object({ id: z.uuid(), label: z.string(), measure: z.enum(resultMeasures), target: z.number().int(), actual: z.number().int().nullable(), counted: z.boolean() }),
  ),
  /** Personalised projects per state. */
  projects: z.record(z.enum(projectStates), z.number().int()),
  /** Women referred to the équipes, per state, and the reasons of those not admitted. Counts only; null: a small cell hidden (below `threshold`, or so that none is derived). */
  intakes: z.object({
    byState: z.record(z.enum(intakeStates), z.number().int().nullable()),
    refusals: z.record(z.enum(intakeRefusalReasons), z.number().int().nullable()),
    threshold: z.number().int(),
  }),
});
export type ProgrammeSummaryOut = z.infer<typeof programmeSummaryOut>;
