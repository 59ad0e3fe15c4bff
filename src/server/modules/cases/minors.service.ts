import { randomUUID } from 'node:crypto';
import { addDays, formatISO, parseISO } from 'date-fns';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { caseSections } from '../../../shared/cases.js';
import { caseProfile, type Identity } from '../../../shared/cases.api.js';
import type { MinorFields, MinorOut } from '../../../shared/minors.api.js';
import type { FieldIssue } from '../../../shared/problems.js';
import type { Scope } from '../../access/scope.js';
import { actedBy, writeAudit, writeAudits } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { romeToday } from '../../platform/rome.js';
import { type CaseAccess, accessCases, listedEvents } from './cases.access.js';
import { endWhatRestsOn } from './cases.parts.service.js';
import { markChanged, onCase } from './cases.run.js';
import { seal, unseal } from './cases.seal.js';
import { newCaseCode } from './cases.service.js';
import { caseChildren, caseConsents, caseMembers, caseStageChanges, cases } from './cases.tables.js';
import { ageOnDay } from './minors.consent.js';
import { type HolderPlain, caseMinors } from './minors.tables.js';
import { indexIdentity } from './search.index.js';

/**
 * The minor's pathway of a case (the `minor` section, docs/minors.md):
 * read by whoever holds the section, written by the owning organisation
 * (it decides who may consent for her), and the way a child recorded
 * with her mother becomes a case of her own.
 */

const invalid = (...errors: FieldIssue[]) => new AppError('validation_failed', { errors });
const shiftDay = (day: string, days: number) => formatISO(addDays(parseISO(day), days), { representation: 'date' });

/** What is sealed: names, contacts, who made the report and its reference, the service, notes. */
interface Sealed {
  holders: Record<string, { name?: string | undefined; contact?: string | undefined }>;
  report?: { by?: string | undefined; reference?: string | undefined } | undefined;
  referral?: { service?: string | undefined; reference?: string | undefined } | undefined;
  notes?: string | undefined;
}

/** The reminders' days: from the day the centre learnt of it, as configured (MINOR_REPORT_DAYS, MINOR_REFERRAL_DAYS). */
export function minorDueDates(ctx: Pick<AppContext, 'config'>, knownOn: string) {
  const days = ctx.config.minorDeadlineDays;
  return { reportDueOn: shiftDay(knownOn, days.report), referralDueOn: shiftDay(knownOn, days.referral) };
}

/** A linked case, named only when the viewer holds it (and then audited as listed); otherwise nothing of it is told. */
async function linkedCases(tx: Tx, scope: Scope, requestId: string, ids: readonly string[]): Promise<Map<string, { id: string; code: string }>> {
  const held = await accessCases(tx, scope, ids);
  const shown = new Map([...held.values()].map((a) => [a.row.id, { id: a.row.id, code: a.row.code }] as const));
  if (shown.size) await writeAudits(tx, listedEvents(scope, requestId, 'links', [...shown.keys()].map((id) => ({ id, identity: false }))));
  return shown;
}

async function present(ctx: AppContext, tx: Tx, scope: Scope, requestId: string, access: CaseAccess): Promise<MinorOut> {
  const [row] = await tx.select().from(caseMinors).where(eq(caseMinors.caseId, access.row.id));
  const minorByProfile = access.row.profile.ageBand === 'lt18';
  if (!row) return { version: 0, record: null, motherCase: null, minorByProfile };
  // Saving the record sets the class too (saveMinor): the row read before it may not say so yet.
  const sealed = (await unseal<Sealed>(ctx.crypto, tx, 'case_minor.details', row.caseId, row.detailsSealed)) ?? { holders: {} };
  const mother = row.motherCaseId ? (await linkedCases(tx, scope, requestId, [row.motherCaseId])).get(row.motherCaseId) ?? null : null;
  return {
    version: row.version,
    record: {
      age: row.age,
      ageOn: row.ageOn,
      ageToday: Math.min(ageOnDay(row.age, row.ageOn, romeToday()), 120),
      knownOn: row.knownOn,
      holders: row.holders.map((h) => ({ ...h, name: sealed.holders[h.id]?.name ?? null, contact: sealed.holders[h.id]?.contact ?? null })),
      report: row.reportOn && row.reportTo ? { on: row.reportOn, to: row.reportTo as NonNullable<MinorFields['report']>['to'], by: sealed.report?.by ?? null, reference: sealed.report?.reference ?? null } : null,
      referral: row.referralOn ? { on: row.referralOn, service: sealed.referral?.service ?? null, reference: sealed.referral?.reference ?? null } : null,
      notes: sealed.notes ?? null,
      ...minorDueDates(ctx, row.knownOn),
      savedAt: row.savedAt,
    },
    motherCase: mother,
    minorByProfile: true,
  };
}

export function getMinor(ctx: AppContext, scope: Scope, caseId: string, requestId: string): Promise<MinorOut> {
  return onCase(ctx, scope, caseId, requestId, 'case.minor_read', 'minor', (tx, access) => present(ctx, tx, scope, requestId, access));
}

