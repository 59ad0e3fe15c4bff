import { and, eq, gt, gte, inArray, isNull, or, sql } from 'drizzle-orm';
import { type CaseSection, caseSections } from '../../../shared/cases.js';
import type { OrganisationType } from '../../../shared/domain.js';
import type { Scope } from '../../access/scope.js';
import type { DbOrTx } from '../../platform/db.js';
import { romeToday } from '../../platform/rome.js';
import { caseBreakGlass, caseConsents, caseMembers, cases } from './cases.tables.js';

export type CaseRow = typeof cases.$inferSelect;

/** How the principal reaches a case, and which of its sections she may see. */
export interface CaseAccess {
  row: CaseRow;
  via: 'team' | 'break_glass';
  sections: ReadonlySet<CaseSection>;
  /** She belongs to the organisation that owns the case. */
  owner: boolean;
}

const ALL = new Set<CaseSection>(caseSections);

/** Staff of a perpetrator programme (CUAV) never see a victim's record (DOMAIN.md §6 rule 6). */
export const mayHoldCases = (type: OrganisationType) => type !== 'cuav';
/** The author's section is for the owning organisation's assigned staff only. */
const ALL_BUT_AUTHORS = new Set<CaseSection>(caseSections.filter((s) => s !== 'authors'));


/** SQL: the consent row is live now (not revoked, not expired). */
export const consentLive = (now = new Date()) =>
  and(isNull(caseConsents.revokedAt), or(isNull(caseConsents.expiresOn), gte(caseConsents.expiresOn, romeToday(now))));

/**
 * THE choke point for case data: every service reaching a case asks here
 * first, and gets nothing (the caller answers 404) unless
 * - she acts for the owning organisation and is on the case team: every section;
 * - she acts for another organisation, is on the team through a share, and
 *   the consent that share rests on is live now: the sections both allow
 *   (never the authors);
 * - she is the owning organisation's head with a live break-the-glass
 *   opening: every section but the authors.
 * Nobody else: not the instance admin, not the network coordinator, and
 * never the staff of a perpetrator programme (CUAV), whatever their role.
 */
export async function accessCase(db: DbOrTx, scope: Scope, caseId: string, now = new Date()): Promise<CaseAccess | null> {
  const { principal } = scope;
  const organisation = principal.organisation;
  if (!organisation || !mayHoldCases(organisation.type)) return null;
  const [row] = await db.select().from(cases).where(eq(cases.id, caseId));
  if (!row) return null;
  const owner = row.organisationId === organisation.id;

  const [member] = await db
    .select({ sections: caseMembers.sections, consentId: caseMembers.consentId })
    .from(caseMembers)
    .where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.userId, principal.userId), eq(caseMembers.organisationId, organisation.id)));
  if (member && owner) return { row, via: 'team', sections: ALL, owner };
  if (member?.consentId) {
    const [consent] = await db
      .select({ sections: caseConsents.sections })
      .from(caseConsents)
      .where(
        and(
          eq(caseConsents.id, member.consentId),
          eq(caseConsents.caseId, caseId),
          eq(caseConsents.purpose, 'condivisione'),
          eq(caseConsents.recipientOrganisationId, organisation.id),
          consentLive(now),
        ),
      );
    if (!consent) return null;
    const sections = new Set(member.sections.filter((s): s is CaseSection => consent.sections.includes(s) && ALL_BUT_AUTHORS.has(s as CaseSection)));
    return { row, via: 'team', sections, owner };
  }
  if (owner && principal.organisationRole === 'organisation_head') {
    const [opened] = await db
      .select({ id: caseBreakGlass.id })
      .from(caseBreakGlass)
      .where(and(eq(caseBreakGlass.caseId, caseId), eq(caseBreakGlass.userId, principal.userId), gt(caseBreakGlass.expiresAt, now)))
      .limit(1);
    if (opened) return { row, via: 'break_glass', sections: ALL_BUT_AUTHORS, owner };
  }
  return null;
}

/**
 * SQL: the case is on her team — her organisation's case and she is a
 * member, or another organisation's case shared with her organisation
 * while the consent of the share is live.
 */
export function onTeamOf(scope: Scope, now = new Date()) {
  const { principal } = scope;
  const organisation = principal.organisation;
  if (!organisation || !mayHoldCases(organisation.type)) return sql`false`;
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
  if (!organisation) return sql`false`;
  const onTeam = onTeamOf(scope, now);
  if (principal.organisationRole === 'organisation_head') return or(eq(cases.organisationId, organisation.id), onTeam)!;
  return onTeam;
}

/**
 * The sections she sees on each of the given cases of her team (as
 * accessCase would grant through the team), for lists that span cases.
 * Call it only with cases already filtered by onTeamOf.
 */
export async function teamSections(db: DbOrTx, scope: Scope, caseIds: readonly string[]): Promise<Map<string, ReadonlySet<CaseSection>>> {
  const organisation = scope.principal.organisation;
  const out = new Map<string, ReadonlySet<CaseSection>>();
  if (!organisation || !caseIds.length) return out;
  const rows = await db
    .select({ caseId: caseMembers.caseId, owner: cases.organisationId, sections: caseMembers.sections, consented: caseConsents.sections })
    .from(caseMembers)
    .innerJoin(cases, eq(cases.id, caseMembers.caseId))
    .leftJoin(caseConsents, eq(caseConsents.id, caseMembers.consentId))
    .where(and(eq(caseMembers.userId, scope.principal.userId), eq(caseMembers.organisationId, organisation.id), inArray(caseMembers.caseId, [...caseIds])));
  for (const r of rows) {
    out.set(
      r.caseId,
      r.owner === organisation.id ? ALL : new Set(r.sections.filter((s): s is CaseSection => (r.consented ?? []).includes(s) && ALL_BUT_AUTHORS.has(s as CaseSection))),
    );
  }
  return out;
}
