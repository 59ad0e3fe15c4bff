import { and, count, eq, ne, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { verifyAuditChain } from '../../src/server/audit/audit.verify.js';
import { autonomyExpenses, autonomyFollowUps, autonomyProgrammes, autonomyProjectSteps, autonomyProjects, redditoApplications } from '../../src/server/modules/autonomy/index.js';
import { figures } from '../../src/server/modules/autonomy/funds.service.js';
import { fundsAllocations, fundsYears } from '../../src/server/modules/autonomy/funds.tables.js';
import { programmeActor } from '../../src/server/modules/autonomy/programmes.access.js';
import { getSummary } from '../../src/server/modules/autonomy/programmes.summary.js';
import { getProject } from '../../src/server/modules/autonomy/projects.service.js';
import type { Tx } from '../../src/server/platform/db.js';
import { governanceLimitCents } from '../../src/shared/autonomy.funds.api.js';
import { projectStates } from '../../src/shared/autonomy.js';
import { DEMO_PROGRAMME } from '../../seeds/demo/autonomy.js';
import { type AutonomyKit, type Cav, autonomyKit } from '../../seeds/demo/autonomy.kit.js';
import { DEMO_FUNDS } from '../../seeds/demo/autonomy.funds.js';
import { loadDemo, loadDemoIfEmpty } from '../../seeds/demo/demo.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { databaseDigest } from '../support/digest.js';

/**
 * The demo's autonomy data (seeds/demo/autonomy*.ts, issue 14): the
 * Cremona network's programme, its 14 projects in every state with
 * expenses at and near the caps, the two Reddito di libertà applications
 * and the funds year — read back through the services that wrote them.
 */
describe('the demo autonomy programme on the Cremona network', () => {
  let t: TestApp;
  let kit: AutonomyKit;
  let programmeId: string;
  beforeAll(async () => {
    t = await buildTestApp();
    expect(await loadDemoIfEmpty(t.ctx)).not.toBeNull();
    kit = await autonomyKit(t.ctx, t.db as unknown as Tx, new Date());
    const [p] = await t.db.select({ id: autonomyProgrammes.id }).from(autonomyProgrammes).where(eq(autonomyProgrammes.name, DEMO_PROGRAMME.name));
    programmeId = p!.id;
  }, 600_000);
  afterAll(() => t.close());

  it('runs 14 projects, every state present, each reached by the approval chain', async () => {
    const rows = await t.db.select().from(autonomyProjects).where(eq(autonomyProjects.programmeId, programmeId));
    expect(rows).toHaveLength(14);
    for (const state of projectStates) expect(rows.filter((r) => r.state === state).length, state).toBeGreaterThanOrEqual(1);
    const steps = await t.db.select().from(autonomyProjectSteps);
    for (const r of rows.filter((x) => x.state !== 'bozza')) {
      const mine = steps.filter((s) => s.projectId === r.id);
      expect(mine.some((s) => s.toState === r.state)).toBe(true);
    }
    // Approval took the capofila (the coordinator), validation another CAV than the case's.
    const approvals = steps.filter((s) => s.move === 'approva');
    expect(approvals.length).toBeGreaterThanOrEqual(8);
    expect(new Set(approvals.map((s) => s.byOrganisationId)).size).toBe(1);
    const sentBack = steps.filter((s) => s.move === 'rimanda');
    expect(sentBack.map((s) => s.fromState).sort()).toEqual(['proposta', 'validata']);
  });

  it('holds one project exactly at the € 3,000 autonomy cap, one a few euro under, one at the housing cap', async () => {
    const running = await t.db.select().from(autonomyProjects).where(and(eq(autonomyProjects.programmeId, programmeId), eq(autonomyProjects.state, 'in_corso')));
    const caps = [];
    for (const r of running) {
      const cav = (Object.entries({ cremona: kit.org('cavCremona'), crema: kit.org('cavCrema'), casalmaggiore: kit.org('cavCasalmaggiore') }) as [Cav, string][]).find(([, id]) => id === r.referringOrganisationId)![0];
      const p = await getProject(t.ctx, await kit.scope(cav), r.id, 'test');
      caps.push(Object.fromEntries(p.budget!.caps.map((c) => [c.code, { used: c.usedCents, cap: c.capCents }])));
    }
    const autonomy = caps.map((c) => c.budget_autonomia!);
    expect(autonomy.some((c) => c.used === c.cap && c.cap === 300_000)).toBe(true);
    expect(autonomy.some((c) => c.used < c.cap && c.cap - c.used <= 1_000)).toBe(true);
    expect(caps.some((c) => c.abitare!.used === c.abitare!.cap && c.abitare!.cap === 150_000)).toBe(true);
  });

  it('sums the summary: money per axis and per partner add up to the whole, projects and results counted', async () => {
    const s = await getSummary(t.ctx, programmeActor(await kit.scope('coordinatrice'), 'test'), programmeId);
    const sum = (list: { allocatedCents: number; committedCents: number; paidCents: number; leftCents: number }[], k: 'allocatedCents' | 'committedCents' | 'paidCents' | 'leftCents') => list.reduce((n, x) => n + x[k], 0);
    for (const k of ['allocatedCents', 'committedCents', 'paidCents', 'leftCents'] as const) {
      expect(sum(s.byAxis, k), k).toBe(s.overall[k]);
      expect(sum(s.byPartner, k), k).toBe(s.overall[k]);
      expect(sum(s.cells, k), k).toBe(s.overall[k]);
    }
    expect(s.overall.leftCents).toBe(s.overall.allocatedCents - s.overall.committedCents);
    expect(s.overall.unallocatedCents).toBe(DEMO_PROGRAMME.totalCents - s.overall.allocatedCents);
    expect(s.overall.unallocatedCents).toBeGreaterThan(0);
    const [live] = await t.db
      .select({ cents: sql<string>`sum(${autonomyExpenses.amountCents})` })
      .from(autonomyExpenses)
      .where(and(eq(autonomyExpenses.programmeId, programmeId), ne(autonomyExpenses.state, 'annullata')));
    expect(s.overall.committedCents).toBe(Number(live!.cents));
    expect(s.overall.paidCents).toBeLessThan(s.overall.committedCents);
    expect(Object.values(s.projects).reduce((n, x) => n + x, 0)).toBe(14);
    const percorsi = s.results.find((r) => r.measure === 'percorsi')!;
    expect(percorsi).toMatchObject({ target: 12, counted: true, actual: s.projects.approvata + s.projects.in_corso + s.projects.conclusa });
    expect(s.intakes.byState.ammessa).toBe(14);
    // The group work the other expected results count: an agreement, a training meeting, the workshop's two sessions.
    expect(Object.fromEntries(s.results.map((r) => [r.measure, r.actual]))).toMatchObject({ accordi: 1, incontri_formativi: 1, laboratorio_sessioni: 2 });
  });

  it('schedules the follow-ups of the concluded projects, one of them due', async () => {
    const concluded = await t.db.select({ id: autonomyProjects.id }).from(autonomyProjects).where(eq(autonomyProjects.state, 'conclusa'));
    const followUps = await t.db.select().from(autonomyFollowUps);
    for (const p of concluded) expect(followUps.filter((f) => f.projectId === p.id).map((f) => f.months).sort((a, b) => a - b)).toEqual([6, 12, 24]);
    expect(followUps.some((f) => f.dueOn <= kit.today && f.state === 'da_fare')).toBe(true);
  });

  it('records two Reddito di libertà applications at different steps', async () => {
    const rows = await t.db.select().from(redditoApplications);
    expect(rows.map((r) => r.state).sort()).toEqual(['accolta', 'presentata']);
    expect(rows.find((r) => r.state === 'accolta')).toMatchObject({ monthsPaid: 2, monthsGranted: t.ctx.config.reddito.months });
  });

  it('keeps the funds year within rule 8 (governance ≤ 10 %), its plan sent, partners at every rendicontazione state', async () => {
    const [year] = await t.db.select().from(fundsYears);
    const f = await figures(t.db, year!);
    expect(f.governanceCents).toBe(DEMO_FUNDS.governanceCents.reduce((a, b) => a + b, 0));
    expect(f.governanceCents).toBeLessThanOrEqual(governanceLimitCents(year!.contributionCents));
    expect(f.governanceCents * 10).toBeLessThanOrEqual(year!.contributionCents);
    expect(f.allocatedCents).toBeLessThanOrEqual(f.allocableCents);
    expect(year!.planState).toBe('inviato');
    const allocations = await t.db.select().from(fundsAllocations).where(eq(fundsAllocations.yearId, year!.id));
    expect(allocations.map((a) => a.reportState).sort()).toEqual(['in_corso', 'non_avviata', 'presentata', 'verificata']);
  });

  it('wrote through the services: every project and expense audited, the chain intact', async () => {
    const [created] = await t.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.action, 'autonomy.project.create'), eq(auditLog.outcome, 'success')));
    expect(created!.n).toBe(14);
    const [expenses] = await t.db.select({ n: count() }).from(autonomyExpenses);
    const [audited] = await t.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'autonomy.expense.create'));
    expect(audited!.n).toBe(expenses!.n);
    // Goals are sealed: no plain text of them in the projects' rows.
    expect(JSON.stringify(await t.db.select().from(autonomyProjects))).not.toContain('testo di prova');
    await t.chained();
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it('loads only once: a second load changes nothing', async () => {
    await t.chained();
    const before = await databaseDigest(t.db);
    await loadDemo(t.ctx);
    await t.chained();
    expect(await databaseDigest(t.db)).toBe(before);
  });
});
