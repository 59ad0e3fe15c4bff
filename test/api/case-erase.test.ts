import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainPending } from '../../src/server/audit/audit.chain.js';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { verifyAuditChain } from '../../src/server/audit/audit.verify.js';
import { cases, shredCase } from '../../src/server/modules/cases/index.js';
import { caseEvents } from '../../src/server/modules/cases/cases.tables.js';
import { unseal } from '../../src/server/modules/cases/cases.seal.js';
import { caseSearchTokens } from '../../src/server/modules/cases/search.tables.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { type Agent, createWorld, login, type World } from '../support/world.js';
import { day } from '../support/http.js';

/**
 * Erasing a case by destroying its key (crypto-shredding, issue 11): the
 * service function the retention and erasure jobs will call. Afterwards
 * nothing of her opens — not through the API, not from a copy of the rows —
 * the case answers 410 `case_erased`, lists show it without a name, the
 * search no longer finds her, and the act is in the audit chain.
 */

let t: TestApp;
let w: World;
let op: Agent;
let erased: string;
let kept: string;

async function open(identity: Record<string, unknown>): Promise<string> {
  const res = await op.request('POST', '/api/cases', { contactOn: day(-5), identity, firstEvent: { channel: 'telefono', type: 'accoglienza', notes: 'Nota riservata del primo colloquio' } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

beforeAll(async () => {
  t = await buildTestApp();
  w = await createWorld(t);
  op = await login(t, w.users.operatorA);
  erased = await open({ firstName: 'Ortensia', lastName: 'Vallefredda', phones: ['+39 333 555 0101'] });
  kept = await open({ firstName: 'Ortensia', lastName: 'Montebrullo' });
  const goal = await op.request('POST', `/api/cases/${erased}/plan/goals`, { area: 'lavoro', status: 'aperto', description: 'Trovare un lavoro vicino a casa' });
  expect(goal.status, JSON.stringify(goal.body)).toBeLessThan(300);
});
afterAll(() => t.close());

describe('shredCase', () => {
  it('destroys her key: her rows stay as unreadable ciphertexts, the neighbour case is untouched', async () => {
    const [before] = await t.db.select().from(cases).where(eq(cases.id, erased));
    const [event] = await t.db.select().from(caseEvents).where(eq(caseEvents.caseId, erased));
    expect(await unseal(t.ctx.crypto, t.db, 'case.identity', erased, before!.identitySealed)).toMatchObject({ firstName: 'Ortensia' });
    expect((await t.db.select().from(caseSearchTokens).where(eq(caseSearchTokens.caseId, erased))).length).toBeGreaterThan(0);

    const r = await t.db.transaction((tx) => shredCase(t.ctx, tx, erased, { actorUserId: null, reason: 'erasure_request' }));
    expect(r).toEqual({ alreadyErased: false });

    // The ciphertexts are still in the rows (as in any copy or backup of them), and open to nothing.
    const [after] = await t.db.select().from(cases).where(eq(cases.id, erased));
    expect(after!.identitySealed).toBe(before!.identitySealed);
    expect(await unseal(t.ctx.crypto, t.db, 'case.identity', erased, after!.identitySealed)).toBeNull();
    expect(await unseal(t.ctx.crypto, t.db, 'case_event.notes', event!.id, event!.notesSealed)).toBeNull();
    await expect(t.ctx.crypto.decrypt(t.db, after!.identitySealed!, `case.identity:${erased}`)).rejects.toThrow(/erased/);
    expect(await t.db.select().from(caseSearchTokens).where(eq(caseSearchTokens.caseId, erased))).toEqual([]);
    expect((await op.request('GET', `/api/cases/${kept}`)).body.identity).toMatchObject({ firstName: 'Ortensia', lastName: 'Montebrullo' });

    // Once only: a second call changes nothing and writes no second audit row.
    expect(await t.db.transaction((tx) => shredCase(t.ctx, tx, erased))).toEqual({ alreadyErased: true });
    await chainPending(t.db);
    const rows = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'case.erase'), eq(auditLog.resourceId, erased))).orderBy(asc(auditLog.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: 'success', resourceType: 'case', purpose: 'erasure_request' });
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it('the erased case answers 410 case_erased to every case request, reads and writes alike, and the attempt is audited', async () => {
    for (const [method, path, body] of [
      ['GET', '', undefined],
      ['GET', '/events', undefined],
      ['GET', '/plan', undefined],
      ['GET', '/documents', undefined],
      ['POST', '/events', { at: new Date().toISOString(), channel: 'telefono', type: 'consulenza_legale' }],
    ] as const) {
      const res = await op.request(method, `/api/cases/${erased}${path}`, body);
      expect(res.status, `${method} ${path}`).toBe(410);
      expect(res.body).toMatchObject({ code: 'case_erased', status: 410 });
      expect(JSON.stringify(res.body)).not.toContain('Ortensia');
    }
    await chainPending(t.db);
    const failures = await t.db.select().from(auditLog).where(and(eq(auditLog.resourceId, erased), eq(auditLog.outcome, 'failure'))).orderBy(asc(auditLog.id));
    expect(failures.length).toBeGreaterThanOrEqual(5);
    expect(failures.every((f) => f.purpose === 'case_erased')).toBe(true);
  });

  it('lists show the erased case without a name, and the search no longer finds her', async () => {
    const list = await op.request('GET', '/api/cases');
    expect(list.status).toBe(200);
    const items = list.body.items as { id: string; alias: string | null }[];
    expect(items.find((c) => c.id === erased)).toMatchObject({ alias: null });
    expect(items.find((c) => c.id === kept)).toMatchObject({ alias: 'Ortensia' });
    const found = await op.request('POST', '/api/cases/search', { q: 'Ortensia' });
    expect(found.status).toBe(200);
    expect(found.body.items.map((i: { id: string }) => i.id)).toEqual([kept]);
    // Rebuilding the index from the sealed identities cannot bring her back.
    const { rebuildSearchIndex } = await import('../../src/server/modules/cases/index.js');
    await rebuildSearchIndex(t.ctx);
    expect((await t.db.execute(sql`select count(*)::int as n from case_search_tokens where case_id = ${erased}`)).rows[0]).toEqual({ n: 0 });
  });
});
