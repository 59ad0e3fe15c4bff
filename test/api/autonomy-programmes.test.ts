import { randomBytes } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { autonomyExpenses, autonomyIntakes, autonomyProjects } from '../../src/server/modules/autonomy/index.js';
import { autonomyActivities, autonomyActivityParticipants, autonomyActivitySessions, autonomyAttendance } from '../../src/server/modules/autonomy/workshops.tables.js';
import { insertNetwork, insertOrganisation, setOrganisationNetworks } from '../../src/server/modules/organisations/index.js';
import type { ProgrammeFrame } from '../../src/shared/autonomy.api.js';
import { lia2Frame, lia2Programme } from '../../src/shared/autonomy.frames.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { day, expectOk, issues, match, ok } from '../support/http.js';
import { type Agent, type World, createUser, createWorld, login } from '../support/world.js';

/**
 * Funded programmes through the API (docs/autonomy.md, "Programmes"): the
 * coordinator of the network creates and edits them; a CAV operator cannot;
 * another network's coordinator sees nothing (404); the frame's errors point
 * at the entry; budgets stay within the total and above what expenses
 * take; a frame edit keeps every code in use; the summary's figures on a
 * fixture with known answers.
 */

let t: TestApp;
let w: World;
let cavC: string;
let coordinator: Agent;
let operatorA: Agent;
let headB: Agent;
let otherCoordinator: Agent;
beforeAll(async () => {
  t = await buildTestApp();
  w = await createWorld(t);
  cavC = await insertOrganisation(t.db, { name: `cav-c-${randomBytes(4).toString('hex')}`, type: 'cav' });
  await setOrganisationNetworks(t.db, cavC, [w.network]);
  const otherCapofila = await insertOrganisation(t.db, { name: `capofila-${randomBytes(4).toString('hex')}`, type: 'ente_capofila' });
  await insertNetwork(t.db, { name: `rete-${randomBytes(4).toString('hex')}`, capofilaOrganisationId: otherCapofila });
  const other = await createUser(t, { memberships: [{ organisationId: otherCapofila, role: 'network_coordinator' }] });
  [coordinator, operatorA, headB, otherCoordinator] = await Promise.all([login(t, w.users.coordinator), login(t, w.users.operatorA), login(t, w.users.headB), login(t, other)]);
});
afterAll(() => t.close());

const created = expectOk(201);
const clone = <T>(x: T): T => structuredClone(x);
const body = (over: Record<string, unknown> = {}) => ({ ...lia2Programme, networkId: w.network, totalCents: 1_000_000, frame: clone(lia2Frame), ...over });
const lastAudit = async (action: string, resourceId: string) =>
  (await t.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.resourceId, resourceId))).orderBy(asc(auditLog.id))).at(-1);

async function newProgramme(over: Record<string, unknown> = {}) {
  return created(await coordinator.request('POST', '/api/autonomy/programmes', body(over)));
}

