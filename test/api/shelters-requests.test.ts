import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { placementRequests, shelterPlaces } from '../../src/server/modules/shelters/index.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { COMUNI } from '../support/directory.js';
import { expectOk } from '../support/http.js';
import { createPlacementWorld, insertStructure, requestBody } from '../support/shelters-requests.js';
import { type Agent, login } from '../support/world.js';

/**
 * Placement requests (docs/shelters.md, "Placement requests and matching"):
 * the requester's own requests — create (idempotent), read, edit while open
 * (412 stale), close — and a proposal to a structure, accepted or declined
 * by its staff. Other organisations get 404.
 */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const ok = expectOk(201);
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

describe('placement requests', () => {
  it('are created once per Idempotency-Key, read by the requesting organisation only, edited while open and closed', async () => {
    const w = await createPlacementWorld(t);
    const [opA, headA, opB, shelterOp] = await Promise.all([login(t, w.users.operatorA), login(t, w.users.headA), login(t, w.users.operatorB), login(t, w.users.shelterOperator)]);
    const body = requestBody({ children: [{ age: 4, sex: 'F' }], languages: ['ar'], avoidComune: COMUNI.bergamo, minDistanceKm: 50, criteria: { pericolosita: 'alto' }, note: 'Ha paura di uscire' });
    const first = ok(await opA.request('POST', '/api/shelters/requests', body, { 'idempotency-key': 'req-key-0001' }));
    const again = ok(await opA.request('POST', '/api/shelters/requests', body, { 'idempotency-key': 'req-key-0001' }));
    expect(again.id).toBe(first.id);
    expect((await opA.request('POST', '/api/shelters/requests', { ...body, adults: 2 }, { 'idempotency-key': 'req-key-0001' })).status).toBe(422);
    expect(await t.db.select({ id: placementRequests.id }).from(placementRequests).where(eq(placementRequests.requestingOrganisationId, w.orgs.cavA))).toHaveLength(1);

    // The comune is never stored: its province and a rounded centre are.
    expect(first).toMatchObject({ state: 'aperta', avoidProvinceCode: '016', minDistanceKm: 50, childrenCount: 1, note: 'Ha paura di uscire', code: expect.stringMatching(/^OSP-\d{4}-/) });
    const [row] = await t.db.select().from(placementRequests).where(eq(placementRequests.id, first.id));
    expect(JSON.stringify(row)).not.toContain(COMUNI.bergamo);
    expect(row!.noteSealed).not.toContain('paura');

    // Her colleague (the head) reads it; another organisation and a structure's staff get 404.
    expect(ok(await headA.request('GET', `/api/shelters/requests/${first.id}`), 200).id).toBe(first.id);
    expect((await opB.request('GET', `/api/shelters/requests/${first.id}`)).status).toBe(404);
    expect((await shelterOp.request('GET', `/api/shelters/requests/${first.id}`)).status).toBe(404);
    const list = ok(await opA.request('GET', '/api/shelters/requests?state=aperta'), 200);
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([first.id]);
    expect(list.counts.aperta).toBe(1);
    expect(ok(await opB.request('GET', '/api/shelters/requests'), 200).items).toEqual([]);

    // Edit: If-Match required, stale → 412, then the need changes and the area is kept.
    const edit = { ...requestBody({ adults: 2, criteria: { autonomia: 'alto' } }) };
    expect((await opA.request('PATCH', `/api/shelters/requests/${first.id}`, edit)).status).toBe(428);
    expect((await opA.request('PATCH', `/api/shelters/requests/${first.id}`, edit, ifMatch(first.version + 5))).status).toBe(412);
    const edited = ok(await opA.request('PATCH', `/api/shelters/requests/${first.id}`, edit, ifMatch(first.version)), 200);
    expect(edited).toMatchObject({ adults: 2, childrenCount: 0, avoidProvinceCode: '016', criteria: { autonomia: 'alto' }, note: 'Ha paura di uscire', version: first.version + 1 });
    expect((await opB.request('PATCH', `/api/shelters/requests/${first.id}`, edit, ifMatch(edited.version))).status).toBe(404);

    // Close as unmet; no more edits.
    const closed = ok(await opA.request('POST', `/api/shelters/requests/${first.id}/close`, { reason: 'non_soddisfatta' }, ifMatch(edited.version)), 200);
    expect(closed).toMatchObject({ state: 'chiusa', closedReason: 'non_soddisfatta', acts: { edit: false, close: false, propose: false } });
    expect((await opA.request('PATCH', `/api/shelters/requests/${first.id}`, edit, ifMatch(closed.version))).status).toBe(409);

    // Every read is audited, and no audit row carries the note or the comune.
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.resourceId, first.id)).orderBy(asc(auditLog.id));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['shelter.request.create', 'shelter.request.read', 'shelter.request.update', 'shelter.request.close']));
    expect(JSON.stringify(audit)).not.toMatch(/paura|016024/);
  });

  it('refuses a social service outside her networks and an unknown comune', async () => {
    const w = await createPlacementWorld(t);
    const opA = await login(t, w.users.operatorA);
    const bad = await opA.request('POST', '/api/shelters/requests', requestBody({ socialServiceId: w.orgs.cavB, avoidComune: '999999' }));
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code])).toEqual([['/body/avoidComune', 'unknown_comune']]);
    const bad2 = await opA.request('POST', '/api/shelters/requests', requestBody({ socialServiceId: w.orgs.cavB }));
    expect(bad2.body.errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code])).toEqual([['/body/socialServiceId', 'unknown_organisation']]);
  });
});

