import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { riskAssessments, riskInstruments } from '../../src/server/modules/risk/index.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { expectUnchanged } from '../support/digest.js';
import { expectOk } from '../support/http.js';
import { createPlacementWorld, insertStructure, requestBody } from '../support/shelters-requests.js';
import { type Agent, createUser, login } from '../support/world.js';
import exampleInstrument from '../../src/shared/risk-instruments/example.json' with { type: 'json' };

/**
 * Attacks on placement requests and proposals (docs/shelters.md): another
 * organisation's ids, ids that do not exist, NUL bytes, stale versions, a
 * structure of another network, a case of another organisation. Each is
 * refused (404, 400, 412 or 409) and the database is unchanged.
 */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const NOBODY = '00000000-0000-4000-8000-000000000000';
const ok = expectOk(201);
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

async function setup() {
  const w = await createPlacementWorld(t);
  const s = await insertStructure(t, w.orgs.shelter, { networks: [w.network], units: [{ places: 2 }] });
  const [opA, opB, shelterOp] = await Promise.all([login(t, w.users.operatorA), login(t, w.users.operatorB), login(t, w.users.shelterOperator)]);
  const request = ok(await opA.request('POST', '/api/shelters/requests', requestBody()));
  const sent = ok(await opA.request('POST', `/api/shelters/requests/${request.id}/proposals`, { structureId: s.id }, ifMatch(request.version)));
  return { w, s, opA, opB, shelterOp, request: sent, proposal: sent.openProposal as { id: string; version: number } };
}

/** Every route of hers on a request or proposal id, with a body that would pass validation. */
const routes = (requestId: string, proposalId: string, structureId: string, version: number) =>
  [
    ['GET', `/api/shelters/requests/${requestId}`, undefined],
    ['PATCH', `/api/shelters/requests/${requestId}`, requestBody()],
    ['POST', `/api/shelters/requests/${requestId}/close`, { reason: 'ritirata' }],
    ['GET', `/api/shelters/requests/${requestId}/matches`, undefined],
    ['POST', `/api/shelters/requests/${requestId}/proposals`, { structureId }],
    ['POST', `/api/shelters/proposals/${proposalId}/withdraw`, undefined],
    ['GET', `/api/shelters/proposals/${proposalId}`, undefined],
    ['POST', `/api/shelters/proposals/${proposalId}/accept`, undefined],
    ['POST', `/api/shelters/proposals/${proposalId}/decline`, { reason: 'other' }],
  ].map(([method, url, body]) => ({ method: method as string, url: url as string, body, headers: ifMatch(version) }));

const unchanged = (run: () => Promise<void>) => expectUnchanged(t.db, run);

describe('ids that are not hers', () => {
  it('another organisation’s request or proposal, or none, is 404 on every route, audited as denied, nothing written', async () => {
    const { w, s, opB, request, proposal } = await setup();
    // CAV B's operator and its head: another organisation, outside the network.
    const other = await login(t, await createUser(t, { memberships: [{ organisationId: w.orgs.cavB, role: 'organisation_head' }] }));
    await unchanged(async () => {
      for (const agent of [opB, other] as Agent[]) {
        for (const ids of [
          [request.id, proposal.id],
          [NOBODY, NOBODY],
        ]) {
          for (const r of routes(ids[0]!, ids[1]!, s.id, 1)) {
            const res = await agent.request(r.method, r.url, r.body, r.headers);
            // Answering is a structure's act (403 by the policy for a CAV); every other route answers 404.
            expect(res.status, `${r.method} ${r.url}`).toBe(r.url.endsWith('/accept') || r.url.endsWith('/decline') ? 403 : 404);
          }
        }
      }
    });
    const denied = await t.db.select().from(auditLog).where(and(eq(auditLog.resourceId, request.id), eq(auditLog.outcome, 'denied'))).orderBy(asc(auditLog.id));
    expect(denied.length).toBeGreaterThan(0);
  });

  it('the structure’s staff cannot read or edit the request itself, only the proposal (a casa rifugio may request too: 404, not 403)', async () => {
    const { s, shelterOp, request, proposal } = await setup();
    await unchanged(async () => {
      for (const r of routes(request.id, proposal.id, s.id, 1).slice(0, 5)) {
        expect((await shelterOp.request(r.method, r.url, r.body, r.headers)).status, r.url).toBe(404);
      }
    });
    expect((await shelterOp.request('GET', `/api/shelters/proposals/${proposal.id}`)).status).toBe(200);
  });
});

