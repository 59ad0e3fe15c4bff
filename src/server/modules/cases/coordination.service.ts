import { and, asc, desc, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { CaseSection } from '../../../shared/cases.js';
import type { ColleagueAdd, ColleaguesOut, CoordinationOut, CoordinationSet } from '../../../shared/coordination.api.js';
import type { MembershipRole } from '../../../shared/domain.js';
import type { FieldIssue } from '../../../shared/problems.js';
import { memberships, users } from '../../access/access.tables.js';
import type { Scope } from '../../access/scope.js';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { notify } from '../notifications/index.js';
import { organisations } from '../organisations/index.js';
// The referrals table through the schema (not the referrals module, which builds on this one).
import { referrals } from '../../schema.js';
import { type CaseAccess, type CaseRow, consentLive, coordinates } from './cases.access.js';
import { onCase, onOwnCase } from './cases.run.js';
import { caseConsents, caseMembers, cases } from './cases.tables.js';
import { caseCoordination } from './coordination.tables.js';
import { notifyTeamOf } from './plan.service.js';

/**
 * Coordination of a case's plan and team (docs/cases.md, "Coordination").
 * The owning organisation's head hands it to the organisation of an
 * accepted referral whose sections, within its live consent, include the
 * plan, and takes it back at any time; the consent's revocation takes it
 * back by itself (cases.parts.service.ts endWhatRestsOn). The coordinating
 * organisation's members on the team lead the plan (plan.service.ts, the
 * choke point's `leadsPlan`) and add or remove their own colleagues, within
 * the referral's sections — never more, never the record.
 */

const invalid = (...errors: FieldIssue[]) => new AppError('validation_failed', { errors });
const STAFF_ROLES: MembershipRole[] = ['organisation_head', 'operator', 'social_worker'];
/** What coordinating needs of a share: the plan (its goals, actions, reviews, meetings). */
const NEEDED: CaseSection = 'plan';

/** The sections a referral puts in its organisation's hands: its own, within its consent's, never the authors. */
const shareOf = (offered: readonly string[], consented: readonly string[]) =>
  offered.filter((s): s is CaseSection => consented.includes(s) && s !== 'authors');

/**
 * The organisations of the case's accepted referrals whose consent is live,
 * each once (its latest referral that covers the plan, else its latest), with
 * the sections that referral puts in its hands.
 */
async function referredOrganisations(tx: Tx, caseId: string) {
  const rows = await tx
    .select({ referralId: referrals.id, consentId: referrals.consentId, offered: referrals.sections, consented: caseConsents.sections, organisation: { id: organisations.id, name: organisations.name } })
    .from(referrals)
    .innerJoin(caseConsents, and(eq(caseConsents.id, referrals.consentId), eq(caseConsents.caseId, referrals.caseId), consentLive()))
    .innerJoin(organisations, eq(organisations.id, referrals.toOrganisationId))
    .where(and(eq(referrals.caseId, caseId), eq(referrals.state, 'accettata')))
    .orderBy(desc(referrals.decidedAt), desc(referrals.id));
  const byOrganisation = new Map<string, { organisation: { id: string; name: string }; referralId: string; consentId: string; sections: CaseSection[]; eligible: boolean }>();
  for (const r of rows) {
    const sections = shareOf(r.offered, r.consented);
    const option = { organisation: r.organisation, referralId: r.referralId, consentId: r.consentId, sections, eligible: sections.includes(NEEDED) };
    const seen = byOrganisation.get(r.organisation.id);
    if (!seen || (!seen.eligible && option.eligible)) byOrganisation.set(r.organisation.id, option);
  }
  return [...byOrganisation.values()].sort((a, b) => a.organisation.name.localeCompare(b.organisation.name));
}

/** The coordination that holds now (its consent live), or null: the owner coordinates. */
async function liveCoordination(tx: Tx, caseId: string) {
  const [row] = await tx
    .select({ organisationId: caseCoordination.organisationId, since: caseCoordination.since, consentId: caseCoordination.consentId, offered: referrals.sections, consented: caseConsents.sections, name: organisations.name })
    .from(caseCoordination)
    .innerJoin(caseConsents, and(eq(caseConsents.id, caseCoordination.consentId), consentLive()))
    .innerJoin(referrals, eq(referrals.id, caseCoordination.referralId))
    .innerJoin(organisations, eq(organisations.id, caseCoordination.organisationId))
    .where(eq(caseCoordination.caseId, caseId));
  return row ? { ...row, share: shareOf(row.offered, row.consented) } : null;
}

async function coordinationView(tx: Tx, row: CaseRow, version: number): Promise<CoordinationOut> {
  const current = await liveCoordination(tx, row.id);
  const [owner] = await tx.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.id, row.organisationId));
  const candidates = await referredOrganisations(tx, row.id);
  return {
    coordination: current ? { organisation: { id: current.organisationId, name: current.name }, since: current.since } : { organisation: owner!, since: null },
    version,
    candidates: candidates.map(({ consentId: _c, ...c }) => c),
  };
}

