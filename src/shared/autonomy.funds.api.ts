import { z } from 'zod';

/**
 * The capofila's regional funds (issue 14; docs/autonomy.md, "Regional
 * funds"): per network and year, the regional contribution, co-financing
 * (money or in kind), the capofila's governance costs (never more than
 * 10 % of the regional contribution — rule 8), the call (*avviso*) to the
 * CAV and shelters registered in the regional register (*Albo*), their
 * applications and the review (*istruttoria*), the allocation plan (*piano
 * di assegnazione*) and each partner's rendicontazione. Amounts are integer
 * cents; nothing here names a person. Labels: funds.labels.ts.
 *
 * Routes (tag `autonomy`), under /api/autonomy/funds:
 * - GET    /years                                   the years she may see, and the networks whose funds she manages → `fundsYearListOut`
 * - POST   /years                                   open a year (the capofila's head or the network coordinator): `fundsYearCreate` → 201 `fundsYearOut`
 * - GET    /years/:id                               one year: the capofila's whole view, or a partner's own → `fundsYearOut` (ETag)
 * - PATCH  /years/:id                               contribution and call (If-Match) → `fundsYearOut`; a contribution whose 10 % falls
 *                                                   below the governance costs, or that no longer covers the plan, is 409
 * - POST   /years/:id/cofinancing                   a co-financing entry → 201 `fundsYearOut`
 * - DELETE /years/:id/cofinancing/:entryId          remove one (If-Match: the year) → `fundsYearOut`
 * - POST   /years/:id/governance                    a governance cost → 201 `fundsYearOut`; over 10 %: 409 `funds_governance_limit`
 * - DELETE /years/:id/governance/:entryId           remove one (If-Match: the year) → `fundsYearOut`
 * - POST   /years/:id/applications                  an application to the call (a partner for itself, the capofila for any) → 201 `fundsYearOut`
 * - PATCH  /years/:id/applications/:applicationId   edit it before its review (If-Match: the application) → `fundsYearOut`
 * - POST   /years/:id/applications/:applicationId/review   the istruttoria (the capofila, If-Match: the application) → `fundsYearOut`
 * - PUT    /years/:id/plan                          the allocation plan, replaced (the capofila, If-Match: the year; while `bozza`) → `fundsYearOut`
 * - POST   /years/:id/plan/moves                    condividi / invia / riapri (If-Match: the year) → `fundsYearOut`
 * - POST   /years/:id/allocations/:allocationId/expenses   an expense of the rendicontazione (the partner) → 201 `fundsYearOut`;
 *                                                   over its allocation: 409 `funds_allocation_exceeded`
 * - DELETE /years/:id/allocations/:allocationId/expenses/:expenseId   remove one (If-Match: the allocation) → `fundsYearOut`
 * - POST   /years/:id/allocations/:allocationId/moves      presenta (the partner's head) / verifica, rimanda (the capofila), If-Match: the allocation
 * - GET    /years/:id/report?format=xlsx|pdf        the rendicontazione report (the capofila)
 * A year she may not see answers 404 on every route; a stale If-Match 412, none 428.
 */

/** Rule 8: governance costs never exceed this percentage of the regional contribution. */
export const GOVERNANCE_PERCENT = 10;
/**
 * The governance limit in cents: `floor(contribution × 10 / 100)`, on
 * integers. The base is the regional contribution alone — co-financing
 * (money or in kind) never enlarges it ("net of co-financing").
 */
export const governanceLimitCents = (contributionCents: number) => Math.floor((contributionCents * GOVERNANCE_PERCENT) / 100);

/** Co-financing: money, or in kind — staff or premises valued at a stated amount. Only money adds to what the plan may allocate. */
export const cofinancingKinds = ['denaro', 'personale', 'locali'] as const;
export type CofinancingKind = (typeof cofinancingKinds)[number];

/** The review of an application (istruttoria). */
export const applicationOutcomes = ['ammessa', 'non_ammessa'] as const;
export type ApplicationOutcome = (typeof applicationOutcomes)[number];
export const applicationRefusalReasons = ['fuori_termine', 'documentazione_incompleta', 'requisiti_mancanti', 'non_iscritta_albo', 'fuori_rete', 'altro'] as const;
export type ApplicationRefusalReason = (typeof applicationRefusalReasons)[number];

/** The allocation plan: drafted, shared with the ATS Rete di Indirizzo (date), sent to the Region with the network's protocol (date). */
export const planStates = ['bozza', 'condiviso', 'inviato'] as const;
export type PlanState = (typeof planStates)[number];
export const planMoves = ['condividi', 'invia', 'riapri'] as const;
export type PlanMove = (typeof planMoves)[number];
export const planTransitions: Record<PlanMove, { from: PlanState; to: PlanState }> = {
  condividi: { from: 'bozza', to: 'condiviso' },
  invia: { from: 'condiviso', to: 'inviato' },
  riapri: { from: 'condiviso', to: 'bozza' },
};