/** Days that cannot be in the future, with their pointers. */
function futureIssues(input: MinorFields): FieldIssue[] {
  const today = romeToday();
  const days: [string | undefined, string][] = [
    [input.ageOn, '/body/ageOn'],
    [input.knownOn, '/body/knownOn'],
    [input.report?.on, '/body/report/on'],
    [input.referral?.on, '/body/referral/on'],
  ];
  return days.filter(([d]) => d && d > today).map(([, pointer]) => ({ pointer, code: 'in_future' }));
}

/**
 * Saves the minor's pathway (If-Match: the version read, "0" for the
 * first). A holder keeps the id she had (consents name it); a new holder
 * gets one. A holder now recorded as the author of the violence cannot
 * have consented for her: the live consents he gave are revoked in the
 * same transaction, and the members who joined on them leave the team.
 */
export function saveMinor(ctx: AppContext, scope: Scope, caseId: string, expected: number, input: MinorFields, requestId: string): Promise<MinorOut> {
  let revoked = 0;
  return onCase(
    ctx,
    scope,
    caseId,
    requestId,
    'case.minor_write',
    'owner',
    async (tx, access) => {
      const issues = futureIssues(input);
      if (issues.length) throw invalid(...issues);
      await tx.select({ id: cases.id }).from(cases).where(eq(cases.id, caseId)).for('update');
      const [current] = await tx.select({ version: caseMinors.version, holders: caseMinors.holders }).from(caseMinors).where(eq(caseMinors.caseId, caseId));
      if ((current?.version ?? 0) !== expected) throw new AppError('precondition_failed');
      const known = new Set((current?.holders ?? []).map((h) => h.id));
      const seen = new Set<string>();
      input.holders.forEach((h, i) => {
        if (h.id && !known.has(h.id)) issues.push({ pointer: `/body/holders/${i}/id`, code: 'unknown_holder' });
        if (h.id && seen.has(h.id)) issues.push({ pointer: `/body/holders/${i}/id`, code: 'duplicate' });
        if (h.id) seen.add(h.id);
      });
      if (issues.length) throw invalid(...issues);
      const holders = input.holders.map((h) => ({ ...h, id: h.id ?? randomUUID() }));
      const plain: HolderPlain[] = holders.map(({ id, relation, isAuthor, informed }) => ({ id, relation, isAuthor, informed }));
      const content: Sealed = {
        holders: Object.fromEntries(holders.map((h) => [h.id, { name: h.name, contact: h.contact }])),
        report: input.report ? { by: input.report.by, reference: input.report.reference } : undefined,
        referral: input.referral ? { service: input.referral.service, reference: input.referral.reference } : undefined,
        notes: input.notes,
      };
      const values = {
        age: input.age,
        ageOn: input.ageOn,
        knownOn: input.knownOn,
        holders: plain,
        reportOn: input.report?.on ?? null,
        reportTo: input.report?.to ?? null,
        referralOn: input.referral?.on ?? null,
        detailsSealed: await seal(ctx.crypto, tx, access.row, 'case_minor.details', caseId, content),
        version: expected + 1,
        savedBy: scope.principal.userId,
        savedAt: new Date(),
      };
      if (current) await tx.update(caseMinors).set(values).where(eq(caseMinors.caseId, caseId));
      else await tx.insert(caseMinors).values({ caseId, ...values });
      revoked = await revokeAuthorsConsents(tx, scope, caseId, plain.filter((h) => h.isAuthor).map((h) => h.id));
      // The profile's age class follows: a minor's pathway is a minor's (the case's version moves on, so a profile form open on it turns stale).
      await tx
        .update(cases)
        .set({ profile: sql`jsonb_set(${cases.profile}, '{ageBand}', '"lt18"')`, version: sql`${cases.version} + 1` })
        .where(and(eq(cases.id, caseId), sql`${cases.profile}->>'ageBand' is distinct from 'lt18'`));
      await markChanged(tx, caseId);
      return present(ctx, tx, scope, requestId, access);
    },
    () => (revoked ? `consents_revoked:${revoked}` : ''),
  );
}

async function revokeAuthorsConsents(tx: Tx, scope: Scope, caseId: string, authorIds: string[]): Promise<number> {
  if (!authorIds.length) return 0;
  const rows = await tx
    .update(caseConsents)
    .set({ revokedAt: new Date(), revokedBy: scope.principal.userId })
    .where(and(eq(caseConsents.caseId, caseId), inArray(caseConsents.holderId, authorIds), isNull(caseConsents.revokedAt)))
    .returning({ id: caseConsents.id });
  await endWhatRestsOn(tx, scope, caseId, rows.map((r) => r.id));
  return rows.length;
}

/** Her children with the link to the case each was opened as, named only for a viewer who holds that case. */
export async function withOwnCases<C extends { ownCaseId: string | null }>(tx: Tx, scope: Scope, requestId: string, children: C[]) {
  const ids = children.map((c) => c.ownCaseId).filter((id): id is string => !!id);
  const shown = ids.length ? await linkedCases(tx, scope, requestId, ids) : new Map<string, { id: string; code: string }>();
  return children.map(({ ownCaseId, ...c }) => ({ ...c, ownCase: (ownCaseId && shown.get(ownCaseId)) || null }));
}

