import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { insertOrganisation } from '../../src/server/modules/organisations/index.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { COMUNI } from '../support/directory.js';
import { expectOk } from '../support/http.js';
import { pdfText } from '../support/pdf-text.js';
import { type ShelterWorld, createShelterWorld, structureBody } from '../support/shelters.js';
import { type Agent, login } from '../support/world.js';

/**
 * The secret address rule (docs/shelters.md rule 1), as a canary: a
 * structure is given a unique street, a comune, a postcode and door notes;
 * every shelters endpoint, called by every principal other than the
 * structure's own staff, answers without any of them — and no log line and
 * no audit row ever holds them, whoever read what.
 *
 * To add an endpoint: one line in ENDPOINTS. `url` receives the context
 * (the world, the canary structure and its unit and places, the signed-in
 * agents, and `once` to make a record a single time for all principals).
 */

const CANARY = { street: 'Via Canarino Segreto 4711', comune: COMUNI.seriate, comuneName: 'Seriate', postcode: '24068', notes: 'Citofono Canarina-Nota' };
const LEAKS = [/Canarino/i, /Seriate/i, /\b24068\b/, /Canarina-Nota/i, new RegExp(CANARY.comune)];

interface Context {
  t: TestApp;
  w: ShelterWorld;
  structureId: string;
  unitId: string;
  placeId: string;
  /** Agents by principal name (see PRINCIPALS), and the structure's own head and operator. */
  agents: Record<string, Agent>;
  /** Makes something once for the whole file (a request, a proposal, a stay…) and answers it every time after. */
  once<T>(key: string, make: () => Promise<T>): Promise<T>;
}

interface Endpoint {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: (c: Context) => string | Promise<string>;
  body?: (c: Context) => unknown;
  headers?: Record<string, string>;
}

const ENDPOINTS: Endpoint[] = [
  // Structures (S): another organisation's staff get 404, everyone else 403; none may read the address.
  { method: 'GET', url: () => '/api/shelters/structures' },
  { method: 'GET', url: (c) => `/api/shelters/structures/${c.structureId}` },
  { method: 'PATCH', url: (c) => `/api/shelters/structures/${c.structureId}`, body: () => ({ petsAllowed: true }), headers: { 'if-match': '"1"' } },
  { method: 'PUT', url: (c) => `/api/shelters/structures/${c.structureId}/networks`, body: (c) => ({ networkIds: [c.w.network] }), headers: { 'if-match': '"1"' } },
  { method: 'POST', url: (c) => `/api/shelters/structures/${c.structureId}/units`, body: () => ({ label: 'Intrusa', places: 1 }) },
  { method: 'POST', url: (c) => `/api/shelters/structures/${c.structureId}/places/${c.placeId}/service`, body: () => ({ outOfService: true }), headers: { 'if-match': '"1"' } },
  { method: 'POST', url: (c) => `/api/shelters/structures/${c.structureId}/deactivate`, headers: { 'if-match': '"1"' } },
  // The vacancy board (S): counts of the structure, never where it is.
  { method: 'GET', url: () => '/api/shelters/board' },
  { method: 'GET', url: () => `/api/shelters/board?area=${COMUNI.seriate}` },
  { method: 'GET', url: () => `/api/shelters/board?household=2&wheelchair=true&province=016` },
  // Stays, authorisations and fees (T): a stay of the canary structure, admitted in an emergency by its own staff.
  { method: 'GET', url: async (c) => (await stayOf(c), '/api/shelters/stays') },
  { method: 'GET', url: async (c) => `/api/shelters/stays/${(await stayOf(c)).id}` },
  { method: 'GET', url: async (c) => `/api/shelters/stays/${(await stayOf(c)).id}/record.pdf` },
  { method: 'POST', url: async (c) => `/api/shelters/stays/${(await stayOf(c)).id}/exit`, body: () => ({ exitedOn: '2026-12-01', reason: 'altro' }), headers: { 'if-match': '"1"' } },
  { method: 'POST', url: () => '/api/shelters/stays/emergency', body: (c) => ({ structureId: c.structureId, socialServiceId: c.w.orgs.capofila }) },
  { method: 'GET', url: async (c) => (await stayOf(c), '/api/shelters/authorisations') },
  { method: 'GET', url: async (c) => `/api/shelters/authorisations/${(await stayOf(c)).authorisation.id}` },
  { method: 'GET', url: async (c) => (await stayOf(c), `/api/shelters/fees?month=${new Date().toISOString().slice(0, 7)}`) },
  { method: 'GET', url: async (c) => (await stayOf(c), `/api/shelters/fees.xlsx?month=${new Date().toISOString().slice(0, 7)}`) },
  // Requests and proposals (R): CAV A's request avoiding the canary's own comune, matched (the canary structure ranked), proposed to it.
  { method: 'GET', url: async (c) => `/api/shelters/requests/${(await placementOf(c)).requestId}/matches` },
  { method: 'GET', url: async (c) => `/api/shelters/requests/${(await placementOf(c)).requestId}` },
  { method: 'GET', url: async (c) => (await placementOf(c), '/api/shelters/requests') },
  { method: 'GET', url: async (c) => (await placementOf(c), '/api/shelters/proposals') },
  { method: 'GET', url: async (c) => `/api/shelters/proposals/${(await placementOf(c)).proposalId}` },
  { method: 'POST', url: async (c) => `/api/shelters/proposals/${(await placementOf(c)).proposalId}/decline`, body: () => ({ reason: 'other' }), headers: { 'if-match': '"1"' } },
  { method: 'POST', url: async (c) => `/api/shelters/requests/${(await placementOf(c)).requestId}/proposals`, body: (c) => ({ structureId: c.structureId }), headers: { 'if-match': '"2"' } },
  { method: 'GET', url: async (c) => (await placementOf(c), '/api/shelters/stats/requests') },
  { method: 'GET', url: async (c) => `/api/shelters/stays/${(await stayOf(c)).id}/moves` },
  { method: 'POST', url: async (c) => `/api/shelters/stays/${(await stayOf(c)).id}/move`, body: () => ({ proposalId: crypto.randomUUID(), movedOn: '2026-12-01' }), headers: { 'if-match': '"1"' } },
  { method: 'POST', url: async (c) => `/api/shelters/authorisations/${(await stayOf(c)).authorisation.id}/decide`, body: () => ({ decision: 'rifiuta' }), headers: { 'if-match': '"1"' } },
  { method: 'POST', url: async (c) => (await placementOf(c), '/api/shelters/authorisations'), body: () => ({ requestId: crypto.randomUUID() }) },
  { method: 'POST', url: async (c) => `/api/shelters/proposals/${(await placementOf(c)).proposalId}/accept`, headers: { 'if-match': '"1"' } },
  // Stays, authorisations and fees (T): add one line each here.
];