describe('who creates a programme', () => {
  it('the coordinator of the network creates it from the L.I.A. 2 frame; her organisation is its capofila', async () => {
    const res = await coordinator.request('POST', '/api/autonomy/programmes', body());
    const p = created(res);
    expect(res.headers.etag).toBe('"1"');
    expect(p).toMatchObject({ name: lia2Programme.name, state: 'bozza', version: 1, totalCents: 1_000_000, capofila: { id: w.orgs.capofila }, network: { id: w.network }, acts: { manage: true } });
    expect(p.partners).toEqual([expect.objectContaining({ id: w.orgs.capofila, role: 'capofila' })]);
    expect(p.frame.caps.map((c: { code: string; amountCents: number }) => `${c.code}:${c.amountCents}`)).toEqual(['budget_autonomia:300000', 'abitare:150000']);
    expect(p.memberOptions.map((o: { id: string }) => o.id)).toEqual(expect.arrayContaining([w.orgs.capofila, w.orgs.cavA, cavC]));
    expect(await lastAudit('autonomy.programme.create', p.id)).toMatchObject({ outcome: 'success', resourceType: 'autonomy_programme', actorOrganisationId: w.orgs.capofila });
    const list = ok(await coordinator.request('GET', '/api/autonomy/programmes'));
    expect(list.networks).toEqual([{ id: w.network, name: expect.any(String) }]);
    expect(list.items.find((i: { id: string }) => i.id === p.id)).toMatchObject({ manage: true });
  });

  it('a CAV operator may not create one (403) and does not see one she has no part in (404)', async () => {
    const p = await newProgramme();
    expect((await operatorA.request('POST', '/api/autonomy/programmes', body())).status).toBe(403);
    expect((await operatorA.request('GET', `/api/autonomy/programmes/${p.id}`)).status).toBe(404);
    expect(ok(await operatorA.request('GET', '/api/autonomy/programmes')).items.map((i: { id: string }) => i.id)).not.toContain(p.id);
  });

  it("another network's coordinator gets 404 on it (audited as denied) and cannot create one in this network", async () => {
    const p = await newProgramme();
    for (const [method, url, payload] of [
      ['GET', `/api/autonomy/programmes/${p.id}`, undefined],
      ['GET', `/api/autonomy/programmes/${p.id}/summary`, undefined],
      ['PATCH', `/api/autonomy/programmes/${p.id}`, { name: 'Altro' }],
      ['PUT', `/api/autonomy/programmes/${p.id}/budgets`, { budgets: [] }],
    ] as const) {
      expect((await otherCoordinator.request(method, url, payload, match(1))).status, `${method} ${url}`).toBe(404);
    }
    expect(await lastAudit('access.denied', p.id)).toMatchObject({ outcome: 'denied', resourceType: 'autonomy_programme' });
    const res = await otherCoordinator.request('POST', '/api/autonomy/programmes', body());
    expect([res.status, issues(res.body)]).toEqual([400, ['/body/networkId unknown_network']]);
    expect(ok(await otherCoordinator.request('GET', `/api/autonomy/programmes`)).items).toEqual([]);
  });
});

describe('the frame', () => {
  it('an area without the required axis I is refused, pointing at the area', async () => {
    const frame = clone(lia2Frame);
    frame.areas[1]!.axes = ['IV'];
    const res = await coordinator.request('POST', '/api/autonomy/programmes', body({ frame }));
    expect([res.status, issues(res.body)]).toEqual([400, ['/body/frame/areas/1/axes required_axis_missing']]);
  });

  it('unknown axes and repeated codes point at their entries', async () => {
    const frame = clone(lia2Frame) as ProgrammeFrame;
    frame.categories[2]!.axis = 'V';
    frame.priorities.push({ code: '1.1', axis: 'I', name: 'Doppione' });
    frame.caps[0]!.axes = ['II', 'IX'];
    const res = await coordinator.request('POST', '/api/autonomy/programmes', body({ frame }));
    expect([res.status, issues(res.body)]).toEqual([
      400,
      ['/body/frame/caps/0/axes/1 unknown_axis', '/body/frame/categories/2/axis unknown_axis', `/body/frame/priorities/${lia2Frame.priorities.length}/code duplicate`],
    ]);
  });

  it('dates in the wrong order and a total beyond what the table holds are 400', async () => {
    const res = await coordinator.request('POST', '/api/autonomy/programmes', body({ startsOn: '2024-01-01', endsOn: '2023-01-01', totalCents: 3_000_000_000 }));
    expect([res.status, issues(res.body)]).toEqual([400, ['/body/endsOn from_after_to', '/body/totalCents too_big']]);
  });
});

