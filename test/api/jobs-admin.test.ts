import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { jobDeadLetters } from '../../src/server/platform/jobs/jobs.tables.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { createWorld, login, type World } from '../support/world.js';

/**
 * The instance administrator's list of dead letters (GET /api/admin/jobs/dead-letters).
 * How a job becomes one: test/platform/jobs.test.ts.
 */
let t: TestApp;
let w: World;
const caseId = randomUUID();
beforeAll(async () => {
  t = await buildTestApp();
  w = await createWorld(t);
  await t.db.insert(jobDeadLetters).values([
    { jobId: randomUUID(), name: 'test.older', key: null, payload: {}, attempts: 1, error: 'Error', failedAt: new Date('2026-01-01T10:00:00Z') },
    { jobId: randomUUID(), name: 'cases.deadline-reminder', key: `deadline:${caseId}`, payload: { caseId }, attempts: 4, error: 'conflict' },
  ]);
});
afterAll(() => t.close());

describe('GET /api/admin/jobs/dead-letters', () => {
  it('lists them for the instance admin, newest first, ids and codes only, and audits the read', async () => {
    const admin = await login(t, w.users.admin);
    const res = await admin.request('GET', '/api/admin/jobs/dead-letters');
    expect(res.status).toBe(200);
    expect(res.body.limit).toBe(200);
    expect(res.body.items).toEqual([
      { id: expect.any(String), name: 'cases.deadline-reminder', key: `deadline:${caseId}`, payload: { caseId }, attempts: 4, error: 'conflict', failedAt: expect.any(String) },
      { id: expect.any(String), name: 'test.older', key: null, payload: {}, attempts: 1, error: 'Error', failedAt: '2026-01-01T10:00:00.000Z' },
    ]);
    const rows = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'jobs.dead_letters_read'), eq(auditLog.actorUserId, w.users.admin.id))).orderBy(asc(auditLog.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: 'success', purpose: 'count 2' });
  });

  it('is refused to every other role (403, audited as denied) and to an anonymous client (401)', async () => {
    for (const user of [w.users.coordinator, w.users.headA, w.users.operatorA, w.users.analyst]) {
      const agent = await login(t, user);
      const res = await agent.request('GET', '/api/admin/jobs/dead-letters');
      expect(res.status).toBe(403);
      expect(res.body.items).toBeUndefined();
      const denied = await t.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.actorUserId, user.id))).orderBy(asc(auditLog.id));
      expect(denied.length).toBeGreaterThan(0);
    }
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/admin/jobs/dead-letters' });
    expect(anonymous.statusCode).toBe(401);
  });
});
