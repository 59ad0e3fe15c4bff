import { TZDate } from '@date-fns/tz';
import { and, count, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { callOutcomes, type CallOutcome } from '../../../shared/directory.js';
import type { Scope } from '../../access/scope.js';
import type { DbOrTx } from '../../platform/db.js';
import { type Shown, THRESHOLDS, suppressCell, suppressGroup } from '../../platform/suppression.js';
import { comuni } from '../directory/index.js';
import { networkMembers, networks } from '../organisations/index.js';
import { callLog } from './routing.tables.js';

/**
 * Quarterly counts of 1522 calls per network and per comune (the DPO
 * elaborates 1522 data quarterly per territory). Small cells are
 * suppressed: 1–4 for a network's own coordinator (internal dashboard),
 * 1–9 for the regional observatory and the instance admin.
 */

export interface Quarter {
  year: number;
  quarter: 1 | 2 | 3 | 4;
}

/** The quarter's bounds in Europe/Rome: [from, to). */
export function quarterBounds(q: Quarter): { from: Date; to: Date } {
  const m = (q.quarter - 1) * 3;
  return { from: new Date(new TZDate(q.year, m, 1, 'Europe/Rome').getTime()), to: new Date(new TZDate(q.year, m + 3, 1, 'Europe/Rome').getTime()) };
}

type Outcomes = Record<CallOutcome, Shown>;

export interface NetworkCalls {
  network: { id: string; name: string } | null;
  total: Shown;
  outcomes: Outcomes;
  comuni: { istatCode: string; name: string; total: Shown }[];
}

export interface CallSummary {
  period: Quarter & { from: Date; to: Date };
  /** Counts from 1 to threshold - 1 are shown as null. */
  threshold: number;
  networks: NetworkCalls[];
}

/** The networks whose calls the scope may count: those her organisation leads; all for admin and observatory. */
async function visibleNetworks(db: DbOrTx, scope: Scope): Promise<string[] | 'all'> {
  const p = scope.principal;
  if (p.isInstanceAdmin || p.organisationRole === 'observatory_analyst') return 'all';
  if (p.organisationRole !== 'network_coordinator' || !p.organisation) return [];
  const led = await db
    .select({ id: networkMembers.networkId })
    .from(networkMembers)
    .where(and(eq(networkMembers.organisationId, p.organisation.id), eq(networkMembers.isCapofila, true)));
  return led.map((r) => r.id);
}

function outcomeCells(counts: Map<CallOutcome, number>, threshold: number): Outcomes {
  const shown = suppressGroup(callOutcomes.map((o) => counts.get(o) ?? 0), threshold);
  return Object.fromEntries(callOutcomes.map((o, i) => [o, shown[i]!])) as Outcomes;
}

export async function callSummary(db: DbOrTx, scope: Scope, q: Quarter, networkId?: string): Promise<CallSummary> {
  const { from, to } = quarterBounds(q);
  const visible = await visibleNetworks(db, scope);
  const threshold = visible === 'all' ? THRESHOLDS.public : THRESHOLDS.network;
  const wanted = networkId ? (visible === 'all' || visible.includes(networkId) ? [networkId] : []) : visible;
  const empty = { period: { ...q, from, to }, threshold, networks: [] };
  if (wanted !== 'all' && !wanted.length) return empty;

  const rows = await db
    .select({ networkId: callLog.networkId, networkName: networks.name, comune: callLog.comuneCode, comuneName: comuni.name, outcome: callLog.outcome, n: count() })
    .from(callLog)
    .leftJoin(networks, eq(networks.id, callLog.networkId))
    .innerJoin(comuni, eq(comuni.istatCode, callLog.comuneCode))
    .where(and(gte(callLog.at, from), lt(callLog.at, to), wanted === 'all' ? undefined : inArray(callLog.networkId, wanted)))
    .groupBy(callLog.networkId, networks.name, callLog.comuneCode, comuni.name, callLog.outcome)
    .orderBy(sql`${networks.name} nulls last`, comuni.name);

  const groups = new Map<string, { network: NetworkCalls['network']; outcomes: Map<CallOutcome, number>; comuni: Map<string, { name: string; n: number }> }>();
  for (const r of rows) {
    const key = r.networkId ?? '';
    const g = groups.get(key) ?? { network: r.networkId ? { id: r.networkId, name: r.networkName! } : null, outcomes: new Map(), comuni: new Map() };
    g.outcomes.set(r.outcome as CallOutcome, (g.outcomes.get(r.outcome as CallOutcome) ?? 0) + r.n);
    const c = g.comuni.get(r.comune) ?? { name: r.comuneName, n: 0 };
    c.n += r.n;
    g.comuni.set(r.comune, c);
    groups.set(key, g);
  }
  const list = [...groups.values()].map((g) => {
    const total = [...g.outcomes.values()].reduce((a, b) => a + b, 0);
    const entries = [...g.comuni.entries()];
    const shown = suppressGroup(entries.map(([, c]) => c.n), threshold);
    return {
      network: g.network,
      total: suppressCell(total, threshold),
      outcomes: outcomeCells(g.outcomes, threshold),
      comuni: entries.map(([istatCode, c], i) => ({ istatCode, name: c.name, total: shown[i]! })),
    };
  });
  return { ...empty, networks: list };
}

/** The summary as one flat table (network, comune, total) for CSV/XLSX. Suppressed cells read "oscurato" (a complementary one may be above the threshold). */
export function summaryRows(s: CallSummary) {
  const cell = (v: Shown) => (v === null ? 'oscurato' : v);
  const rows: Record<string, string | number | null>[] = [];
  for (const n of s.networks) {
    rows.push({ network: n.network?.name ?? '(nessuna rete)', comune: '', istatCode: '', total: cell(n.total), ...Object.fromEntries(callOutcomes.map((o) => [o, cell(n.outcomes[o])])) });
    for (const c of n.comuni) rows.push({ network: n.network?.name ?? '(nessuna rete)', comune: c.name, istatCode: c.istatCode, total: cell(c.total) });
  }
  return rows;
}
