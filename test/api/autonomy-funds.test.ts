import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { fundsAllocations, fundsExpenses, fundsGovernanceCosts } from '../../src/server/modules/autonomy/index.js';
import { insertNetwork, insertOrganisation, organisations, setOrganisationNetworks } from '../../src/server/modules/organisations/index.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { expectOk, issues, match, ok } from '../support/http.js';
import { type Agent, type World, createUser, createWorld, login } from '../support/world.js';

/**
 * The capofila's regional funds through the API (docs/autonomy.md,
 * "Regional funds"): the 10 % rule at its edges and under concurrency,
 * the call, applications and review, the allocation plan (registered
 * organisations only, within what may be allocated), the rendicontazione
 * (never over an allocation; submitted by the partner's head, checked by
 * the capofila), the exports whose totals equal the database's sums, and
 * who sees what (a partner its own only; a foreign organisation 404).
 */

let t: TestApp;
let w: World;
let cavC: string;
let capofilaHead: Agent;
let coordinator: Agent;
let headA: Agent;
let operatorA: Agent;
let headB: Agent;
let shelterHead: Agent;
let otherCoordinator: Agent;
let year = 2000;
beforeAll(async () => {
  t = await buildTestApp();
  w = await createWorld(t);
  cavC = await insertOrganisation(t.db, { name: `cav-c-${randomBytes(4).toString('hex')}`, type: 'cav' });
  await setOrganisationNetworks(t.db, cavC, [w.network]);
  await t.db.update(organisations).set({ alboStatus: 'iscritta', alboDate: '2024-01-10' }).where(inArray(organisations.id, [w.orgs.cavA, w.orgs.shelter, w.orgs.cavB]));
  await t.db.update(organisations).set({ alboStatus: 'in_istruttoria' }).where(eq(organisations.id, cavC));
  const otherCapofila = await insertOrganisation(t.db, { name: `capofila-${randomBytes(4).toString('hex')}`, type: 'ente_capofila' });
  await insertNetwork(t.db, { name: `rete-${randomBytes(4).toString('hex')}`, capofilaOrganisationId: otherCapofila });
  const [ch, sh, oc] = await Promise.all([
    createUser(t, { memberships: [{ organisationId: w.orgs.capofila, role: 'organisation_head' }] }),
    createUser(t, { memberships: [{ organisationId: w.orgs.shelter, role: 'organisation_head' }] }),
    createUser(t, { memberships: [{ organisationId: otherCapofila, role: 'network_coordinator' }] }),
  ]);
  [capofilaHead, coordinator, headA, operatorA, headB, shelterHead, otherCoordinator] = await Promise.all([
    login(t, ch),
    login(t, w.users.coordinator),
    login(t, w.users.headA),
    login(t, w.users.operatorA),
    login(t, w.users.headB),
    login(t, sh),
    login(t, oc),
  ]);
});
afterAll(() => t.close());

const created = expectOk(201);
const Y = '/api/autonomy/funds/years';
const lastAudit = async (action: string, resourceId: string) =>
  (await t.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.resourceId, resourceId))).orderBy(asc(auditLog.id))).at(-1);
async function newYear(contributionCents: number, by: Agent = capofilaHead) {
  return created(await by.request('POST', Y, { networkId: w.network, year: ++year, contributionCents }));
}
const governance = (amountCents: number) => ({ description: 'Coordinamento della rete', amountCents, incurredOn: '2026-03-01' });
const dbGovernance = async (yearId: string) =>
  Number((await t.db.select({ s: sql<string>`coalesce(sum(${fundsGovernanceCosts.amountCents}), 0)` }).from(fundsGovernanceCosts).where(eq(fundsGovernanceCosts.yearId, yearId)))[0]!.s);

