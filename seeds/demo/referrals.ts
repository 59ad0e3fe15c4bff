import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { users } from '../../src/server/access/access.tables.js';
import { loadPrincipal } from '../../src/server/access/principal.js';
import { type Scope, buildScope } from '../../src/server/access/scope.js';
import { writeAudit } from '../../src/server/audit/audit.writer.js';
import type { AppContext } from '../../src/server/context.js';
import { caseConsents, caseMembers, cases, notifyTeamOf } from '../../src/server/modules/cases/index.js';
import { caseCoordination } from '../../src/server/modules/cases/coordination.tables.js';
import { createConsent, createEvent } from '../../src/server/modules/cases/cases.parts.service.js';
import { notifyReferral, referrals } from '../../src/server/modules/referrals/index.js';
import type { Db, Tx } from '../../src/server/platform/db.js';
import { romeToday } from '../../src/server/platform/rome.js';
import type { DeclineReason, ReferralPurpose, ReferralUrgency } from '../../src/shared/referrals.js';

/**
 * DEMO DATA — fictitious referrals (docs/referrals.md) from the demo CAV to
 * the demo social service and shelter, one at least in every state: two
 * waiting (one old enough for the hourly job to remind), two accepted with
 * the recipient's first contact on the timeline, one declined with its
 * reason, one withdrawn, one expired; the first accepted one is coordinated
 * by the social service (the CAV's head handed it over, docs/cases.md). Each rests on a sharing consent
 * recorded through the cases service (as the CAV's operator), listing its
 * purpose; the first contacts are timeline events recorded through the
 * service (as the social worker), which sets the referral's first-contact
 * time as it does in use. The referrals themselves are written here, in the
 * demo load's transaction, with the audit rows and the notices the
 * referral service writes (its answers read back through a request-scoped
 * handle, which cannot see an uncommitted transaction). Times are relative
 * to the load: a demo loaded today shows a pending referral of yesterday.
 */

type Org = 'cav' | 'rifugio' | 'sociale';
const HOUR = 3_600_000;

interface DemoReferral {
  to: Exclude<Org, 'cav'>;
  purpose: ReferralPurpose;
  urgency: ReferralUrgency;
  /** Hours before the load it was sent. */
  sentHoursAgo: number;
  outcome:
    | { state: 'in_attesa' }
    | { state: 'accettata'; afterHours: number; firstContactAfterHours: number; /** The CAV's head hands the coordination of plan and team to the recipient this long after sending. */ coordinatedAfterHours?: number }
    | { state: 'rifiutata'; afterHours: number; reason: DeclineReason }
    | { state: 'ritirata'; afterHours: number }
    | { state: 'scaduta'; afterHours: number };
}

export const DEMO_REFERRALS: readonly DemoReferral[] = [
  { to: 'sociale', purpose: 'sostegno_economico', urgency: 'ordinaria', sentHoursAgo: 20, outcome: { state: 'in_attesa' } },
  { to: 'rifugio', purpose: 'ospitalita', urgency: 'urgente', sentHoursAgo: 3 * 24, outcome: { state: 'in_attesa' } },
  { to: 'sociale', purpose: 'alloggio', urgency: 'ordinaria', sentHoursAgo: 30 * 24, outcome: { state: 'accettata', afterHours: 20, firstContactAfterHours: 52, coordinatedAfterHours: 5 * 24 } },
  { to: 'sociale', purpose: 'sostegno_minori', urgency: 'urgente', sentHoursAgo: 12 * 24, outcome: { state: 'accettata', afterHours: 5, firstContactAfterHours: 26 } },
  { to: 'rifugio', purpose: 'ospitalita', urgency: 'emergenza', sentHoursAgo: 9 * 24, outcome: { state: 'rifiutata', afterHours: 3, reason: 'no_capacity' } },
  { to: 'sociale', purpose: 'orientamento_lavoro', urgency: 'ordinaria', sentHoursAgo: 8 * 24, outcome: { state: 'ritirata', afterHours: 30 } },
  { to: 'rifugio', purpose: 'ospitalita', urgency: 'ordinaria', sentHoursAgo: 25 * 24, outcome: { state: 'scaduta', afterHours: 14 * 24 } },
];

