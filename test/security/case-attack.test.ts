import { and, asc, desc, eq, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { caseMembers } from '../../src/server/modules/cases/cases.tables.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { type Agent, createUser, createWorld, login, type TestUser, type World } from '../support/world.js';
import { calendarDay as day } from '../support/http.js';

/**
 * Attacks on the case choke point after it became the one decision:
 * - the head opens a case she is not on only by breaking the glass (reason,
 *   8 hours, never the authors: docs/cases.md), so she cannot put herself
 *   on its team;
 * - a member of another organisation learns nothing of the consent ledger
 *   (who else the case is shared with, and which sections) unless her share
 *   covers the consents;
 * - a probe for a part that is not on the case (a document, a consent, a
 *   child of another case) is a denied attempt: 404 and a denied audit row.
 */

let t: TestApp;
let w: World;
let op: Agent;
let head: Agent;
let opB: Agent;
let shelterOp: TestUser;
let caseId: string;
let otherCaseId: string;
let otherDocumentId: string;
let otherConsentId: string;
let otherChildId: string;

const ok = (res: { status: number; body: unknown }) => {
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  return res.body as any;
};

beforeAll(async () => {
  t = await buildTestApp();
  w = await createWorld(t);
  shelterOp = await createUser(t, { memberships: [{ organisationId: w.orgs.shelter, role: 'operator' }], displayName: 'Operatrice Rifugio' });
  [op, head, opB] = await Promise.all([login(t, w.users.operatorA), login(t, w.users.headA), login(t, w.users.operatorB)]);
  caseId = ok(await op.request('POST', '/api/cases', { contactOn: day(-10), identity: { firstName: 'Biancospina' } })).id;
  ok(await op.request('POST', `/api/cases/${caseId}/authors`, { relationship: 'ex_partner', details: { name: 'Teodemaro' } }));
  // Two shares: work/housing to CAV B, identity and documents to the shelter.
  ok(await op.request('POST', `/api/cases/${caseId}/consents`, { purpose: 'condivisione', recipientOrganisationId: w.orgs.cavB, sections: ['work_housing'], givenOn: day(-1), form: 'scritto' }));
  ok(await op.request('POST', `/api/cases/${caseId}/consents`, { purpose: 'condivisione', recipientOrganisationId: w.orgs.shelter, sections: ['identity', 'documents'], givenOn: day(-1), form: 'scritto' }));
  ok(await head.request('POST', `/api/cases/${caseId}/team`, { userId: w.users.operatorB.id, sections: ['work_housing'] }));
  ok(await head.request('POST', `/api/cases/${caseId}/team`, { userId: shelterOp.id, sections: ['identity', 'documents'] }));

  // Another case of the same operator, with a part of each kind: their ids are probed through the first case.
  otherCaseId = ok(await op.request('POST', '/api/cases', { contactOn: day(-5) })).id;
  const pdf = Buffer.from('%PDF-1.7\nprobe\n%%EOF');
  otherDocumentId = ok(await op.request('POST', `/api/cases/${otherCaseId}/documents`, { kind: 'altro', name: 'x.pdf', mimeType: 'application/pdf', contentBase64: pdf.toString('base64') })).id;
  const consents = ok(await op.request('POST', `/api/cases/${otherCaseId}/consents`, { purpose: 'statistiche_anonime', givenOn: day(-1), form: 'orale' }));
  otherConsentId = consents[0].id;
  otherChildId = ok(await op.request('POST', `/api/cases/${otherCaseId}/children`, { age: 4 })).id;
});
afterAll(() => t.close());

describe('the head opens a case she is not on only by breaking the glass', () => {
  it('she cannot put herself on its team (and so read the authors, with no reason and no end)', async () => {
    expect((await head.request('GET', `/api/cases/${caseId}/authors`)).status).toBe(404);
    const res = await head.request('POST', `/api/cases/${caseId}/team`, { userId: w.users.headA.id, referente: false });
    expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(400);
    const mine = await t.db.select().from(caseMembers).where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.userId, w.users.headA.id)));
    expect(mine).toEqual([]);
    expect((await head.request('GET', `/api/cases/${caseId}/authors`)).status).toBe(404);
    const denied = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorUserId, w.users.headA.id), eq(auditLog.resourceId, caseId), eq(auditLog.action, 'case.team'), eq(auditLog.outcome, 'denied'))).orderBy(asc(auditLog.id));
    expect(denied.length).toBe(1);
  });
});

describe('the consent ledger stays with those who hold it', () => {
  it('a member holding only work/housing does not learn the sections another organisation’s share covers', async () => {
    const detail = ok(await opB.request('GET', `/api/cases/${caseId}`));
    const others = (detail.team as { userId: string; sections: string[] }[]).filter((m) => m.userId !== w.users.operatorB.id);
    for (const m of others) expect(m.sections, `sections of ${m.userId}`).not.toContain('identity');
    expect(JSON.stringify(detail.team)).not.toContain('documents');
  });

  it('a member holding only work/housing does not learn which other organisation the case is shared with', async () => {
    const detail = ok(await opB.request('GET', `/api/cases/${caseId}`));
    const organisations = (detail.team as { organisation: { id: string } }[]).map((m) => m.organisation.id);
    expect(organisations).not.toContain(w.orgs.shelter);
  });
});

describe('a probe for a part that is not on the case is a denied attempt', () => {
  const probes: [string, string, () => string, unknown?, Record<string, string>?][] = [
    ['document of another case', 'GET', () => `/api/cases/${caseId}/documents/${otherDocumentId}`],
    ['consent of another case', 'POST', () => `/api/cases/${caseId}/consents/${otherConsentId}/revoke`],
    ['child of another case', 'PUT', () => `/api/cases/${caseId}/children/${otherChildId}`, { age: 5 }, { 'if-match': '"1"' }],
  ];
  for (const [name, method, url, body, headers] of probes) {
    it(`${name}: 404, and a denied audit row`, async () => {
      const [last] = await t.db.select({ id: auditLog.id }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
      const lastId = last?.id ?? 0;
      const res = await op.request(method, url(), body, headers);
      expect(res.status, JSON.stringify(res.body)).toBe(404);
      const written = await t.db.select().from(auditLog).where(and(gt(auditLog.id, lastId), eq(auditLog.actorUserId, w.users.operatorA.id))).orderBy(asc(auditLog.id));
      expect(written.filter((r) => r.outcome === 'denied'), `${method} ${url()}`).toHaveLength(1);
    });
  }
});