describe('bad input and stale versions', () => {
  it('NUL bytes, out-of-range households and unknown codes are 400; stale versions 412; nothing written', async () => {
    const { s, opA, shelterOp, request, proposal } = await setup();
    await unchanged(async () => {
      for (const body of [
        requestBody({ note: 'nota\u0000nulla' }),
        requestBody({ adults: 5 }),
        requestBody({ adults: 0 }),
        requestBody({ children: [{ age: 26, sex: 'M' }] }),
        requestBody({ children: [{ age: 3, sex: 'X' }] }),
        requestBody({ languages: ['italiano'] }),
        requestBody({ criteria: { pericolosita: 'altissimo' } }),
        requestBody({ criteria: { coraggio: 'alto' } }),
        requestBody({ avoidComune: '01602\u0000' }),
        requestBody({ urgency: 'subito' }),
        requestBody({ minDistanceKm: -1 }),
        requestBody({ caseId: 'not-a-uuid' }),
      ]) {
        expect((await opA.request('POST', '/api/shelters/requests', body)).status, JSON.stringify(body)).toBe(400);
      }
      expect((await opA.request('PATCH', `/api/shelters/requests/${request.id}`, requestBody(), ifMatch(request.version - 1))).status).toBe(412);
      // Current version, but the request waits for a structure: it cannot be edited.
      expect((await opA.request('PATCH', `/api/shelters/requests/${request.id}`, requestBody(), ifMatch(request.version))).status).toBe(409);
      expect((await opA.request('POST', `/api/shelters/requests/${request.id}/close`, { reason: 'ritirata' }, ifMatch(request.version - 1))).status).toBe(412);
      expect((await opA.request('POST', `/api/shelters/proposals/${proposal.id}/withdraw`, undefined, ifMatch(proposal.version + 1))).status).toBe(412);
      expect((await shelterOp.request('POST', `/api/shelters/proposals/${proposal.id}/accept`, undefined, ifMatch(proposal.version + 1))).status).toBe(412);
      expect((await shelterOp.request('POST', `/api/shelters/proposals/${proposal.id}/decline`, { reason: 'other', note: 'x\u0000' }, ifMatch(proposal.version))).status).toBe(400);
      expect((await shelterOp.request('GET', `/api/shelters/proposals/${proposal.id}%00`)).status).toBe(400);
      expect((await opA.request('POST', `/api/shelters/requests/${request.id}/proposals`, { structureId: s.id }, ifMatch(request.version))).status).toBe(409);
    });
  });
});

describe('a structure of another network, a case of another organisation', () => {
  it('are refused and nothing is written', async () => {
    const { w, opA, opB } = await setup();
    const stranger = await insertStructure(t, w.orgs.shelter, { networks: [] });
    const fresh = ok(await opA.request('POST', '/api/shelters/requests', requestBody()));
    // A case of CAV B (another organisation).
    const caseOfB = ok(await opB.request('POST', '/api/cases', { contactOn: '2026-01-10' })).id as string;
    await unchanged(async () => {
      const res = await opA.request('POST', `/api/shelters/requests/${fresh.id}/proposals`, { structureId: stranger.id }, ifMatch(fresh.version));
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/body/structureId', code: 'unknown_item' })]);
      expect((await opA.request('POST', '/api/shelters/requests', requestBody({ caseId: caseOfB }))).status).toBe(404);
      expect((await opA.request('POST', '/api/shelters/requests', requestBody({ caseId: NOBODY }))).status).toBe(404);
    });
    const denied = await t.db.select().from(auditLog).where(and(eq(auditLog.resourceId, caseOfB), eq(auditLog.action, 'shelter.request.create'))).orderBy(asc(auditLog.id));
    expect(denied.map((d) => d.outcome)).toEqual(['denied']);
  });

  it('her own case links, and its latest assessment prefills the risk of repeat violence (elevato → alto) unless given', async () => {
    const { w, opA } = await setup();
    const caseId = ok(await opA.request('POST', '/api/cases', { contactOn: '2026-01-10' })).id as string;
    const [instrument] = await t.db
      .insert(riskInstruments)
      .values({ networkId: w.network, code: 'trama-esempio', version: 900, definition: exampleInstrument as never, loadedBy: w.users.admin.id })
      .returning({ id: riskInstruments.id, code: riskInstruments.code, version: riskInstruments.version });
    const assess = (finalLevel: 'medio' | 'elevato', assessedOn: string) =>
      t.db.insert(riskAssessments).values({ caseId, instrumentId: instrument!.id, instrumentCode: instrument!.code, instrumentVersion: instrument!.version, finalLevel, occasion: 'iniziale', assessedOn, assessorOrganisationId: w.orgs.cavA });
    await assess('medio', '2026-01-05');
    await assess('elevato', '2026-01-09');
    const linked = ok(await opA.request('POST', '/api/shelters/requests', requestBody({ caseId, note: 'Sotto la chiave del percorso' })));
    expect(linked).toMatchObject({ caseId, criteria: { rischio_recidiva: 'alto' }, note: 'Sotto la chiave del percorso' });
    const given = ok(await opA.request('POST', '/api/shelters/requests', requestBody({ caseId, criteria: { rischio_recidiva: 'basso' } })));
    expect(given.criteria).toEqual({ rischio_recidiva: 'basso' });
  });
});