describe('partners, budgets, équipes and results', () => {
  it('partners are members of the network; a partner then reads the programme but may not edit it', async () => {
    const p = await newProgramme();
    const bad = await coordinator.request('PUT', `/api/autonomy/programmes/${p.id}/partners`, { capofilaOrganisationId: w.orgs.capofila, partnerOrganisationIds: [w.orgs.cavA, w.orgs.cavB] }, match(1));
    expect([bad.status, issues(bad.body)]).toEqual([400, ['/body/partnerOrganisationIds/1 not_in_network']]);
    const set = ok(await coordinator.request('PUT', `/api/autonomy/programmes/${p.id}/partners`, { capofilaOrganisationId: w.orgs.capofila, partnerOrganisationIds: [w.orgs.cavA, cavC] }, match(1)));
    expect(set.version).toBe(2);
    expect(set.partners.map((x: { id: string; role: string }) => `${x.role}`).sort()).toEqual(['capofila', 'partner', 'partner']);
    const read = ok(await operatorA.request('GET', `/api/autonomy/programmes/${p.id}`));
    expect(read.acts).toEqual({ manage: false });
    expect(read.memberOptions).toEqual([]);
    expect(await lastAudit('autonomy.programme.read', p.id)).toMatchObject({ purpose: 'partner', actorOrganisationId: w.orgs.cavA });
    expect((await operatorA.request('PATCH', `/api/autonomy/programmes/${p.id}`, { name: 'No' }, match(2))).status).toBe(403);
  });

  it('budgets: axes of the frame, partners only, each pair once, the sum within the total', async () => {
    const p = await newProgramme({ totalCents: 500_000 });
    ok(await coordinator.request('PUT', `/api/autonomy/programmes/${p.id}/partners`, { capofilaOrganisationId: w.orgs.capofila, partnerOrganisationIds: [w.orgs.cavA] }, match(1)));
    const bad = await coordinator.request(
      'PUT',
      `/api/autonomy/programmes/${p.id}/budgets`,
      {
        budgets: [
          { axisCode: 'V', organisationId: w.orgs.cavA, amountCents: 1 },
          { axisCode: 'II', organisationId: cavC, amountCents: 1 },
          { axisCode: 'II', organisationId: w.orgs.cavA, amountCents: 1 },
          { axisCode: 'II', organisationId: w.orgs.cavA, amountCents: 1 },
        ],
      },
      match(2),
    );
    expect([bad.status, issues(bad.body)]).toEqual([400, ['/body/budgets/0/axisCode unknown_axis', '/body/budgets/1/organisationId not_partner', '/body/budgets/3 duplicate']]);
    const over = await coordinator.request(
      'PUT',
      `/api/autonomy/programmes/${p.id}/budgets`,
      { budgets: [{ axisCode: 'II', organisationId: w.orgs.cavA, amountCents: 300_000 }, { axisCode: 'IV', organisationId: w.orgs.cavA, amountCents: 200_001 }] },
      match(2),
    );
    expect([over.status, issues(over.body), over.body.errors[0].params]).toEqual([400, ['/body/budgets over_total'], { total: '5000.00' }]);
    const fine = ok(
      await coordinator.request(
        'PUT',
        `/api/autonomy/programmes/${p.id}/budgets`,
        { budgets: [{ axisCode: 'II', organisationId: w.orgs.cavA, amountCents: 300_000 }, { axisCode: 'IV', organisationId: w.orgs.cavA, amountCents: 200_000 }] },
        match(2),
      ),
    );
    expect(fine.budgets).toHaveLength(2);
    // The total may not drop below the budgets.
    const lower = await coordinator.request('PATCH', `/api/autonomy/programmes/${p.id}`, { totalCents: 400_000 }, match(3));
    expect([lower.status, issues(lower.body)]).toEqual([400, ['/body/totalCents over_total']]);
    // Stale and missing If-Match.
    expect((await coordinator.request('PATCH', `/api/autonomy/programmes/${p.id}`, { name: 'X' }, match(2))).status).toBe(412);
    expect((await coordinator.request('PATCH', `/api/autonomy/programmes/${p.id}`, { name: 'X' })).status).toBe(428);
  });

  it("équipes: members of the network; an équipe member's organisation reads the programme", async () => {
    const p = await newProgramme();
    const bad = await coordinator.request('PUT', `/api/autonomy/programmes/${p.id}/equipes`, { equipes: [{ name: 'Ambito di Cremona', organisationIds: [w.orgs.cavB] }] }, match(1));
    expect([bad.status, issues(bad.body)]).toEqual([400, ['/body/equipes/0/organisationIds/0 not_in_network']]);
    const set = ok(
      await coordinator.request(
        'PUT',
        `/api/autonomy/programmes/${p.id}/equipes`,
        { equipes: [{ name: 'Ambito di Cremona', organisationIds: [w.orgs.cavA, w.orgs.shelter] }, { name: 'Ambito di Crema', organisationIds: [cavC] }] },
        match(1),
      ),
    );
    expect(set.equipes.map((e: { name: string; members: unknown[] }) => `${e.name}:${e.members.length}`)).toEqual(['Ambito di Crema:1', 'Ambito di Cremona:2']);
    const read = ok(await operatorA.request('GET', `/api/autonomy/programmes/${p.id}`));
    expect(read.equipes).toHaveLength(2);
    // Renaming keeps the équipe (its id), swapping the two names.
    const [crema, cremona] = set.equipes;
    const swapped = ok(
      await coordinator.request(
        'PUT',
        `/api/autonomy/programmes/${p.id}/equipes`,
        { equipes: [{ id: crema.id, name: 'Ambito di Cremona', organisationIds: [cavC] }, { id: cremona.id, name: 'Ambito di Crema', organisationIds: [w.orgs.cavA] }] },
        match(2),
      ),
    );
    expect(swapped.equipes.map((e: { id: string; name: string }) => `${e.id === crema.id ? 'crema' : 'cremona'}:${e.name}`)).toEqual(['cremona:Ambito di Crema', 'crema:Ambito di Cremona']);
  });

  it('results: a manual value is refused where the data count it', async () => {
    const p = await newProgramme();
    const bad = await coordinator.request(
      'PUT',
      `/api/autonomy/programmes/${p.id}/results`,
      { results: [{ label: 'Percorsi', measure: 'percorsi', target: 12, manualActual: 3 }, { label: 'Accordi', measure: 'accordi', target: 1, manualActual: 1 }] },
      match(1),
    );
    expect([bad.status, issues(bad.body)]).toEqual([400, ['/body/results/0/manualActual not_allowed', '/body/results/1/manualActual not_allowed']]);
    const set = ok(
      await coordinator.request(
        'PUT',
        `/api/autonomy/programmes/${p.id}/results`,
        { results: [{ label: 'Percorsi', measure: 'percorsi', target: 12 }, { label: 'Sportelli aperti', measure: 'manuale', target: 1, manualActual: 1 }] },
        match(1),
      ),
    );
    expect(set.results.map((r: { label: string }) => r.label)).toEqual(['Percorsi', 'Sportelli aperti']);
    const again = ok(
      await coordinator.request('PUT', `/api/autonomy/programmes/${p.id}/results`, { results: [{ id: set.results[1].id, label: 'Sportelli aperti in provincia', measure: 'manuale', target: 2, manualActual: 1 }] }, match(2)),
    );
    expect(again.results).toEqual([{ id: set.results[1].id, label: 'Sportelli aperti in provincia', measure: 'manuale', target: 2, manualActual: 1 }]);
  });
});

