import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { type FundsYearListOut, type FundsYearOut, fundedOrganisationTypes } from '../../../shared/autonomy.funds.api.js';
import { writeAuditAlone } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { type DbOrTx, readHandle } from '../../platform/db.js';
import { networkMembers, networks, organisations } from '../organisations/index.js';
import { auditListed, networksNamed } from './autonomy.common.js';
import { type FundsActor, type FundsSide, type YearRow, managedNetworkIds, visibleYears, yearFor } from './funds.access.js';
import { figures } from './funds.service.js';
import { fundsAllocations, fundsApplications, fundsCofinancing, fundsExpenses, fundsGovernanceCosts, fundsYears } from './funds.tables.js';

/**
 * What a funds year shows (docs/autonomy.md, "Regional funds"): the
 * capofila's whole view, or a partner's own application, allocation and
 * rendicontazione — never another partner's. Reads are audited.
 */

export async function listYears(ctx: AppContext, actor: FundsActor): Promise<FundsYearListOut> {
  const db = readHandle(ctx.database.db);
  const managed = await managedNetworkIds(db, actor);
  const capofila = sql<string>`(select name from ${organisations} where id = ${fundsYears.capofilaOrganisationId})`;
  const rows = await db
    .select({ y: fundsYears, networkName: networks.name, capofilaName: capofila })
    .from(fundsYears)
    .innerJoin(networks, eq(networks.id, fundsYears.networkId))
    .where(visibleYears(actor, managed))
    .orderBy(desc(fundsYears.year), asc(networks.name));
  const nets = await networksNamed(db, managed);
  await auditListed(ctx.database.db, actor, 'autonomy.funds.list', rows.length);
  return {
    items: rows.map(({ y, networkName, capofilaName }) => ({
      id: y.id,
      version: y.version,
      year: y.year,
      network: { id: y.networkId, name: networkName },
      capofila: { id: y.capofilaOrganisationId, name: capofilaName },
      planState: y.planState,
      contributionCents: y.contributionCents,
      manage: managed.includes(y.networkId),
    })),
    networks: nets,
  };
}

export async function getYear(ctx: AppContext, actor: FundsActor, id: string): Promise<FundsYearOut> {
  const db = readHandle(ctx.database.db);
  const { row, side } = await yearFor(db, actor, id);
  const out = await presentYear(db, actor, row, side);
  await writeAuditAlone(ctx.database.db, {
    action: 'autonomy.funds.read',
    outcome: 'success',
    actorUserId: actor.userId,
    actorOrganisationId: actor.organisationId,
    resourceType: 'funds_year',
    resourceId: id,
    purpose: side,
    requestId: actor.requestId,
  });
  return out;
}

/** The year after a write, for its answer (the write's audit row records the act). */
export async function presentAfterWrite(db: DbOrTx, actor: FundsActor, id: string): Promise<FundsYearOut> {
  const { row, side } = await yearFor(db, actor, id);
  return presentYear(db, actor, row, side);
}

export async function presentYear(db: DbOrTx, actor: FundsActor, row: YearRow, side: FundsSide): Promise<FundsYearOut> {
  const capofila = side === 'capofila';
  const org = { id: organisations.id, name: organisations.name, type: organisations.type };
  const [network] = await db.select({ id: networks.id, name: networks.name }).from(networks).where(eq(networks.id, row.networkId));
  const [cap] = await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.id, row.capofilaOrganisationId));
  const own = (col: typeof fundsApplications.organisationId | typeof fundsAllocations.organisationId) => (capofila ? undefined : eq(col, actor.organisationId));
  const applications = await db
    .select({ a: fundsApplications, o: org })
    .from(fundsApplications)
    .innerJoin(organisations, eq(organisations.id, fundsApplications.organisationId))
    .where(and(eq(fundsApplications.yearId, row.id), own(fundsApplications.organisationId)))
    .orderBy(asc(organisations.name));
  const allocations = await db
    .select({ a: fundsAllocations, o: org })
    .from(fundsAllocations)
    .innerJoin(organisations, eq(organisations.id, fundsAllocations.organisationId))
    .where(and(eq(fundsAllocations.yearId, row.id), own(fundsAllocations.organisationId)))
    .orderBy(asc(organisations.name));
  const expenses = allocations.length
    ? await db
        .select()
        .from(fundsExpenses)
        .where(
          inArray(
            fundsExpenses.allocationId,
            allocations.map((a) => a.a.id),
          ),
        )
        .orderBy(asc(fundsExpenses.spentOn), asc(fundsExpenses.createdAt))
    : [];
  const cofinancing = capofila
    ? await db
        .select({ c: fundsCofinancing, orgName: organisations.name })
        .from(fundsCofinancing)
        .leftJoin(organisations, eq(organisations.id, fundsCofinancing.organisationId))
        .where(eq(fundsCofinancing.yearId, row.id))
        .orderBy(asc(fundsCofinancing.createdAt))
    : [];
  const governance = capofila ? await db.select().from(fundsGovernanceCosts).where(eq(fundsGovernanceCosts.yearId, row.id)).orderBy(asc(fundsGovernanceCosts.incurredOn), asc(fundsGovernanceCosts.createdAt)) : [];
  const eligible = capofila
    ? await db
        .select({ ...org, albo: organisations.alboStatus })
        .from(networkMembers)
        .innerJoin(organisations, eq(organisations.id, networkMembers.organisationId))
        .where(and(eq(networkMembers.networkId, row.networkId), inArray(organisations.type, [...fundedOrganisationTypes])))
        .orderBy(asc(organisations.name))
    : [];
  return {
    id: row.id,
    version: row.version,
    year: row.year,
    network: network!,
    capofila: cap!,
    view: side,
    contributionCents: row.contributionCents,
    call: { opensOn: row.callOpensOn, closesOn: row.callClosesOn, reference: row.callReference },
    plan: { state: row.planState, sharedOn: row.planSharedOn, sentOn: row.planSentOn, protocol: row.planProtocol },
    cofinancing: cofinancing.map(({ c, orgName }) => ({
      id: c.id,
      kind: c.kind,
      description: c.description,
      organisation: c.organisationId ? { id: c.organisationId, name: orgName ?? '' } : null,
      amountCents: c.amountCents,
    })),
    governance: governance.map((g) => ({ id: g.id, description: g.description, amountCents: g.amountCents, incurredOn: g.incurredOn })),
    totals: capofila ? await figures(db, row) : null,
    applications: applications.map(({ a, o }) => ({
      id: a.id,
      version: a.version,
      organisation: o,
      requestedCents: a.requestedCents,
      submittedOn: a.submittedOn,
      outcome: a.outcome,
      reason: a.reason,
      proposedCents: a.proposedCents,
      reviewedOn: a.reviewedOn,
    })),
    allocations: allocations.map(({ a, o }) => {
      const mine = expenses.filter((e) => e.allocationId === a.id);
      return {
        id: a.id,
        version: a.version,
        organisation: o,
        amountCents: a.amountCents,
        spentCents: mine.reduce((s, e) => s + e.amountCents, 0),
        reportState: a.reportState,
        submittedOn: a.submittedOn,
        verifiedOn: a.verifiedOn,
        expenses: mine.map((e) => ({ id: e.id, category: e.category, description: e.description, amountCents: e.amountCents, spentOn: e.spentOn, documentRef: e.documentRef })),
      };
    }),
    eligible: eligible.map((e) => ({ id: e.id, name: e.name, type: e.type, albo: e.albo, registered: e.albo === 'iscritta' })),
    acts: { manage: capofila, organisationId: actor.organisationId },
  };
}
