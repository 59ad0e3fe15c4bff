import { asc, desc, like, or, sql } from 'drizzle-orm';
import { searchKey } from '../../../shared/text.js';
import type { DbOrTx } from '../../platform/db.js';
import { comuni } from './directory.tables.js';

/** The ISTAT comuni: public reference data, searched by the public page, the helpline and the directory forms. */

export interface ComuneMatch {
  istatCode: string;
  name: string;
  nameAlt: string | null;
  provinceSigla: string;
  regionName: string;
}

/** How many candidates the database ranks before the exact-name check (enough for any real query). */
const CANDIDATES = 50;

/** LIKE metacharacters taken literally (the key keeps `%` and `_`). */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Comuni whose name (or name in the second language) starts with the query
 * or has a word starting with it, accent-insensitive: exact names first,
 * then prefixes, then word prefixes; bigger comuni first within each.
 */
export async function searchComuni(db: DbOrTx, query: string, limit: number): Promise<ComuneMatch[]> {
  const key = searchKey(query);
  const pattern = escapeLike(key);
  const rank = sql<number>`case when ${comuni.searchName} = ${key} then 0 when ${comuni.searchName} like ${`${pattern}%`} then 1 else 2 end`;
  const rows = await db
    .select({
      istatCode: comuni.istatCode,
      name: comuni.name,
      nameAlt: comuni.nameAlt,
      provinceSigla: comuni.provinceSigla,
      regionName: comuni.regionName,
      population: comuni.population,
      searchName: comuni.searchName,
      rank,
    })
    .from(comuni)
    .where(or(like(comuni.searchName, `${pattern}%`), like(comuni.searchName, `% ${pattern}%`)))
    .orderBy(asc(rank), desc(comuni.population), asc(comuni.name))
    .limit(CANDIDATES);
  // search_name joins both names ("bolzano bozen"): an exact match of either
  // name is only visible once they are compared one by one.
  const exact = (r: (typeof rows)[number]) => searchKey(r.name) === key || (r.nameAlt !== null && searchKey(r.nameAlt) === key);
  const ranked = rows.map((r) => ({ r, rank: exact(r) ? 0 : r.searchName.startsWith(key) ? 1 : 2 }));
  ranked.sort((a, b) => a.rank - b.rank || b.r.population - a.r.population || a.r.name.localeCompare(b.r.name, 'it'));
  return ranked.slice(0, limit).map(({ r }) => ({
    istatCode: r.istatCode,
    name: r.name,
    nameAlt: r.nameAlt,
    provinceSigla: r.provinceSigla,
    regionName: r.regionName,
  }));
}
