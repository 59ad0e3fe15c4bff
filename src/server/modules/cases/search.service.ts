import { and, desc, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import { CASE_SEARCH_LIMIT } from '../../../shared/cases.search.api.js';
import type { Scope } from '../../access/scope.js';
import { actedBy, writeAudits } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { writeTransaction } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { accessCases, grants, listedEvents, mayHoldCases } from './cases.access.js';
import { presentSummaries } from './cases.present.js';
import { caseMembers, cases } from './cases.tables.js';
import { PREFIX, searchTerms } from './search.fold.js';
import { blindToken, searchKey } from './search.index.js';
import { caseSearchTokens } from './search.tables.js';

/**
 * Cases matched by the index before the choke point decides: a bound on the
 * work of one search. A name that common within the organisations she may
 * see is answered with `more` (she should say more: the surname, the number).
 */
const CANDIDATES = 500;

/** For each query word, its tokens in each organisation whose cases she may hold: the exact word, and its prefix. */
function queryTokens(key: Buffer, organisationIds: readonly string[], terms: ReturnType<typeof searchTerms>) {
  if (terms.kind === 'none') return { words: [] as string[][], exact: [] as string[] };
  if (terms.kind === 'phone') {
    const tokens = organisationIds.map((o) => blindToken(key, o, 'phone', terms.phone));
    return { words: [tokens], exact: tokens };
  }
  const exact: string[] = [];
  const words = terms.words.map((w) =>
    organisationIds.flatMap((o) => {
      const name = blindToken(key, o, 'name', w);
      exact.push(name);
      return w.length >= PREFIX ? [name, blindToken(key, o, 'prefix', w.slice(0, PREFIX))] : [name];
    }),
  );
  return { words, exact };
}

/**
 * Finds the cases of a woman by her name or her phone number, through the
 * blind index, among the cases she may see — closed pathways included —
 * and only where her access holds the identity section (a match elsewhere
 * would tell her who the woman is). Each case shown is audited like the
 * caseload's (`case.listed`, `search:identity`); the search itself is
 * audited with the kind of query and the count, never its text.
 */
export function searchCases(ctx: AppContext, scope: Scope, q: string, requestId: string) {
  return writeTransaction(
    ctx.database.db,
    async (tx) => {
      const organisation = scope.principal.organisation;
      if (!organisation) throw new AppError('organisation_required');
      if (!mayHoldCases(organisation.type) || scope.principal.isInstanceAdmin) throw new AppError('forbidden');
      const terms = searchTerms(q);
      // Her organisation, and those whose cases are shared with her: a token is bound to the case's owner.
      const sharing = await tx
        .selectDistinct({ id: cases.organisationId })
        .from(caseMembers)
        .innerJoin(cases, eq(cases.id, caseMembers.caseId))
        .where(and(eq(caseMembers.userId, scope.principal.userId), eq(caseMembers.organisationId, organisation.id), ne(cases.organisationId, organisation.id)));
      const { words, exact } = terms.kind === 'none' ? { words: [], exact: [] } : queryTokens(await searchKey(ctx, tx), [organisation.id, ...sharing.map((s) => s.id)], terms);
      // The index alone first (its token index, nothing else): the cases where every word matches, with how many matched exactly.
      const matched = new Map<string, number>();
      if (words.length) {
        const token = caseSearchTokens.token;
        const exactCount = sql<number>`count(distinct ${token}) filter (where ${inArray(token, exact)})::int`;
        const found = await tx
          .select({ id: caseSearchTokens.caseId, exact: exactCount })
          .from(caseSearchTokens)
          .where(inArray(token, words.flat()))
          .groupBy(caseSearchTokens.caseId)
          .having(and(...words.map((w) => sql`bool_or(${inArray(token, w)})`)) as SQL)
          .orderBy(desc(exactCount), desc(caseSearchTokens.caseId))
          .limit(CANDIDATES);
        for (const f of found) matched.set(f.id, f.exact);
      }
      // The choke point decides, as for one case: only the cases whose identity section she holds (closed ones too).
      const accessOf = await accessCases(tx, scope, [...matched.keys()]);
      const held = [...accessOf.values()]
        .filter((access) => grants(access, 'identity'))
        .map((access) => access.row)
        .sort((a, b) => matched.get(b.id)! - matched.get(a.id)! || b.updatedAt.getTime() - a.updatedAt.getTime() || (a.id < b.id ? 1 : -1));
      const shown = held.slice(0, CASE_SEARCH_LIMIT);
      const items = await presentSummaries(ctx, tx, shown, accessOf);
      await writeAudits(tx, [
        { ...actedBy(scope, requestId, 'case.search'), purpose: `${terms.kind}: ${items.length} cases` },
        ...listedEvents(scope, requestId, 'search', items.map((item) => ({ id: item.id, identity: true }))),
      ]);
      return { items, more: held.length > shown.length || matched.size === CANDIDATES };
    },
    () => new AppError('conflict'),
  );
}
