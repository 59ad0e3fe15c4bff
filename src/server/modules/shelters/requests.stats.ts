import { and, eq, inArray, sql } from 'drizzle-orm';
import type { RequestStatsOut } from '../../../shared/shelters.requests.api.js';
import { placementDeclineReasons, placementRequestStates, placementUrgencies } from '../../../shared/shelters.js';
import type { Scope } from '../../access/scope.js';
import { actedBy, writeAuditAlone } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { type DbOrTx, readHandle } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { THRESHOLDS, suppressCell, suppressGroup } from '../../platform/suppression.js';
import { networkMembers, networks } from '../organisations/index.js';
import { placementProposals, placementRequests } from './shelters.tables.js';

/**
 * Placement counters (docs/shelters.md, "Counts"): what a network shows the
 * Region — requests by state and urgency, the structures' answers (accepted,
 * declined by reason, holds expired) and the unmet demand (requests closed
 * `non_soddisfatta`) per quarter. Numbers only, over the requests of the
 * organisations of the networks her organisation leads (a coordinator; an
 * observatory analyst: the networks her organisation belongs to), small
 * cells suppressed as the referral counters do (1–4 hidden).
 */

/** The networks whose counts she reads: those her organisation leads, else those it belongs to (an observatory). */
export async function readerNetworks(db: DbOrTx, organisationId: string) {
  const led = await db
    .select({ id: networks.id, name: networks.name })
    .from(networkMembers)
    .innerJoin(networks, eq(networks.id, networkMembers.networkId))
    .where(and(eq(networkMembers.organisationId, organisationId), eq(networkMembers.isCapofila, true)));
  if (led.length) return led;
  return db.select({ id: networks.id, name: networks.name }).from(networkMembers).innerJoin(networks, eq(networks.id, networkMembers.networkId)).where(eq(networkMembers.organisationId, organisationId));
}

export async function requestStats(ctx: AppContext, scope: Scope, requestId: string): Promise<RequestStatsOut> {
  const org = scope.principal.organisation;
  if (!org) throw new AppError('organisation_required');
  const db = readHandle(ctx.database.db);
  const nets = (await readerNetworks(db, org.id)).sort((a, b) => a.name.localeCompare(b.name, 'it'));
  const threshold = THRESHOLDS.network;
  const members = nets.length
    ? (await db.selectDistinct({ id: networkMembers.organisationId }).from(networkMembers).where(inArray(networkMembers.networkId, nets.map((n) => n.id)))).map((m) => m.id)
    : [];
  const ofMembers = members.length ? inArray(placementRequests.requestingOrganisationId, members) : sql`false`;

  const byState = await db
    .select({ state: placementRequests.state, urgency: placementRequests.urgency, n: sql<number>`count(*)`.mapWith(Number) })
    .from(placementRequests)
    .where(ofMembers)
    .groupBy(placementRequests.state, placementRequests.urgency);
  const cells = placementRequestStates.flatMap((state) => placementUrgencies.map((urgency) => ({ state, urgency, n: byState.find((c) => c.state === state && c.urgency === urgency)?.n ?? 0 })));
  const shownCells = suppressGroup(cells.map((c) => c.n), threshold);

  const answers = await db
    .select({ state: placementProposals.state, reason: placementProposals.declineReason, n: sql<number>`count(*)`.mapWith(Number) })
    .from(placementProposals)
    .innerJoin(placementRequests, eq(placementRequests.id, placementProposals.requestId))
    .where(ofMembers)
    .groupBy(placementProposals.state, placementProposals.declineReason);
  const countOf = (pred: (a: (typeof answers)[number]) => boolean) => answers.filter(pred).reduce((n, a) => n + a.n, 0);
  // Accepted counts every proposal a structure accepted, whether its hold then led to an admission or expired.
  const accepted = countOf((a) => a.state === 'accettata' || a.state === 'ammessa' || a.state === 'scaduta');
  const reasons = placementDeclineReasons.map((reason) => countOf((a) => a.state === 'rifiutata' && a.reason === reason));
  const shownReasons = suppressGroup(reasons, threshold);

  const quarter = sql<string>`to_char((${placementRequests.closedAt} at time zone 'Europe/Rome'), 'YYYY-"Q"Q')`;
  const unmet = await db
    .select({ quarter, n: sql<number>`count(*)`.mapWith(Number) })
    .from(placementRequests)
    .where(and(ofMembers, eq(placementRequests.state, 'chiusa'), eq(placementRequests.closedReason, 'non_soddisfatta')))
    .groupBy(quarter)
    .orderBy(quarter);

  await writeAuditAlone(ctx.database.db, { ...actedBy(scope, requestId, 'shelter.request.stats', { type: 'organisation', id: org.id }), purpose: `networks:${nets.length}` });
  return {
    threshold,
    networks: nets,
    requests: cells.map((c, i) => ({ state: c.state, urgency: c.urgency, count: shownCells[i]! })),
    proposals: {
      accepted: suppressCell(accepted, threshold),
      expired: suppressCell(countOf((a) => a.state === 'scaduta'), threshold),
      declined: placementDeclineReasons.map((reason, i) => ({ reason, count: shownReasons[i]! })),
    },
    unmet: unmet.map((u) => ({ quarter: u.quarter, count: suppressCell(u.n, threshold) })),
  };
}