/**
 * A placement request of CAV A whose area to avoid is the canary's own
 * comune (the one thing both sides could leak), matched and put to the
 * canary structure, made once; the structure's staff read the proposal.
 */
const placementOf = (c: Context) =>
  c.once('placement', async () => {
    const created = expectOk(201);
    const op = c.agents.operatorA!;
    const request = created(await op.request('POST', '/api/shelters/requests', { urgency: 'urgente', avoidComune: CANARY.comune }));
    expectOk(200)(await op.request('GET', `/api/shelters/requests/${request.id}/matches`));
    const sent = created(await op.request('POST', `/api/shelters/requests/${request.id}/proposals`, { structureId: c.structureId }, { 'if-match': `"${request.version}"` }));
    expectOk(200)(await c.agents.shelterOperator!.request('GET', `/api/shelters/proposals/${sent.openProposal.id}`));
    return { requestId: request.id as string, proposalId: sent.openProposal.id as string };
  });

/** The canary structure's emergency stay (T), made once: a social service of its own asked to authorise. */
const stayOf = (c: Context) =>
  c.once('stay', async () => {
    const socialServiceId = await insertOrganisation(c.t.db, { name: 'Servizio sociale di turno', type: 'servizio_sociale' });
    const res = await c.agents.shelterOperator!.request('POST', '/api/shelters/stays/emergency', { structureId: c.structureId, socialServiceId });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; authorisation: { id: string } };
  });

/** Every principal but the structure's own staff (the world's accounts, and the other housing organisation's). */
const PRINCIPALS = ['admin', 'coordinator', 'headA', 'operatorA', 'socialWorkerA', 'helpline', 'analyst', 'headB', 'operatorB', 'shelter2Head', 'shelter2Operator'] as const;