describe('the year and the 10 % rule (rule 8)', () => {
  it("the capofila's head and the network coordinator open years; a partner's head may not; the year is unique per network", async () => {
    const y = await newYear(1_000_000);
    expect(y).toMatchObject({ view: 'capofila', contributionCents: 1_000_000, capofila: { id: w.orgs.capofila }, plan: { state: 'bozza' }, acts: { manage: true } });
    expect(y.totals).toMatchObject({ governanceLimitCents: 100_000, governanceLeftCents: 100_000, allocableCents: 1_000_000 });
    expect(y.eligible.map((e: { id: string; registered: boolean }) => `${e.id === cavC ? 'C' : e.id === w.orgs.cavA ? 'A' : 'S'}:${e.registered}`).sort()).toEqual(['A:true', 'C:false', 'S:true']);
    expect(await lastAudit('autonomy.funds.year_create', y.id)).toMatchObject({ outcome: 'success', resourceType: 'funds_year' });
    await newYear(1, coordinator);
    expect((await headA.request('POST', Y, { networkId: w.network, year: 2099, contributionCents: 1 })).status).toBe(403);
    expect((await capofilaHead.request('POST', Y, { networkId: w.network, year: y.year, contributionCents: 1 })).status).toBe(409);
    const other = await otherCoordinator.request('POST', Y, { networkId: w.network, year: 2098, contributionCents: 1 });
    expect([other.status, issues(other.body)]).toEqual([400, ['/body/networkId unknown_network']]);
  });

  it('governance costs: exactly 10 % accepted, one cent over refused with the limit, the amount asked and what is left; co-financing does not enlarge the base', async () => {
    // floor(1_000_009 × 10 / 100) = 100_000
    const y = await newYear(1_000_009);
    expect(y.totals.governanceLimitCents).toBe(100_000);
    created(await capofilaHead.request('POST', `${Y}/${y.id}/cofinancing`, { kind: 'denaro', description: 'Quota comunale', amountCents: 500_000 }));
    created(await capofilaHead.request('POST', `${Y}/${y.id}/cofinancing`, { kind: 'personale', description: 'Coordinatrice, 10 ore/settimana', organisationId: w.orgs.cavA, amountCents: 300_000 }));
    created(await capofilaHead.request('POST', `${Y}/${y.id}/governance`, governance(60_000)));
    const over = await capofilaHead.request('POST', `${Y}/${y.id}/governance`, governance(40_001));
    expect(over.status).toBe(409);
    expect(over.body.errors[0].detail).toBe('Supera il 10 % del contributo regionale (1000.00): già imputati 600.00, chiesti 400.01, restano 400.00.');
    expect(over.body.errors).toMatchObject([
      {
        pointer: '/body/amountCents',
        code: 'governance_limit',
        params: { limitCents: 100_000, usedCents: 60_000, askedCents: 40_001, leftCents: 40_000, limitEuro: '1000.00', usedEuro: '600.00', askedEuro: '400.01', leftEuro: '400.00' },
      },
    ]);
    const at = created(await capofilaHead.request('POST', `${Y}/${y.id}/governance`, governance(40_000)));
    expect(at.totals).toMatchObject({ governanceCents: 100_000, governanceLeftCents: 0, cofinancingMoneyCents: 500_000, cofinancingInKindCents: 300_000, allocableCents: 1_000_009 + 500_000 - 100_000 });
    const cent = await capofilaHead.request('POST', `${Y}/${y.id}/governance`, governance(1));
    expect([cent.status, cent.body.errors[0].params.leftCents]).toEqual([409, 0]);
    // The contribution may not fall so that 10 % no longer covers the costs: 1_000_000 → limit 100_000 (still fine), 999_999 → 99_999.
    ok(await capofilaHead.request('PATCH', `${Y}/${y.id}`, { contributionCents: 1_000_000 }, match(at.version)));
    const lower = await capofilaHead.request('PATCH', `${Y}/${y.id}`, { contributionCents: 999_999 }, match(at.version + 1));
    expect([lower.status, issues(lower.body), lower.body.errors[0].params.limitCents]).toEqual([409, ['/body/contributionCents governance_limit'], 99_999]);
    expect(await dbGovernance(y.id)).toBe(100_000);
    // Removing one frees room (If-Match: the year).
    const cur = ok(await capofilaHead.request('GET', `${Y}/${y.id}`));
    ok(await capofilaHead.request('DELETE', `${Y}/${y.id}/governance/${cur.governance[0].id}`, undefined, match(cur.version)));
    expect(await dbGovernance(y.id)).toBe(40_000);
  });

  it('concurrent governance costs never exceed the limit', async () => {
    const y = await newYear(1_000_000); // limit 100_000
    const results = await Promise.all(Array.from({ length: 10 }, () => capofilaHead.request('POST', `${Y}/${y.id}/governance`, governance(15_000))));
    const statuses = results.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409), JSON.stringify(statuses)).toBe(true);
    const accepted = statuses.filter((s) => s === 201).length;
    expect(accepted).toBe(6);
    expect(await dbGovernance(y.id)).toBe(90_000);
  });
});