/** The coordination and where it may go: the owning organisation's head (as for the team), without opening the case. */
export function getCoordination(ctx: AppContext, scope: Scope, caseId: string, requestId: string) {
  return onOwnCase(ctx, scope, caseId, requestId, 'case.coordination', (tx, row) => coordinationView(tx, row, row.version), 'read');
}

/**
 * Hands coordination to an accepted referral's organisation, or takes it
 * back (null, or the owner's own id). The case's version guards it
 * (If-Match) and moves on; the organisation that receives it, and the one
 * that loses it, hear of it (the case's code at most).
 */
export function setCoordination(ctx: AppContext, scope: Scope, caseId: string, version: number, input: CoordinationSet, requestId: string) {
  const target = input.organisationId;
  return onOwnCase(
    ctx,
    scope,
    caseId,
    requestId,
    'case.coordination',
    async (tx, row) => {
      if (row.version !== version) throw new AppError('precondition_failed');
      const to = target === row.organisationId ? null : target;
      const current = await liveCoordination(tx, caseId);
      let chosen: Awaited<ReturnType<typeof referredOrganisations>>[number] | undefined;
      if (to) {
        const options = (await referredOrganisations(tx, caseId)).filter((o) => o.organisation.id === to);
        if (!options.length) throw new AppError('coordination_not_referred');
        chosen = options.find((o) => o.eligible);
        if (!chosen) throw new AppError('coordination_sections');
      }
      if ((current?.organisationId ?? null) === (to ?? null)) return coordinationView(tx, row, row.version);
      // The version moves first, conditionally: of two handovers at once, the second finds it stale (412) and writes nothing.
      const [moved] = await tx
        .update(cases)
        .set({ version: version + 1, updatedAt: new Date() })
        .where(and(eq(cases.id, caseId), eq(cases.version, version)))
        .returning();
      if (!moved) throw new AppError('precondition_failed');
      await tx.delete(caseCoordination).where(eq(caseCoordination.caseId, caseId));
      if (chosen) {
        await tx.insert(caseCoordination).values({ caseId, organisationId: chosen.organisation.id, referralId: chosen.referralId, consentId: chosen.consentId, byUserId: scope.principal.userId });
        await notifyTeamOf(tx, caseId, chosen.organisation.id, { kind: 'case_coordination_received', target: { type: 'case', caseId, tab: 'team' }, actorUserId: scope.principal.userId });
      }
      if (current) await notifyTeamOf(tx, caseId, current.organisationId, { kind: 'case_coordination_ended', target: { type: 'case', caseId, tab: 'team' }, actorUserId: scope.principal.userId });
      return coordinationView(tx, moved, moved.version);
    },
    `coordination:${target ?? 'owner'}`,
  );
}

// --- The coordinating organisation's own colleagues ---------------------------

type Share = NonNullable<Awaited<ReturnType<typeof liveCoordination>>>;

/**
 * A team change by the coordinating organisation: through the case's choke
 * point, for a member of that organisation only (anyone else: 404, audited
 * as denied), with the share its referral allows.
 */