const ACTORS = { cav: 'operatrice.cav', sociale: 'assistente.sociale', rifugio: 'operatrice.rifugio' } as const;

export async function loadDemoReferrals(ctx: AppContext, tx: Tx, organisationIds: Record<Org, string>, now = new Date()): Promise<number> {
  const inTx: AppContext = { ...ctx, database: { ...ctx.database, db: tx as unknown as Db } };
  const accounts = await tx.select({ id: users.id, username: users.username }).from(users).where(inArray(users.username, Object.values(ACTORS)));
  const userOf = (org: Org) => {
    const found = accounts.find((a) => a.username === ACTORS[org]);
    if (!found) throw new Error(`demo account ${ACTORS[org]} missing`);
    return found.id;
  };
  const scopes = new Map<Org, Scope>();
  const scopeOf = async (org: Org) => {
    const known = scopes.get(org);
    if (known) return known;
    const principal = await loadPrincipal(tx, { userId: userOf(org), organisationId: organisationIds[org], mfaVerified: true, idHash: 'demo-load', csrfToken: '' });
    if (principal?.organisation?.id !== organisationIds[org]) throw new Error(`demo account ${ACTORS[org]} does not belong to the demo ${org}`);
    const scope = await buildScope(tx, principal);
    scopes.set(org, scope);
    return scope;
  };

  // Open pathways of the CAV's operator, of adult women, shared with nobody yet: each referral on its own.
  const sara = userOf('cav');
  const shared = tx.select({ id: caseConsents.caseId }).from(caseConsents).where(eq(caseConsents.purpose, 'condivisione'));
  const outsiders = tx.select({ id: caseMembers.caseId }).from(caseMembers).where(ne(caseMembers.organisationId, organisationIds.cav));
  const picked = await tx
    .select({ id: cases.id })
    .from(cases)
    .innerJoin(caseMembers, and(eq(caseMembers.caseId, cases.id), eq(caseMembers.userId, sara)))
    .where(
      and(
        eq(cases.organisationId, organisationIds.cav),
        ne(cases.stage, 'concluso'),
        sql`${cases.id} not in ${shared}`,
        sql`${cases.id} not in ${outsiders}`,
        // A minor's pathway takes consents from whoever holds parental responsibility (docs/minors.md): not these.
        sql`not exists (select 1 from case_minors m where m.case_id = ${cases.id})`,
      ),
    )
    .orderBy(asc(cases.code))
    .limit(DEMO_REFERRALS.length);
  if (picked.length < DEMO_REFERRALS.length) throw new Error('not enough open demo pathways for the demo referrals');

  const cav = await scopeOf('cav');
  for (const [n, plan] of DEMO_REFERRALS.entries()) {
    const caseId = picked[n]!.id;
    const requestId = `demo-load-referral-${n + 1}`;
    const sentAt = new Date(now.getTime() - plan.sentHoursAgo * HOUR);
    const to = organisationIds[plan.to];
    const sections = ['timeline', 'plan'] as const;
    const ledger = await createConsent(
      inTx,
      cav,
      caseId,
      { purpose: 'condivisione', recipientOrganisationId: to, sections: [...sections], givenOn: romeToday(new Date(sentAt.getTime() - 24 * HOUR)), form: 'scritto', referralPurposes: [plan.purpose] },
      requestId,
    );
    const consentId = ledger.find((c) => c.purpose === 'condivisione' && c.recipient?.id === to)!.id;
    const o = plan.outcome;
    const decidedAt = o.state === 'in_attesa' ? null : new Date(sentAt.getTime() + o.afterHours * HOUR);
    const decidedBy = o.state === 'accettata' || o.state === 'rifiutata' ? userOf(plan.to) : o.state === 'ritirata' ? sara : null;
    const [row] = await tx
      .insert(referrals)
      .values({
        caseId,
        fromOrganisationId: organisationIds.cav,
        toOrganisationId: to,
        consentId,
        purpose: plan.purpose,
        urgency: plan.urgency,
        sections: [...sections],
        state: o.state,
        version: o.state === 'in_attesa' ? 1 : 2,
        referredBy: sara,
        referredAt: sentAt,
        decidedBy,
        decidedAt,
        declineReason: o.state === 'rifiutata' ? o.reason : null,
      })
      .returning();
    const r = row!;
    const audit = (action: 'referral.create' | 'referral.accept' | 'referral.decline' | 'referral.withdraw' | 'referral.expire', by: string | null, org: string | null) =>
      writeAudit(tx, { action, outcome: 'success', actorUserId: by, actorOrganisationId: org, resourceType: 'case', resourceId: caseId, purpose: `referral:${r.id}`, requestId });
    await audit('referral.create', sara, organisationIds.cav);
    await notifyReferral(tx, 'received', r, { actorUserId: sara });
    switch (o.state) {
      case 'accettata': {
        // She joins the team holding the referral's sections, then records her first contact on the timeline.
        const socialWorker = userOf(plan.to);
        await tx.insert(caseMembers).values({ caseId, userId: socialWorker, organisationId: to, referente: false, sections: [...sections], consentId, addedBy: socialWorker });
        await audit('referral.accept', socialWorker, to);
        await notifyReferral(tx, 'accepted', r, { actorUserId: socialWorker });
        const at = new Date(sentAt.getTime() + o.firstContactAfterHours * HOUR);
        await createEvent(inTx, await scopeOf(plan.to), caseId, { at, channel: 'di_persona', type: 'sociale', durationMinutes: 60 }, requestId);
        if (o.coordinatedAfterHours !== undefined) await handCoordination(tx, { caseId, referral: r, head: await headOf(tx), since: new Date(sentAt.getTime() + o.coordinatedAfterHours * HOUR), requestId });
        break;
      }
      case 'rifiutata':
        await audit('referral.decline', userOf(plan.to), to);
        await notifyReferral(tx, 'declined', r, { params: { reason: o.reason }, actorUserId: userOf(plan.to) });
        break;
      case 'ritirata':
        await audit('referral.withdraw', sara, organisationIds.cav);
        await notifyReferral(tx, 'withdrawn', r, { actorUserId: sara });
        break;
      case 'scaduta':
        await audit('referral.expire', null, null);
        await notifyReferral(tx, 'expired', r);
        break;
      case 'in_attesa':
        break;
    }
  }
  return DEMO_REFERRALS.length;
}