let t: TestApp;
let c: Context;
beforeAll(async () => {
  t = await buildTestApp();
  const w = await createShelterWorld(t);
  const names = [...PRINCIPALS, 'shelterHead', 'shelterOperator'] as const;
  const agents = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await login(t, w.users[n])] as const))) as Record<string, Agent>;
  const created = expectOk(201);
  const s = created(
    await agents.shelterHead!.request('POST', '/api/shelters/structures', structureBody([w.network], { address: { street: CANARY.street, comuneIstat: CANARY.comune, postcode: CANARY.postcode, notes: CANARY.notes } })),
  );
  const withUnit = created(await agents.shelterHead!.request('POST', `/api/shelters/structures/${s.id}/units`, { label: 'Camera 1', places: 3, wheelchairAccessible: true }));
  const made = new Map<string, Promise<unknown>>();
  c = {
    t,
    w,
    structureId: s.id,
    unitId: withUnit.units[0].id,
    placeId: withUnit.units[0].places[0].id,
    agents,
    once: <T,>(key: string, make: () => Promise<T>) => {
      if (!made.has(key)) made.set(key, make());
      return made.get(key) as Promise<T>;
    },
  };
});
afterAll(() => t.close());

const leaksIn = (text: string) => LEAKS.filter((re) => re.test(text)).map(String);

describe('the canary address', () => {
  it("is really there for the structure's own staff (the test would prove nothing otherwise)", async () => {
    for (const who of ['shelterHead', 'shelterOperator']) {
      const res = await c.agents[who]!.request('GET', `/api/shelters/structures/${c.structureId}`);
      expect(res.status).toBe(200);
      expect(res.body.address).toMatchObject({ street: CANARY.street, comuneIstat: CANARY.comune, postcode: CANARY.postcode, notes: CANARY.notes });
      expect(res.body.comuneName).toBe(CANARY.comuneName);
    }
  });

  it("is not on the printed stay record, not even the structure's own staff's", async () => {
    for (const who of ['shelterHead', 'shelterOperator']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/shelters/stays/${(await stayOf(c)).id}/record.pdf`, headers: { cookie: c.agents[who]!.cookie } });
      expect(res.statusCode, res.body).toBe(200);
      const { text } = await pdfText(res.rawPayload);
      expect(text).toContain('Scheda di permanenza');
      expect(leaksIn(`${text} ${JSON.stringify(res.headers)}`)).toEqual([]);
    }
  });

  it('never reaches another principal, on any shelters endpoint', async () => {
    const seen: string[] = [];
    for (const endpoint of ENDPOINTS) {
      for (const who of PRINCIPALS) {
        const url = await endpoint.url(c);
        const res = await c.agents[who]!.request(endpoint.method, url, endpoint.body?.(c), endpoint.headers);
        const text = `${JSON.stringify(res.body)} ${JSON.stringify(res.headers)}`;
        expect(leaksIn(text), `${who} ${endpoint.method} ${url} → ${res.status}`).toEqual([]);
        expect(res.status, `${who} ${endpoint.method} ${url}`).toBeLessThan(500);
        seen.push(`${res.status}`);
      }
    }
    // The board answered some of them (a non-trivial check: the structure is on it, without its address).
    const board = await c.agents.operatorA!.request('GET', `/api/shelters/board?area=${COMUNI.seriate}`);
    expect(board.body.items.map((i: { id: string }) => i.id)).toContain(c.structureId);
    expect(seen).toContain('200');
  });

  it('is in no log line and no audit row, whoever read or wrote the structure', async () => {
    // The staff's own reads and writes, once more, so that their log lines and audit rows are among those checked.
    const edit = await c.agents.shelterHead!.request('PATCH', `/api/shelters/structures/${c.structureId}`, { address: { street: `${CANARY.street} bis`, comuneIstat: CANARY.comune, postcode: CANARY.postcode, notes: CANARY.notes } }, { 'if-match': '"1"' });
    expect(edit.status).toBe(200);
    await c.agents.shelterOperator!.request('GET', `/api/shelters/structures/${c.structureId}`);
    expect(leaksIn(t.logs.text)).toEqual([]);
    const rows = await t.db.select().from(auditLog).orderBy(asc(auditLog.id));
    expect(rows.length).toBeGreaterThan(10);
    expect(leaksIn(JSON.stringify(rows))).toEqual([]);
  });
});
