import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shelterAuthorisations, shelterPlaces, shelterStays } from '../../src/server/modules/shelters/index.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { adminTablesDigest } from '../support/digest.js';
import { expectOk, match } from '../support/http.js';
import { agents, createStaysWorld, heldRequest } from '../api/shelters-stays.world.js';

/**
 * Attacks on the stays and the social service's decision (docs/shelters.md):
 * another organisation's staff, a social service that is not the competent
 * one, ids that exist elsewhere or nowhere, NUL bytes. Each answer is 404
 * or 400 and nothing is written (the tables' digest is unchanged).
 */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());
const created = expectOk(201);
const ok = expectOk(200);

const stateOf = async () => ({
  stays: await t.db.select().from(shelterStays),
  auths: await t.db.select().from(shelterAuthorisations),
  places: await t.db.select({ id: shelterPlaces.id, state: shelterPlaces.state, stayId: shelterPlaces.stayId, proposalId: shelterPlaces.proposalId }).from(shelterPlaces).orderBy(shelterPlaces.id),
});

describe('stays under attack', () => {
  it('answers 404 or 400 to foreign and malformed ids and writes nothing', async () => {
    const s = await createStaysWorld(t);
    const a = await agents(t, s);
    const { requestId, proposalId } = await heldRequest(t, s.orgs.cavA, s.structure, 1, s.orgs.social);
    const asked = created(await a.cav.request('POST', '/api/shelters/authorisations', { requestId }));
    const stay = created(await a.shelter.request('POST', '/api/shelters/stays/emergency', { structureId: s.structure.id, socialServiceId: s.orgs.social }));
    const auth = stay.authorisation as { id: string };
    const second = await heldRequest(t, s.orgs.cavA, s.structure, 1, s.orgs.social);
    const before = await stateOf();
    const digest = await adminTablesDigest(t.db);

    const attempts: [string, string, string, unknown, Record<string, string>?][] = [
      // Another housing organisation's staff on this structure's proposal, stay and structure.
      ['shelter2', 'POST', '/api/shelters/stays', { proposalId, path: 'emergenza', socialServiceId: s.orgs.social }],
      ['shelter2', 'POST', '/api/shelters/stays/emergency', { structureId: s.structure.id, socialServiceId: s.orgs.social }],
      ['shelter2', 'POST', `/api/shelters/stays/${stay.id}/exit`, { exitedOn: '2026-12-01', reason: 'altro' }, match(stay.version)],
      ['shelter2', 'POST', `/api/shelters/stays/${stay.id}/move`, { proposalId: second.proposalId, movedOn: '2026-12-01' }, match(stay.version)],
      ['shelter2', 'GET', `/api/shelters/stays/${stay.id}`, undefined],
      ['shelter2', 'GET', `/api/shelters/authorisations/${auth.id}`, undefined],
      // A social service that is not the competent one.
      ['otherSocial', 'GET', `/api/shelters/authorisations/${asked.id}`, undefined],
      ['otherSocial', 'POST', `/api/shelters/authorisations/${asked.id}/decide`, { decision: 'autorizza', payerOrganisationId: s.orgs.otherSocial }, match(asked.version)],
      ['otherSocial', 'POST', `/api/shelters/authorisations/${auth.id}/decide`, { decision: 'rifiuta' }, match(1)],
      ['otherSocial', 'GET', `/api/shelters/stays/${stay.id}`, undefined],
      // A CAV outside the network asking the agreement of another's request, reading a stay.
      ['cavB', 'POST', '/api/shelters/authorisations', { requestId: second.requestId, socialServiceId: s.orgs.social }],
      ['cavB', 'GET', `/api/shelters/stays/${stay.id}`, undefined],
      // Ids that exist nowhere.
      ['shelter', 'POST', `/api/shelters/stays/${crypto.randomUUID()}/exit`, { exitedOn: '2026-12-01', reason: 'altro' }, match(1)],
      ['shelter', 'POST', '/api/shelters/stays', { proposalId: crypto.randomUUID(), path: 'emergenza', socialServiceId: s.orgs.social }],
      ['social', 'POST', `/api/shelters/authorisations/${crypto.randomUUID()}/decide`, { decision: 'rifiuta' }, match(1)],
      // The structure's own staff linking a case they cannot open.
      ['shelter', 'POST', '/api/shelters/stays', { proposalId: second.proposalId, path: 'emergenza', socialServiceId: s.orgs.social, caseId: crypto.randomUUID() }],
    ];
    for (const [who, method, url, body, headers] of attempts) {
      const res = await a[who as keyof typeof a].request(method, url, body, headers);
      expect([url, res.status]).toEqual([url, 404]);
    }

    const malformed: [string, string, string, unknown][] = [
      ['shelter', 'POST', '/api/shelters/stays/emergency', { structureId: s.structure.id, socialServiceId: s.orgs.social, note: 'ciao\u0000' }],
      ['shelter', 'POST', `/api/shelters/stays/${stay.id}/exit`, { exitedOn: '2026-12-01\u0000', reason: 'altro' }],
      ['social', 'POST', `/api/shelters/authorisations/${auth.id}/decide`, { decision: 'rifiuta', note: 'no\u0000' }],
      ['shelter', 'GET', '/api/shelters/stays/not-a-uuid', undefined],
      ['social', 'GET', '/api/shelters/fees?month=2026-01%00', undefined],
      // The payer must be one the social service may name (a CAV is not a public body).
      ['social', 'POST', `/api/shelters/authorisations/${auth.id}/decide`, { decision: 'autorizza', payerOrganisationId: s.orgs.cavA }],
      // The named social service must be one.
      ['shelter', 'POST', '/api/shelters/stays/emergency', { structureId: s.structure.id, socialServiceId: s.orgs.cavA }],
    ];
    for (const [who, method, url, body] of malformed) {
      const res = await a[who as keyof typeof a].request(method, url, body, match(1));
      expect([url, res.status]).toEqual([url, 400]);
    }

    expect(await stateOf()).toEqual(before);
    expect(await adminTablesDigest(t.db)).toEqual(digest);
    // The competent side still works: the refusals above changed nothing.
    ok(await a.social.request('GET', `/api/shelters/authorisations/${auth.id}`));
  });
});