function onCoordinatedCase<T>(ctx: AppContext, scope: Scope, caseId: string, requestId: string, work: (tx: Tx, access: CaseAccess, share: Share) => Promise<T>, purpose?: string) {
  return onCase(
    ctx,
    scope,
    caseId,
    requestId,
    'case.team',
    'case',
    async (tx, access) => {
      const share = coordinates(access) ? await liveCoordination(tx, caseId) : null;
      if (!share || share.organisationId !== access.viewer.organisationId) throw new AppError('not_found');
      return work(tx, access, share);
    },
    purpose ? () => purpose : undefined,
  );
}

async function colleaguesOf(tx: Tx, scope: Scope, caseId: string, share: Share): Promise<ColleaguesOut> {
  const members = await tx
    .select({ userId: caseMembers.userId, displayName: users.displayName, sections: caseMembers.sections })
    .from(caseMembers)
    .innerJoin(users, eq(users.id, caseMembers.userId))
    .where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.organisationId, share.organisationId)))
    .orderBy(asc(users.displayName));
  const onTeam = await tx.select({ userId: caseMembers.userId }).from(caseMembers).where(eq(caseMembers.caseId, caseId));
  const staff = await tx
    .selectDistinctOn([users.displayName, users.id], { userId: users.id, displayName: users.displayName, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, share.organisationId), inArray(memberships.role, STAFF_ROLES), isNull(users.disabledAt), ne(users.id, scope.principal.userId)))
    .orderBy(asc(users.displayName), asc(users.id));
  return {
    share: share.share,
    members: members.map((m) => ({ ...m, sections: m.sections.filter((s) => share.share.includes(s as CaseSection)), self: m.userId === scope.principal.userId })),
    candidates: staff.filter((s) => !onTeam.some((m) => m.userId === s.userId)),
  };
}

export function listColleagues(ctx: AppContext, scope: Scope, caseId: string, requestId: string) {
  return onCoordinatedCase(ctx, scope, caseId, requestId, (tx, _access, share) => colleaguesOf(tx, scope, caseId, share), 'coordination read');
}

/** A colleague of the coordinating organisation joins on the coordination's consent, with sections within its referral's. */
export function addColleague(ctx: AppContext, scope: Scope, caseId: string, input: ColleagueAdd, requestId: string) {
  return onCoordinatedCase(
    ctx,
    scope,
    caseId,
    requestId,
    async (tx, _access, share) => {
      if (input.userId === scope.principal.userId) throw new AppError('own_account_change');
      const [staff] = await tx
        .select({ userId: users.id })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.userId, input.userId), eq(memberships.organisationId, share.organisationId), inArray(memberships.role, STAFF_ROLES), isNull(users.disabledAt)));
      if (!staff) throw invalid({ pointer: '/body/userId', code: 'not_allowed' });
      const [already] = await tx.select({ userId: caseMembers.userId }).from(caseMembers).where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.userId, input.userId)));
      if (already) throw invalid({ pointer: '/body/userId', code: 'duplicate' });
      const sections = input.sections ?? share.share;
      if (!sections.length || sections.some((s) => !share.share.includes(s))) throw invalid({ pointer: '/body/sections', code: 'sections_not_consented' });
      await tx.insert(caseMembers).values({ caseId, userId: input.userId, organisationId: share.organisationId, referente: false, sections: [...new Set(sections)], consentId: share.consentId, addedBy: scope.principal.userId });
      await notify(tx, { recipients: { people: [input.userId], organisationId: share.organisationId }, kind: 'case_team_added', target: { type: 'case', caseId }, actorUserId: scope.principal.userId });
      return colleaguesOf(tx, scope, caseId, share);
    },
    `coordination member added: ${input.userId}`,
  );
}

/** A member of the coordinating organisation leaves the team (never by her own hand: a colleague or the owner's head removes her). */
export function removeColleague(ctx: AppContext, scope: Scope, caseId: string, userId: string, requestId: string) {
  return onCoordinatedCase(
    ctx,
    scope,
    caseId,
    requestId,
    async (tx, _access, share) => {
      if (userId === scope.principal.userId) throw new AppError('own_account_change');
      const removed = await tx
        .delete(caseMembers)
        .where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.userId, userId), eq(caseMembers.organisationId, share.organisationId)))
        .returning({ userId: caseMembers.userId });
      if (!removed.length) throw new AppError('not_found');
      return colleaguesOf(tx, scope, caseId, share);
    },
    `coordination member removed: ${userId}`,
  );
}
