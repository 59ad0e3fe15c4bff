import { and, desc, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import { CASE_SEARCH_LIMIT } from '../../../shared/cases.search.api.js';
import type { Scope } from '../../access/scope.js';
import { actedBy, writeAudits } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { writeTransaction } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { accessCases, grants, listableCases, listedPurpose, mayHoldCases } from './cases.access.js';
import { presentSummaries } from './cases.present.js';
import { caseBreakGlass, caseMembers, cases } from './cases.tables.js';
import { PREFIX, searchTerms } from './search.fold.js';
import { blindToken, searchKey } from './search.index.js';
import { caseSearchTokens } from './search.tables.js';

/** Candidates read before the choke point decides: enough that a few refusals do not empty the page. */
const CANDIDATES = CASE_SEARCH_LIMIT * 3;

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
 * SQL, a narrowing only: cases where she could hold the identity section
 * (on the team — another organisation's case only if her share lists it —
 * or opened by breaking the glass). The choke point (accessCases) decides
 * afterwards; this keeps a head's search from filling its candidates with
 * cases of her organisation she may list but not identify.
 */
function identityReachable(scope: Scope) {
  const { userId, organisation } = scope.principal;
  return sql`(exists (
    select 1 from ${caseMembers} m
    where m.case_id = ${cases.id} and m.user_id = ${userId} and m.organisation_id = ${organisation!.id}
      and (${cases.organisationId} = ${organisation!.id} or m.sections @> '["identity"]'::jsonb)
  ) or exists (
    select 1 from ${caseBreakGlass} g where g.case_id = ${cases.id} and g.user_id = ${userId} and g.expires_at > now()
  ))`;
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
      let candidates: string[] = [];
      if (words.length) {
        const token = caseSearchTokens.token;
        const everyWord = words.map((w) => sql`bool_or(${inArray(token, w)})`);
        const found = await tx
          .select({ id: caseSearchTokens.caseId })
          .from(caseSearchTokens)
          .innerJoin(cases, eq(cases.id, caseSearchTokens.caseId))
          .where(and(inArray(token, words.flat()), listableCases(scope), identityReachable(scope)))
          .groupBy(caseSearchTokens.caseId, cases.updatedAt)
          .having(and(...everyWord) as SQL)
          .orderBy(desc(sql`count(distinct ${token}) filter (where ${inArray(token, exact)})`), desc(cases.updatedAt), desc(caseSearchTokens.caseId))
          .limit(CANDIDATES);
        candidates = found.map((f) => f.id);
      }
      // The choke point decides: only the cases whose identity section she holds.
      const accessOf = await accessCases(tx, scope, candidates);
      const held = candidates.filter((id) => {
        const access = accessOf.get(id);
        return access !== undefined && grants(access, 'identity');
      });
      const shown = held.slice(0, CASE_SEARCH_LIMIT);
      const items = await presentSummaries(ctx, tx, shown.map((id) => accessOf.get(id)!.row), accessOf);
      await writeAudits(tx, [
        { ...actedBy(scope, requestId, 'case.search'), purpose: `${terms.kind}: ${items.length} cases` },
        ...items.map((item) => ({ ...actedBy(scope, requestId, 'case.listed', { type: 'case', id: item.id }), purpose: listedPurpose('search', true) })),
      ]);
      return { items, more: held.length > shown.length || candidates.length === CANDIDATES };
    },
    () => new AppError('conflict'),
  );
}
