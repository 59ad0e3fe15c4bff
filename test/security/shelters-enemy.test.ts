import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planActions } from '../../src/server/modules/cases/index.js';
import { placementProposals, placementRequests, shelterPlaces, shelterStays } from '../../src/server/modules/shelters/index.js';
import { requestCode } from '../../src/server/modules/shelters/requests.common.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { expectUnchanged } from '../support/digest.js';
import { day, expectOk, issues, match } from '../support/http.js';
import { agents, createStaysWorld, heldRequest, insertStructure, placeStates } from '../api/shelters-stays.world.js';

/**
 * Issue 13 under attack where the other attack files do not reach
 * (docs/shelters.md): rule 4 on every route that writes a plan action
 * (actions, their edit, a meeting's decisions); NUL bytes in every string
 * field of the stays' and authorisations' bodies and queries; foreign ids
 * (another organisation's unit, proposal, payer); stale and missing
 * If-Match on the move and the decision; an Idempotency-Key replayed on
 * another proposal; a move into a hold too small for her household; a
 * stay's dates after today. Each is refused and the database is unchanged.
 */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());
const created = expectOk(201);
const ok = expectOk(200);

const unchanged = (run: () => Promise<void>) => expectUnchanged(t.db, run);

describe('rule 4 on every route that writes a plan action', () => {
  it('no action, edit or meeting decision sets a shelter stay running or done by hand', async () => {
    const s = await createStaysWorld(t);
    const { shelter: op } = await agents(t, s);
    const caseId = created(await op.request('POST', '/api/cases', { contactOn: day(-5) })).id as string;
    const goal = created(await op.request('POST', `/api/cases/${caseId}/plan/goals`, { area: 'casa', status: 'aperto' }));
    const action = { goalId: goal.id, type: 'ospitalita_casa_rifugio', ownerOrganisationId: s.orgs.shelter };
    const other = created(await op.request('POST', `/api/cases/${caseId}/plan/actions`, { ...action, type: 'ricerca_alloggio', status: 'in_corso' }));
    const done = created(await op.request('POST', `/api/cases/${caseId}/plan/actions`, { ...action, type: 'altro', status: 'fatta' }));
    const planned = created(await op.request('POST', `/api/cases/${caseId}/plan/actions`, { ...action, status: 'prevista' }));
    const refused = (res: { status: number; body: { code?: string } }) => expect([res.status, res.body.code]).toEqual([409, 'plan_action_needs_stay']);
    await unchanged(async () => {
      for (const status of ['in_corso', 'fatta']) {
        refused(await op.request('POST', `/api/cases/${caseId}/plan/actions`, { ...action, status }));
        // Another type turned into a shelter stay keeping its status.
        refused(await op.request('PUT', `/api/cases/${caseId}/plan/actions/${other.id}`, { ...action, status: 'in_corso' }, match(other.version)));
        refused(await op.request('PUT', `/api/cases/${caseId}/plan/actions/${done.id}`, { ...action, status: 'fatta' }, match(done.version)));
        refused(await op.request('PUT', `/api/cases/${caseId}/plan/actions/${planned.id}`, { ...action, status }, match(planned.version)));
        // A meeting's decisions: one of them is enough to refuse the whole meeting.
        refused(
          await op.request('POST', `/api/cases/${caseId}/meetings`, {
            on: day(0),
            decisions: [
              { ...action, type: 'altro', status: 'prevista' },
              { ...action, status },
            ],
          }),
        );
      }
    });
    // Planning or cancelling it by hand stays allowed.
    created(await op.request('POST', `/api/cases/${caseId}/meetings`, { on: day(0), decisions: [{ ...action, status: 'prevista' }] }));
    ok(await op.request('PUT', `/api/cases/${caseId}/plan/actions/${planned.id}`, { ...action, status: 'annullata' }, match(planned.version)));
    const rows = await t.db.select({ type: planActions.type, status: planActions.status }).from(planActions).where(eq(planActions.caseId, caseId));
    expect(rows.filter((r) => r.type === 'ospitalita_casa_rifugio').map((r) => r.status).sort()).toEqual(['annullata', 'prevista']);
  });
});

