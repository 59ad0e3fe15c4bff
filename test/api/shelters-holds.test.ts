import { asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { notifications } from '../../src/server/modules/notifications/index.js';
import { occupyHeldPlaces, placementProposals, placementRequests, shelterPlaces } from '../../src/server/modules/shelters/index.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { expectOk } from '../support/http.js';
import { createPlacementWorld, insertStructure, requestBody } from '../support/shelters-requests.js';
import { type Agent, login } from '../support/world.js';

/**
 * Holds (docs/shelters.md, "Holds"): accepting holds places in one unit by
 * one conditional update of rows still free — two proposals racing for the
 * last place: exactly one holds it; the hold expires by the job (a fake
 * clock through the jobs platform's runDue, never waited for), once, and
 * the requester is told; an expired hold cannot become a stay.
 */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const ok = expectOk(201);
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });
const MINUTE = 60_000;

async function proposal(op: Agent, structureId: string) {
  const request = ok(await op.request('POST', '/api/shelters/requests', requestBody()));
  const sent = ok(await op.request('POST', `/api/shelters/requests/${request.id}/proposals`, { structureId }, ifMatch(request.version)));
  return { requestId: request.id as string, id: sent.openProposal.id as string, version: sent.openProposal.version as number };
}

describe('the race for the last place', () => {
  it('two proposals accepted at once for one free place: exactly one holds it, the other gets 409 and holds nothing', async () => {
    const w = await createPlacementWorld(t);
    // One unit with one free place (and an occupied-by-nobody second place out of service).
    const s = await insertStructure(t, w.orgs.shelter, { networks: [w.network], units: [{ places: 2 }] });
    await t.db.update(shelterPlaces).set({ state: 'fuori_servizio' }).where(eq(shelterPlaces.id, s.units[0]!.places[1]!));
    const [opA, headA, shelterOp, shelterHead] = await Promise.all([login(t, w.users.operatorA), login(t, w.users.headA), login(t, w.users.shelterOperator), login(t, w.users.shelterHead)]);
    const first = await proposal(opA, s.id);
    const second = await proposal(headA, s.id);

    const answers = await Promise.all([
      shelterOp.request('POST', `/api/shelters/proposals/${first.id}/accept`, undefined, ifMatch(first.version)),
      shelterHead.request('POST', `/api/shelters/proposals/${second.id}/accept`, undefined, ifMatch(second.version)),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const lost = answers.find((a) => a.status === 409)!;
    expect(lost.body.code).toBe('placement_no_place');
    const winner = answers[0]!.status === 200 ? first : second;
    const loser = winner === first ? second : first;

    // The places table: the one free place held by the winner, the other still out of service; nothing named the loser.
    const places = await t.db.select().from(shelterPlaces).where(eq(shelterPlaces.structureId, s.id));
    expect(places.map((p) => [p.id, p.state, p.proposalId]).sort()).toEqual(
      [
        [s.units[0]!.places[0]!, 'trattenuto', winner.id],
        [s.units[0]!.places[1]!, 'fuori_servizio', null],
      ].sort(),
    );
    const rows = await t.db.select().from(placementProposals).where(inArray(placementProposals.id, [first.id, second.id]));
    expect(Object.fromEntries(rows.map((r) => [r.id, r.state]))).toEqual({ [winner.id]: 'accettata', [loser.id]: 'in_attesa' });
    const requests = await t.db.select().from(placementRequests).where(inArray(placementRequests.id, [first.requestId, second.requestId]));
    expect(Object.fromEntries(requests.map((r) => [r.id, r.state]))).toEqual({ [winner.requestId]: 'accettata', [loser.requestId]: 'in_attesa' });
    // The loser wrote no audit row of an acceptance.
    const accepts = await t.db.select().from(auditLog).where(eq(auditLog.action, 'shelter.proposal.accept')).orderBy(asc(auditLog.id));
    expect(accepts.filter((a) => a.resourceId === loser.id)).toEqual([]);

    // The loser may decline now (no capacity), and the reason is kept.
    const declined = ok(await shelterHead.request('POST', `/api/shelters/proposals/${loser.id}/decline`, { reason: 'no_capacity' }, ifMatch(loser.version)), 200);
    expect(declined.declineReason).toBe('no_capacity');
  });

  it('a household that fits no single unit holds nothing, even with enough free places across units', async () => {
    const w = await createPlacementWorld(t);
    const s = await insertStructure(t, w.orgs.shelter, { networks: [w.network], units: [{ places: 1 }, { places: 1 }] });
    const [opA, shelterOp] = await Promise.all([login(t, w.users.operatorA), login(t, w.users.shelterOperator)]);
    const request = ok(await opA.request('POST', '/api/shelters/requests', requestBody({ children: [{ age: 5, sex: 'F' }] })));
    const sent = ok(await opA.request('POST', `/api/shelters/requests/${request.id}/proposals`, { structureId: s.id }, ifMatch(request.version)));
    const res = await shelterOp.request('POST', `/api/shelters/proposals/${sent.openProposal.id}/accept`, undefined, ifMatch(sent.openProposal.version));
    expect(res.status).toBe(409);
    expect((await t.db.select().from(shelterPlaces).where(eq(shelterPlaces.structureId, s.id))).every((p) => p.state === 'libero')).toBe(true);
  });

  it('a wheelchair user is held only in an accessible unit', async () => {
    const w = await createPlacementWorld(t);
    const s = await insertStructure(t, w.orgs.shelter, { networks: [w.network], units: [{ places: 4 }, { places: 2, wheelchair: true }] });
    const [opA, shelterOp] = await Promise.all([login(t, w.users.operatorA), login(t, w.users.shelterOperator)]);
    const request = ok(await opA.request('POST', '/api/shelters/requests', requestBody({ wheelchair: true })));
    const sent = ok(await opA.request('POST', `/api/shelters/requests/${request.id}/proposals`, { structureId: s.id }, ifMatch(request.version)));
    const accepted = ok(await shelterOp.request('POST', `/api/shelters/proposals/${sent.openProposal.id}/accept`, undefined, ifMatch(sent.openProposal.version)), 200);
    expect(accepted.unit).toMatchObject({ id: s.units[1]!.id, places: 1 });
  });
});

describe('hold expiry', () => {
  it('the job frees the places at the hold’s end, once: the proposal scaduta, the request open again, the requester told', async () => {
    const w = await createPlacementWorld(t);
    const s = await insertStructure(t, w.orgs.shelter, { networks: [w.network], units: [{ places: 1 }] });
    const [opA, shelterOp] = await Promise.all([login(t, w.users.operatorA), login(t, w.users.shelterOperator)]);
    const p = await proposal(opA, s.id);
    const accepted = ok(await shelterOp.request('POST', `/api/shelters/proposals/${p.id}/accept`, undefined, ifMatch(p.version)), 200);
    const end = Date.parse(accepted.holdExpiresAt);

    // Before its end nothing moves.
    expect((await t.ctx.jobs.runDue(new Date(end - 5 * MINUTE))).failed).toBe(0);
    expect((await t.db.select().from(shelterPlaces).where(eq(shelterPlaces.structureId, s.id)))[0]!.state).toBe('trattenuto');
    // An expired hold cannot become a stay, even before the job ran.
    await expect(t.db.transaction((tx) => occupyHeldPlaces(tx, p.id, crypto.randomUUID(), new Date(end + MINUTE)))).rejects.toMatchObject({ code: 'hold_expired' });

    expect((await t.ctx.jobs.runDue(new Date(end + MINUTE))).failed).toBe(0);
    await t.ctx.jobs.runDue(new Date(end + 6 * MINUTE));
    const [place] = await t.db.select().from(shelterPlaces).where(eq(shelterPlaces.structureId, s.id));
    expect(place).toMatchObject({ state: 'libero', proposalId: null });
    const [row] = await t.db.select().from(placementProposals).where(eq(placementProposals.id, p.id));
    expect(row!.state).toBe('scaduta');
    expect(ok(await opA.request('GET', `/api/shelters/requests/${p.requestId}`), 200)).toMatchObject({ state: 'aperta', openProposal: null });
    const told = await t.db.select().from(notifications).where(eq(notifications.kind, 'shelter_hold_expired'));
    expect(told.filter((n) => n.recipientUserId === w.users.operatorA.id)).toHaveLength(1);
    expect(told.find((n) => n.recipientUserId === w.users.operatorA.id)!.params).toEqual({ requestCode: ok(await opA.request('GET', `/api/shelters/requests/${p.requestId}`), 200).code });
    expect(JSON.stringify(told)).not.toContain(s.id);
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, 'shelter.proposal.expire')).orderBy(asc(auditLog.id));
    expect(audits.filter((a) => a.resourceId === p.id)).toHaveLength(1);

    // Her next proposal can take the place again.
    const again = ok(await opA.request('POST', `/api/shelters/requests/${p.requestId}/proposals`, { structureId: s.id }, ifMatch(ok(await opA.request('GET', `/api/shelters/requests/${p.requestId}`), 200).version)));
    expect(again.openProposal.state).toBe('in_attesa');
  });
});

