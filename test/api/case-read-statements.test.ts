import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp } from '../support/app.js';
import { expectOk } from '../support/http.js';
import { statementsDuring } from '../support/statements.js';
import { type World, createWorld, login } from '../support/world.js';

/**
 * A case's page is one statement for the choke point's decision and the
 * record around the case (cases.access.ts `record`, cases.record.ts), besides
 * its audit row; the session is kept between requests (principal-cache.ts).
 * Counted on either database, not timed.
 */
let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await buildTestApp();
  w = await createWorld(t);
});
afterAll(async () => t?.close());

describe("a case's page", () => {
  it('reads the decision and the record in one statement, the session from memory', async () => {
    const op = await login(t, w.users.operatorA);
    const id = expectOk(201)(await op.request('POST', '/api/cases', { contactOn: '2026-11-30', identity: { firstName: 'Contata' } })).id as string;
    expectOk(200)(await op.request('GET', `/api/cases/${id}`));
    const sent = await statementsDuring(t, async () => {
      const page = expectOk(200)(await op.request('GET', `/api/cases/${id}`));
      expect(page).toMatchObject({ id, identity: { firstName: 'Contata' }, team: [expect.objectContaining({ userId: w.users.operatorA.id })], counts: { events: 0 }, stages: [expect.objectContaining({ stage: 'contatto' })] });
    });
    // The audit chainer runs beside the request: only what the request itself reads counts.
    const reads = sent.filter((s) => !/audit_log|audit_chain|pg_advisory/.test(s));
    expect(reads.filter((s) => s.includes('from "sessions"'))).toEqual([]);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatch(/from "cases"[\s\S]*case_stage_changes|case_stage_changes[\s\S]*from "cases"/);
  });
});