describe('stays and authorisations under attack', () => {
  it('NUL bytes in every string field, foreign ids, stale or missing versions: refused, nothing written', async () => {
    const s = await createStaysWorld(t);
    const a = await agents(t, s);
    // A running stay (authorised emergency) and a place her own organisation holds elsewhere to move into.
    const stay = created(await a.shelter.request('POST', '/api/shelters/stays/emergency', { structureId: s.structure.id, socialServiceId: s.orgs.social }));
    const auth = stay.authorisation as { id: string };
    const decided = ok(await a.social.request('POST', `/api/shelters/authorisations/${auth.id}/decide`, { decision: 'autorizza', payerOrganisationId: s.orgs.social }, match(1)));
    const running = ok(await a.shelter.request('GET', `/api/shelters/stays/${stay.id}`));
    expect(running.state).toBe('in_corso');
    const moveTo = await heldRequest(t, s.orgs.shelter, s.structure2, 1, s.orgs.social);
    // The CAV's request waiting for the agreement, and one held without an ask yet.
    const held = await heldRequest(t, s.orgs.cavA, s.structure, 1, s.orgs.social);
    const asked = created(await a.cav.request('POST', '/api/shelters/authorisations', { requestId: held.requestId }));
    const unasked = await heldRequest(t, s.orgs.cavA, s.structure, 1, s.orgs.social);
    // Another organisation's structure (its unit), a proposal held for another organisation's request.
    const foreign = await insertStructure(t, s.orgs.shelter2, [s.w.network], 2, 'casa_rifugio', 8000);
    const notHers = await heldRequest(t, s.orgs.cavA, s.structure2, 1, s.orgs.social);

    const NUL = '\u0000';
    const emergency = { structureId: s.structure.id, socialServiceId: s.orgs.social };
    const bad: [keyof typeof a, string, string, unknown, Record<string, string>?][] = [
      // POST /stays: every string field.
      ['shelter', 'POST', '/api/shelters/stays', { proposalId: `${held.proposalId}${NUL}`, path: 'accordo' }],
      ['shelter', 'POST', '/api/shelters/stays', { proposalId: held.proposalId, path: `accordo${NUL}` }],
      ['shelter', 'POST', '/api/shelters/stays', { proposalId: held.proposalId, path: 'emergenza', socialServiceId: `${s.orgs.social}${NUL}` }],
      ['shelter', 'POST', '/api/shelters/stays', { proposalId: held.proposalId, path: 'accordo', admittedOn: `${day(0)}${NUL}` }],
      ['shelter', 'POST', '/api/shelters/stays', { proposalId: held.proposalId, path: 'accordo', caseId: `${randomUUID()}${NUL}` }],
      ['shelter', 'POST', '/api/shelters/stays', { proposalId: held.proposalId, path: 'accordo', note: `x${NUL}` }],
      // POST /stays/emergency: every string field, the children's sex too.
      ['shelter', 'POST', '/api/shelters/stays/emergency', { ...emergency, structureId: `${s.structure.id}${NUL}` }],
      ['shelter', 'POST', '/api/shelters/stays/emergency', { ...emergency, unitId: `${s.structure.unitId}${NUL}` }],
      ['shelter', 'POST', '/api/shelters/stays/emergency', { ...emergency, socialServiceId: `${s.orgs.social}${NUL}` }],
      ['shelter', 'POST', '/api/shelters/stays/emergency', { ...emergency, admittedOn: `${day(0)}${NUL}` }],
      ['shelter', 'POST', '/api/shelters/stays/emergency', { ...emergency, children: [{ age: 3, sex: `F${NUL}` }] }],
      ['shelter', 'POST', '/api/shelters/stays/emergency', { ...emergency, caseId: `${randomUUID()}${NUL}` }],
      // Exit and move.
      ['shelter', 'POST', `/api/shelters/stays/${stay.id}/exit`, { exitedOn: day(0), reason: `altro${NUL}` }, match(running.version)],
      ['shelter', 'POST', `/api/shelters/stays/${stay.id}/move`, { proposalId: `${moveTo.proposalId}${NUL}`, movedOn: day(0) }, match(running.version)],
      ['shelter', 'POST', `/api/shelters/stays/${stay.id}/move`, { proposalId: moveTo.proposalId, movedOn: `${day(0)}${NUL}` }, match(running.version)],
      // The agreement asked and decided.
      ['cav', 'POST', '/api/shelters/authorisations', { requestId: `${unasked.requestId}${NUL}` }],
      ['cav', 'POST', '/api/shelters/authorisations', { requestId: unasked.requestId, socialServiceId: `${s.orgs.social}${NUL}` }],
      ['social', 'POST', `/api/shelters/authorisations/${asked.id}/decide`, { decision: `autorizza${NUL}`, payerOrganisationId: s.orgs.social }, match(asked.version)],
      ['social', 'POST', `/api/shelters/authorisations/${asked.id}/decide`, { decision: 'autorizza', payerOrganisationId: `${s.orgs.social}${NUL}` }, match(asked.version)],
      // Queries and path parameters.
      ['shelter', 'GET', '/api/shelters/stays?state=in_corso%00', undefined],
      ['social', 'GET', '/api/shelters/authorisations?state=in_attesa%00', undefined],
      ['shelter', 'GET', `/api/shelters/stays/${stay.id}%00/moves`, undefined],
      ['social', 'POST', `/api/shelters/authorisations/${asked.id}%00/decide`, { decision: 'rifiuta' }, match(asked.version)],
    ];
    const refused: [keyof typeof a, string, string, unknown, Record<string, string>?, number?][] = [
      // Another organisation's unit in her own structure's admission; a proposal held for another organisation's request.
      ['shelter', 'POST', '/api/shelters/stays/emergency', { ...emergency, unitId: foreign.unitId }, undefined, 404],
      ['shelter', 'POST', `/api/shelters/stays/${stay.id}/move`, { proposalId: notHers.proposalId, movedOn: day(0) }, match(running.version), 404],
      // The social service reads a stay it agreed, but neither ends nor moves it.
      ['social', 'POST', `/api/shelters/stays/${stay.id}/exit`, { exitedOn: day(0), reason: 'altro' }, match(running.version), 403],
      ['social', 'POST', `/api/shelters/stays/${stay.id}/move`, { proposalId: moveTo.proposalId, movedOn: day(0) }, match(running.version), 403],
      // A payer outside its networks: an organisation that is nobody's, or a housing one.
      ['social', 'POST', `/api/shelters/authorisations/${asked.id}/decide`, { decision: 'autorizza', payerOrganisationId: randomUUID() }, match(asked.version), 400],
      ['social', 'POST', `/api/shelters/authorisations/${asked.id}/decide`, { decision: 'autorizza', payerOrganisationId: s.orgs.shelter2 }, match(asked.version), 400],
      // Stale and missing versions: the move, the decision, an authorisation already decided.
      ['shelter', 'POST', `/api/shelters/stays/${stay.id}/move`, { proposalId: moveTo.proposalId, movedOn: day(0) }, match(running.version - 1), 412],
      ['shelter', 'POST', `/api/shelters/stays/${stay.id}/move`, { proposalId: moveTo.proposalId, movedOn: day(0) }, undefined, 428],
      ['social', 'POST', `/api/shelters/authorisations/${asked.id}/decide`, { decision: 'rifiuta' }, match(asked.version + 1), 412],
      ['social', 'POST', `/api/shelters/authorisations/${asked.id}/decide`, { decision: 'rifiuta' }, undefined, 428],
      ['social', 'POST', `/api/shelters/authorisations/${auth.id}/decide`, { decision: 'rifiuta' }, match(decided.version), 409],
    ];
    await unchanged(async () => {
      for (const [who, method, url, body, headers] of bad) {
        const res = await a[who].request(method, url, body, headers);
        expect([url, JSON.stringify(body), res.status]).toEqual([url, JSON.stringify(body), 400]);
      }
      for (const [who, method, url, body, headers, status] of refused) {
        const res = await a[who].request(method, url, body, headers);
        expect([url, JSON.stringify(body), res.status]).toEqual([url, JSON.stringify(body), status]);
      }
      // Days not lived yet: an admission, exit or move dated tomorrow would take or free places today.
      const future: [string, unknown, Record<string, string> | undefined, string][] = [
        ['/api/shelters/stays', { proposalId: held.proposalId, path: 'emergenza', socialServiceId: s.orgs.social, admittedOn: day(1) }, undefined, '/body/admittedOn in_future'],
        ['/api/shelters/stays/emergency', { ...emergency, admittedOn: day(1) }, undefined, '/body/admittedOn in_future'],
        [`/api/shelters/stays/${stay.id}/exit`, { exitedOn: day(1), reason: 'altro' }, match(running.version), '/body/exitedOn in_future'],
        [`/api/shelters/stays/${stay.id}/move`, { proposalId: moveTo.proposalId, movedOn: day(1) }, match(running.version), '/body/movedOn in_future'],
        [`/api/shelters/stays/${stay.id}/move`, { proposalId: moveTo.proposalId, movedOn: day(-30) }, match(running.version), '/body/movedOn invalid_value'],
      ];
      for (const [url, body, headers, issue] of future) {
        const res = await a.shelter.request('POST', url, body, headers);
        expect([url, res.status, issues(res.body)]).toEqual([url, 400, [issue]]);
      }
    });
    expect(await placeStates(t, foreign.unitId)).toEqual({ libero: 2 });
    // The probe with another organisation's proposal is audited as denied, on that proposal.
    const probes = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'shelter.stay.move'), eq(auditLog.resourceId, notHers.proposalId))).orderBy(asc(auditLog.id));
    expect(probes.map((r) => r.outcome)).toEqual(['denied']);
    // The competent path still works after all this: the move goes through.
    const moved = created(await a.shelter.request('POST', `/api/shelters/stays/${stay.id}/move`, { proposalId: moveTo.proposalId, movedOn: day(0) }, match(running.version)));
    expect(moved).toMatchObject({ state: 'conclusa', exitReason: 'trasferimento' });
    // The month's fees: the social service that agreed and pays reads them; another of the same network, not a party, reads none.
    const month = day(0).slice(0, 7);
    expect(ok(await a.social.request('GET', `/api/shelters/fees?month=${month}`)).rows.length).toBeGreaterThan(0);
    expect(ok(await a.otherSocial.request('GET', `/api/shelters/fees?month=${month}`)).rows).toEqual([]);
  });

  it('a move into a hold too small for her household is refused and not offered; one that fits goes through', async () => {
    const s = await createStaysWorld(t);
    const a = await agents(t, s);
    const children = [
      { age: 3, sex: 'F' },
      { age: 5, sex: 'M' },
    ];
    const stay = created(await a.shelter.request('POST', '/api/shelters/stays/emergency', { structureId: s.structure.id, socialServiceId: s.orgs.social, children }));
    ok(await a.social.request('POST', `/api/shelters/authorisations/${stay.authorisation.id}/decide`, { decision: 'autorizza', payerOrganisationId: s.orgs.social }, match(1)));
    const running = ok(await a.shelter.request('GET', `/api/shelters/stays/${stay.id}`));
    // Her organisation's request held one place at the flat: three people cannot move into it.
    const small = await heldRequest(t, s.orgs.shelter, s.structure2, 1, s.orgs.social);
    expect(ok(await a.shelter.request('GET', `/api/shelters/stays/${stay.id}/moves`)).items).toEqual([]);
    await unchanged(async () => {
      const res = await a.shelter.request('POST', `/api/shelters/stays/${stay.id}/move`, { proposalId: small.proposalId, movedOn: day(0) }, match(running.version));
      expect([res.status, res.body.code]).toEqual([409, 'stay_move_too_small']);
    });
    expect(await placeStates(t, s.structure2.unitId)).toEqual({ trattenuto: 1, libero: 3 });
    // Two more places held for her (a second request): that hold fits, is offered and taken.
    const fits = await heldRequest(t, s.orgs.shelter, s.structure2, 3, s.orgs.social);
    expect(ok(await a.shelter.request('GET', `/api/shelters/stays/${stay.id}/moves`)).items.map((i: { proposalId: string; places: number }) => [i.proposalId, i.places])).toEqual([[fits.proposalId, 3]]);
    created(await a.shelter.request('POST', `/api/shelters/stays/${stay.id}/move`, { proposalId: fits.proposalId, movedOn: day(0) }, match(running.version)));
    expect(await placeStates(t, s.structure2.unitId)).toEqual({ trattenuto: 1, occupato: 3 });
  });

  it('an Idempotency-Key replayed on another proposal is 422 and holds nothing there', async () => {
    const s = await createStaysWorld(t);
    const a = await agents(t, s);
    const pending = async () => {
      const requestId = randomUUID();
      const proposalId = randomUUID();
      await t.db.insert(placementRequests).values({ id: requestId, code: requestCode(), requestingOrganisationId: s.orgs.cavA, urgency: 'urgente', state: 'in_attesa', adults: 1 });
      await t.db.insert(placementProposals).values({ id: proposalId, requestId, structureId: s.structure.id, state: 'in_attesa' });
      return proposalId;
    };
    const [first, second] = [await pending(), await pending()];
    const key = { 'idempotency-key': 'enemy-accept-0001' };
    const accepted = ok(await a.shelter.request('POST', `/api/shelters/proposals/${first}/accept`, undefined, { ...match(1), ...key }));
    expect(accepted.state).toBe('accettata');
    await unchanged(async () => {
      const replay = await a.shelter.request('POST', `/api/shelters/proposals/${second}/accept`, undefined, { ...match(1), ...key });
      expect([replay.status, replay.body.code]).toEqual([422, 'idempotency_key_reused']);
      // The same key on the same proposal answers it again, holding nothing more.
      expect(ok(await a.shelter.request('POST', `/api/shelters/proposals/${first}/accept`, undefined, { ...match(1), ...key })).id).toBe(first);
    });
    const [row] = await t.db.select({ state: placementProposals.state }).from(placementProposals).where(eq(placementProposals.id, second));
    expect(row!.state).toBe('in_attesa');
    expect(await t.db.select().from(shelterPlaces).where(eq(shelterPlaces.proposalId, second))).toEqual([]);
    expect(await t.db.select().from(shelterStays).where(eq(shelterStays.structureId, s.structure.id))).toEqual([]);
  });
});
