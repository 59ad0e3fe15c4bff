import { addDays, formatISO, parseISO } from 'date-fns';
import { asc, eq, inArray } from 'drizzle-orm';
import { type CaseSection, type CaseStage, type ClosureOutcome, type RiskLevel, caseSections, legalDeadlineDays } from '../../../shared/cases.js';
import { users } from '../../access/access.tables.js';
import type { AppContext } from '../../context.js';
import type { DbOrTx, Tx } from '../../platform/db.js';
import { comuni } from '../directory/index.js';
import { organisations } from '../organisations/index.js';
import { type CaseAccess, type CaseRow, allowedActs, teamAsSeen } from './cases.access.js';
import type { CaseProfile, Identity, SafeContact } from '../../../shared/cases.api.js';
import { inOrder, preloadKeys, unseal } from './cases.seal.js';
import { caseMembers } from './cases.tables.js';
import { recordOf, shapeRecord } from './cases.record.js';
import { coordinationOf } from './coordination.present.js';

/**
 * The case as its reader may see it: a whitelist of fields, identifying ones
 * opened only here and only for the sections her access covers.
 */

const day = (iso: string, days: number) => formatISO(addDays(parseISO(iso), days), { representation: 'date' });

/** Reminders (never enforcement) of the legal deadlines of each report she made. */
export function legalDeadlines(profile: CaseProfile) {
  return (profile.reports ?? []).map((r) => {
    const prosecutorBy = day(r.registeredOn, legalDeadlineDays.precautionaryRequest);
    return {
      kind: r.kind,
      registeredOn: r.registeredOn,
      hearingBy: day(r.registeredOn, legalDeadlineDays.hearing),
      prosecutorBy,
      judgeBy: day(r.precautionaryRequestedOn ?? prosecutorBy, legalDeadlineDays.judgeDecision),
    };
  });
}

export async function teamOf(tx: Tx, caseId: string) {
  return tx
    .select({
      userId: caseMembers.userId,
      displayName: users.displayName,
      organisation: { id: organisations.id, name: organisations.name },
      referente: caseMembers.referente,
      sections: caseMembers.sections,
      addedAt: caseMembers.addedAt,
    })
    .from(caseMembers)
    .innerJoin(users, eq(users.id, caseMembers.userId))
    .innerJoin(organisations, eq(organisations.id, caseMembers.organisationId))
    .where(eq(caseMembers.caseId, caseId))
    .orderBy(asc(users.displayName));
}

export async function presentCase(ctx: AppContext, tx: DbOrTx, access: CaseAccess) {
  const { row, sections } = access;
  const see = (s: CaseSection) => sections.has(s);
  // The openings of the last 90 days, with their reasons: the owning organisation's team and head judge whether each was justified;
  // they are its internal matter, never shown to a member of another organisation.
  const acts = allowedActs(access);
  // Read with the decision for a case's page (readOnCase); after a write, read now.
  const context = shapeRecord(row, access.record ?? (await recordOf(tx, row)), sections, acts.readBreakGlass);
  const identity = see('identity') ? await unseal<Identity>(ctx.crypto, tx, 'case.identity', row.id, row.identitySealed) : null;
  const safeContact = see('identity') ? await unseal<SafeContact>(ctx.crypto, tx, 'case.safe_contact', row.id, row.safeContactSealed) : null;
  const breakGlass = await inOrder(context.openings, async ({ id, reasonSealed, ...o }) => ({ ...o, reason: await unseal<string>(ctx.crypto, tx, 'case_break_glass.reason', id, reasonSealed) }));
  const stages = context.stages;
  return {
    id: row.id,
    code: row.code,
    organisation: context.organisation,
    comune: context.comune,
    network: context.network,
    stage: row.stage as CaseStage,
    contactOn: row.contactOn,
    accoglienzaOn: row.accoglienzaOn,
    presaInCaricoOn: row.presaInCaricoOn,
    closedOn: row.closedOn,
    closureOutcome: row.closureOutcome as ClosureOutcome | null,
    reopenedCount: row.reopenedCount,
    riskLevel: row.riskLevel as RiskLevel | null,
    emergency: row.emergency,
    // What set or cleared it; the event's or assessment's id only for who holds its section (timeline, risk).
    emergencyBy:
      row.emergencySource && row.emergencyChangedAt
        ? {
            source: row.emergencySource,
            id: see(row.emergencySource === 'valutazione' ? 'risk' : 'timeline') ? row.emergencySourceId : null,
            on: row.emergency,
            at: row.emergencyChangedAt,
          }
        : null,
    lastContactAt: row.lastContactAt,
    profile: see('profile') ? row.profile : null,
    deadlines: see('profile') ? legalDeadlines(row.profile) : [],
    identity,
    safeContact,
    stages,
    team: teamAsSeen(access, context.team),
    coordination: await coordinationOf(tx, access, context.organisation),
    access: { via: access.via, owner: access.owner, sections: caseSections.filter(see) as CaseSection[], acts },
    breakGlass,
    counts: context.counts,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type CaseOut = Awaited<ReturnType<typeof presentCase>>;

/**
 * Summaries of cases for a list (the caseload): the same decision as the
 * detail — her alias only where her access holds the identity section; a
 * case she does not hold (the head's caseload) shows no section at all.
 */
export async function presentSummaries(ctx: AppContext, tx: DbOrTx, rows: CaseRow[], accessOf: ReadonlyMap<string, CaseAccess>) {
  const ids = rows.map((r) => r.id);
  const members = ids.length
    ? await tx
        .select({ caseId: caseMembers.caseId, userId: caseMembers.userId, organisation: { id: caseMembers.organisationId }, sections: caseMembers.sections, displayName: users.displayName, referente: caseMembers.referente })
        .from(caseMembers)
        .innerJoin(users, eq(users.id, caseMembers.userId))
        .where(inArray(caseMembers.caseId, ids))
    : [];
  const codes = [...new Set(rows.map((r) => r.comuneCode).filter((c): c is string => !!c))];
  const names = codes.length ? await tx.select({ istatCode: comuni.istatCode, name: comuni.name }).from(comuni).where(inArray(comuni.istatCode, codes)) : [];
  const comuneName = new Map(names.map((c) => [c.istatCode, c.name]));
  // Each case has its own key: one query reads those of the whole page.
  await preloadKeys(ctx.crypto, tx, rows.filter((r) => accessOf.get(r.id)?.sections.has('identity')).map((r) => r.identitySealed));
  return inOrder(rows, async (row) => {
    const access = accessOf.get(row.id);
    // The head's caseload names the team of every case; a shared member sees it as on the case itself.
    const everyone = members.filter((m) => m.caseId === row.id);
    const team = access ? teamAsSeen(access, everyone) : everyone;
    const sections = access ? caseSections.filter((s) => access.sections.has(s)) : [];
    const identity = access?.sections.has('identity') ? await unseal<Identity>(ctx.crypto, tx, 'case.identity', row.id, row.identitySealed) : null;
    return {
      id: row.id,
      code: row.code,
      stage: row.stage as CaseStage,
      riskLevel: row.riskLevel as RiskLevel | null,
      emergency: row.emergency,
      contactOn: row.contactOn,
      lastContactAt: row.lastContactAt,
      comune: row.comuneCode ? { istatCode: row.comuneCode, name: comuneName.get(row.comuneCode) ?? '' } : null,
      alias: identity?.firstName ?? null,
      onTeam: access?.via === 'team',
      sections,
      referente: team.find((m) => m.referente)?.displayName ?? null,
      team: team.map((m) => m.displayName).sort(),
      updatedAt: row.updatedAt,
    };
  });
}
