import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberships } from '../../src/server/access/access.tables.js';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { adminTablesDigest } from '../support/digest.js';
import { type Agent, createUser, createWorld, login, type World } from '../support/world.js';

/**
 * Nobody raises her own rights, and the instance administrator never
 * reaches case data: she cannot give herself a membership (the way in to a
 * shelter's cases), nobody can give an administrator a role that reads
 * cases, and even a membership written behind the application's back opens
 * no case. Every attempt is refused and audited as denied.
 */

let t: TestApp;
let w: World;
let admin: Agent;
let otherAdmin: Agent;
let head: Agent;
let caseId: string;

beforeAll(async () => {
  t = await buildTestApp();
  w = await createWorld(t);
  const second = await createUser(t, { admin: true });
  [admin, otherAdmin, head] = await Promise.all([login(t, w.users.admin), login(t, second), login(t, w.users.headA)]);
  const op = await login(t, w.users.operatorA);
  caseId = (await op.request('POST', '/api/cases', { contactOn: '2026-03-01', identity: { firstName: 'Ginestrella' } })).body.id;
});
afterAll(() => t.close());

const deniedRows = (userId: string, action: string) =>
  t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.actorUserId, userId), eq(auditLog.action, action), eq(auditLog.outcome, 'denied'))).orderBy(asc(auditLog.id));

describe('nobody changes her own rights', () => {
  it('the instance administrator cannot give herself a membership in a shelter, nor change her own account', async () => {
    const before = await adminTablesDigest(t.db);
    const grant = await admin.request('PUT', `/api/users/${w.users.admin.id}/memberships/${w.orgs.shelter}`, { role: 'organisation_head' });
    expect(grant.status).toBe(403);
    expect(grant.body.code).toBe('own_account_change');
    expect((await admin.request('PATCH', `/api/users/${w.users.admin.id}`, { displayName: 'Nuovo nome' })).status).toBe(403);
    expect((await admin.request('POST', `/api/users/${w.users.admin.id}/mfa-reset`)).status).toBe(403);
    expect((await admin.request('POST', `/api/users/${w.users.admin.id}/password-reset`)).status).toBe(403);
    expect(await adminTablesDigest(t.db)).toBe(before);
    expect(await deniedRows(w.users.admin.id, 'membership.set')).toHaveLength(1);
    expect(await deniedRows(w.users.admin.id, 'user.update')).toHaveLength(1);
  });

  it('a head cannot change her own role or leave her organisation by herself', async () => {
    const before = await adminTablesDigest(t.db);
    expect((await head.request('PUT', `/api/users/${w.users.headA.id}/memberships/${w.orgs.cavA}`, { role: 'operator' })).status).toBe(403);
    expect((await head.request('DELETE', `/api/users/${w.users.headA.id}/memberships/${w.orgs.cavA}`)).status).toBe(403);
    expect(await adminTablesDigest(t.db)).toBe(before);
    expect(await deniedRows(w.users.headA.id, 'membership.remove')).toHaveLength(1);
  });

  it('another administrator may change an administrator’s account, but never give her a role that reads cases', async () => {
    const renamed = await otherAdmin.request('PATCH', `/api/users/${w.users.admin.id}`, { displayName: 'Amministratrice Due' });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    const before = await adminTablesDigest(t.db);
    for (const role of ['organisation_head', 'operator', 'social_worker']) {
      const res = await otherAdmin.request('PUT', `/api/users/${w.users.admin.id}/memberships/${w.orgs.shelter}`, { role });
      expect(res.status, role).toBe(409);
      expect(res.body.code).toBe('admin_case_role');
    }
    expect(await adminTablesDigest(t.db)).toBe(before);
    // A role with no case data is hers to hold.
    const coordinator = await otherAdmin.request('PUT', `/api/users/${w.users.admin.id}/memberships/${w.orgs.capofila}`, { role: 'network_coordinator' });
    expect(coordinator.status, JSON.stringify(coordinator.body)).toBe(200);
  });
});

describe('the instance administrator never reaches case data', () => {
  it('even with a head membership written straight into the database, she lists, reads and opens no case', async () => {
    await t.db.insert(memberships).values({ userId: w.users.admin.id, organisationId: w.orgs.cavA, role: 'organisation_head' });
    const asHead = await login(t, w.users.admin, w.orgs.cavA);
    const list = await asHead.request('GET', '/api/cases');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
    expect((await asHead.request('GET', `/api/cases/${caseId}`)).status).toBe(404);
    expect((await asHead.request('POST', `/api/cases/${caseId}/break-glass`, { reason: 'verifica' })).status).toBe(404);
    expect((await asHead.request('GET', `/api/cases/${caseId}/access-log`)).status).toBe(404);
    expect(JSON.stringify(list.body)).not.toContain('Ginestrella');
  });
});