type ChildDetails = { firstName?: string; birthDate?: string } | null;

/**
 * Opens a child recorded on her mother's case as a case of her own: the
 * same owning organisation, comune and network; her first name and birth
 * date (if recorded) as the new case's identity, sealed under the new
 * case's own key; the minor's pathway started (her age as recorded, the
 * mother as a holder of parental responsibility, informed, her name if
 * the mother's identity has one; the deadlines running from today); the
 * owning organisation's members of the mother's team on the new team (a
 * partner's share rests on the mother's consent, not the child's); linked
 * both ways. Audited on the mother's case and as the new case's creation.
 */
export function openChildAsCase(ctx: AppContext, scope: Scope, motherCaseId: string, childId: string, requestId: string) {
  return onCase(ctx, scope, motherCaseId, requestId, 'case.child_open_case', 'owner', async (tx, access) => {
    const [child] = await tx.select().from(caseChildren).where(and(eq(caseChildren.id, childId), eq(caseChildren.caseId, motherCaseId))).for('update');
    if (!child) throw new AppError('not_found');
    if (child.ownCaseId) throw invalid({ pointer: '/params/partId', code: 'already_opened' });
    if (child.age === null) throw invalid({ pointer: '/params/partId', code: 'age_unknown' });
    const mother = access.row;
    const today = romeToday();
    const details = await unseal<ChildDetails>(ctx.crypto, tx, 'case_child.details', child.id, child.detailsSealed);
    const motherIdentity = await unseal<Identity>(ctx.crypto, tx, 'case.identity', mother.id, mother.identitySealed);
    const id = randomUUID();
    const owner = { id, organisationId: mother.organisationId };
    const identity: Identity | null = details?.firstName || details?.birthDate ? { firstName: details.firstName, birthDate: details.birthDate } : null;
    const code = newCaseCode(today);
    await tx.insert(cases).values({
      id,
      code,
      organisationId: mother.organisationId,
      contactOn: today,
      comuneCode: mother.comuneCode,
      networkId: mother.networkId,
      profile: caseProfile.parse({ ageBand: 'lt18', violenceTypes: child.witnessedViolence ? ['assistita'] : [] }),
      identitySealed: await seal(ctx.crypto, tx, owner, 'case.identity', id, identity),
      createdBy: scope.principal.userId,
    });
    if (identity) await indexIdentity(ctx, tx, owner, identity);
    await tx.insert(caseStageChanges).values({ caseId: id, stage: 'contatto', on: today, byUserId: scope.principal.userId });
    const team = await tx
      .select({ userId: caseMembers.userId, referente: caseMembers.referente })
      .from(caseMembers)
      .where(and(eq(caseMembers.caseId, motherCaseId), eq(caseMembers.organisationId, mother.organisationId)));
    if (team.length) {
      await tx
        .insert(caseMembers)
        .values(team.map((m) => ({ caseId: id, userId: m.userId, organisationId: mother.organisationId, referente: m.referente, sections: [...caseSections], addedBy: scope.principal.userId })));
    }
    const motherHolder = randomUUID();
    const motherName = [motherIdentity?.firstName, motherIdentity?.lastName].filter(Boolean).join(' ') || undefined;
    await tx.insert(caseMinors).values({
      caseId: id,
      age: child.age,
      // Her age as recorded on the day the child was recorded: whole years from then.
      ageOn: romeToday(child.createdAt),
      knownOn: today,
      holders: [{ id: motherHolder, relation: 'madre', isAuthor: false, informed: true }],
      detailsSealed: await seal(ctx.crypto, tx, owner, 'case_minor.details', id, { holders: { [motherHolder]: { name: motherName } } } satisfies Sealed),
      motherCaseId,
      savedBy: scope.principal.userId,
    });
    await tx.update(caseChildren).set({ ownCaseId: id }).where(eq(caseChildren.id, child.id));
    await markChanged(tx, motherCaseId);
    await writeAudit(tx, { ...actedBy(scope, requestId, 'case.create', { type: 'case', id }), purpose: 'from_child' });
    return { id, code };
  });
}

/** For tasks and reminders: the minors' deadlines not yet met on these cases' rows. */
export function openMinorDeadlines(ctx: Pick<AppContext, 'config'>, rows: readonly { knownOn: string; reportOn: string | null; referralOn: string | null }[]) {
  return rows.flatMap((r) => {
    const due = minorDueDates(ctx, r.knownOn);
    return [
      ...(r.reportOn ? [] : [{ kind: 'minorReportBy' as const, dueOn: due.reportDueOn, knownOn: r.knownOn }]),
      ...(r.referralOn ? [] : [{ kind: 'minorReferralBy' as const, dueOn: due.referralDueOn, knownOn: r.knownOn }]),
    ];
  });
}

