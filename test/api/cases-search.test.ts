import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { rebuildSearchIndex, rebuildSearchIndexIfAsked } from '../../src/server/modules/cases/index.js';
import { caseSearchTokens } from '../../src/server/modules/cases/search.tables.js';
import { instanceSettings } from '../../src/server/platform/platform.tables.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { type Agent, createWorld, login, type World } from '../support/world.js';
import { day } from '../support/http.js';

/**
 * Finding her again (issue 10): when she calls back and gives her first
 * name or her phone number, the operator finds her case through the blind
 * index — misspelt as people mistype names, the number in any format —
 * among the cases she may see and identify, closed ones included; never a
 * case of another organisation, never one whose identity she does not hold.
 */

let t: TestApp;
let w: World;
let op: Agent;
let head: Agent;
let opB: Agent;
/** Francesca D'Angelo of CAV A, open. */
let francesca: string;
/** Chiara Zanetti of CAV A, closed. */
let chiara: string;
/** A woman of CAV B with the same name and number as Francesca. */
let twinB: string;

const PHONE = '+39 333 918 2746';

async function open(agent: Agent, identity: Record<string, unknown>): Promise<string> {
  const res = await agent.request('POST', '/api/cases', { contactOn: day(-20), identity });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

const search = (agent: Agent, q: unknown) => agent.request('POST', '/api/cases/search', { q });
async function found(agent: Agent, q: string): Promise<string[]> {
  const res = await search(agent, q);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items.map((i: { id: string }) => i.id);
}

beforeAll(async () => {
  t = await buildTestApp();
  w = await createWorld(t);
  [op, head, opB] = await Promise.all([login(t, w.users.operatorA), login(t, w.users.headA), login(t, w.users.operatorB)]);
  francesca = await open(op, { firstName: 'Francesca', lastName: "D'Angelo", phones: [PHONE] });
  chiara = await open(op, { firstName: 'Chiara Maria', lastName: 'Zanetti', phones: ['02 4455 6677'] });
  twinB = await open(opB, { firstName: 'Francesca', lastName: "D'Angelo", phones: [PHONE] });
  const closed = await op.request('POST', `/api/cases/${chiara}/stage`, { stage: 'concluso', on: day(-1), outcome: 'obiettivi_raggiunti' }, { 'if-match': '"1"' });
  expect(closed.status, JSON.stringify(closed.body)).toBe(200);
});
afterAll(() => t.close());

describe('finding her by name', () => {
  it('finds her as it was written, and as people mistype it: accents, doubled letters, phonetic variants, apostrophes', async () => {
    for (const q of ['Francesca', 'francésca', 'FRANCESSCA', 'Franchesca', 'Francesca Dangelo', "francesca d'angelo", 'Dangelo', 'D Angelo']) {
      expect(await found(op, q), q).toEqual([francesca]);
    }
  });

  it('folds the Italian variants both ways (k/ch, z/s, double consonants) and finds a closed pathway, marked closed', async () => {
    for (const q of ['Kiara', 'Chiara Sanetti', 'chiara zanneti', 'Maria Zanetti']) expect(await found(op, q), q).toEqual([chiara]);
    const res = await search(op, 'Kiara');
    expect(res.body.items[0]).toMatchObject({ id: chiara, stage: 'concluso', alias: 'Chiara Maria' });
  });

  it('finds a name by its beginning ("Franc" finds Francesca), and nothing for a name nobody has', async () => {
    expect(await found(op, 'Franc')).toEqual([francesca]);
    expect(await found(op, 'Fran')).toEqual([francesca]);
    expect(await found(op, 'Giulia')).toEqual([]);
    // Every word must match: a surname of another woman finds nobody.
    expect(await found(op, 'Francesca Zanetti')).toEqual([]);
  });
});

describe('finding her by phone', () => {
  it('finds her number whatever its format: spaces, dashes, +39 or 0039 or nothing', async () => {
    for (const q of ['3339182746', '333 918 2746', '333-918-27-46', '+393339182746', '0039 333 9182746', '(333) 918.2746']) {
      expect(await found(op, q), q).toEqual([francesca]);
    }
    expect(await found(op, '02 44556677')).toEqual([chiara]);
    // The whole national number: a part of it finds nothing.
    expect(await found(op, '918 2746')).toEqual([]);
  });
});

describe('only what she may see and identify', () => {
  it('never finds a case of another organisation, even with the same name and number', async () => {
    expect(await found(op, 'Francesca')).not.toContain(twinB);
    expect(await found(opB, 'Francesca')).toEqual([twinB]);
    expect(await found(opB, PHONE)).toEqual([twinB]);
    // Equal names in two organisations leave unrelated tokens.
    const tokensOf = async (id: string) => (await t.db.select().from(caseSearchTokens).where(eq(caseSearchTokens.caseId, id))).map((r) => r.token);
    const a = await tokensOf(francesca);
    const b = await tokensOf(twinB);
    expect(a.length).toBeGreaterThan(3);
    expect(a.length).toBe(b.length);
    expect(a.filter((x) => b.includes(x))).toEqual([]);
  });

  it('finds a case of the head’s caseload only once she holds its identity (break-the-glass)', async () => {
    expect(await found(head, 'Francesca')).toEqual([]);
    const opened = await head.request('POST', `/api/cases/${francesca}/break-glass`, { reason: 'Richiamata urgente' });
    expect(opened.status).toBe(200);
    expect(await found(head, 'Francesca')).toEqual([francesca]);
  });

  it('a member of another organisation finds a shared case only when her share holds the identity section', async () => {
    const consent = await op.request('POST', `/api/cases/${francesca}/consents`, { purpose: 'condivisione', recipientOrganisationId: w.orgs.cavB, sections: ['identity', 'timeline'], givenOn: day(-1), form: 'scritto' });
    expect(consent.status, JSON.stringify(consent.body)).toBe(201);
    const share = (sections: string[]) => head.request('POST', `/api/cases/${francesca}/team`, { userId: w.users.operatorB.id, sections });
    expect((await share(['timeline'])).status).toBe(200);
    expect(await found(opB, 'Francesca')).toEqual([twinB]);
    expect(await found(opB, PHONE)).toEqual([twinB]);
    expect((await share(['identity', 'timeline'])).status).toBe(200);
    expect((await found(opB, 'Francesca')).sort()).toEqual([francesca, twinB].sort());
    expect((await found(opB, '3339182746')).sort()).toEqual([francesca, twinB].sort());
  });
});

describe('the index follows her identity', () => {
  it('is rewritten when her identity changes, and emptied when it is erased', async () => {
    const id = await open(op, { firstName: 'Ludovica', phones: ['347 111 2233'] });
    expect(await found(op, 'Ludovica')).toEqual([id]);
    const renamed = await op.request('PATCH', `/api/cases/${id}`, { identity: { firstName: 'Ottavia', phones: ['347 999 8877'] } }, { 'if-match': '"1"' });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(await found(op, 'Ludovica')).toEqual([]);
    expect(await found(op, '3471112233')).toEqual([]);
    expect(await found(op, 'Otavia')).toEqual([id]);
    expect(await found(op, '3479998877')).toEqual([id]);
    const erased = await op.request('PATCH', `/api/cases/${id}`, { identity: null }, { 'if-match': '"2"' });
    expect(erased.status).toBe(200);
    expect(await found(op, 'Ottavia')).toEqual([]);
    expect(await t.db.select().from(caseSearchTokens).where(eq(caseSearchTokens.caseId, id))).toEqual([]);
  });

  it('is built for the cases that existed before it, once, when the migration asked for it (and by cases:reindex)', async () => {
    // As after migration 0014 on an instance with cases: no tokens yet, and the request to build them.
    await t.db.delete(caseSearchTokens).where(eq(caseSearchTokens.caseId, francesca));
    expect(await found(op, 'Francesca')).toEqual([]);
    await t.db.insert(instanceSettings).values({ key: 'case_search.rebuild', value: true }).onConflictDoNothing();
    expect(await rebuildSearchIndexIfAsked(t.ctx)).toBeGreaterThanOrEqual(3);
    expect(await found(op, 'Francesca')).toEqual([francesca]);
    expect(await t.db.select().from(instanceSettings).where(eq(instanceSettings.key, 'case_search.rebuild'))).toEqual([]);
    expect(await rebuildSearchIndexIfAsked(t.ctx)).toBeNull(); // asked once, done once
    expect(await rebuildSearchIndex(t.ctx)).toBeGreaterThanOrEqual(3);
    expect(await found(op, 'Francesca')).toEqual([francesca]);
  });

  it('holds no plaintext: neither the names, nor their folded forms, nor the digits, nor their unkeyed hashes', async () => {
    const dump = JSON.stringify((await t.db.execute(sql`select * from case_search_tokens`)).rows).toLowerCase();
    expect(dump.length).toBeGreaterThan(100);
    const planted = ['francesca', 'francesc', 'fran', 'dangelo', 'angelo', 'chiara', 'ciara', 'zanetti', 'sanet', '3339182746', '9182746', '0244556677'];
    for (const p of planted) {
      expect(dump, p).not.toContain(p);
      expect(dump, `sha256(${p})`).not.toContain(createHash('sha256').update(p).digest('hex').slice(0, 16));
    }
    const tokens = await t.db.select({ token: caseSearchTokens.token }).from(caseSearchTokens);
    for (const { token } of tokens) expect(token).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('audit', () => {
  it('records the search without its text, and each case it showed', async () => {
    const res = await search(op, 'Francesca');
    expect(res.status).toBe(200);
    const rows = await t.db.select().from(auditLog).where(eq(auditLog.requestId, await lastSearchRequest())).orderBy(asc(auditLog.id));
    const searched = rows.find((r) => r.action === 'case.search')!;
    expect(searched).toMatchObject({ actorUserId: w.users.operatorA.id, actorOrganisationId: w.orgs.cavA, outcome: 'success', purpose: 'name: 1 cases' });
    const listed = rows.filter((r) => r.action === 'case.listed');
    expect(listed.map((r) => [r.subjectIds, r.purpose])).toEqual([[[francesca], 'search:identity']]);
    const text = JSON.stringify(await t.db.select().from(auditLog).where(inArray(auditLog.action, ['case.search', 'case.listed'])).orderBy(asc(auditLog.id))).toLowerCase();
    for (const q of ['francesca', 'kiara', '3339182746', '9182746']) expect(text).not.toContain(q);
    expect(t.logs.text.toLowerCase()).not.toContain('franchesca');
    expect(t.logs.text).not.toContain('0039 333 9182746');
  });

  async function lastSearchRequest(): Promise<string> {
    const [row] = await t.db
      .select({ requestId: auditLog.requestId })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'case.search'), eq(auditLog.actorUserId, w.users.operatorA.id)))
      .orderBy(sql`${auditLog.id} desc`)
      .limit(1);
    return row!.requestId!;
  }
});

describe('bad input', () => {
  it('answers 400 to a NUL byte, a query too long or too short, or no query', async () => {
    for (const q of ['Fran\u0000cesca', 'a'.repeat(101), 'a', undefined, 42]) {
      const res = await search(op, q);
      expect(res.status, JSON.stringify(q)).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
    expect((await op.request('POST', '/api/cases/search', { q: 'Francesca', extra: 1 })).status).toBe(400);
  });

  it('answers nothing (and audits it) for a query that is neither a name nor a number', async () => {
    expect(await found(op, '12')).toEqual([]);
    expect(await found(op, '- -')).toEqual([]);
  });
});
