import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { pdfText } from '../support/pdf-text.js';
import { type Agent, createWorld, login, type World } from '../support/world.js';
import { setRiskLevel } from '../support/risk.js';
import { calendarDay as day } from '../support/http.js';

/** The printable case sheet: only what the reader may see, marked confidential on every page, audited, named by code. */

const NAME = 'Zefiretta';
const SURNAME = 'Ciòccolà';
const CODE_WORD = 'girasole-viola';
const NOTE = 'Colloquio-Pellicano';
const GOAL = 'Tirocinio-Girandola';

let t: TestApp;
let w: World;
let op: Agent;
let head: Agent;
let opB: Agent;
let headB: Agent;
let caseId: string;
let code: string;

beforeAll(async () => {
  t = await buildTestApp();
  w = await createWorld(t);
  [op, head, opB, headB] = await Promise.all([login(t, w.users.operatorA), login(t, w.users.headA), login(t, w.users.operatorB), login(t, w.users.headB)]);
  const created = await op.request('POST', '/api/cases', {
    contactOn: day(-10),
    identity: { firstName: NAME, lastName: SURNAME },
    safeContact: { channels: ['telefono'], codeWord: CODE_WORD },
    accessChannel: 'pronto_soccorso',
    profile: { ageBand: '30_39', citizenship: 'extra_ue', country: 'MA', violenceTypes: ['stupro_tentato_stupro'], languages: ['ar'] },
    firstEvent: { channel: 'telefono', notes: NOTE },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  caseId = created.body.id;
  code = created.body.code;
  await setRiskLevel(t, caseId, 'elevato');
  expect((await op.request('POST', `/api/cases/${caseId}/plan/goals`, { area: 'lavoro', description: GOAL })).status).toBe(201);
  const consent = await op.request('POST', `/api/cases/${caseId}/consents`, { purpose: 'condivisione', recipientOrganisationId: w.orgs.cavB, sections: ['timeline', 'plan'], givenOn: day(-1), form: 'scritto' });
  expect(consent.status, JSON.stringify(consent.body)).toBe(201);
  const share = await head.request('POST', `/api/cases/${caseId}/team`, { userId: w.users.operatorB.id, sections: ['timeline', 'plan'] });
  expect(share.status, JSON.stringify(share.body)).toBe(200);
});
afterAll(() => t.close());

const print = (agent: Agent, query = '') => t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/sheet.pdf${query}`, headers: { cookie: agent.cookie } });

describe('the printable case sheet', () => {
  it('gives her team a PDF with every section, RISERVATO on every page with the code, who printed it and page x of y', async () => {
    const res = await print(op);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${code}.pdf"`);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const { pages, text } = await pdfText(res.rawPayload);
    for (const marker of [NAME, SURNAME, CODE_WORD, NOTE, GOAL]) expect(text, marker).toContain(marker);
    const printer = (await op.request('GET', '/api/auth/me')).body.user.displayName;
    pages.forEach((page, i) => {
      expect(page).toContain('RISERVATO');
      expect(page).toContain(code);
      expect(page).toContain(`Stampato da ${printer}`);
      expect(page).toContain(`Pagina ${i + 1} di ${pages.length}`);
    });
  });

  it('prints every code as its Italian label and never the code itself: classifications, country, language', async () => {
    const res = await print(op, '?sections=profile,plan,consents');
    expect(res.statusCode).toBe(200);
    const { text } = await pdfText(res.rawPayload);
    const labels = ['30–39 anni', 'Di un Paese extra UE', 'Marocco', 'Stupro o tentato stupro', 'Pronto soccorso', 'Arabo', 'Elevato', 'Lavoro', "Condivisione con un'altra organizzazione"];
    for (const label of labels) expect(text, label).toContain(label);
    for (const raw of ['30_39', 'extra_ue', 'stupro_tentato_stupro', 'pronto_soccorso', 'condivisione', 'elevato', 'lavoro']) expect(text, raw).not.toContain(raw);
    // The country code is not printed as a word of its own.
    expect(text).not.toMatch(/\bMA\b/);
  });

  it('prints only the sections asked for', async () => {
    const res = await print(op, '?sections=plan');
    expect(res.statusCode).toBe(200);
    const { text } = await pdfText(res.rawPayload);
    expect(text).toContain(GOAL);
    for (const marker of [NAME, CODE_WORD, NOTE]) expect(text, marker).not.toContain(marker);
  });

  it('gives a member of another organisation only the sections her share holds', async () => {
    const res = await print(opB);
    expect(res.statusCode).toBe(200);
    const { text } = await pdfText(res.rawPayload);
    expect(text).toContain(NOTE);
    expect(text).toContain(GOAL);
    for (const marker of [NAME, SURNAME, CODE_WORD]) expect(text, marker).not.toContain(marker);
  });

  it('refuses a section she does not hold with 404, audited as a denied print, and never prints it', async () => {
    const res = await print(opB, '?sections=plan,identity');
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain(NAME);
    const denied = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'case.printed'), eq(auditLog.resourceId, caseId), eq(auditLog.actorUserId, w.users.operatorB.id), eq(auditLog.outcome, 'denied'))).orderBy(asc(auditLog.id));
    expect(denied).toHaveLength(1);
  });

  it('answers 404 to whoever is not on the case, and 400 to an unknown section', async () => {
    expect((await print(headB)).statusCode).toBe(404);
    expect((await print(op, '?sections=identity,diario')).statusCode).toBe(400);
  });

  it('audits each print with its sections, never the content; no name in headers or logs', async () => {
    const res = await print(op, '?sections=identity,timeline');
    expect(res.statusCode).toBe(200);
    const rows = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'case.printed'), eq(auditLog.resourceId, caseId), eq(auditLog.actorUserId, w.users.operatorA.id), eq(auditLog.outcome, 'success'))).orderBy(asc(auditLog.id));
    expect(rows.map((r) => r.purpose)).toContain('sections:identity,timeline');
    const everything = JSON.stringify(rows) + JSON.stringify(res.headers) + t.logs.text;
    for (const marker of [NAME, SURNAME, CODE_WORD, NOTE, GOAL]) expect(everything, marker).not.toContain(marker);
  });
});