/** The demo CAV's head (she hands the coordination over, as the team's rule wants). */
async function headOf(tx: Tx): Promise<string> {
  const [head] = await tx.select({ id: users.id }).from(users).where(eq(users.username, 'responsabile.cav'));
  if (!head) throw new Error('demo account responsabile.cav missing');
  return head.id;
}

/**
 * The CAV's head hands the coordination of the pathway's plan and team to
 * the organisation that accepted the referral, as the coordination service
 * does (docs/cases.md, "Coordination"): the row, the case's version moved
 * on, the audit row and the notice to that organisation's members.
 */
async function handCoordination(tx: Tx, h: { caseId: string; referral: typeof referrals.$inferSelect; head: string; since: Date; requestId: string }) {
  const { caseId, referral: r } = h;
  await tx.insert(caseCoordination).values({ caseId, organisationId: r.toOrganisationId, referralId: r.id, consentId: r.consentId, since: h.since, byUserId: h.head });
  await tx.update(cases).set({ version: sql`${cases.version} + 1` }).where(eq(cases.id, caseId));
  await writeAudit(tx, { action: 'case.coordination', outcome: 'success', actorUserId: h.head, actorOrganisationId: r.fromOrganisationId, resourceType: 'case', resourceId: caseId, purpose: `coordination:${r.toOrganisationId}`, requestId: h.requestId });
  await notifyTeamOf(tx, caseId, r.toOrganisationId, { kind: 'case_coordination_received', target: { type: 'case', caseId, tab: 'team' }, actorUserId: h.head });
}
