import { type SQL, type SQLWrapper, and, eq, getTableColumns, gte, inArray, isNull, or, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { type CaseSection, caseSections } from '../../../shared/cases.js';
import type { OrganisationType } from '../../../shared/domain.js';
import type { Scope } from '../../access/scope.js';
import { type AuditEvent, actedBy } from '../../audit/audit.writer.js';
import type { DbOrTx } from '../../platform/db.js';
import { romeToday } from '../../platform/rome.js';
import { caseBreakGlass, caseConsents, caseMembers, cases } from './cases.tables.js';
import { caseCoordination } from './coordination.tables.js';
import { type RecordRow, openingsSince, recordColumns } from './cases.record.js';
import { offerCaseKeys } from '../../platform/case-keys.js';
import { caseKeys } from '../../platform/platform.tables.js';

export type CaseRow = typeof cases.$inferSelect;

/** How the principal reaches a case, and which of its sections she may see. */
export interface CaseAccess {
  row: CaseRow;
  via: 'team' | 'break_glass';
  sections: ReadonlySet<CaseSection>;
  /** She belongs to the organisation that owns the case. */
  owner: boolean;
  /** Who holds this access, and for which organisation: what the presenters show may depend on it. */
  viewer: { userId: string; organisationId: string };
  /**
   * Who coordinates the plan and team when it is not the owner: the
   * organisation of an accepted referral it was handed to, while that
   * referral's consent is live (docs/cases.md, "Coordination"); null, the owner.
   */
  coordination: { organisationId: string; since: Date } | null;
  /** Everything around the case its page shows, read with the decision when asked (`{ record: true }`); a write's access has none. */
  record?: RecordRow;
}

const ALL = new Set<CaseSection>(caseSections);

/** Staff of a perpetrator programme (CUAV) never see a victim's record (docs/domain.md §6 rule 6). */
export const mayHoldCases = (type: OrganisationType) => type !== 'cuav';
/** The author's section is for the owning organisation's assigned staff only. */
const ALL_BUT_AUTHORS = new Set<CaseSection>(caseSections.filter((s) => s !== 'authors'));


/** SQL: the consent row is live now (not revoked, not expired). */
export const consentLive = (now = new Date()) => consentLiveOn(romeToday(now));
/** The same on a given day (a value, or a placeholder of a statement built once). */
const consentLiveOn = (today: string | SQLWrapper) => and(isNull(caseConsents.revokedAt), or(isNull(caseConsents.expiresOn), gte(caseConsents.expiresOn, today)));

/**
 * What a use case needs of a case. The choke point decides it for every
 * read and every write, and presenters take its decision:
 * - `'case'`: the case itself (stage, dates, risk, team: anyone who holds it);
 * - a section, or any of several: the parts her share covers;
 * - `'owner'`: an act of the owning organisation — its record (stage,
 *   re-opening, risk level, emergency, comune, identity, profile) and the
 *   consent ledger — for its team and its head after break-the-glass, never
 *   for a member of another organisation, whatever sections she holds.
 */
export type CaseNeed = 'case' | 'owner' | CaseSection | readonly CaseSection[];

/** She acts for the organisation the owner handed the coordination to (never the owner itself). */
export const coordinates = (access: CaseAccess) => !access.owner && access.coordination?.organisationId === access.viewer.organisationId;

/**
 * She leads the plan (goals, new actions given to any organisation,
 * reviews, équipe meetings): she holds the plan section and acts for the
 * owning organisation or for the coordinating one. Any other holder of the
 * plan reads it and updates its actions, adding none.
 */
export const leadsPlan = (access: CaseAccess) => access.sections.has('plan') && (access.owner || coordinates(access));

/** The one decision: does this access grant what the use case needs? */
export function grants(access: CaseAccess, need: CaseNeed): boolean {
  if (need === 'case') return true;
  if (need === 'owner') return access.owner;
  const sections: readonly CaseSection[] = typeof need === 'string' ? [need] : need;
  return sections.some((s) => access.sections.has(s));
}

/**
 * The team as she may see it: the owning organisation (and whoever holds
 * the consent ledger) sees every member and share; a member of another
 * organisation sees the owning organisation's staff and her own
 * organisation's, and only her own share's sections — who else the woman
 * agreed to share with, and what, is the ledger's content.
 */
export function teamAsSeen<M extends { userId: string; organisation: { id: string }; sections: string[] }>(access: CaseAccess, team: readonly M[]): M[] {
  if (grants(access, 'owner') || grants(access, 'consents')) return [...team];
  return team
    .filter((m) => m.organisation.id === access.row.organisationId || m.organisation.id === access.viewer.organisationId)
    .map((m) => (m.userId === access.viewer.userId ? m : { ...m, sections: [] }));
}

/** What the screens may offer on a case: derived from the same decision, never re-derived by the web. */
export function allowedActs(access: CaseAccess) {
  return {
    editRecord: grants(access, 'owner'),
    changeStage: grants(access, 'owner'),
    manageConsents: grants(access, 'owner'),
    readBreakGlass: grants(access, 'owner'),
    leadPlan: leadsPlan(access),
    manageOwnColleagues: coordinates(access),
  };
}

/**
 * THE choke point for case data: every service reaching a case asks here
 * first, and gets nothing (the caller answers 404) unless
 * - she acts for the owning organisation and is on the case team: every section;
 * - she acts for another organisation, is on the team through a share, and
 *   the consent that share rests on is live now: the sections both allow
 *   (never the authors);
 * - she is the owning organisation's head with a live break-the-glass
 *   opening: every section but the authors.
 * Nobody else: not the instance admin (even holding a membership), not the
 * network coordinator, and never the staff of a perpetrator programme
 * (CUAV), whatever their role.
 */
export async function accessCase(db: DbOrTx, scope: Scope, caseId: string, now = new Date(), options: ReadOptions = {}): Promise<CaseAccess | null> {
  return (await readCases(db, scope, [caseId], now, options)).access.get(caseId) ?? null;
}

/** `record`: the case's page reads its record in the decision's statement (cases.record.ts). */
export interface ReadOptions {
  record?: boolean;
}

/**
 * The same decision as accessCase for many cases at once (lists, tasks,
 * search): the cases she holds, each with its sections. A case absent from
 * the map is one she does not hold; a list may still name it (the head's
 * caseload) but shows nothing of its sections.
 */
export async function accessCases(db: DbOrTx, scope: Scope, caseIds: readonly string[], now = new Date()): Promise<Map<string, CaseAccess>> {
  return (await readCases(db, scope, caseIds, now)).access;
}

/**
 * The choke point's decision on these cases, with their rows: `rows` are all
 * the cases found, in no order (a list such as the head's caseload names
 * cases she does not hold), `access` those she holds. One query: each case
 * with her membership (probed on the membership's key, case by case: her
 * 2,000 other cases are never read), the consent her share rests on (live,
 * for her organisation), for the head a live break-the-glass opening, and
 * the case's key row, handed to the keyring (offerCaseKeys) so that opening
 * her data, or finding her erased, reads nothing more.
 */
export async function readCases(
  db: DbOrTx,
  scope: Scope,
  caseIds: readonly string[],
  now = new Date(),
  options: ReadOptions = {},
): Promise<{ rows: CaseRow[]; access: Map<string, CaseAccess> }> {
  const { principal } = scope;
  const organisation = principal.organisation;
  const access = new Map<string, CaseAccess>();
  if (!organisation || !mayHoldCases(organisation.type) || principal.isInstanceAdmin || !caseIds.length) return { rows: [], access };
  const ids = [...new Set(caseIds)];
  const head = headedOrganisation(scope) === organisation.id;
  const record = !!options.record;
  const values: DecisionValues = { userId: principal.userId, organisationId: organisation.id, now: now.toISOString(), today: romeToday(now), since: openingsSince() };
  // One case (a page, every onCase) or a list (a caseload page): the statement built once per shape, run with
  // this request's values; inside a transaction it is built for the call.
  const list = ids.length > 1;
  const once = decisionOnce(db, head, record, list);
  const found: Decision[] = once
    ? await once.execute({ ...values, caseId: list ? ids : ids[0]! })
    : await decisionQuery(db, values, head, record, list ? inArray(cases.id, ids) : eq(cases.id, ids[0]!));
  const viewer = { userId: principal.userId, organisationId: organisation.id };
  const keys = new Map<string, typeof caseKeys.$inferSelect | null>();
  for (const f of found) {
    const { row } = f;
    const owner = row.organisationId === organisation.id;
    const coordination = f.coordinatedBy && f.coordinatedSince ? { organisationId: f.coordinatedBy, since: f.coordinatedSince } : null;
    let held: CaseAccess | null = null;
    if (f.member && owner) held = { row, via: 'team', sections: ALL, owner, viewer, coordination };
    else if (f.member && f.consentId) {
      const consented = f.consented;
      if (consented) {
        const sections = new Set((f.sections ?? []).filter((s): s is CaseSection => consented.includes(s as CaseSection) && ALL_BUT_AUTHORS.has(s as CaseSection)));
        held = { row, via: 'team', sections, owner, viewer, coordination };
      }
    } else if (owner && head && f.opened) held = { row, via: 'break_glass', sections: ALL_BUT_AUTHORS, owner, viewer, coordination };
    if (!held) continue;
    if (f.record) held.record = f.record;
    access.set(row.id, held);
    // Only the keys of cases she holds: a case she may not open has nothing to unwrap.
    keys.set(row.id, f.key?.id ? f.key : null);
  }
  offerCaseKeys(db, keys);
  return { rows: found.map((f) => f.row), access };
}

/** What the decision's statement takes besides the case: each a value, or a placeholder of the statement built once. */
type DecisionValues = Record<'userId' | 'organisationId' | 'now' | 'today' | 'since', string | SQLWrapper>;
const placeholders = {
  userId: sql.placeholder('userId'),
  organisationId: sql.placeholder('organisationId'),
  now: sql.placeholder('now'),
  today: sql.placeholder('today'),
  since: sql.placeholder('since'),
} satisfies DecisionValues;

/**
 * The choke point's statement: each case with her membership (probed on the
 * membership's key, case by case: her 2,000 other cases are never read), the
 * consent her share rests on (live, for her organisation), for the head a live
 * break-the-glass opening, the case's key row, the coordination, and for a
 * case's page its record.
 */
function decisionQuery(db: DbOrTx, v: DecisionValues, head: boolean, record: boolean, where: SQL) {
  const member = db
    .select({ caseId: caseMembers.caseId, consentId: caseMembers.consentId, sections: caseMembers.sections, consented: sql<string[] | null>`${caseConsents.sections}`.as('consented') })
    .from(caseMembers)
    .leftJoin(
      caseConsents,
      and(
        eq(caseConsents.id, caseMembers.consentId),
        eq(caseConsents.caseId, caseMembers.caseId),
        eq(caseConsents.purpose, 'condivisione'),
        eq(caseConsents.recipientOrganisationId, v.organisationId),
        consentLiveOn(v.today),
      ),
    )
    .where(and(eq(caseMembers.caseId, cases.id), eq(caseMembers.userId, v.userId), eq(caseMembers.organisationId, v.organisationId)))
    // At most one row (the key is case and user); the limit keeps PostgreSQL from flattening the lateral
    // into a join that hashes all her memberships (it underestimates them: user and organisation go together).
    .limit(1)
    .as('member');
  return db
    .select({
      row: getTableColumns(cases),
      member: sql<boolean>`${member.caseId} is not null`,
      consentId: member.consentId,
      sections: member.sections,
      consented: member.consented,
      opened: head
        ? sql<boolean>`exists (select 1 from ${caseBreakGlass} b where b.case_id = ${cases.id} and b.user_id = ${v.userId} and b.expires_at > ${v.now}::timestamptz)`
        : sql<boolean>`false`,
      key: getTableColumns(caseKeys),
      coordinatedBy: caseCoordination.organisationId,
      coordinatedSince: caseCoordination.since,
      // Read for every case found, kept only for those she holds (readCases).
      record: record ? recordColumns(v.since) : sql<null>`null`,
    })
    .from(cases)
    .leftJoinLateral(member, sql`true`)
    .leftJoin(caseKeys, eq(caseKeys.caseId, cases.id))
    // Coordination holds while the consent of its referral is live: an expired consent hands it back without a write.
    .leftJoin(
      caseCoordination,
      and(
        eq(caseCoordination.caseId, cases.id),
        sql`exists (select 1 from ${caseConsents} k where k.id = ${caseCoordination.consentId} and k.revoked_at is null and (k.expires_on is null or k.expires_on >= ${v.today}))`,
      ),
    )
    .where(where);
}
type Decision = Awaited<ReturnType<typeof decisionQuery>>[number];

/** The prepared statement of one shape (head or not, record or not), by the client it runs on. */
type Prepared = { execute(values: Record<string, unknown>): Promise<Decision[]> };
const preparedDecisions = new WeakMap<object, Map<string, Prepared>>();

/**
 * The one-case decision as a statement built once per shape and client
 * (Drizzle's prepared query, named: PostgreSQL plans it once per
 * connection): building the statement of a case's page, with its record's
 * subqueries, cost more of the server's time than anything else a read did.
 * Same text, same values (as parameters), same rows as decisionQuery. A
 * transaction's statements run on its own connection: null, built each time.
 */
function decisionOnce(db: DbOrTx, head: boolean, record: boolean, list: boolean): Prepared | null {
  const client = (db as { $client?: object }).$client;
  if (db instanceof PgTransaction || !client) return null;
  let shapes = preparedDecisions.get(client);
  if (!shapes) preparedDecisions.set(client, (shapes = new Map()));
  const name = `trama_case_decision_${head ? 'head' : 'member'}${record ? '_record' : ''}${list ? '_list' : ''}`;
  let prepared = shapes.get(name);
  // A list's ids are one array parameter: one statement text whatever the page's size.
  const where = list ? sql`${cases.id} = any(${sql.placeholder('caseId')}::uuid[])` : eq(cases.id, sql.placeholder('caseId'));
  if (!prepared) shapes.set(name, (prepared = decisionQuery(db, placeholders, head, record, where).prepare(name)));
  return prepared;
}

/**
 * The organisation whose cases she answers for as its head (team, break-the-
 * glass, access history), or null: never an instance administrator, never
 * a perpetrator programme.
 */
export function headedOrganisation(scope: Scope): string | null {
  const { organisation, organisationRole, isInstanceAdmin } = scope.principal;
  return organisation && mayHoldCases(organisation.type) && !isInstanceAdmin && organisationRole === 'organisation_head' ? organisation.id : null;
}

/**
 * SQL: the case is on her team — her organisation's case and she is a
 * member, or another organisation's case shared with her organisation
 * while the consent of the share is live.
 */
export function onTeamOf(scope: Scope, now = new Date()) {
  const { principal } = scope;
  const organisation = principal.organisation;
  if (!organisation || !mayHoldCases(organisation.type) || principal.isInstanceAdmin) return sql`false`;
  return sql`exists (
    select 1 from ${caseMembers} m
    where m.case_id = ${cases.id} and m.user_id = ${principal.userId} and m.organisation_id = ${organisation.id}
      and (${cases.organisationId} = ${organisation.id} or exists (
        select 1 from ${caseConsents} c
        where c.id = m.consent_id and c.case_id = ${cases.id} and c.purpose = 'condivisione'
          and c.recipient_organisation_id = ${organisation.id} and c.revoked_at is null
          and (c.expires_on is null or c.expires_on >= ${romeToday(now)})
      ))
  )`;
}

/**
 * SQL: the cases the principal may list: those on her team; for the head,
 * every case of her organisation too (the caseload she assigns: listed
 * without identity unless she is on the team).
 */
export function listableCases(scope: Scope, now = new Date()) {
  const { principal } = scope;
  const organisation = principal.organisation;
  if (!organisation || !mayHoldCases(organisation.type) || principal.isInstanceAdmin) return sql`false`;
  const onTeam = onTeamOf(scope, now);
  if (headedOrganisation(scope)) return or(eq(cases.organisationId, organisation.id), onTeam)!;
  return onTeam;
}

/**
 * The same cases as listableCases, as two disjoint conditions a query can
 * each drive from an index (an OR of the two cannot): `own`, her
 * organisation's cases (every one for the head, else those she is a member
 * of) — an ordered scan of `cases_caseload_idx` with an index-only probe of
 * `case_members_user_case_idx`; `shared`, other organisations' cases she is
 * on through a live consent of her share. Null when she may list none.
 */
export function listableBranches(scope: Scope, now = new Date()): { own: SQL; shared: SQL } | null {
  const { principal } = scope;
  const organisation = principal.organisation;
  if (!organisation || !mayHoldCases(organisation.type) || principal.isInstanceAdmin) return null;
  const member = sql`exists (select 1 from ${caseMembers} m where m.case_id = ${cases.id} and m.user_id = ${principal.userId} and m.organisation_id = ${organisation.id})`;
  const own = headedOrganisation(scope) ? eq(cases.organisationId, organisation.id) : and(eq(cases.organisationId, organisation.id), member)!;
  const shared = sql`${cases.organisationId} <> ${organisation.id} and ${cases.id} in (
    select m.case_id from ${caseMembers} m join ${caseConsents} c on c.id = m.consent_id and c.case_id = m.case_id
    where m.user_id = ${principal.userId} and m.organisation_id = ${organisation.id} and c.purpose = 'condivisione'
      and c.recipient_organisation_id = ${organisation.id} and c.revoked_at is null
      and (c.expires_on is null or c.expires_on >= ${romeToday(now)})
  )`;
  return { own, shared };
}

type ListName = 'caseload' | 'tasks' | 'search' | 'notifications' | 'referrals' | 'links';

/** The purpose of a `case.listed` audit row: which list showed the cases, and whether their identity was opened there. */
export const listedPurpose = (list: ListName, identity: boolean) => (identity ? `${list}:identity` : list);

/**
 * The `case.listed` rows of a list: the cases it showed, one row for those
 * whose identity it opened and one for the others (none for an empty
 * list), each case found by the audit log's index on them.
 */
export function listedEvents(scope: Scope, requestId: string, list: ListName, shown: readonly { id: string; identity: boolean }[]): AuditEvent[] {
  return [true, false].flatMap((identity) => {
    const subjectIds = shown.filter((s) => s.identity === identity).map((s) => s.id);
    return subjectIds.length ? [{ ...actedBy(scope, requestId, 'case.listed', { type: 'case', id: null }), purpose: listedPurpose(list, identity), subjectIds }] : [];
  });
}
