import { THRESHOLDS, suppressGroup } from '../../platform/suppression.js';
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { intakeRefusalReasons, intakeStates, projectStates, type ProjectState, type ResultMeasure } from '../../../shared/autonomy.js';
import type { MoneyFigures, ProgrammeSummaryOut } from '../../../shared/autonomy.programmes.api.js';
import { writeAuditAlone } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { type DbOrTx, readHandle } from '../../platform/db.js';
import { organisations } from '../organisations/index.js';
import { autonomyBudgets, autonomyExpenses, autonomyIntakes, autonomyPartners, autonomyProjects, autonomyResults } from './autonomy.tables.js';
import { type ProgrammeActor, type ProgrammeRow, sidePurpose } from './programmes.access.js';
import { readable } from './programmes.service.js';
import { groupWorkCounts } from './workshops.service.js';

/**
 * A programme's summary (docs/autonomy.md, "The summary"): money per axis,
 * per partner and per axis of each partner — allocated (the budgets),
 * committed (every expense not cancelled: committed or paid, as the caps
 * count them), paid, left (allocated − committed) —; expected results
 * against their actual values; projects per state; intakes per state and
 * the reasons of those not admitted. Counts and sums only: no case, no
 * case code, no person.
 */

/** Project states that count as a personalised path activated (the seed's "percorsi attivati"). */
export const PATH_STATES: readonly ProjectState[] = ['approvata', 'in_corso', 'conclusa'];

/** Measures counted from the records (projects; group work and agreements: workshops.service.ts); `manuale` takes the coordinator's value. */
export const COUNTED_MEASURES: readonly ResultMeasure[] = ['percorsi', 'accordi', 'laboratorio_sessioni', 'laboratorio_partecipanti', 'incontri_formativi'];

const figures = (allocated: number, committed: number, paid: number): MoneyFigures => ({
  allocatedCents: allocated,
  committedCents: committed,
  paidCents: paid,
  leftCents: allocated - committed,
});

