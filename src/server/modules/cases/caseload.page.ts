import { type SQL, and, sql } from 'drizzle-orm';
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
 * One page of the caseload, as case ids in order, and its total. The page
 * is chosen on narrow rows — (id, sort key, last change) of each listable
 * case, from the two disjoint branches of listableBranches, each driven by
 * an index — and the caller reads only its cases whole, with the choke
 * point's decision (readCases): sorting 2,000 whole cases (their sealed
 * fields included) to keep 50 was most of a page's cost. Ties: newest
 * change first, then id, so pages never overlap.
 */
export async function caseloadPage(
  tx: DbOrTx,
  scope: Scope,
  filters: SQL | undefined,
  q: { sort?: CaseloadSort | undefined; order?: 'asc' | 'desc' | undefined; limit: number; offset: number },
): Promise<{ ids: string[]; total: number }> {
  const branches = listableBranches(scope);
  if (!branches) return { ids: [], total: 0 };
  const sort = q.sort ?? 'recent';
  const direction = (q.order ?? caseloadDefaultOrder[sort]) === 'desc' ? sql`desc` : sql`asc`;
  const branch = (where: SQL) => sql`select ${cases.id} as id, ${sortKey(sort)} as k, ${cases.updatedAt} as u from ${cases} where ${and(where, filters)}`;
  const listed = sql`(${branch(branches.own)} union all ${branch(branches.shared)}) as listed`;
  // The total rides on the page (a window count); a page past the end has no row to carry it.
  const { rows: page } = await tx.execute<{ id: string; n: number }>(
    sql`select id, count(*) over ()::int as n from ${listed} order by k ${direction} nulls last, u desc, id desc limit ${q.limit} offset ${q.offset}`,
  );
  const total = page.length
    ? Number(page[0]!.n)
    : Number((await tx.execute<{ n: number }>(sql`select count(*)::int as n from ${listed}`)).rows[0]!.n);
  return { ids: page.map((p) => p.id), total };
}
