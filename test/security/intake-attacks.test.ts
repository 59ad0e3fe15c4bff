import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { cases } from '../../src/server/modules/cases/index.js';
import { inboundReferrals } from '../../src/server/modules/intake/index.js';
import { insertOrganisation, setOrganisationNetworks } from '../../src/server/modules/organisations/index.js';
import { intakeWorld, referral } from '../support/intake.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { createUser, login } from '../support/world.js';

/**
 * Attacks on inbound referrals (docs/intake.md): the sender never reads
 * her data back, another CAV and a CUAV never reach it, the 1522 helpline
 * holds no case data, bad input is a precise 400, and two operators turning
 * one referral into a case at once open one case.
 */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const routes = (id: string) => [
  ['GET', `/api/intake/inbox/${id}`],
  ['POST', `/api/intake/inbox/${id}/attempts`],
  ['POST', `/api/intake/inbox/${id}/decline`, { reason: 'altro' }],
  ['POST', `/api/intake/inbox/${id}/case`],
] as const;

describe('who reaches an inbound referral', () => {
  it('the sender cannot read her contact after sending (no inbox, nothing in her list)', async () => {
    const { w, er } = await intakeWorld(t);
    const sent = (await er.request('POST', '/api/intake/sent', referral(w.orgs.cavA))).body;
    for (const [method, url, body] of routes(sent.id)) expect((await er.request(method, url, body)).status).toBe(403);
    expect((await er.request('GET', '/api/intake/inbox')).status).toBe(403);
    expect(JSON.stringify((await er.request('GET', '/api/intake/sent')).body)).not.toMatch(/Giulia|333 ?1234567|Referto|mattina/);
  });

  it('another CAV gets 404 for each of its routes, audited as denied; nothing changes', async () => {
    const { w, er, opB } = await intakeWorld(t);
    const sent = (await er.request('POST', '/api/intake/sent', referral(w.orgs.cavA))).body;
    for (const [method, url, body] of routes(sent.id)) expect((await opB.request(method, url, body)).status).toBe(404);
    const denied = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.resourceId, sent.id))).orderBy(asc(auditLog.id));
    expect(denied).toHaveLength(4);
    expect((await opB.request('GET', '/api/intake/inbox')).body.total).toBe(0);
    const [row] = await t.db.select().from(inboundReferrals).where(eq(inboundReferrals.id, sent.id));
    expect(row).toMatchObject({ status: 'inviata', attempts: 0, caseId: null });
  });

  it('a CUAV never: it cannot receive, be chosen, or send', async () => {
    const { w, er } = await intakeWorld(t);
    const cuav = await insertOrganisation(t.db, { name: `cuav-${crypto.randomUUID()}`, type: 'cuav' });
    await setOrganisationNetworks(t.db, cuav, [w.network]);
    const cuavOp = await login(t, await createUser(t, { memberships: [{ organisationId: cuav, role: 'operator' }] }));
    const sent = (await er.request('POST', '/api/intake/sent', referral(w.orgs.cavA))).body;
    for (const [method, url, body] of routes(sent.id)) expect((await cuavOp.request(method, url, body)).status).toBe(403);
    expect((await cuavOp.request('GET', '/api/intake/inbox')).status).toBe(403);
    expect((await cuavOp.request('POST', '/api/intake/sent', referral(w.orgs.cavA))).status).toBe(403);
    const chosen = await er.request('POST', '/api/intake/sent', referral(cuav));
    expect(chosen.body.errors[0]).toMatchObject({ pointer: '/body/recipientOrganisationId', code: 'unknown_organisation' });
    expect((await er.request('GET', '/api/intake/recipients')).body.items.map((i: { id: string }) => i.id)).not.toContain(cuav);
  });

  it('the 1522 helpline sends but holds no case data; the instance admin reaches nothing', async () => {
    const { w, helpline } = await intakeWorld(t);
    const sent = await helpline.request('POST', '/api/intake/sent', referral(w.orgs.cavB, { source: 'chiamata_1522' }));
    expect(sent.status).toBe(201);
    expect((await helpline.request('GET', '/api/cases')).status).toBe(403);
    for (const [method, url, body] of routes(sent.body.id)) expect((await helpline.request(method, url, body)).status).toBe(403);
    const admin = await login(t, w.users.admin);
    expect((await admin.request('GET', '/api/intake/inbox')).status).toBe(403);
    expect((await admin.request('POST', '/api/intake/sent', referral(w.orgs.cavA))).status).toBe(403);
    for (const [method, url, body] of routes(sent.body.id)) expect((await admin.request(method, url, body)).status).toBe(403);
  });
});

