import { and, eq, inArray, sql } from 'drizzle-orm';
import { type RedditoStatsOut, redditoOutcomes, redditoStates } from '../../../shared/autonomy.reddito.api.js';
import type { Scope } from '../../access/scope.js';
import { actedBy, writeAuditAlone } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { readHandle } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { THRESHOLDS, suppressCell, suppressGroup } from '../../platform/suppression.js';
import { cases } from '../cases/index.js';
import { networkMembers, networks } from '../organisations/index.js';
import { redditoApplications } from './reddito.tables.js';

/**
 * The Reddito di libertà's counts (docs/autonomy.md): over the cases of the
 * organisations of the networks her organisation leads (the coordinator of
 * the capofila), the live applications by state, every outcome recorded
 * (the histories' included), the months paid and what they amount to.
 * Numbers only, small cells suppressed as the other network counters do
 * (1–4 hidden, a lone hidden cell of a group taking another with it).
 */
export async function redditoStats(ctx: AppContext, scope: Scope, requestId: string): Promise<RedditoStatsOut> {
  const org = scope.principal.organisation;
  if (!org) throw new AppError('organisation_required');
  const db = readHandle(ctx.database.db);
  const threshold = THRESHOLDS.network;
  const led = await db
    .select({ id: networks.id, name: networks.name })
    .from(networkMembers)
    .innerJoin(networks, eq(networks.id, networkMembers.networkId))
    .where(and(eq(networkMembers.organisationId, org.id), eq(networkMembers.isCapofila, true)));
  led.sort((a, b) => a.name.localeCompare(b.name, 'it'));
  const members = led.length
    ? (await db.selectDistinct({ id: networkMembers.organisationId }).from(networkMembers).where(inArray(networkMembers.networkId, led.map((n) => n.id)))).map((m) => m.id)
    : [];
  const ofMembers = members.length ? inArray(cases.organisationId, members) : sql`false`;

  const live = db
    .selectDistinctOn([redditoApplications.caseId], { caseId: redditoApplications.caseId, state: redditoApplications.state })
    .from(redditoApplications)
    .orderBy(redditoApplications.caseId, sql`${redditoApplications.seq} desc`)
    .as('live_reddito');
  const byState = await db
    .select({ state: live.state, n: sql<number>`count(*)`.mapWith(Number) })
    .from(live)
    .innerJoin(cases, eq(cases.id, live.caseId))
    .where(ofMembers)
    .groupBy(live.state);
  const stateCells = redditoStates.map((s) => byState.find((c) => c.state === s)?.n ?? 0);
  const total = stateCells.reduce((a, b) => a + b, 0);

  const outcomes = await db
    .select({
      outcome: redditoApplications.outcome,
      n: sql<number>`count(*)`.mapWith(Number),
      months: sql<number>`coalesce(sum(${redditoApplications.monthsPaid}), 0)`.mapWith(Number),
      cents: sql<number>`coalesce(sum(${redditoApplications.monthsPaid}::bigint * coalesce(${redditoApplications.monthlyCents}, 0)), 0)`.mapWith(Number),
    })
    .from(redditoApplications)
    .innerJoin(cases, eq(cases.id, redditoApplications.caseId))
    .where(and(ofMembers, sql`${redditoApplications.outcome} is not null`))
    .groupBy(redditoApplications.outcome);
  const outcomeCells = redditoOutcomes.map((o) => outcomes.find((c) => c.outcome === o)?.n ?? 0);
  const granted = outcomes.find((c) => c.outcome === 'accolta');
  // The months and money of fewer granted applications than the threshold would speak of too few women.
  const paidShown = suppressCell(granted?.n ?? 0, threshold) !== null;

  await writeAuditAlone(ctx.database.db, { ...actedBy(scope, requestId, 'autonomy.reddito.stats', { type: 'organisation', id: org.id }), purpose: `networks:${led.length}` });
  const shownStates = suppressGroup(stateCells, threshold);
  const shownOutcomes = suppressGroup(outcomeCells, threshold);
  return {
    threshold,
    networks: led,
    byState: redditoStates.map((state, i) => ({ state, count: shownStates[i]! })),
    outcomes: redditoOutcomes.map((outcome, i) => ({ outcome, count: shownOutcomes[i]! })),
    total: suppressCell(total, threshold),
    monthsPaid: paidShown ? (granted?.months ?? 0) : null,
    paidCents: paidShown ? (granted?.cents ?? 0) : null,
  };
}
