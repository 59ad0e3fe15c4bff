import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  type ApplicationIn,
  type ApplicationUpdate,
  type CofinancingIn,
  type FundsExpenseIn,
  type FundsYearCreate,
  type FundsYearUpdate,
  type GovernanceIn,
  type PlanIn,
  type PlanMoveIn,
  type ReportMoveIn,
  type ReviewIn,
  fundedOrganisationTypes,
  governanceLimitCents,
  planTransitions,
} from '../../../shared/autonomy.funds.api.js';
import type { FieldIssue } from '../../../shared/problems.js';
import { resourceNotFound } from '../../audit/audit.denied.js';
import { writeAudit } from '../../audit/audit.writer.js';
import type { DbOrTx, Tx } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { networkMembers, organisations } from '../organisations/index.js';
import { eventOn, write } from './autonomy.common.js';
import { type FundsActor, SideForbidden, type YearRow, managedNetworkIds, requireCapofila, yearFor } from './funds.access.js';
import { fundsAllocations, fundsApplications, fundsCofinancing, fundsExpenses, fundsGovernanceCosts, fundsYears } from './funds.tables.js';

/**
 * The capofila's regional funds: every write (docs/autonomy.md, "Regional
 * funds"). Each is one transaction that first holds the year's row `for
 * update` — so the governance costs, the co-financing, the contribution
 * and the plan are summed and checked against figures nobody changes
 * meanwhile — and writes its audit row. An expense holds its allocation's
 * row the same way. Money is integer cents throughout.
 */

const invalid = (...errors: FieldIssue[]) => new AppError('validation_failed', { errors });
/** Euros with two decimals, for a field error's slot (a figure of the year, never a person's). */
const euros = (c: number) => (c / 100).toFixed(2);

const event = eventOn('funds_year');

const sumOf = async (tx: DbOrTx, q: Promise<{ s: string | number | null }[]>) => Number((await q)[0]?.s ?? 0);

/** The year's figures, read inside the transaction holding its row. */
export async function figures(tx: DbOrTx, year: YearRow) {
  const money = await sumOf(
    tx,
    tx
      .select({ s: sql<string>`coalesce(sum(${fundsCofinancing.amountCents}), 0)` })
      .from(fundsCofinancing)
      .where(and(eq(fundsCofinancing.yearId, year.id), eq(fundsCofinancing.kind, 'denaro'))),
  );
  const inKind = await sumOf(
    tx,
    tx
      .select({ s: sql<string>`coalesce(sum(${fundsCofinancing.amountCents}), 0)` })
      .from(fundsCofinancing)
      .where(and(eq(fundsCofinancing.yearId, year.id), sql`${fundsCofinancing.kind} <> 'denaro'`)),
  );
  const governance = await sumOf(
    tx,
    tx.select({ s: sql<string>`coalesce(sum(${fundsGovernanceCosts.amountCents}), 0)` }).from(fundsGovernanceCosts).where(eq(fundsGovernanceCosts.yearId, year.id)),
  );
  const allocated = await sumOf(tx, tx.select({ s: sql<string>`coalesce(sum(${fundsAllocations.amountCents}), 0)` }).from(fundsAllocations).where(eq(fundsAllocations.yearId, year.id)));
  const spent = await sumOf(
    tx,
    tx
      .select({ s: sql<string>`coalesce(sum(${fundsExpenses.amountCents}), 0)` })
      .from(fundsExpenses)
      .innerJoin(fundsAllocations, eq(fundsAllocations.id, fundsExpenses.allocationId))
      .where(eq(fundsAllocations.yearId, year.id)),
  );
  const limit = governanceLimitCents(year.contributionCents);
  return {
    cofinancingMoneyCents: money,
    cofinancingInKindCents: inKind,
    governanceCents: governance,
    governanceLimitCents: limit,
    governanceLeftCents: limit - governance,
    allocableCents: year.contributionCents + money - governance,
    allocatedCents: allocated,
    spentCents: spent,
  };
}

/** Rule 8 at write time: 409 with the limit, what is charged, the amount asked and what is left. */
function governanceRefusal(pointer: string, limit: number, used: number, asked: number) {
  const left = Math.max(0, limit - used);
  return new AppError('funds_governance_limit', {
    errors: [
      {
        pointer,
        code: 'governance_limit',
        params: { limitCents: limit, usedCents: used, askedCents: asked, leftCents: left, limitEuro: euros(limit), usedEuro: euros(used), askedEuro: euros(asked), leftEuro: euros(left) },
      },
    ],
  });
}

