import { type SQL, and, sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import { caseStages, riskLevels } from '../../../shared/cases.js';
import { type CaseloadSort, caseloadDefaultOrder } from '../../../shared/cases.api.js';
import type { Scope } from '../../access/scope.js';
import type { DbOrTx } from '../../platform/db.js';
import { listableBranches } from './cases.access.js';
import { cases } from './cases.tables.js';

/** The sort key of each caseload order, as SQL on `cases`. */
function sortKey(sort: CaseloadSort) {
  return {
    recent: sql`${cases.updatedAt}`,
    code: sql`${cases.code}`,
    stage: sql`array_position(array[${sql.join(caseStages.map((s) => sql`${s}`), sql`, `)}]::text[], ${cases.stage})`,
    risk: sql`array_position(array[${sql.join(riskLevels.map((r) => sql`${r}`), sql`, `)}]::text[], ${cases.riskLevel})`,
    lastContact: sql`coalesce(${cases.lastContactAt}, ${cases.contactOn}::timestamptz)`,
  }[sort];
}

/**
 * The total of a list she is paging through, kept for a few seconds so
 * that pages after the first need not count every case again (the count
 * made the page query twice as expensive: the whole list is materialised
 * before the first row comes). Keyed by her, the organisation she acts for
 * and the list's filters — never shared between people. Page 1 always
 * counts afresh, so a list opened anew shows the exact total; a later page
 * shows a total at most TOTAL_TTL_MS old (one case more or less, of her
 * own list: nothing she could not see). A page that contradicts it (past
 * the cached end, or a short last page) corrects it.
 */
const TOTAL_TTL_MS = 15_000;
const totals = new LRUCache<string, number>({ max: 10_000, ttl: TOTAL_TTL_MS });

/** Forgets every cached total (tests, and after writes whose effect must show at once). */
export function forgetCaseloadTotals(): void {
  totals.clear();
}

/**
 * One page of the caseload, as case ids in order, and its total. The page
 * is chosen on narrow rows — (id, sort key, last change) of each listable
 * case, from the two disjoint branches of listableBranches, each driven by
 * an index — and the caller reads only its cases whole, with the choke
 * point's decision (readCases): sorting 2,000 whole cases (their sealed
 * fields included) to keep 50 was most of a page's cost. Ties: newest
 * change first, then id, so pages never overlap. `listKey` names the list
 * (its filters) for the total's cache; without it every page counts.
 */
export async function caseloadPage(
  tx: DbOrTx,
  scope: Scope,
  filters: SQL | undefined,
  q: { sort?: CaseloadSort | undefined; order?: 'asc' | 'desc' | undefined; limit: number; offset: number; listKey?: string | undefined },
): Promise<{ ids: string[]; total: number }> {
  const branches = listableBranches(scope);
  if (!branches) return { ids: [], total: 0 };
  const sort = q.sort ?? 'recent';
  const direction = (q.order ?? caseloadDefaultOrder[sort]) === 'desc' ? sql`desc` : sql`asc`;
  const branch = (where: SQL) => sql`select ${cases.id} as id, ${sortKey(sort)} as k, ${cases.updatedAt} as u from ${cases} where ${and(where, filters)}`;
  const listed = sql`(${branch(branches.own)} union all ${branch(branches.shared)}) as listed`;
  const order = sql`order by k ${direction} nulls last, u desc, id desc limit ${q.limit} offset ${q.offset}`;
  const key = q.listKey === undefined ? undefined : `${scope.principal.userId}|${scope.principal.organisation?.id}|${q.listKey}`;
  const cached = key !== undefined && q.offset > 0 ? totals.get(key) : undefined;
  if (cached !== undefined) {
    const { rows } = await tx.execute<{ id: string }>(sql`select id from ${listed} ${order}`);
    const ids = rows.map((r) => r.id);
    // A full page within the cached total, or a short page ending exactly where it says: the total holds.
    const consistent = rows.length === q.limit ? q.offset + rows.length <= cached : rows.length > 0 && q.offset + rows.length === cached;
    if (consistent) return { ids, total: cached };
    // A short page is the end of the list: its total is known without counting.
    const total = rows.length > 0 && rows.length < q.limit ? q.offset + rows.length : await countListed(tx, listed);
    if (key !== undefined) totals.set(key, total);
    return { ids, total };
  }
  // The total rides on the page (a window count); a page past the end has no row to carry it.
  const { rows: page } = await tx.execute<{ id: string; n: number }>(sql`select id, count(*) over ()::int as n from ${listed} ${order}`);
  const total = page.length ? Number(page[0]!.n) : await countListed(tx, listed);
  if (key !== undefined) totals.set(key, total);
  return { ids: page.map((p) => p.id), total };
}

async function countListed(tx: DbOrTx, listed: SQL): Promise<number> {
  return Number((await tx.execute<{ n: number }>(sql`select count(*)::int as n from ${listed}`)).rows[0]!.n);
}
