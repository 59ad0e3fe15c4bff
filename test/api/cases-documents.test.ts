import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.js';
import { type Agent, createWorld, login, type World } from '../support/world.js';

/** Documents of a case: type checked by content, size limit, sealed at rest, audited download, cited by a consent. */

let t: TestApp;
let w: World;
let op: Agent;
let opB: Agent;
let caseId: string;

const CANARY_NAME = 'modulo-consenso-Ortensia.pdf';
const CANARY_TEXT = 'Testo riservato Gelsomino';
const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(CANARY_TEXT), Buffer.from('\n%%EOF')]);

beforeAll(async () => {
  t = await buildTestApp({ env: { DOCUMENT_MAX_BYTES: '2048' } });
  w = await createWorld(t);
  op = await login(t, w.users.operatorA);
  opB = await login(t, w.users.operatorB);
  caseId = (await op.request('POST', '/api/cases', { contactOn: '2026-03-01' })).body.id;
});
afterAll(() => t.close());

describe('documents of a case', () => {
  let documentId: string;

  it('accepts a PDF, lists it, and gives it back byte for byte', async () => {
    const up = await op.request('POST', `/api/cases/${caseId}/documents`, { kind: 'consenso', name: CANARY_NAME, mimeType: 'application/pdf', contentBase64: pdf.toString('base64') });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    documentId = up.body.id;
    const list = await op.request('GET', `/api/cases/${caseId}/documents`);
    expect(list.body).toEqual([expect.objectContaining({ id: documentId, name: CANARY_NAME, mimeType: 'application/pdf', sizeBytes: pdf.length, kind: 'consenso' })]);
    const res = await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/documents/${documentId}`, headers: { cookie: op.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(String(res.headers['content-disposition'])).toContain('attachment');
    expect(Buffer.compare(res.rawPayload, pdf)).toBe(0);
  });

  it('keeps the file and its name only encrypted', async () => {
    const raw = JSON.stringify((await t.db.execute(sql`select * from case_documents`)).rows);
    expect(raw).not.toContain(CANARY_TEXT);
    expect(raw).not.toContain('Ortensia');
    expect(raw).not.toContain(Buffer.from(CANARY_TEXT).toString('base64').slice(0, 16));
    expect(t.logs.text).not.toContain('Ortensia');
  });

  it('refuses a file whose content is not its declared type, an empty one, and one over the limit', async () => {
    const before = (await t.db.execute(sql`select count(*)::int as n from case_documents`)).rows;
    const fake = await op.request('POST', `/api/cases/${caseId}/documents`, { kind: 'altro', name: 'x.pdf', mimeType: 'application/pdf', contentBase64: Buffer.from('MZ not a pdf').toString('base64') });
    expect(fake.status).toBe(400);
    expect(fake.body.errors[0]).toMatchObject({ pointer: '/body/mimeType', code: 'content_type_mismatch' });
    const big = await op.request('POST', `/api/cases/${caseId}/documents`, { kind: 'altro', name: 'big.txt', mimeType: 'text/plain', contentBase64: Buffer.alloc(3000, 'a').toString('base64') });
    expect(big.status).toBe(400);
    expect(big.body.errors[0].code).toBe('file_too_large');
    const huge = await op.request('POST', `/api/cases/${caseId}/documents`, { kind: 'altro', name: 'huge.txt', mimeType: 'text/plain', contentBase64: Buffer.alloc(100_000, 'a').toString('base64') });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('payload_too_large');
    const binaryText = await op.request('POST', `/api/cases/${caseId}/documents`, { kind: 'altro', name: 'x.txt', mimeType: 'text/plain', contentBase64: Buffer.from([0x41, 0x00, 0x42]).toString('base64') });
    expect(binaryText.status).toBe(400);
    expect((await t.db.execute(sql`select count(*)::int as n from case_documents`)).rows).toEqual(before);
  });

  it('lets a written consent cite its signed form, and only a document of the same case', async () => {
    const ok = await op.request('POST', `/api/cases/${caseId}/consents`, { purpose: 'presa_in_carico', givenOn: '2026-03-01', form: 'scritto', documentId });
    expect(ok.status).toBe(201);
    expect(ok.body[0].documentId).toBe(documentId);
    const other = (await op.request('POST', '/api/cases', { contactOn: '2026-03-02' })).body.id;
    const wrong = await op.request('POST', `/api/cases/${other}/consents`, { purpose: 'presa_in_carico', givenOn: '2026-03-02', form: 'scritto', documentId });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0]).toMatchObject({ pointer: '/body/documentId', code: 'unknown_document' });
  });

  it('an outsider gets 404 for the list and the file', async () => {
    expect((await opB.request('GET', `/api/cases/${caseId}/documents`)).status).toBe(404);
    expect((await opB.request('GET', `/api/cases/${caseId}/documents/${documentId}`)).status).toBe(404);
    // Even a bad file gets 404 from outside: nothing about the case is answered before access.
    const bad = await opB.request('POST', `/api/cases/${caseId}/documents`, { kind: 'altro', name: 'x.pdf', mimeType: 'application/pdf', contentBase64: Buffer.from('no').toString('base64') });
    expect(bad.status).toBe(404);
  });
});