function planRefusal(pointer: string, allocable: number, asked: number, left: number) {
  return new AppError('funds_plan_exceeded', {
    errors: [
      {
        pointer,
        code: 'plan_exceeded',
        params: { allocableCents: allocable, askedCents: asked, leftCents: Math.max(0, left), allocableEuro: euros(allocable), askedEuro: euros(asked), leftEuro: euros(Math.max(0, left)) },
      },
    ],
  });
}

/** The year, held `for update`, with her side; the If-Match version checked when given. */
async function held(tx: Tx, actor: FundsActor, id: string, expected?: number) {
  const { row, side } = await yearFor(tx, actor, id, true);
  if (expected !== undefined && row.version !== expected) {
    requireCapofila(side);
    throw new AppError('precondition_failed');
  }
  return { row, side };
}

const bump = (tx: Tx, row: YearRow, set: Partial<typeof fundsYears.$inferInsert> = {}) =>
  tx
    .update(fundsYears)
    .set({ ...set, version: row.version + 1, updatedAt: new Date() })
    .where(eq(fundsYears.id, row.id));

/** The organisations among `ids` that are CAV or shelters of the network, and which of them are registered in the Albo. */
async function eligibility(tx: DbOrTx, networkId: string, ids: readonly string[]) {
  if (!ids.length) return new Map<string, { type: string; registered: boolean }>();
  const rows = await tx
    .select({ id: organisations.id, type: organisations.type, albo: organisations.alboStatus })
    .from(networkMembers)
    .innerJoin(organisations, eq(organisations.id, networkMembers.organisationId))
    .where(and(eq(networkMembers.networkId, networkId), inArray(networkMembers.organisationId, [...ids])));
  return new Map(rows.map((r) => [r.id, { type: r.type, registered: r.albo === 'iscritta' }]));
}
const funded = (type: string) => (fundedOrganisationTypes as readonly string[]).includes(type);

// --- The year -------------------------------------------------------------------

export async function createYear(db: DbOrTx, actor: FundsActor, input: FundsYearCreate): Promise<string> {
  return write(db, async (tx) => {
    const managed = await managedNetworkIds(tx, actor);
    // She manages no network's funds: the act is not hers (403); another network's: the field is wrong (400).
    if (!managed.length) throw new SideForbidden();
    if (!managed.includes(input.networkId)) throw invalid({ pointer: '/body/networkId', code: 'unknown_network' });
    const [row] = await tx
      .insert(fundsYears)
      .values({ networkId: input.networkId, capofilaOrganisationId: actor.organisationId, year: input.year, contributionCents: input.contributionCents, createdBy: actor.userId })
      .returning({ id: fundsYears.id });
    await writeAudit(tx, event(actor, 'autonomy.funds.year_create', row!.id, `year:${input.year}`));
    return row!.id;
  });
}

/** Contribution and call (If-Match). A contribution whose 10 % no longer covers the governance costs, or that no longer covers the plan, is 409. */
export async function updateYear(db: DbOrTx, actor: FundsActor, id: string, expected: number, input: FundsYearUpdate): Promise<void> {
  await write(db, async (tx) => {
    const { row, side } = await held(tx, actor, id, expected);
    requireCapofila(side);
    const opens = input.callOpensOn !== undefined ? input.callOpensOn : row.callOpensOn;
    const closes = input.callClosesOn !== undefined ? input.callClosesOn : row.callClosesOn;
    if (opens && closes && closes < opens) throw invalid({ pointer: input.callClosesOn !== undefined ? '/body/callClosesOn' : '/body/callOpensOn', code: 'from_after_to' });
    if (input.contributionCents !== undefined) {
      const f = await figures(tx, row);
      const limit = governanceLimitCents(input.contributionCents);
      if (f.governanceCents > limit) throw governanceRefusal('/body/contributionCents', limit, f.governanceCents, 0);
      const allocable = input.contributionCents + f.cofinancingMoneyCents - f.governanceCents;
      if (f.allocatedCents > allocable) throw planRefusal('/body/contributionCents', allocable, f.allocatedCents, allocable - f.allocatedCents);
    }
    const set: Partial<typeof fundsYears.$inferInsert> = {};
    if (input.contributionCents !== undefined) set.contributionCents = input.contributionCents;
    if (input.callOpensOn !== undefined) set.callOpensOn = input.callOpensOn;
    if (input.callClosesOn !== undefined) set.callClosesOn = input.callClosesOn;
    if (input.callReference !== undefined) set.callReference = input.callReference;
    await bump(tx, row, set);
    await writeAudit(tx, event(actor, 'autonomy.funds.year_update', id, Object.keys(input).sort().join(',')));
  });
}