/** A partner's rendicontazione: not started, in progress (its first expense), submitted by its head, checked by the capofila. */
export const reportStates = ['non_avviata', 'in_corso', 'presentata', 'verificata'] as const;
export type ReportState = (typeof reportStates)[number];
/** `presenta` (the partner's head) non_avviata|in_corso → presentata; `verifica` presentata → verificata and `rimanda` presentata → in_corso (the capofila). */
export const reportMoves = ['presenta', 'verifica', 'rimanda'] as const;
export type ReportMove = (typeof reportMoves)[number];

/** Categories of the partners' expenses against their allocation. */
export const fundsExpenseCategories = ['personale', 'ospitalita', 'beni_servizi', 'formazione', 'comunicazione', 'spese_generali', 'altro'] as const;
export type FundsExpenseCategory = (typeof fundsExpenseCategories)[number];

/** Organisation types the call reaches (and the plan may allocate to): CAV and shelters. */
export const fundedOrganisationTypes = ['cav', 'casa_rifugio'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.iso.date();
const named = z.object({ id: z.uuid(), name: z.string() });
/** Integer cents within what the tables hold (integer columns: up to €21,474,836.47). */
const cents = z.number().int().min(0).max(2_147_483_647);
const positiveCents = cents.min(1);

export const fundsYearCreate = z
  .object({
    networkId: z.uuid(),
    year: z.number().int().min(2000).max(2100),
    contributionCents: cents,
  })
  .strict();
export type FundsYearCreate = z.infer<typeof fundsYearCreate>;

/** Contribution and call; `null` clears a call field. */
export const fundsYearUpdate = z
  .object({
    contributionCents: cents,
    callOpensOn: isoDate.nullable(),
    callClosesOn: isoDate.nullable(),
    callReference: text(300).nullable(),
  })
  .partial()
  .strict();
export type FundsYearUpdate = z.infer<typeof fundsYearUpdate>;

export const cofinancingIn = z
  .object({
    kind: z.enum(cofinancingKinds),
    description: text(300),
    /** Who provides it (an organisation of the network); absent: the capofila. */
    organisationId: z.uuid().optional(),
    amountCents: positiveCents,
  })
  .strict();
export type CofinancingIn = z.infer<typeof cofinancingIn>;

export const governanceIn = z.object({ description: text(300), amountCents: positiveCents, incurredOn: isoDate }).strict();
export type GovernanceIn = z.infer<typeof governanceIn>;

export const applicationIn = z
  .object({
    /** The applying organisation: her own for a partner; the capofila may record any organisation's (a paper application). */
    organisationId: z.uuid(),
    requestedCents: positiveCents,
    submittedOn: isoDate,
  })
  .strict();
export type ApplicationIn = z.infer<typeof applicationIn>;
export const applicationUpdate = z.object({ requestedCents: positiveCents, submittedOn: isoDate }).partial().strict();
export type ApplicationUpdate = z.infer<typeof applicationUpdate>;

/** The review's fields alone; `reviewChecks` adds the rules between them (the web's form reuses both). */
export const reviewFields = z
  .object({
    outcome: z.enum(applicationOutcomes),
    reason: z.enum(applicationRefusalReasons).optional(),
    proposedCents: cents.optional(),
    reviewedOn: isoDate,
  })
  .strict();
/** A refusal gives its reason and proposes nothing; an admission proposes an amount and gives no reason. */
export const reviewChecks = <S extends z.ZodType<{ outcome: ApplicationOutcome; reason?: string | undefined; proposedCents?: number | undefined }>>(schema: S) =>
  schema
    .refine((r) => r.outcome !== 'non_ammessa' || r.reason, { path: ['reason'], error: 'reason_required' })
    .refine((r) => r.outcome !== 'ammessa' || r.reason === undefined, { path: ['reason'], error: 'not_allowed' })
    .refine((r) => r.outcome !== 'ammessa' || r.proposedCents !== undefined, { path: ['proposedCents'], error: 'required' })
    .refine((r) => r.outcome !== 'non_ammessa' || r.proposedCents === undefined, { path: ['proposedCents'], error: 'not_allowed' });
export const reviewIn = reviewChecks(reviewFields);
export type ReviewIn = z.infer<typeof reviewIn>;

export const planIn = z
  .object({
    allocations: z.array(z.object({ organisationId: z.uuid(), amountCents: positiveCents }).strict()).max(100),
  })
  .strict();
export type PlanIn = z.infer<typeof planIn>;

/** A move's fields alone; `planMoveChecks` adds which move needs what (the web's forms reuse both). */
export const planMoveFields = z
  .object({
    move: z.enum(planMoves),
    /** The day it was shared (condividi) or sent (invia). */
    on: isoDate.optional(),
    /** The network's protocol number of the sending (invia). */
    protocol: text(100).optional(),
  })
  .strict();
/** Every move but `riapri` has its day; `invia` has the network's protocol. */
export const planMoveChecks = <S extends z.ZodType<{ move: PlanMove; on?: string | undefined; protocol?: string | undefined }>>(schema: S) =>
  schema
    .refine((m) => m.move === 'riapri' || m.on, { path: ['on'], error: 'required' })
    .refine((m) => m.move !== 'invia' || m.protocol, { path: ['protocol'], error: 'required' });
export const planMoveIn = planMoveChecks(planMoveFields);
export type PlanMoveIn = z.infer<typeof planMoveIn>;

export const fundsExpenseIn = z
  .object({
    category: z.enum(fundsExpenseCategories),
    description: text(300).optional(),
    amountCents: positiveCents,
    spentOn: isoDate,
    /** The supporting document: its reference (invoice number, protocol), as text. */
    documentRef: text(200),
  })
  .strict();
export type FundsExpenseIn = z.infer<typeof fundsExpenseIn>;

export const reportMoveIn = z.object({ move: z.enum(reportMoves), on: isoDate }).strict();
export type ReportMoveIn = z.infer<typeof reportMoveIn>;

export const reportQuery = z.object({ format: z.enum(['xlsx', 'pdf']) }).strict();

const orgOut = named.extend({ type: z.string() });

export const fundsYearOut = z.object({
  id: z.uuid(),
  version: z.number().int(),
  year: z.number().int(),
  network: named,
  capofila: named,
  /** `capofila`: the whole year (the capofila's head, the network coordinator); `partner`: her organisation's own application, allocation and rendicontazione. */
  view: z.enum(['capofila', 'partner']),
  contributionCents: z.number().int(),
  call: z.object({ opensOn: isoDate.nullable(), closesOn: isoDate.nullable(), reference: z.string().nullable() }),
  plan: z.object({ state: z.enum(planStates), sharedOn: isoDate.nullable(), sentOn: isoDate.nullable(), protocol: z.string().nullable() }),
  cofinancing: z.array(z.object({ id: z.uuid(), kind: z.enum(cofinancingKinds), description: z.string(), organisation: named.nullable(), amountCents: z.number().int() })),
  governance: z.array(z.object({ id: z.uuid(), description: z.string(), amountCents: z.number().int(), incurredOn: isoDate })),
  /** The capofila's figures (null in the partner's view). */
  totals: z
    .object({
      cofinancingMoneyCents: z.number().int(),
      cofinancingInKindCents: z.number().int(),
      governanceCents: z.number().int(),
      governanceLimitCents: z.number().int(),
      governanceLeftCents: z.number().int(),
      /** contribution + money co-financing − governance costs: what the plan may allocate. */
      allocableCents: z.number().int(),
      allocatedCents: z.number().int(),
      spentCents: z.number().int(),
    })
    .nullable(),
  applications: z.array(
    z.object({
      id: z.uuid(),
      version: z.number().int(),
      organisation: orgOut,
      requestedCents: z.number().int(),
      submittedOn: isoDate,
      outcome: z.enum(applicationOutcomes).nullable(),
      reason: z.enum(applicationRefusalReasons).nullable(),
      proposedCents: z.number().int().nullable(),
      reviewedOn: isoDate.nullable(),
    }),
  ),
  allocations: z.array(
    z.object({
      id: z.uuid(),
      version: z.number().int(),
      organisation: orgOut,
      amountCents: z.number().int(),
      spentCents: z.number().int(),
      reportState: z.enum(reportStates),
      submittedOn: isoDate.nullable(),
      verifiedOn: isoDate.nullable(),
      expenses: z.array(
        z.object({ id: z.uuid(), category: z.enum(fundsExpenseCategories), description: z.string().nullable(), amountCents: z.number().int(), spentOn: isoDate, documentRef: z.string() }),
      ),
    }),
  ),
  /** The capofila's view: the CAV and shelters of the network, with their registration in the Albo (only `iscritta` may be allocated money). */
  eligible: z.array(orgOut.extend({ albo: z.string().nullable(), registered: z.boolean() })),
  acts: z.object({ manage: z.boolean(), organisationId: z.uuid() }),
});
export type FundsYearOut = z.infer<typeof fundsYearOut>;

export const fundsYearListOut = z.object({
  items: z.array(
    z.object({ id: z.uuid(), version: z.number().int(), year: z.number().int(), network: named, capofila: named, planState: z.enum(planStates), contributionCents: z.number().int(), manage: z.boolean() }),
  ),
  /** Networks whose funds she manages (she may open a year for them). */
  networks: z.array(named),
});
export type FundsYearListOut = z.infer<typeof fundsYearListOut>;