describe('bad input', () => {
  it('NUL bytes, huge text, a body that is not an object, unknown fields, a future consent: precise 400s, nothing stored', async () => {
    const { w, er, opA } = await intakeWorld(t);
    const nul = await er.request('POST', '/api/intake/sent', referral(w.orgs.cavA, { note: 'a\u0000b', contact: { phone: '333 1234567', firstName: 'x\u0000' } }));
    expect(nul.status).toBe(400);
    expect(nul.body.errors.map((e: { pointer: string; code: string }) => `${e.pointer} ${e.code}`).sort()).toEqual(['/body/contact/firstName invalid_text', '/body/note invalid_text']);
    const huge = await er.request('POST', '/api/intake/sent', referral(w.orgs.cavA, { note: 'x'.repeat(1001) }));
    expect(huge.body.errors[0]).toMatchObject({ pointer: '/body/note', code: 'too_big' });
    expect((await er.request('POST', '/api/intake/sent', [referral(w.orgs.cavA)])).status).toBe(400);
    const extra = await er.request('POST', '/api/intake/sent', referral(w.orgs.cavA, { caseId: crypto.randomUUID() }));
    expect(extra.body.errors[0].code).toBe('unrecognized_keys');
    const future = await er.request('POST', '/api/intake/sent', referral(w.orgs.cavA, { consent: { given: true, channel: 'sms', givenOn: '2999-01-01' } }));
    expect(future.body.errors[0]).toMatchObject({ pointer: '/body/consent/givenOn', code: 'in_future' });
    const phone = await er.request('POST', '/api/intake/sent', referral(w.orgs.cavA, { contact: { phone: '<script>' } }));
    expect(phone.body.errors[0]).toMatchObject({ pointer: '/body/contact/phone', code: 'phone_number' });
    expect((await opA.request('GET', '/api/intake/inbox')).body.total).toBe(0);
    expect((await opA.request('GET', '/api/intake/inbox/not-a-uuid')).status).toBe(400);
    expect((await opA.request('POST', `/api/intake/inbox/${crypto.randomUUID()}/decline`, { reason: 'perche_si' })).status).toBe(400);
  });
});

describe('races', () => {
  it('two operators turning one referral into a case at once open exactly one case', async () => {
    const { w, er, opA, headA } = await intakeWorld(t);
    const sent = (await er.request('POST', '/api/intake/sent', referral(w.orgs.cavA))).body;
    const before = (await t.db.select({ id: cases.id }).from(cases).where(eq(cases.organisationId, w.orgs.cavA))).length;
    const answers = await Promise.all([opA.request('POST', `/api/intake/inbox/${sent.id}/case`), headA.request('POST', `/api/intake/inbox/${sent.id}/case`)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const after = await t.db.select({ id: cases.id }).from(cases).where(eq(cases.organisationId, w.orgs.cavA));
    expect(after.length - before).toBe(1);
    const [row] = await t.db.select().from(inboundReferrals).where(eq(inboundReferrals.id, sent.id));
    expect(row!.caseId).toBe(answers.find((a) => a.status === 201)!.body.caseId);
    // A decline racing a conversion: one wins, the other is told it is closed.
    const second = (await er.request('POST', '/api/intake/sent', referral(w.orgs.cavA, { urgency: 'ordinaria' }))).body;
    const raced = await Promise.all([opA.request('POST', `/api/intake/inbox/${second.id}/case`), headA.request('POST', `/api/intake/inbox/${second.id}/decline`, { reason: 'altro' })]);
    expect(raced.filter((a) => a.status === 409)).toHaveLength(1);
  });
});