export async function addCofinancing(db: DbOrTx, actor: FundsActor, id: string, input: CofinancingIn): Promise<void> {
  await write(db, async (tx) => {
    const { row, side } = await held(tx, actor, id);
    requireCapofila(side);
    if (input.organisationId) {
      const [m] = await tx
        .select({ id: networkMembers.organisationId })
        .from(networkMembers)
        .where(and(eq(networkMembers.networkId, row.networkId), eq(networkMembers.organisationId, input.organisationId)));
      if (!m) throw invalid({ pointer: '/body/organisationId', code: 'not_in_network' });
    }
    await tx.insert(fundsCofinancing).values({ yearId: id, kind: input.kind, description: input.description, organisationId: input.organisationId ?? null, amountCents: input.amountCents });
    await bump(tx, row);
    await writeAudit(tx, event(actor, 'autonomy.funds.cofinancing', id, `add:${input.kind}:${input.amountCents}`));
  });
}

/** Removes a co-financing entry (If-Match: the year); money the plan counts on cannot go (409). */
export async function removeCofinancing(db: DbOrTx, actor: FundsActor, id: string, entryId: string, expected: number): Promise<void> {
  await write(db, async (tx) => {
    const { row, side } = await held(tx, actor, id, expected);
    requireCapofila(side);
    const [entry] = await tx.select().from(fundsCofinancing).where(and(eq(fundsCofinancing.id, entryId), eq(fundsCofinancing.yearId, id)));
    if (!entry) throw resourceNotFound('funds_cofinancing', entryId);
    if (entry.kind === 'denaro') {
      const f = await figures(tx, row);
      const allocable = f.allocableCents - entry.amountCents;
      if (f.allocatedCents > allocable) throw planRefusal('/params/entryId', allocable, f.allocatedCents, allocable - f.allocatedCents);
    }
    await tx.delete(fundsCofinancing).where(eq(fundsCofinancing.id, entryId));
    await bump(tx, row);
    await writeAudit(tx, event(actor, 'autonomy.funds.cofinancing', id, `remove:${entry.kind}:${entry.amountCents}`));
  });
}

/**
 * Rule 8: a governance cost is written only while the year's row is held
 * and the costs already charged plus this one stay within
 * floor(contribution × 10 / 100); exactly the limit is accepted, one cent
 * more refused. It also may not take money the plan already allocates.
 */
export async function addGovernance(db: DbOrTx, actor: FundsActor, id: string, input: GovernanceIn): Promise<void> {
  await write(db, async (tx) => {
    const { row, side } = await held(tx, actor, id);
    requireCapofila(side);
    const f = await figures(tx, row);
    if (f.governanceCents + input.amountCents > f.governanceLimitCents) throw governanceRefusal('/body/amountCents', f.governanceLimitCents, f.governanceCents, input.amountCents);
    const allocable = f.allocableCents - input.amountCents;
    if (f.allocatedCents > allocable) throw planRefusal('/body/amountCents', f.allocableCents, input.amountCents, f.allocableCents - f.allocatedCents);
    await tx.insert(fundsGovernanceCosts).values({ yearId: id, description: input.description, amountCents: input.amountCents, incurredOn: input.incurredOn });
    await bump(tx, row);
    await writeAudit(tx, event(actor, 'autonomy.funds.governance', id, `add:${input.amountCents}`));
  });
}

export async function removeGovernance(db: DbOrTx, actor: FundsActor, id: string, entryId: string, expected: number): Promise<void> {
  await write(db, async (tx) => {
    const { row, side } = await held(tx, actor, id, expected);
    requireCapofila(side);
    const [entry] = await tx.select().from(fundsGovernanceCosts).where(and(eq(fundsGovernanceCosts.id, entryId), eq(fundsGovernanceCosts.yearId, id)));
    if (!entry) throw resourceNotFound('funds_governance_cost', entryId);
    await tx.delete(fundsGovernanceCosts).where(eq(fundsGovernanceCosts.id, entryId));
    await bump(tx, row);
    await writeAudit(tx, event(actor, 'autonomy.funds.governance', id, `remove:${entry.amountCents}`));
  });
}

