import { addDays, formatISO, parseISO } from 'date-fns';
import { and, asc, count, eq, gt, inArray } from 'drizzle-orm';
import { type CaseSection, type CaseStage, type ClosureOutcome, type RiskLevel, caseSections, legalDeadlineDays } from '../../../shared/cases.js';
import { users } from '../../access/access.tables.js';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../platform/db.js';
import { comuni } from '../directory/index.js';
import { networks, organisations } from '../organisations/index.js';
import type { CaseAccess, CaseRow } from './cases.access.js';
import type { CaseProfile, Identity, SafeContact } from './cases.schemas.js';
import { unseal } from './cases.seal.js';
import { caseAuthors, caseBreakGlass, caseChildren, caseConsents, caseEvents, caseMembers, caseStageChanges } from './cases.tables.js';

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

async function namesOf(tx: Tx, row: CaseRow) {
  const [organisation] = await tx.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.id, row.organisationId));
  const [comune] = row.comuneCode
    ? await tx.select({ istatCode: comuni.istatCode, name: comuni.name, provinceSigla: comuni.provinceSigla }).from(comuni).where(eq(comuni.istatCode, row.comuneCode))
    : [];
  const [network] = row.networkId ? await tx.select({ id: networks.id, name: networks.name }).from(networks).where(eq(networks.id, row.networkId)) : [];
  return { organisation: organisation!, comune: comune ?? null, network: network ?? null };
}

async function countsOf(tx: Tx, caseId: string, sections: ReadonlySet<CaseSection>) {
  const n = async (table: typeof caseEvents | typeof caseConsents | typeof caseChildren | typeof caseAuthors) =>
    (await tx.select({ n: count() }).from(table).where(eq(table.caseId, caseId)))[0]!.n;
  return {
    events: sections.has('timeline') ? await n(caseEvents) : null,
    consents: sections.has('consents') ? await n(caseConsents) : null,
    children: sections.has('children') ? await n(caseChildren) : null,
    authors: sections.has('authors') ? await n(caseAuthors) : null,
  };
}

export async function presentCase(ctx: AppContext, tx: Tx, access: CaseAccess) {
  const { row, sections } = access;
  const see = (s: CaseSection) => sections.has(s);
  const identity = see('identity') ? await unseal<Identity>(ctx.crypto, tx, 'case.identity', row.id, row.identitySealed) : null;
  const safeContact = see('identity') ? await unseal<SafeContact>(ctx.crypto, tx, 'case.safe_contact', row.id, row.safeContactSealed) : null;
  // The openings of the last 90 days, with their reasons: the team judges whether each was justified.
  const openings = await tx
    .select({ id: caseBreakGlass.id, displayName: users.displayName, at: caseBreakGlass.at, expiresAt: caseBreakGlass.expiresAt, reasonSealed: caseBreakGlass.reasonSealed })
    .from(caseBreakGlass)
    .innerJoin(users, eq(users.id, caseBreakGlass.userId))
    .where(and(eq(caseBreakGlass.caseId, row.id), gt(caseBreakGlass.at, new Date(Date.now() - 90 * 86_400_000))))
    .orderBy(asc(caseBreakGlass.at));
  const breakGlass = await Promise.all(
    openings.map(async ({ id, reasonSealed, ...o }) => ({ ...o, reason: await unseal<string>(ctx.crypto, tx, 'case_break_glass.reason', id, reasonSealed) })),
  );
  const stages = await tx
    .select({ stage: caseStageChanges.stage, on: caseStageChanges.on, outcome: caseStageChanges.outcome, reopened: caseStageChanges.reopened })
    .from(caseStageChanges)
    .where(eq(caseStageChanges.caseId, row.id))
    .orderBy(asc(caseStageChanges.at));
  return {
    id: row.id,
    code: row.code,
    ...(await namesOf(tx, row)),
    stage: row.stage as CaseStage,
    contactOn: row.contactOn,
    accoglienzaOn: row.accoglienzaOn,
    presaInCaricoOn: row.presaInCaricoOn,
    closedOn: row.closedOn,
    closureOutcome: row.closureOutcome as ClosureOutcome | null,
    reopenedCount: row.reopenedCount,
    riskLevel: row.riskLevel as RiskLevel | null,
    emergency: row.emergency,
    lastContactAt: row.lastContactAt,
    profile: see('profile') ? row.profile : null,
    deadlines: see('profile') ? legalDeadlines(row.profile) : [],
    identity,
    safeContact,
    stages,
    team: await teamOf(tx, row.id),
    access: { via: access.via, owner: access.owner, sections: caseSections.filter(see) as CaseSection[] },
    breakGlass,
    counts: await countsOf(tx, row.id, sections),
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type CaseOut = Awaited<ReturnType<typeof presentCase>>;

/** Summaries of a page of the caseload: her alias only for the cases she is on the team of. */
export async function presentSummaries(ctx: AppContext, tx: Tx, userId: string, rows: CaseRow[]) {
  const ids = rows.map((r) => r.id);
  const members = ids.length
    ? await tx
        .select({ caseId: caseMembers.caseId, userId: caseMembers.userId, displayName: users.displayName, referente: caseMembers.referente })
        .from(caseMembers)
        .innerJoin(users, eq(users.id, caseMembers.userId))
        .where(inArray(caseMembers.caseId, ids))
    : [];
  const codes = [...new Set(rows.map((r) => r.comuneCode).filter((c): c is string => !!c))];
  const names = codes.length ? await tx.select({ istatCode: comuni.istatCode, name: comuni.name }).from(comuni).where(inArray(comuni.istatCode, codes)) : [];
  const comuneName = new Map(names.map((c) => [c.istatCode, c.name]));
  return Promise.all(
    rows.map(async (row) => {
      const team = members.filter((m) => m.caseId === row.id);
      const onTeam = team.some((m) => m.userId === userId);
      const identity = onTeam ? await unseal<Identity>(ctx.crypto, tx, 'case.identity', row.id, row.identitySealed) : null;
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
        onTeam,
        referente: team.find((m) => m.referente)?.displayName ?? null,
        team: team.map((m) => m.displayName).sort(),
        updatedAt: row.updatedAt,
      };
    }),
  );
}