export async function computeSummary(db: DbOrTx, row: ProgrammeRow): Promise<ProgrammeSummaryOut> {
  const id = row.id;
  const budgets = await db.select().from(autonomyBudgets).where(eq(autonomyBudgets.programmeId, id));
  const spent = await db
    .select({
      axisCode: autonomyExpenses.axisCode,
      organisationId: autonomyExpenses.partnerOrganisationId,
      committed: sql<string>`sum(${autonomyExpenses.amountCents})`,
      paid: sql<string>`coalesce(sum(${autonomyExpenses.amountCents}) filter (where ${autonomyExpenses.state} = 'pagata'), 0)`,
    })
    .from(autonomyExpenses)
    .where(and(eq(autonomyExpenses.programmeId, id), ne(autonomyExpenses.state, 'annullata')))
    .groupBy(autonomyExpenses.axisCode, autonomyExpenses.partnerOrganisationId);

  // Cells: each (axis, partner) budgeted or spent on.
  const cells = new Map<string, { axisCode: string; organisationId: string; allocated: number; committed: number; paid: number }>();
  const cell = (axisCode: string, organisationId: string) => {
    const key = `${axisCode}\u0000${organisationId}`;
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { axisCode, organisationId, allocated: 0, committed: 0, paid: 0 }));
    return c;
  };
  for (const b of budgets) cell(b.axisCode, b.organisationId).allocated += b.amountCents;
  for (const s of spent) {
    const c = cell(s.axisCode, s.organisationId);
    c.committed += Number(s.committed);
    c.paid += Number(s.paid);
  }
  const all = [...cells.values()];
  const add = (list: typeof all) => list.reduce((t, c) => ({ a: t.a + c.allocated, c: t.c + c.committed, p: t.p + c.paid }), { a: 0, c: 0, p: 0 });

  // Axes in the frame's order (then any code the data hold that the frame no longer has).
  const axisCodes = [...row.frame.axes.map((a) => a.code), ...new Set(all.map((c) => c.axisCode).filter((a) => !row.frame.axes.some((x) => x.code === a)))];
  const byAxis = axisCodes.map((axisCode) => {
    const t = add(all.filter((c) => c.axisCode === axisCode));
    return { axisCode, name: row.frame.axes.find((a) => a.code === axisCode)?.name ?? axisCode, ...figures(t.a, t.c, t.p) };
  });

  // Partners: the capofila first, then partners by name, then any other organisation the data name.
  const partners = await db
    .select({ id: autonomyPartners.organisationId, role: autonomyPartners.role })
    .from(autonomyPartners)
    .where(eq(autonomyPartners.programmeId, id));
  const orgIds = [...new Set([...partners.map((p) => p.id), ...all.map((c) => c.organisationId)])];
  const names = orgIds.length
    ? new Map((await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, orgIds))).map((o) => [o.id, o.name]))
    : new Map<string, string>();
  const roleOf = (o: string) => partners.find((p) => p.id === o)?.role ?? null;
  const rank = (o: string) => (roleOf(o) === 'capofila' ? 0 : roleOf(o) === 'partner' ? 1 : 2);
  orgIds.sort((a, b) => rank(a) - rank(b) || (names.get(a) ?? '').localeCompare(names.get(b) ?? '', 'it'));
  const byPartner = orgIds.map((organisationId) => {
    const t = add(all.filter((c) => c.organisationId === organisationId));
    return { organisationId, name: names.get(organisationId) ?? '', role: roleOf(organisationId), ...figures(t.a, t.c, t.p) };
  });

  const total = add(all);

  // Projects per state; the measure `percorsi` counts those approved or later.
  const projectRows = await db
    .select({ state: autonomyProjects.state, n: sql<number>`count(*)::int` })
    .from(autonomyProjects)
    .where(eq(autonomyProjects.programmeId, id))
    .groupBy(autonomyProjects.state);
  const projects = Object.fromEntries(projectStates.map((s) => [s, projectRows.find((r) => r.state === s)?.n ?? 0])) as ProgrammeSummaryOut['projects'];
  const paths = PATH_STATES.reduce((n, s) => n + projects[s], 0);

  const groupWork = await groupWorkCounts(db, id);
  const countOf = (m: ResultMeasure) => (m === 'percorsi' ? paths : groupWork[m as keyof typeof groupWork]);
  const results = (await db.select().from(autonomyResults).where(eq(autonomyResults.programmeId, id)).orderBy(asc(autonomyResults.position))).map((r) => {
    const counted = COUNTED_MEASURES.includes(r.measure);
    return { id: r.id, label: r.label, measure: r.measure, target: r.target, actual: counted ? countOf(r.measure) : r.manualActual, counted };
  });

  const intakeRows = await db
    .select({ state: autonomyIntakes.state, reason: autonomyIntakes.refusalReason, n: sql<number>`count(*)::int` })
    .from(autonomyIntakes)
    .where(eq(autonomyIntakes.programmeId, id))
    .groupBy(autonomyIntakes.state, autonomyIntakes.refusalReason);
  // Who was referred and why she was not admitted could point at a woman the reader knows: small cells are
  // hidden as on every internal dashboard (1–4, and one more so that none is derived from the shown total).
  const stateCells = suppressGroup(intakeStates.map((s) => intakeRows.filter((r) => r.state === s).reduce((n, r) => n + r.n, 0)), THRESHOLDS.network);
  const reasonCells = suppressGroup(
    intakeRefusalReasons.map((reason) => intakeRows.filter((r) => r.state === 'non_ammessa' && r.reason === reason).reduce((n, r) => n + r.n, 0)),
    THRESHOLDS.network,
  );
  const byState = Object.fromEntries(intakeStates.map((s, i) => [s, stateCells[i]])) as ProgrammeSummaryOut['intakes']['byState'];
  const refusals = Object.fromEntries(intakeRefusalReasons.map((reason, i) => [reason, reasonCells[i]])) as ProgrammeSummaryOut['intakes']['refusals'];

  return {
    id,
    name: row.name,
    totalCents: row.totalCents,
    overall: { ...figures(total.a, total.c, total.p), unallocatedCents: row.totalCents - total.a },
    byAxis,
    byPartner,
    cells: all
      .sort((a, b) => axisCodes.indexOf(a.axisCode) - axisCodes.indexOf(b.axisCode) || orgIds.indexOf(a.organisationId) - orgIds.indexOf(b.organisationId))
      .map((c) => ({ axisCode: c.axisCode, organisationId: c.organisationId, ...figures(c.allocated, c.committed, c.paid) })),
    results,
    projects,
    intakes: { byState, refusals, threshold: THRESHOLDS.network },
  };
}

/** The summary of a programme she may read: audited (her side in purpose). */
export async function getSummary(ctx: AppContext, actor: ProgrammeActor, id: string): Promise<ProgrammeSummaryOut> {
  const db = readHandle(ctx.database.db);
  const { row, side } = await readable(db, actor, id);
  const out = await computeSummary(db, row);
  await writeAuditAlone(ctx.database.db, {
    action: 'autonomy.programme.summary',
    outcome: 'success',
    actorUserId: actor.userId,
    actorOrganisationId: actor.organisationId,
    resourceType: 'autonomy_programme',
    resourceId: id,
    purpose: sidePurpose(side),
    requestId: actor.requestId,
  });
  return out;
}
