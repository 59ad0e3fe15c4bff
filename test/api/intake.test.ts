import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { inboundReferrals } from '../../src/server/modules/intake/index.js';
import { notifications } from '../../src/server/modules/notifications/index.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { COMUNI, createSportello, setTerritory } from '../support/directory.js';
import { intakeWorld, referral, today } from '../support/intake.js';
import { ok } from '../support/http.js';

/**
 * Inbound referrals (docs/intake.md): a sender outside the CAV sends a
 * woman with her consent to be contacted; the sender keeps only the status;
 * the CAV's inbox reads her contact, tries, declines or opens a case from it.
 */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('sending', () => {
  it('refuses a referral without her consent to be contacted, and anything else wrong, with pointers', async () => {
    const { w, er } = await intakeWorld(t);
    const refused = await er.request('POST', '/api/intake/sent', referral(w.orgs.cavA, { consent: { given: false, channel: 'telefono', givenOn: today() } }));
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ pointer: '/body/consent/given', code: 'consent_required' })]);
    const missing = await er.request('POST', '/api/intake/sent', { ...referral(w.orgs.cavA), consent: undefined });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].pointer).toBe('/body/consent');
    // A CAV outside her networks, and a comune that does not exist.
    expect((await er.request('POST', '/api/intake/sent', referral(w.orgs.cavB))).body.errors[0]).toMatchObject({ pointer: '/body/recipientOrganisationId', code: 'unknown_organisation' });
    expect((await er.request('POST', '/api/intake/sent', referral(w.orgs.cavA, { comuneCode: '999999' }))).body.errors[0]).toMatchObject({ pointer: '/body/comuneCode', code: 'unknown_comune' });
    expect(await t.db.select().from(inboundReferrals).where(eq(inboundReferrals.senderOrganisationId, (await er.request('GET', '/api/auth/me')).body.organisation.id))).toEqual([]);
  });

  it('suggests the CAV covering her comune among the network’s CAVs; the helpline chooses among all', async () => {
    const { w, er, helpline } = await intakeWorld(t);
    const referent = await createSportello(t, w.orgs.cavA, { name: 'Sportello A', comuneCode: COMUNI.seriate });
    await setTerritory(t, w.network, [COMUNI.seriate], referent);
    const mine = ok(await er.request('GET', `/api/intake/recipients?comuneCode=${COMUNI.seriate}`));
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual([w.orgs.cavA]);
    expect(mine.suggestedId).toBe(w.orgs.cavA);
    const all = ok(await helpline.request('GET', '/api/intake/recipients')).items.map((i: { id: string }) => i.id);
    expect(all).toEqual(expect.arrayContaining([w.orgs.cavA, w.orgs.cavB]));
  });

  it('keeps for the sender only the reference and status; one referral per Idempotency-Key; another body with it is 422', async () => {
    const { w, er, opA, headA } = await intakeWorld(t);
    const key = { 'idempotency-key': `intake-${crypto.randomUUID()}` };
    const sent = ok(await er.request('POST', '/api/intake/sent', referral(w.orgs.cavA), key), 201);
    expect(Object.keys(sent).sort()).toEqual(['closedAt', 'declineReason', 'id', 'recipient', 'reference', 'sentAt', 'source', 'status', 'urgency']);
    expect(sent).toMatchObject({ status: 'inviata', recipient: { id: w.orgs.cavA }, reference: expect.stringMatching(/^R\d{2}-[0-9A-Z]{4}-[0-9A-Z]{4}$/) });
    expect(JSON.stringify(sent)).not.toMatch(/Giulia|333 ?1234567|Referto/);
    const again = ok(await er.request('POST', '/api/intake/sent', referral(w.orgs.cavA), key), 201);
    expect(again.id).toBe(sent.id);
    const reused = await er.request('POST', '/api/intake/sent', referral(w.orgs.cavA, { urgency: 'ordinaria' }), key);
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
    expect(await t.db.select().from(inboundReferrals).where(eq(inboundReferrals.recipientOrganisationId, w.orgs.cavA))).toHaveLength(1);
    // Sealed at rest with the CAV's key: nothing of her in the row's clear columns.
    const [row] = await t.db.select().from(inboundReferrals).where(eq(inboundReferrals.id, sent.id));
    expect(JSON.stringify(row)).not.toMatch(/Giulia|333 ?1234567|Referto/);
    // The sender's list: statuses only.
    const list = ok(await er.request('GET', '/api/intake/sent'));
    expect(list.items).toHaveLength(1);
    expect(JSON.stringify(list)).not.toMatch(/Giulia|333 ?1234567|Referto/);
    // The CAV's staff are told, with no personal data; the sender is not.
    const told = await t.db.select().from(notifications).where(eq(notifications.kind, 'intake_received'));
    const recipients = new Set(told.map((n) => n.recipientUserId));
    expect(recipients.has(w.users.operatorA.id) && recipients.has(w.users.headA.id)).toBe(true);
    expect(JSON.stringify(told)).not.toMatch(/Giulia|333 ?1234567|Bergamo|016024/);
    const centre = ok(await opA.request('GET', '/api/notifications?status=all'));
    expect(centre.items.find((n: { kind: string }) => n.kind === 'intake_received')).toMatchObject({ target: { type: 'intake', box: 'inbox' }, params: { urgency: 'urgente' } });
    void headA;
  });
});