// --- Call, applications, review -------------------------------------------------

/**
 * An application to the call: a partner for its own organisation, the
 * capofila for any (a paper application). The organisation is a CAV or
 * shelter of the network registered in the Albo; one per year.
 */
export async function addApplication(db: DbOrTx, actor: FundsActor, id: string, input: ApplicationIn): Promise<void> {
  await write(db, async (tx) => {
    const { row, side } = await held(tx, actor, id);
    if (side === 'partner' && input.organisationId !== actor.organisationId) throw invalid({ pointer: '/body/organisationId', code: 'not_allowed' });
    const org = (await eligibility(tx, row.networkId, [input.organisationId])).get(input.organisationId);
    if (!org) throw invalid({ pointer: '/body/organisationId', code: 'not_in_network' });
    if (!funded(org.type)) throw invalid({ pointer: '/body/organisationId', code: 'not_cav_or_shelter' });
    if (!org.registered) throw new AppError('funds_not_registered', { errors: [{ pointer: '/body/organisationId', code: 'not_registered' }] });
    await tx.insert(fundsApplications).values({ yearId: id, organisationId: input.organisationId, requestedCents: input.requestedCents, submittedOn: input.submittedOn });
    await bump(tx, row);
    await writeAudit(tx, event(actor, 'autonomy.funds.application', id, `add:${input.organisationId}`));
  });
}

async function application(tx: Tx, actor: FundsActor, side: string, yearId: string, applicationId: string, expected: number) {
  const [app] = await tx
    .select()
    .from(fundsApplications)
    .where(and(eq(fundsApplications.id, applicationId), eq(fundsApplications.yearId, yearId)))
    .for('update');
  if (!app || (side === 'partner' && app.organisationId !== actor.organisationId)) throw resourceNotFound('funds_application', applicationId);
  if (app.version !== expected) throw new AppError('precondition_failed');
  return app;
}

/** Edits an application before its review (If-Match: the application). */
export async function updateApplication(db: DbOrTx, actor: FundsActor, id: string, applicationId: string, expected: number, input: ApplicationUpdate): Promise<void> {
  await write(db, async (tx) => {
    const { row, side } = await held(tx, actor, id);
    const app = await application(tx, actor, side, id, applicationId, expected);
    if (app.outcome) throw new AppError('funds_application_reviewed');
    await tx
      .update(fundsApplications)
      .set({ ...input, version: app.version + 1 })
      .where(eq(fundsApplications.id, applicationId));
    await bump(tx, row);
    await writeAudit(tx, event(actor, 'autonomy.funds.application', id, `update:${app.organisationId}`));
  });
}

/** The istruttoria (the capofila, If-Match: the application), while the plan is a draft. */
export async function reviewApplication(db: DbOrTx, actor: FundsActor, id: string, applicationId: string, expected: number, input: ReviewIn): Promise<void> {
  await write(db, async (tx) => {
    const { row, side } = await held(tx, actor, id);
    requireCapofila(side);
    const app = await application(tx, actor, side, id, applicationId, expected);
    if (row.planState !== 'bozza') throw new AppError('funds_plan_state');
    await tx
      .update(fundsApplications)
      .set({ outcome: input.outcome, reason: input.reason ?? null, proposedCents: input.proposedCents ?? null, reviewedOn: input.reviewedOn, version: app.version + 1 })
      .where(eq(fundsApplications.id, applicationId));
    await bump(tx, row);
    await writeAudit(tx, event(actor, 'autonomy.funds.review', id, `${input.outcome}${input.reason ? `:${input.reason}` : ''}`));
  });
}

// --- The allocation plan --------------------------------------------------------

/**
 * The plan, replaced (If-Match: the year; only as a draft): CAV and
 * shelters of the network registered in the Albo (an unregistered one is
 * 409 `funds_not_registered`), each once; its total at most the regional
 * contribution plus money co-financing minus governance costs (409).
 */