describe('placement notices and counts', () => {
  it('tell each side in codes, and the coordinator counts declines by reason and unmet demand, small cells hidden', async () => {
    const w = await createPlacementWorld(t);
    const s = await insertStructure(t, w.orgs.shelter, { networks: [w.network], units: [{ places: 1 }] });
    const [opA, shelterOp, coordinator] = await Promise.all([login(t, w.users.operatorA), login(t, w.users.shelterOperator), login(t, w.users.coordinator)]);
    for (let i = 0; i < 5; i++) {
      const p = await proposal(opA, s.id);
      ok(await shelterOp.request('POST', `/api/shelters/proposals/${p.id}/decline`, { reason: 'no_capacity', note: 'Mario Bianchi' }, ifMatch(p.version)), 200);
      const current = ok(await opA.request('GET', `/api/shelters/requests/${p.requestId}`), 200);
      ok(await opA.request('POST', `/api/shelters/requests/${p.requestId}/close`, { reason: 'non_soddisfatta' }, ifMatch(current.version)), 200);
    }
    const received = await t.db.select().from(notifications).where(eq(notifications.recipientUserId, w.users.shelterHead.id));
    expect(received.map((n) => n.kind)).toEqual(Array(5).fill('shelter_proposal_received'));
    const declined = await t.db.select().from(notifications).where(eq(notifications.recipientUserId, w.users.headA.id));
    // Each notice names its request by its code (never a name, a case code, a structure).
    expect(declined.map((n) => [n.kind, n.params])).toEqual(Array(5).fill(['shelter_proposal_declined', { reason: 'no_capacity', requestCode: expect.stringMatching(/^OSP-\d{4}-[A-Z0-9]{6}$/) }]));
    expect(new Set(declined.map((n) => n.params.requestCode)).size).toBe(5);
    expect(received.map((n) => Object.keys(n.params))).toEqual(Array(5).fill(['requestCode']));
    expect(JSON.stringify([...received, ...declined])).not.toMatch(/Mario|Bianchi/);

    const stats = ok(await coordinator.request('GET', '/api/shelters/stats/requests'), 200);
    expect(stats.networks.map((n: { id: string }) => n.id)).toEqual([w.network]);
    expect(stats.proposals.declined).toEqual([
      { reason: 'no_capacity', count: 5 },
      { reason: 'not_appropriate', count: 0 },
      { reason: 'declined_by_woman', count: 0 },
      { reason: 'other', count: 0 },
    ]);
    expect(stats.unmet).toEqual([{ quarter: expect.stringMatching(/^\d{4}-Q[1-4]$/), count: 5 }]);
    expect(stats.requests.find((c: { state: string; urgency: string }) => c.state === 'chiusa' && c.urgency === 'urgente').count).toBe(5);

    // One more decline for another reason: a cell of 1 is hidden, and so is the next smallest.
    const p = await proposal(opA, s.id);
    ok(await shelterOp.request('POST', `/api/shelters/proposals/${p.id}/decline`, { reason: 'other' }, ifMatch(p.version)), 200);
    const after = ok(await coordinator.request('GET', '/api/shelters/stats/requests'), 200);
    expect(after.proposals.declined.map((d: { count: number | null }) => d.count)).toEqual([null, 0, 0, null]);
  });
});