describe('the summary, on a fixture with known answers', () => {
  let p: { id: string; version: number; equipes: { id: string }[] };
  let version: number;
  const cases: string[] = [];
  const euro = (n: number) => n * 100;
  beforeAll(async () => {
    const created0 = await newProgramme({ totalCents: euro(10_000) });
    ok(await coordinator.request('PUT', `/api/autonomy/programmes/${created0.id}/partners`, { capofilaOrganisationId: w.orgs.capofila, partnerOrganisationIds: [w.orgs.cavA, cavC] }, match(1)));
    ok(
      await coordinator.request(
        'PUT',
        `/api/autonomy/programmes/${created0.id}/budgets`,
        {
          budgets: [
            { axisCode: 'I', organisationId: w.orgs.capofila, amountCents: euro(1000) },
            { axisCode: 'II', organisationId: w.orgs.cavA, amountCents: euro(3000) },
            { axisCode: 'III', organisationId: w.orgs.cavA, amountCents: euro(1000) },
            { axisCode: 'IV', organisationId: w.orgs.cavA, amountCents: euro(2000) },
            { axisCode: 'II', organisationId: cavC, amountCents: euro(2000) },
            { axisCode: 'IV', organisationId: cavC, amountCents: euro(500) },
          ],
        },
        match(2),
      ),
    );
    ok(await coordinator.request('PUT', `/api/autonomy/programmes/${created0.id}/equipes`, { equipes: [{ name: 'Ambito', organisationIds: [w.orgs.cavA, cavC] }] }, match(3)));
    p = ok(
      await coordinator.request(
        'PUT',
        `/api/autonomy/programmes/${created0.id}/results`,
        {
          results: [
            { label: 'Percorsi personalizzati', measure: 'percorsi', target: 12 },
            { label: 'Accordi', measure: 'accordi', target: 1 },
            { label: 'Laboratorio', measure: 'laboratorio_sessioni', target: 1 },
            { label: 'Partecipanti al laboratorio', measure: 'laboratorio_partecipanti', target: 10 },
            { label: 'Incontri formativi', measure: 'incontri_formativi', target: 1 },
          ],
        },
        match(4),
      ),
    );
    version = p.version;
    for (let i = 0; i < 3; i++) cases.push(created(await operatorA.request('POST', '/api/cases', { contactOn: day(-10) })).id);
    const equipeId = p.equipes[0]!.id;
    const project = async (state: 'bozza' | 'approvata' | 'in_corso' | 'conclusa' | 'interrotta', organisation: string, caseId = cases[0]!) => {
      const [row] = await t.db
        .insert(autonomyProjects)
        .values({ programmeId: p.id, caseId, equipeId, referringOrganisationId: organisation, areas: ['lavoro', 'abitare'], state })
        .returning({ id: autonomyProjects.id });
      return row!.id;
    };
    const p1 = await project('in_corso', w.orgs.cavA);
    const p2 = await project('approvata', cavC, cases[1]);
    await project('bozza', w.orgs.cavA);
    await project('conclusa', w.orgs.cavA, cases[2]);
    await project('interrotta', cavC);
    const expense = (projectId: string, partner: string, axisCode: string, categoryCode: string, amount: number, state: 'impegnata' | 'pagata' | 'annullata') =>
      t.db.insert(autonomyExpenses).values({
        projectId,
        programmeId: p.id,
        axisCode,
        categoryCode,
        partnerOrganisationId: partner,
        amountCents: euro(amount),
        state,
        committedOn: day(-5),
        paidOn: state === 'pagata' ? day(-2) : null,
      });
    await expense(p1, w.orgs.cavA, 'II', 'tirocinio_indennita', 500, 'pagata');
    await expense(p1, w.orgs.cavA, 'II', 'formazione', 300, 'impegnata');
    await expense(p1, w.orgs.cavA, 'IV', 'deposito_cauzionale', 800, 'pagata');
    await expense(p1, w.orgs.cavA, 'IV', 'canone', 100, 'annullata');
    await expense(p2, cavC, 'II', 'tirocinio_attivazione', 200, 'impegnata');
    const intake = (caseId: string, state: 'segnalata' | 'ammessa' | 'non_ammessa' | 'ritirata', refusalReason: 'non_pronta' | 'fondi_esauriti' | null = null) =>
      t.db.insert(autonomyIntakes).values({ programmeId: p.id, equipeId, caseId, referringOrganisationId: w.orgs.cavA, state, refusalReason });
    await intake(cases[0]!, 'segnalata');
    await intake(cases[1]!, 'ammessa');
    await intake(cases[2]!, 'ammessa');
    await intake(cases[0]!, 'non_ammessa', 'non_pronta');
    await intake(cases[1]!, 'non_ammessa', 'fondi_esauriti');
    await intake(cases[2]!, 'ritirata');
    // Group work: two agreements, the workshop's three sessions and two women (one enrolled twice over is one), a training meeting in a day.
    const activity = async (values: Omit<typeof autonomyActivities.$inferInsert, 'programmeId'>) => (await t.db.insert(autonomyActivities).values({ programmeId: p.id, ...values }).returning())[0]!.id;
    await activity({ kind: 'accordo', title: 'ALER', counterpart: 'ALER Cremona', agreementKind: 'abitare', signedOn: day(-20) });
    await activity({ kind: 'accordo', title: 'Confcooperative', counterpart: 'Confcooperative', agreementKind: 'lavoro', signedOn: day(-10) });
    const lab = await activity({ kind: 'laboratorio_empowerment', title: 'Laboratorio' });
    const sessions = await t.db.insert(autonomyActivitySessions).values([day(-9), day(-8), day(-7)].map((heldOn) => ({ activityId: lab, heldOn, facilitators: ['Operatrice'] }))).returning();
    const parts = await t.db.insert(autonomyActivityParticipants).values([cases[0]!, cases[1]!].map((caseId) => ({ activityId: lab, caseId, referringOrganisationId: w.orgs.cavA }))).returning();
    await t.db.insert(autonomyAttendance).values([{ participantId: parts[0]!.id, sessionId: sessions[0]!.id }, { participantId: parts[1]!.id, sessionId: sessions[0]!.id }]);
    await activity({ kind: 'incontro_formativo_operatori', title: 'Formazione', heldOn: day(-3) });
  });

  it('money per axis, per partner and overall: allocated, committed (not cancelled), paid, left', async () => {
    const s = ok(await coordinator.request('GET', `/api/autonomy/programmes/${p.id}/summary`));
    const fig = (x: { allocatedCents: number; committedCents: number; paidCents: number; leftCents: number }) => [x.allocatedCents, x.committedCents, x.paidCents, x.leftCents].map((c) => c / 100);
    expect(Object.fromEntries(s.byAxis.map((a: { axisCode: string }) => [a.axisCode, fig(a as never)]))).toEqual({
      I: [1000, 0, 0, 1000],
      II: [5000, 1000, 500, 4000],
      III: [1000, 0, 0, 1000],
      IV: [2500, 800, 800, 1700],
    });
    expect(s.byPartner.map((x: { organisationId: string; role: string }) => [x.organisationId, x.role, ...fig(x as never)])).toEqual([
      [w.orgs.capofila, 'capofila', 1000, 0, 0, 1000],
      ...[
        [w.orgs.cavA, 'partner', 6000, 1600, 1300, 4400],
        [cavC, 'partner', 2500, 200, 0, 2300],
      ].sort((a, b) => s.byPartner.findIndex((x: { organisationId: string }) => x.organisationId === a[0]) - s.byPartner.findIndex((x: { organisationId: string }) => x.organisationId === b[0])),
    ]);
    expect([...fig(s.overall), s.overall.unallocatedCents / 100]).toEqual([9500, 1800, 1300, 7700, 500]);
    expect(s.cells).toHaveLength(6);
    expect(fig(s.cells.find((c: { axisCode: string; organisationId: string }) => c.axisCode === 'IV' && c.organisationId === w.orgs.cavA))).toEqual([2000, 800, 800, 1200]);
  });

  it('expected against actual: paths counted from the projects approved or later, the others manual; intakes and projects counted', async () => {
    const s = ok(await operatorA.request('GET', `/api/autonomy/programmes/${p.id}/summary`));
    expect(s.results.map((r: { measure: string; target: number; actual: number | null; counted: boolean }) => [r.measure, r.target, r.actual, r.counted])).toEqual([
      ['percorsi', 12, 3, true],
      ['accordi', 1, 2, true],
      ['laboratorio_sessioni', 1, 3, true],
      ['laboratorio_partecipanti', 10, 2, true],
      ['incontri_formativi', 1, 1, true],
    ]);
    expect(s.projects).toEqual({ bozza: 1, proposta: 0, validata: 0, approvata: 1, in_corso: 1, conclusa: 1, interrotta: 1 });
    // Referrals and refusals could point at a woman: 1–4 hidden (an empty cell stays 0).
    expect(s.intakes).toEqual({
      byState: { segnalata: null, ammessa: null, non_ammessa: null, ritirata: null },
      refusals: { non_pronta: null, requisiti_mancanti: 0, altra_misura_piu_adatta: 0, rinuncia: 0, fondi_esauriti: null, altro: 0 },
      threshold: 5,
    });
    // Counts only: no case code, no case id.
    for (const c of cases) expect(JSON.stringify(s)).not.toContain(c);
    expect(Object.keys(s).sort()).toEqual(['byAxis', 'byPartner', 'cells', 'id', 'intakes', 'name', 'overall', 'projects', 'results', 'totalCents']);
    expect(await lastAudit('autonomy.programme.summary', p.id)).toMatchObject({ purpose: 'partner,equipe', actorOrganisationId: w.orgs.cavA });
  });

  it("a partner's axis budget cannot go below what its expenses take: 409 naming it", async () => {
    const res = await coordinator.request(
      'PUT',
      `/api/autonomy/programmes/${p.id}/budgets`,
      {
        budgets: [
          { axisCode: 'I', organisationId: w.orgs.capofila, amountCents: euro(1000) },
          { axisCode: 'II', organisationId: w.orgs.cavA, amountCents: euro(3000) },
          { axisCode: 'IV', organisationId: w.orgs.cavA, amountCents: euro(700) },
        ],
      },
      match(version),
    );
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('autonomy_budget_below_spent');
    expect(res.body.errors.map((e: { pointer: string; code: string; params: unknown }) => [e.pointer, e.code, e.params])).toEqual(
      expect.arrayContaining([
        ['/body/budgets/2/amountCents', 'below_spent', { spent: '800.00' }],
        ['/body/budgets', 'below_spent', { spent: '200.00' }],
      ]),
    );
    expect(res.body.errors).toHaveLength(2);
  });

  it('a frame edit may not drop a code budgets, projects or expenses use: 409 with the codes', async () => {
    const frame = clone(lia2Frame);
    frame.areas = frame.areas.filter((a) => a.code !== 'abitare');
    frame.axes = frame.axes.filter((a) => a.code !== 'IV');
    frame.priorities = frame.priorities.filter((x) => x.axis !== 'IV');
    frame.categories = frame.categories.filter((x) => x.axis !== 'IV');
    frame.caps = frame.caps.filter((x) => !x.axes.includes('IV'));
    const res = await coordinator.request('PATCH', `/api/autonomy/programmes/${p.id}`, { frame }, match(version));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('autonomy_frame_code_in_use');
    expect(res.body.errors.map((e: { pointer: string; params: { code: string } }) => `${e.pointer}:${e.params.code}`)).toEqual([
      '/body/frame/axes:IV',
      '/body/frame/categories:canone',
      '/body/frame/categories:deposito_cauzionale',
      '/body/frame/areas:abitare',
    ]);
    // Renaming is fine: the codes stay.
    const renamed = clone(lia2Frame);
    renamed.axes[3]!.name = 'Abitare';
    const done = ok(await coordinator.request('PATCH', `/api/autonomy/programmes/${p.id}`, { frame: renamed, state: 'attivo' }, match(version)));
    expect([done.state, done.frame.axes[3].name, done.version]).toEqual(['attivo', 'Abitare', version + 1]);
    version = done.version;
  });

  it('a partner with a budget or expenses cannot be taken off', async () => {
    const res = await coordinator.request('PUT', `/api/autonomy/programmes/${p.id}/partners`, { capofilaOrganisationId: w.orgs.capofila, partnerOrganisationIds: [w.orgs.cavA] }, match(version));
    expect([res.status, res.body.code, res.body.errors.map((e: { item: string }) => e.item)]).toEqual([409, 'autonomy_partner_in_use', [cavC]]);
  });

  it('an équipe with referrals cannot be deleted', async () => {
    const res = await coordinator.request('PUT', `/api/autonomy/programmes/${p.id}/equipes`, { equipes: [] }, match(version));
    expect([res.status, res.body.code]).toEqual([409, 'autonomy_equipe_in_use']);
  });

  it('a CAV head of another network sees none of it', async () => {
    expect((await headB.request('GET', `/api/autonomy/programmes/${p.id}/summary`)).status).toBe(404);
  });
});