export async function setPlan(db: DbOrTx, actor: FundsActor, id: string, expected: number, input: PlanIn): Promise<void> {
  await write(db, async (tx) => {
    const { row, side } = await held(tx, actor, id, expected);
    requireCapofila(side);
    if (row.planState !== 'bozza') throw new AppError('funds_plan_state');
    const ids = input.allocations.map((a) => a.organisationId);
    const orgs = await eligibility(tx, row.networkId, ids);
    const errors: FieldIssue[] = [];
    const unregistered: FieldIssue[] = [];
    const seen = new Set<string>();
    input.allocations.forEach((a, i) => {
      const pointer = `/body/allocations/${i}/organisationId`;
      const org = orgs.get(a.organisationId);
      if (seen.has(a.organisationId)) errors.push({ pointer, code: 'duplicate' });
      seen.add(a.organisationId);
      if (!org) errors.push({ pointer, code: 'not_in_network' });
      else if (!funded(org.type)) errors.push({ pointer, code: 'not_cav_or_shelter' });
      else if (!org.registered) unregistered.push({ pointer, code: 'not_registered', item: a.organisationId });
    });
    if (errors.length) throw invalid(...errors);
    if (unregistered.length) throw new AppError('funds_not_registered', { errors: unregistered });
    const total = input.allocations.reduce((s, a) => s + a.amountCents, 0);
    const f = await figures(tx, row);
    if (total > f.allocableCents) throw planRefusal('/body/allocations', f.allocableCents, total, f.allocableCents);
    for (const a of input.allocations) {
      await tx
        .insert(fundsAllocations)
        .values({ yearId: id, organisationId: a.organisationId, amountCents: a.amountCents })
        .onConflictDoUpdate({ target: [fundsAllocations.yearId, fundsAllocations.organisationId], set: { amountCents: a.amountCents, version: sql`${fundsAllocations.version} + 1` } });
    }
    // A draft plan has no expenses (the rendicontazione starts once it is sent): what is left out goes.
    await tx.delete(fundsAllocations).where(and(eq(fundsAllocations.yearId, id), ids.length ? sql`${fundsAllocations.organisationId} not in (${sql.join(ids.map((o) => sql`${o}::uuid`), sql`, `)})` : undefined));
    await bump(tx, row);
    await writeAudit(tx, event(actor, 'autonomy.funds.plan', id, `rows:${ids.length} total:${total}`));
  });
}

export async function movePlan(db: DbOrTx, actor: FundsActor, id: string, expected: number, input: PlanMoveIn): Promise<void> {
  await write(db, async (tx) => {
    const { row, side } = await held(tx, actor, id, expected);
    requireCapofila(side);
    const t = planTransitions[input.move];
    if (row.planState !== t.from) throw new AppError('funds_plan_state');
    const set: Partial<typeof fundsYears.$inferInsert> = { planState: t.to };
    if (input.move === 'condividi') set.planSharedOn = input.on!;
    if (input.move === 'invia') {
      if (input.on! < row.planSharedOn!) throw invalid({ pointer: '/body/on', code: 'from_after_to' });
      set.planSentOn = input.on!;
      set.planProtocol = input.protocol!;
    }
    if (input.move === 'riapri') set.planSharedOn = null;
    await bump(tx, row, set);
    await writeAudit(tx, event(actor, 'autonomy.funds.plan', id, `move:${input.move}`));
  });
}

// --- Rendicontazione ------------------------------------------------------------

/** The allocation, held `for update`: the partner's own (or any, for the capofila); 404 otherwise. */
async function allocation(tx: Tx, actor: FundsActor, side: string, yearId: string, allocationId: string) {
  const [a] = await tx
    .select()
    .from(fundsAllocations)
    .where(and(eq(fundsAllocations.id, allocationId), eq(fundsAllocations.yearId, yearId)))
    .for('update');
  if (!a || (side === 'partner' && a.organisationId !== actor.organisationId)) throw resourceNotFound('funds_allocation', allocationId);
  return a;
}

/**
 * An expense against the partner's own allocation, once the plan is sent
 * and while its rendicontazione is open. The allocation's row is held: the
 * expenses already recorded plus this one never exceed it (409 naming the
 * allocation, what is used, the amount asked and what is left).
 */