describe('the CAV inbox', () => {
  it('reads her contact, records attempts, counts by status; the sender sees "not reached"', async () => {
    const { w, er, opA } = await intakeWorld(t);
    const sent = ok(await er.request('POST', '/api/intake/sent', referral(w.orgs.cavA)), 201);
    const inbox = ok(await opA.request('GET', '/api/intake/inbox'));
    expect(inbox.counts).toMatchObject({ inviata: 1, urgentOpen: 1 });
    expect(JSON.stringify(inbox.items)).not.toMatch(/Giulia|333 ?1234567/);
    const one = ok(await opA.request('GET', `/api/intake/inbox/${sent.id}`));
    expect(one.contact).toMatchObject({ firstName: 'Giulia', phone: '+39 333 1234567', noMessages: true });
    expect(one.note).toBe('Referto per percosse, chiede di essere richiamata');
    expect(one.consent).toEqual({ channel: 'telefono', givenOn: today(), form: 'orale' });
    const tried = ok(await opA.request('POST', `/api/intake/inbox/${sent.id}/attempts`));
    expect(tried).toMatchObject({ status: 'non_raggiunta', attempts: 1, minutesToFirstContact: expect.any(Number) });
    expect(ok(await er.request('GET', '/api/intake/sent')).items[0].status).toBe('non_raggiunta');
    const filtered = ok(await opA.request('GET', '/api/intake/inbox?status=non_raggiunta&urgency=urgente'));
    expect(filtered.total).toBe(1);
  });

  it('declines with a code: her contact erased, the sender told the code only', async () => {
    const { w, er, opA } = await intakeWorld(t);
    const sent = ok(await er.request('POST', '/api/intake/sent', referral(w.orgs.cavA)), 201);
    const declined = ok(await opA.request('POST', `/api/intake/inbox/${sent.id}/decline`, { reason: 'fuori_territorio' }));
    expect(declined).toMatchObject({ status: 'rifiutata', declineReason: 'fuori_territorio', contact: null, note: null });
    const [row] = await t.db.select().from(inboundReferrals).where(eq(inboundReferrals.id, sent.id));
    expect(row!.contactSealed).toBeNull();
    expect(ok(await er.request('GET', '/api/intake/sent')).items[0]).toMatchObject({ status: 'rifiutata', declineReason: 'fuori_territorio' });
    const centre = ok(await er.request('GET', '/api/notifications?status=all'));
    expect(centre.items).toEqual([expect.objectContaining({ kind: 'intake_declined', params: { reason: 'fuori_territorio' }, target: { type: 'intake', box: 'sent' } })]);
    // Closed: nothing more can be done to it.
    expect((await opA.request('POST', `/api/intake/inbox/${sent.id}/attempts`)).body.code).toBe('intake_closed');
  });

  it('turns it into a case with her identity and the contatto consent, once; the time to the case recorded', async () => {
    const { w, er, opA } = await intakeWorld(t);
    const sent = ok(await er.request('POST', '/api/intake/sent', referral(w.orgs.cavA, { source: 'intervento_ff_oo' })), 201);
    const made = ok(await opA.request('POST', `/api/intake/inbox/${sent.id}/case`), 201);
    const theCase = ok(await opA.request('GET', `/api/cases/${made.caseId}`));
    expect(theCase).toMatchObject({ code: made.caseCode, stage: 'contatto', emergency: true, identity: { firstName: 'Giulia', phones: ['+39 333 1234567'] }, safeContact: { channels: ['telefono'], hours: 'mattina 9-12', noMessages: true } });
    expect(theCase.profile.accessChannel).toBe('forze_ordine');
    const consents = ok(await opA.request('GET', `/api/cases/${made.caseId}/consents`));
    expect(consents).toEqual([expect.objectContaining({ purpose: 'contatto', channel: 'telefono', givenOn: today(), form: 'orale' })]);
    const events = ok(await opA.request('GET', `/api/cases/${made.caseId}/events`));
    expect(events.items).toHaveLength(1);
    const after = ok(await opA.request('GET', `/api/intake/inbox/${sent.id}`));
    expect(after).toMatchObject({ status: 'presa_in_carico', caseId: made.caseId, contact: null, minutesToCase: expect.any(Number), minutesToFirstContact: expect.any(Number) });
    // The sender: taken in charge, and never the case.
    const mine = ok(await er.request('GET', '/api/intake/sent')).items[0];
    expect(mine.status).toBe('presa_in_carico');
    expect(JSON.stringify(mine)).not.toContain(made.caseId);
    // An emergency room may hold cases (a share), but not this one: not on its team, no consent to share.
    expect((await er.request('GET', `/api/cases/${made.caseId}`)).status).toBe(404);
    // A second time: refused, still one case.
    expect((await opA.request('POST', `/api/intake/inbox/${sent.id}/case`)).status).toBe(409);
    const audited = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'intake.convert'), eq(auditLog.resourceId, sent.id))).orderBy(asc(auditLog.id));
    expect(audited).toHaveLength(1);
    void w;
  });
});