describe('proposals', () => {
  async function setup() {
    const w = await createPlacementWorld(t);
    const s = await insertStructure(t, w.orgs.shelter, { networks: [w.network], units: [{ places: 1 }, { places: 3 }] });
    const [opA, shelterOp, opB] = await Promise.all([login(t, w.users.operatorA), login(t, w.users.shelterOperator), login(t, w.users.operatorB)]);
    return { w, s, opA, shelterOp, opB };
  }
  async function proposeTo(opA: Agent, structureId: string, body = requestBody()) {
    const request = ok(await opA.request('POST', '/api/shelters/requests', body));
    const sent = ok(await opA.request('POST', `/api/shelters/requests/${request.id}/proposals`, { structureId }, ifMatch(request.version)));
    return { request: sent, proposal: sent.openProposal as { id: string; version: number } };
  }

  it('go to one structure at a time; its staff read the need (not the case, not the note) and accept, holding places in one unit', async () => {
    const { s, opA, shelterOp, opB } = await setup();
    const { request, proposal } = await proposeTo(opA, s.id, requestBody({ children: [{ age: 3, sex: 'M' }], note: 'Nota riservata' }));
    expect(request).toMatchObject({ state: 'in_attesa', openProposal: { state: 'in_attesa', structure: { id: s.id } } });
    // One open proposal: the request is no longer open.
    expect((await opA.request('POST', `/api/shelters/requests/${request.id}/proposals`, { structureId: s.id }, ifMatch(request.version))).status).toBe(409);

    const inbox = ok(await shelterOp.request('GET', '/api/shelters/proposals?state=in_attesa'), 200);
    expect(inbox.items.map((i: { id: string }) => i.id)).toEqual([proposal.id]);
    const seen = ok(await shelterOp.request('GET', `/api/shelters/proposals/${proposal.id}`), 200);
    expect(seen.need).toMatchObject({ code: request.code, adults: 1, children: [{ age: 3, sex: 'M' }] });
    expect(JSON.stringify(seen)).not.toMatch(/Nota riservata|caseId|avoid/);
    expect((await opB.request('GET', `/api/shelters/proposals/${proposal.id}`)).status).toBe(404);
    expect((await opA.request('POST', `/api/shelters/proposals/${proposal.id}/accept`, undefined, ifMatch(seen.version))).status).toBe(403);

    const accepted = ok(await shelterOp.request('POST', `/api/shelters/proposals/${proposal.id}/accept`, undefined, { ...ifMatch(seen.version), 'idempotency-key': 'accept-key-01' }), 200);
    // Two places (her and her son) in ONE unit: the 3-place unit, since the 1-place one cannot take both.
    expect(accepted).toMatchObject({ state: 'accettata', unit: { id: s.units[1]!.id, places: 2 }, holdExpiresAt: expect.any(String) });
    const minutes = (Date.parse(accepted.holdExpiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(85);
    expect(minutes).toBeLessThanOrEqual(90);
    const retry = ok(await shelterOp.request('POST', `/api/shelters/proposals/${proposal.id}/accept`, undefined, { ...ifMatch(seen.version), 'idempotency-key': 'accept-key-01' }), 200);
    expect(retry.id).toBe(proposal.id);
    const held = await t.db.select().from(shelterPlaces).where(eq(shelterPlaces.proposalId, proposal.id));
    expect(held.map((p) => [p.unitId, p.state])).toEqual([
      [s.units[1]!.id, 'trattenuto'],
      [s.units[1]!.id, 'trattenuto'],
    ]);
    expect(ok(await opA.request('GET', `/api/shelters/requests/${request.id}`), 200)).toMatchObject({ state: 'accettata', openProposal: { state: 'accettata' } });

    // The requester withdraws it: the hold is released, the request open again.
    const withdrawn = ok(await opA.request('POST', `/api/shelters/proposals/${proposal.id}/withdraw`, undefined, ifMatch(accepted.version)), 200);
    expect(withdrawn.state).toBe('ritirata');
    expect(await t.db.select().from(shelterPlaces).where(eq(shelterPlaces.proposalId, proposal.id))).toEqual([]);
    expect(ok(await opA.request('GET', `/api/shelters/requests/${request.id}`), 200)).toMatchObject({ state: 'aperta', openProposal: null });
  });

  it('declined with a coded reason: the request is open again, and the reason is on its history', async () => {
    const { s, opA, shelterOp } = await setup();
    const { request, proposal } = await proposeTo(opA, s.id);
    expect((await shelterOp.request('POST', `/api/shelters/proposals/${proposal.id}/decline`, { reason: 'nope' }, ifMatch(proposal.version))).status).toBe(400);
    const declined = ok(await shelterOp.request('POST', `/api/shelters/proposals/${proposal.id}/decline`, { reason: 'not_appropriate', note: 'Serve più protezione' }, ifMatch(proposal.version)), 200);
    expect(declined).toMatchObject({ state: 'rifiutata', declineReason: 'not_appropriate', unit: null });
    expect((await shelterOp.request('POST', `/api/shelters/proposals/${proposal.id}/accept`, undefined, ifMatch(declined.version))).status).toBe(409);
    const after = ok(await opA.request('GET', `/api/shelters/requests/${request.id}`), 200);
    expect(after).toMatchObject({ state: 'aperta', openProposal: null, proposals: [{ id: proposal.id, state: 'rifiutata', declineReason: 'not_appropriate' }] });
  });

  it('closing a request withdraws its accepted proposal and frees the places', async () => {
    const { s, opA, shelterOp } = await setup();
    const { request, proposal } = await proposeTo(opA, s.id);
    const accepted = ok(await shelterOp.request('POST', `/api/shelters/proposals/${proposal.id}/accept`, undefined, ifMatch(proposal.version)), 200);
    expect(accepted.unit.id).toBe(s.units[0]!.id);
    const current = ok(await opA.request('GET', `/api/shelters/requests/${request.id}`), 200);
    ok(await opA.request('POST', `/api/shelters/requests/${request.id}/close`, { reason: 'ritirata' }, ifMatch(current.version)), 200);
    const places = await t.db.select().from(shelterPlaces).where(eq(shelterPlaces.structureId, s.id));
    expect(places.every((p) => p.state === 'libero' && p.proposalId === null)).toBe(true);
    expect(ok(await shelterOp.request('GET', `/api/shelters/proposals/${proposal.id}`), 200).state).toBe('ritirata');
  });

  it('only to an active structure serving one of her networks', async () => {
    const { w, opA, opB } = await setup();
    const outside = await insertStructure(t, w.orgs.shelter, { networks: [] });
    const inactive = await insertStructure(t, w.orgs.shelter, { networks: [w.network], active: false });
    const request = ok(await opA.request('POST', '/api/shelters/requests', requestBody()));
    for (const structureId of [outside.id, inactive.id, crypto.randomUUID()]) {
      const res = await opA.request('POST', `/api/shelters/requests/${request.id}/proposals`, { structureId }, ifMatch(request.version));
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ pointer: '/body/structureId', code: 'unknown_item' });
    }
    // CAV B belongs to no network: no structure serves it.
    const requestB = ok(await opB.request('POST', '/api/shelters/requests', requestBody()));
    expect((await opB.request('POST', `/api/shelters/requests/${requestB.id}/proposals`, { structureId: inactive.id }, ifMatch(requestB.version))).status).toBe(400);
  });
});