export async function addExpense(db: DbOrTx, actor: FundsActor, id: string, allocationId: string, input: FundsExpenseIn): Promise<void> {
  await write(db, async (tx) => {
    const { row, side } = await yearFor(tx, actor, id);
    const a = await allocation(tx, actor, side, id, allocationId);
    if (a.organisationId !== actor.organisationId) throw new SideForbidden();
    if (row.planState !== 'inviato') throw new AppError('funds_plan_state');
    if (a.reportState !== 'non_avviata' && a.reportState !== 'in_corso') throw new AppError('funds_report_state');
    const used = await sumOf(tx, tx.select({ s: sql<string>`coalesce(sum(${fundsExpenses.amountCents}), 0)` }).from(fundsExpenses).where(eq(fundsExpenses.allocationId, allocationId)));
    if (used + input.amountCents > a.amountCents) {
      const left = Math.max(0, a.amountCents - used);
      throw new AppError('funds_allocation_exceeded', {
        errors: [
          {
            pointer: '/body/amountCents',
            code: 'allocation_exceeded',
            params: {
              allocationCents: a.amountCents,
              usedCents: used,
              askedCents: input.amountCents,
              leftCents: left,
              allocationEuro: euros(a.amountCents),
              usedEuro: euros(used),
              askedEuro: euros(input.amountCents),
              leftEuro: euros(left),
            },
          },
        ],
      });
    }
    await tx.insert(fundsExpenses).values({ allocationId, category: input.category, description: input.description ?? null, amountCents: input.amountCents, spentOn: input.spentOn, documentRef: input.documentRef, createdBy: actor.userId });
    await tx
      .update(fundsAllocations)
      .set({ reportState: 'in_corso', version: a.version + 1 })
      .where(eq(fundsAllocations.id, allocationId));
    await writeAudit(tx, event(actor, 'autonomy.funds.expense', id, `add:${input.category}:${input.amountCents}`));
  });
}

export async function removeExpense(db: DbOrTx, actor: FundsActor, id: string, allocationId: string, expenseId: string, expected: number): Promise<void> {
  await write(db, async (tx) => {
    const { side } = await yearFor(tx, actor, id);
    const a = await allocation(tx, actor, side, id, allocationId);
    if (a.organisationId !== actor.organisationId) throw new SideForbidden();
    if (a.version !== expected) throw new AppError('precondition_failed');
    if (a.reportState !== 'non_avviata' && a.reportState !== 'in_corso') throw new AppError('funds_report_state');
    const [e] = await tx.select().from(fundsExpenses).where(and(eq(fundsExpenses.id, expenseId), eq(fundsExpenses.allocationId, allocationId)));
    if (!e) throw resourceNotFound('funds_expense', expenseId);
    await tx.delete(fundsExpenses).where(eq(fundsExpenses.id, expenseId));
    await tx
      .update(fundsAllocations)
      .set({ version: a.version + 1 })
      .where(eq(fundsAllocations.id, allocationId));
    await writeAudit(tx, event(actor, 'autonomy.funds.expense', id, `remove:${e.category}:${e.amountCents}`));
  });
}

/** presenta (the partner's head, its own), verifica and rimanda (the capofila); If-Match: the allocation. */
export async function moveReport(db: DbOrTx, actor: FundsActor, id: string, allocationId: string, expected: number, input: ReportMoveIn): Promise<void> {
  await write(db, async (tx) => {
    const { row, side } = await yearFor(tx, actor, id);
    const a = await allocation(tx, actor, side, id, allocationId);
    if (input.move === 'presenta') {
      if (a.organisationId !== actor.organisationId || actor.role !== 'organisation_head') throw new SideForbidden();
    } else requireCapofila(side);
    if (a.version !== expected) throw new AppError('precondition_failed');
    if (row.planState !== 'inviato') throw new AppError('funds_plan_state');
    const set: Partial<typeof fundsAllocations.$inferInsert> = {};
    if (input.move === 'presenta') {
      if (a.reportState !== 'non_avviata' && a.reportState !== 'in_corso') throw new AppError('funds_report_state');
      Object.assign(set, { reportState: 'presentata', submittedOn: input.on });
    } else {
      if (a.reportState !== 'presentata') throw new AppError('funds_report_state');
      if (input.on < a.submittedOn!) throw invalid({ pointer: '/body/on', code: 'from_after_to' });
      if (input.move === 'verifica') Object.assign(set, { reportState: 'verificata', verifiedOn: input.on });
      else Object.assign(set, { reportState: 'in_corso', submittedOn: null });
    }
    await tx
      .update(fundsAllocations)
      .set({ ...set, version: a.version + 1 })
      .where(eq(fundsAllocations.id, allocationId));
    await writeAudit(tx, event(actor, 'autonomy.funds.report_move', id, `${input.move}:${a.organisationId}`));
  });
}