describe('call, applications, review, plan, rendicontazione', () => {
  it('runs a year end to end, each side seeing its own', async () => {
    const y = await newYear(2_000_000);
    const yearId = y.id as string;
    const badDates = await capofilaHead.request('PATCH', `${Y}/${yearId}`, { callOpensOn: '2026-02-01', callClosesOn: '2026-01-01' }, match(y.version));
    expect([badDates.status, issues(badDates.body)]).toEqual([400, ['/body/callClosesOn from_after_to']]);
    expect((await capofilaHead.request('PATCH', `${Y}/${yearId}`, { callReference: 'x' }, match(y.version + 5))).status).toBe(412);
    expect((await capofilaHead.request('PATCH', `${Y}/${yearId}`, { callReference: 'x' })).status).toBe(428);
    let cur = ok(await capofilaHead.request('GET', `${Y}/${yearId}`));
    cur = ok(await capofilaHead.request('PATCH', `${Y}/${yearId}`, { callOpensOn: '2026-01-15', callClosesOn: '2026-02-15', callReference: 'Avviso prot. 123/2026' }, match(cur.version)));
    expect(cur.call).toEqual({ opensOn: '2026-01-15', closesOn: '2026-02-15', reference: 'Avviso prot. 123/2026' });
    created(await capofilaHead.request('POST', `${Y}/${yearId}/governance`, governance(150_000)));
    created(await capofilaHead.request('POST', `${Y}/${yearId}/cofinancing`, { kind: 'denaro', description: 'Quota', amountCents: 100_000 }));
    // allocable = 2_000_000 + 100_000 − 150_000 = 1_950_000

    // Applications: a partner for itself; the capofila for any; only registered CAV and shelters of the network.
    const mine = created(await headA.request('POST', `${Y}/${yearId}/applications`, { organisationId: w.orgs.cavA, requestedCents: 1_200_000, submittedOn: '2026-02-01' }));
    expect(mine).toMatchObject({ view: 'partner', totals: null, cofinancing: [], governance: [], eligible: [], acts: { manage: false } });
    expect(mine.applications).toHaveLength(1);
    const forOther = await headA.request('POST', `${Y}/${yearId}/applications`, { organisationId: w.orgs.shelter, requestedCents: 1, submittedOn: '2026-02-01' });
    expect([forOther.status, issues(forOther.body)]).toEqual([400, ['/body/organisationId not_allowed']]);
    const unregistered = await capofilaHead.request('POST', `${Y}/${yearId}/applications`, { organisationId: cavC, requestedCents: 1, submittedOn: '2026-02-01' });
    expect([unregistered.status, unregistered.body.errors[0].code]).toEqual([409, 'not_registered']);
    const outside = await capofilaHead.request('POST', `${Y}/${yearId}/applications`, { organisationId: w.orgs.cavB, requestedCents: 1, submittedOn: '2026-02-01' });
    expect([outside.status, issues(outside.body)]).toEqual([400, ['/body/organisationId not_in_network']]);
    const capofilaItself = await capofilaHead.request('POST', `${Y}/${yearId}/applications`, { organisationId: w.orgs.capofila, requestedCents: 1, submittedOn: '2026-02-01' });
    expect([capofilaItself.status, issues(capofilaItself.body)]).toEqual([400, ['/body/organisationId not_cav_or_shelter']]);
    const shelterApp = created(await capofilaHead.request('POST', `${Y}/${yearId}/applications`, { organisationId: w.orgs.shelter, requestedCents: 900_000, submittedOn: '2026-02-10' }));
    expect(shelterApp.applications).toHaveLength(2);
    expect((await headA.request('POST', `${Y}/${yearId}/applications`, { organisationId: w.orgs.cavA, requestedCents: 5, submittedOn: '2026-02-01' })).status).toBe(409);
    // The partner edits its own (If-Match: the application); the other partner's is not hers (404).
    const appA = mine.applications[0];
    ok(await operatorA.request('PATCH', `${Y}/${yearId}/applications/${appA.id}`, { requestedCents: 1_100_000 }, match(appA.version)));
    const appS = shelterApp.applications.find((a: { organisation: { id: string } }) => a.organisation.id === w.orgs.shelter);
    expect((await headA.request('PATCH', `${Y}/${yearId}/applications/${appS.id}`, { requestedCents: 1 }, match(appS.version))).status).toBe(404);
    // The review: the capofila's; a reason when not admitted.
    expect((await headA.request('POST', `${Y}/${yearId}/applications/${appA.id}/review`, { outcome: 'ammessa', proposedCents: 1, reviewedOn: '2026-02-20' }, match(2))).status).toBe(403);
    const noReason = await coordinator.request('POST', `${Y}/${yearId}/applications/${appS.id}/review`, { outcome: 'non_ammessa', reviewedOn: '2026-02-20' }, match(1));
    expect([noReason.status, issues(noReason.body)]).toEqual([400, ['/body/reason reason_required']]);
    ok(await coordinator.request('POST', `${Y}/${yearId}/applications/${appA.id}/review`, { outcome: 'ammessa', proposedCents: 1_000_000, reviewedOn: '2026-02-20' }, match(2)));
    ok(await coordinator.request('POST', `${Y}/${yearId}/applications/${appS.id}/review`, { outcome: 'ammessa', proposedCents: 900_000, reviewedOn: '2026-02-20' }, match(1)));
    expect((await operatorA.request('PATCH', `${Y}/${yearId}/applications/${appA.id}`, { requestedCents: 1 }, match(3))).status).toBe(409);

    // The plan: registered organisations only; within what may be allocated.
    cur = ok(await capofilaHead.request('GET', `${Y}/${yearId}`));
    const v = cur.version;
    const bad = await capofilaHead.request('PUT', `${Y}/${yearId}/plan`, { allocations: [{ organisationId: cavC, amountCents: 1 }] }, match(v));
    expect([bad.status, issues(bad.body)]).toEqual([409, ['/body/allocations/0/organisationId not_registered']]);
    const notMember = await capofilaHead.request('PUT', `${Y}/${yearId}/plan`, { allocations: [{ organisationId: w.orgs.cavB, amountCents: 1 }] }, match(v));
    expect([notMember.status, issues(notMember.body)]).toEqual([400, ['/body/allocations/0/organisationId not_in_network']]);
    const tooMuch = await capofilaHead.request(
      'PUT',
      `${Y}/${yearId}/plan`,
      { allocations: [{ organisationId: w.orgs.cavA, amountCents: 1_050_000 }, { organisationId: w.orgs.shelter, amountCents: 900_001 }] },
      match(v),
    );
    expect([tooMuch.status, tooMuch.body.errors[0].params]).toEqual([
      409,
      { allocableCents: 1_950_000, askedCents: 1_950_001, leftCents: 1_950_000, allocableEuro: '19500.00', askedEuro: '19500.01', leftEuro: '19500.00' },
    ]);
    cur = ok(
      await capofilaHead.request(
        'PUT',
        `${Y}/${yearId}/plan`,
        { allocations: [{ organisationId: w.orgs.cavA, amountCents: 1_050_000 }, { organisationId: w.orgs.shelter, amountCents: 900_000 }] },
        match(v),
      ),
    );
    expect(cur.totals).toMatchObject({ allocatedCents: 1_950_000, allocableCents: 1_950_000 });
    // The plan leaves no room: one more cent of governance (within 10 %) is refused by the plan.
    const squeeze = await capofilaHead.request('POST', `${Y}/${yearId}/governance`, governance(1));
    expect([squeeze.status, squeeze.body.errors[0].code]).toEqual([409, 'plan_exceeded']);
    // Expenses wait for the plan to be sent.
    const allocA = cur.allocations.find((a: { organisation: { id: string } }) => a.organisation.id === w.orgs.cavA);
    const allocS = cur.allocations.find((a: { organisation: { id: string } }) => a.organisation.id === w.orgs.shelter);
    const expense = (amountCents: number, category = 'personale') => ({ category, amountCents, spentOn: '2026-04-01', documentRef: 'Fattura 12/2026' });
    expect((await headA.request('POST', `${Y}/${yearId}/allocations/${allocA.id}/expenses`, expense(1))).status).toBe(409);
    // Plan moves: condividi, invia (with protocol); then the plan is fixed.
    expect((await capofilaHead.request('POST', `${Y}/${yearId}/plan/moves`, { move: 'invia', on: '2026-03-10', protocol: 'P-1' }, match(cur.version))).status).toBe(409);
    cur = ok(await capofilaHead.request('POST', `${Y}/${yearId}/plan/moves`, { move: 'condividi', on: '2026-03-05' }, match(cur.version)));
    const noProtocol = await capofilaHead.request('POST', `${Y}/${yearId}/plan/moves`, { move: 'invia', on: '2026-03-10' }, match(cur.version));
    expect([noProtocol.status, issues(noProtocol.body)]).toEqual([400, ['/body/protocol required']]);
    cur = ok(await capofilaHead.request('POST', `${Y}/${yearId}/plan/moves`, { move: 'invia', on: '2026-03-10', protocol: 'Prot. 4567/2026' }, match(cur.version)));
    expect(cur.plan).toEqual({ state: 'inviato', sharedOn: '2026-03-05', sentOn: '2026-03-10', protocol: 'Prot. 4567/2026' });
    expect((await capofilaHead.request('PUT', `${Y}/${yearId}/plan`, { allocations: [] }, match(cur.version))).status).toBe(409);

    // Rendicontazione: the partner's own allocation, never over it.
    let a = created(await headA.request('POST', `${Y}/${yearId}/allocations/${allocA.id}/expenses`, expense(700_000)));
    expect(a.allocations).toHaveLength(1);
    expect(a.allocations[0]).toMatchObject({ reportState: 'in_corso', spentCents: 700_000 });
    const over = await operatorA.request('POST', `${Y}/${yearId}/allocations/${allocA.id}/expenses`, expense(350_001, 'beni_servizi'));
    expect([over.status, over.body.errors[0].params]).toEqual([
      409,
      { allocationCents: 1_050_000, usedCents: 700_000, askedCents: 350_001, leftCents: 350_000, allocationEuro: '10500.00', usedEuro: '7000.00', askedEuro: '3500.01', leftEuro: '3500.00' },
    ]);
    a = created(await operatorA.request('POST', `${Y}/${yearId}/allocations/${allocA.id}/expenses`, expense(350_000, 'beni_servizi')));
    expect(a.allocations[0].spentCents).toBe(1_050_000);
    expect((await shelterHead.request('POST', `${Y}/${yearId}/allocations/${allocA.id}/expenses`, expense(1))).status).toBe(404);
    expect((await capofilaHead.request('POST', `${Y}/${yearId}/allocations/${allocA.id}/expenses`, expense(1))).status).toBe(403);
    created(await shelterHead.request('POST', `${Y}/${yearId}/allocations/${allocS.id}/expenses`, expense(123_457, 'ospitalita')));
    // Submitted by the partner's head (not an operator); checked by the capofila.
    const allocNow = a.allocations[0];
    expect((await operatorA.request('POST', `${Y}/${yearId}/allocations/${allocA.id}/moves`, { move: 'presenta', on: '2026-06-30' }, match(allocNow.version))).status).toBe(403);
    expect((await headA.request('POST', `${Y}/${yearId}/allocations/${allocA.id}/moves`, { move: 'verifica', on: '2026-06-30' }, match(allocNow.version))).status).toBe(403);
    a = ok(await headA.request('POST', `${Y}/${yearId}/allocations/${allocA.id}/moves`, { move: 'presenta', on: '2026-06-30' }, match(allocNow.version)));
    expect(a.allocations[0]).toMatchObject({ reportState: 'presentata', submittedOn: '2026-06-30' });
    expect((await headA.request('POST', `${Y}/${yearId}/allocations/${allocA.id}/expenses`, expense(1))).status).toBe(409);
    cur = ok(await coordinator.request('POST', `${Y}/${yearId}/allocations/${allocA.id}/moves`, { move: 'verifica', on: '2026-07-10' }, match(a.allocations[0].version)));
    expect(cur.allocations.map((x: { organisation: { id: string }; reportState: string }) => `${x.organisation.id === w.orgs.cavA ? 'A' : 'S'}:${x.reportState}`).sort()).toEqual(['A:verificata', 'S:in_corso']);
    expect(await lastAudit('autonomy.funds.report_move', yearId)).toMatchObject({ purpose: `verifica:${w.orgs.cavA}` });

    // The report: XLSX whose totals equal the database's sums; PDF.
    expect((await headA.request('GET', `${Y}/${yearId}/report?format=xlsx`)).status).toBe(403);
    const file = await t.app.inject({ method: 'GET', url: `${Y}/${yearId}/report?format=xlsx`, headers: { cookie: capofilaHead.cookie } });
    expect(file.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const cents = (v: unknown) => Math.round(Number(v) * 100);
    const rowsOf = (name: string) => {
      const ws = book.getWorksheet(name)!;
      const out: unknown[][] = [];
      ws.eachRow((r, n) => n > 1 && out.push((r.values as unknown[]).slice(1)));
      return out;
    };
    const dbSpent = await t.db
      .select({ org: fundsAllocations.organisationId, s: sql<string>`coalesce(sum(${fundsExpenses.amountCents}), 0)` })
      .from(fundsAllocations)
      .leftJoin(fundsExpenses, eq(fundsExpenses.allocationId, fundsAllocations.id))
      .where(eq(fundsAllocations.yearId, yearId))
      .groupBy(fundsAllocations.organisationId);
    const dbTotalSpent = dbSpent.reduce((s, r) => s + Number(r.s), 0);
    expect(dbTotalSpent).toBe(1_050_000 + 123_457);
    const partners = rowsOf('Partner');
    const total = partners.at(-1)!;
    expect(total[0]).toBe('TOTALE');
    expect([cents(total[1]), cents(total[2]), cents(total[3])]).toEqual([1_950_000, dbTotalSpent, 1_950_000 - dbTotalSpent]);
    expect(partners.slice(0, -1).reduce((s, r) => s + cents(r[2]), 0)).toBe(cents(total[2]));
    const spese = rowsOf('Spese');
    expect(spese).toHaveLength(4);
    expect(cents(spese.at(-1)![5])).toBe(dbTotalSpent);
    expect(spese.slice(0, -1).reduce((s, r) => s + cents(r[5]), 0)).toBe(dbTotalSpent);
    const quadro = Object.fromEntries(rowsOf('Quadro').map((r) => [r[0], cents(r[1])]));
    expect(quadro).toMatchObject({ 'Contributo regionale': 2_000_000, 'Totale assegnato': 1_950_000, 'Totale rendicontato': dbTotalSpent, 'Spese di governance del capofila': 150_000 });
    const pdf = await t.app.inject({ method: 'GET', url: `${Y}/${yearId}/report?format=pdf`, headers: { cookie: coordinator.cookie } });
    expect([pdf.statusCode, pdf.headers['content-type'], pdf.rawPayload.subarray(0, 5).toString()]).toEqual([200, 'application/pdf', '%PDF-']);
    expect(await lastAudit('autonomy.funds.export', yearId)).toMatchObject({ purpose: 'pdf' });

    // A partner sees its own only; outside the network: 404 on every route (audited as denied).
    const partnerView = ok(await headA.request('GET', `${Y}/${yearId}`));
    expect(partnerView.applications.map((x: { organisation: { id: string } }) => x.organisation.id)).toEqual([w.orgs.cavA]);
    expect(partnerView.allocations.map((x: { organisation: { id: string } }) => x.organisation.id)).toEqual([w.orgs.cavA]);
    expect(ok(await headA.request('GET', Y)).items.map((i: { id: string }) => i.id)).toContain(yearId);
    for (const [method, url, payload] of [
      ['GET', `${Y}/${yearId}`, undefined],
      ['PATCH', `${Y}/${yearId}`, { callReference: 'x' }],
      ['POST', `${Y}/${yearId}/governance`, governance(1)],
      ['POST', `${Y}/${yearId}/applications`, { organisationId: w.orgs.cavB, requestedCents: 1, submittedOn: '2026-02-01' }],
      ['POST', `${Y}/${yearId}/allocations/${allocA.id}/expenses`, expense(1)],
      ['GET', `${Y}/${yearId}/report?format=xlsx`, undefined],
    ] as const) {
      expect((await headB.request(method, url, payload, match(1))).status, `${method} ${url}`).toBe(404);
      expect((await otherCoordinator.request(method, url, payload, match(1))).status, `${method} ${url}`).toBe(404);
    }
    expect(await lastAudit('access.denied', yearId)).toMatchObject({ outcome: 'denied', resourceType: 'funds_year' });
    expect(ok(await headB.request('GET', Y)).items.map((i: { id: string }) => i.id)).not.toContain(yearId);
  });
});
