import { createHash } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { insertOrganisation } from '../../src/server/modules/organisations/index.js';
import { type Agent, createUser, createWorld, login, type World } from '../support/world.js';
import { setRiskLevel } from '../support/risk.js';

/**
 * The woman's pathway through the API: a full pathway from first contact to
 * closure and re-opening, sealed identifying data, the case choke point
 * (team, sharing consent, break-the-glass), stale writes, bad input, and the
 * audit trail.
 */

const CANARY = {
  firstName: 'Zefiretta',
  lastName: 'Quaglianova',
  phone: '+39 333 918 2746',
  codeWord: 'girasole-viola',
  note: 'Nota riservata colloquio Pellicano',
  child: 'Tamerice',
  author: 'Gundobaldo Ferraccio',
  reason: 'Motivo urgente Calendula',
};
const canaries = Object.values(CANARY);

let t: TestApp;

const CASE_TABLES = ['cases', 'case_stage_changes', 'case_members', 'case_break_glass', 'case_consents', 'case_events', 'case_children', 'case_authors'];
/** Every row of every case table, hashed: a refused request must leave it unchanged. */
async function caseTablesDigest(): Promise<string> {
  const hash = createHash('sha256');
  for (const table of CASE_TABLES) {
    const rows = await t.db.execute(sql.raw(`select * from ${table} order by 1, 2`));
    hash.update(JSON.stringify(rows.rows));
  }
  return hash.digest('hex');
}

async function rawCaseTables(): Promise<string> {
  const out: string[] = [];
  for (const table of CASE_TABLES) out.push(JSON.stringify((await t.db.execute(sql.raw(`select * from ${table}`))).rows));
  return out.join('\n');
}

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

/**
 * Each test's own world: its organisations and accounts (so no caseload,
 * share or audit row of another test is seen) and the signed-in agents.
 */
async function setup() {
  const w: World = await createWorld(t);
  const op: Agent = await login(t, w.users.operatorA);
  const head: Agent = await login(t, w.users.headA);
  const opB: Agent = await login(t, w.users.operatorB);
  const coordinator: Agent = await login(t, w.users.coordinator);
  return { w, op, head, opB, coordinator };
}
type Setup = Awaited<ReturnType<typeof setup>>;

/** Operator A opens the case of a named woman (identity, safe contact, profile, a complaint, a first meeting with a note), at risk "elevato", on 2 February. */
async function openCase({ op }: Setup) {
  const created = await op.request('POST', '/api/cases', {
    contactOn: '2026-02-02',
    comuneCode: '016024',
    identity: { firstName: CANARY.firstName, lastName: CANARY.lastName, phones: [CANARY.phone] },
    safeContact: { channels: ['telefono'], hours: 'mattina 9-11', noMessages: true, codeWord: CANARY.codeWord },
    profile: { ageBand: '30_39', citizenship: 'italiana', violenceTypes: ['fisica', 'psicologica'], authorRelationship: 'partner', reports: [{ kind: 'denuncia', registeredOn: '2026-02-03' }] },
    firstEvent: { channel: 'di_persona', type: 'accoglienza', notes: CANARY.note },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  await setRiskLevel(t, created.body.id, 'elevato');
  return created;
}

/** Moves the case through the given stages from version 1; answers the last version. */
async function moveThrough({ op }: Setup, caseId: string, changes: Array<Record<string, string>>) {
  let version = 1;
  for (const change of changes) {
    const res = await op.request('POST', `/api/cases/${caseId}/stage`, change, { 'if-match': `"${version}"` });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.stage).toBe(change.stage);
    version = res.body.version;
  }
  return version;
}
const TO_PRESA_IN_CARICO = [
  { stage: 'accoglienza', on: '2026-02-05' },
  { stage: 'presa_in_carico', on: '2026-02-20' },
];

/** A child and an author, each with identifying details. */
async function childAndAuthor({ op }: Setup, caseId: string) {
  const child = await op.request('POST', `/api/cases/${caseId}/children`, { age: 6, livesWithMother: true, witnessedViolence: true, details: { firstName: CANARY.child } });
  expect(child.status).toBe(201);
  const author = await op.request('POST', `/api/cases/${caseId}/authors`, { relationship: 'partner', weapons: true, details: { name: CANARY.author } });
  expect(author.status).toBe(201);
}

/** The head breaks the glass with the canary reason. */
async function breakGlass({ head }: Setup, caseId: string) {
  const opened = await head.request('POST', `/api/cases/${caseId}/break-glass`, { reason: CANARY.reason });
  expect(opened.status).toBe(200);
  return opened;
}

describe('a pathway from first contact to closure', () => {
  it('opens an anonymous case at the first phone contact in one request', async () => {
    const { w, op } = await setup();
    const res = await op.request('POST', '/api/cases', { contactOn: '2026-01-10', accessChannel: '1522', firstEvent: { channel: 'telefono', durationMinutes: 20 } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.code).toMatch(/^P26-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(res.body.identity).toBeNull();
    expect(res.body.stage).toBe('contatto');
    expect(res.body.profile.accessChannel).toBe('1522');
    expect(res.body.team).toHaveLength(1);
    expect(res.body.team[0]).toMatchObject({ userId: w.users.operatorA.id, referente: true });
    expect(res.body.counts.events).toBe(1);
    expect(res.headers.etag).toBe('"1"');
  });

  it('records identity, safe contact and profile; reads them back; moves through the stages; closes and re-opens', async () => {
    const s = await setup();
    const { op } = s;
    const created = await openCase(s);
    const caseId = created.body.id as string;
    expect(created.body.identity).toMatchObject({ firstName: CANARY.firstName, phones: [CANARY.phone] });
    expect(created.body.safeContact).toMatchObject({ noMessages: true, codeWord: CANARY.codeWord });
    expect(created.body.deadlines).toEqual([{ kind: 'denuncia', registeredOn: '2026-02-03', hearingBy: '2026-02-06', prosecutorBy: '2026-03-05', judgeBy: '2026-03-25' }]);

    const read = await op.request('GET', `/api/cases/${caseId}`);
    expect(read.status).toBe(200);
    expect(read.body.identity.lastName).toBe(CANARY.lastName);

    const version = await moveThrough(s, caseId, [...TO_PRESA_IN_CARICO, { stage: 'concluso', on: '2026-06-30', outcome: 'obiettivi_raggiunti' }]);
    const reopened = await op.request('POST', `/api/cases/${caseId}/reopen`, { on: '2026-09-01' }, { 'if-match': `"${version}"` });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ stage: 'presa_in_carico', closedOn: null, closureOutcome: null, reopenedCount: 1 });
    expect(reopened.body.stages.map((x: { stage: string }) => x.stage)).toEqual(['contatto', 'accoglienza', 'presa_in_carico', 'concluso', 'presa_in_carico']);
    expect(reopened.body.stages.at(-1).reopened).toBe(true);
    // Closing again cannot predate the re-opening.
    const early = await op.request('POST', `/api/cases/${caseId}/stage`, { stage: 'concluso', on: '2026-08-01', outcome: 'abbandono' }, { 'if-match': `"${reopened.body.version}"` });
    expect(early.status).toBe(400);
    expect(early.body.errors[0].code).toBe('date_before_previous_stage');
  });

  it('keeps the timeline, children, authors and consents of the case', async () => {
    const s = await setup();
    const { op } = s;
    const caseId = (await openCase(s)).body.id as string;
    const event = await op.request('POST', `/api/cases/${caseId}/events`, { at: '2026-09-02T10:00:00+02:00', channel: 'telefono', type: 'consulenza_legale', durationMinutes: 45 });
    expect(event.status).toBe(201);
    const legal = await op.request('GET', `/api/cases/${caseId}/events?type=consulenza_legale`);
    expect(legal.body.total).toBe(1);
    const all = await op.request('GET', `/api/cases/${caseId}/events`);
    expect(all.body.total).toBe(2);
    // Days are Rome days: the first contact (2 February, midday) and the legal one (2 September).
    const first = all.body.items.find((e: { type: string }) => e.type === 'accoglienza');
    expect(new Date(first.at).toISOString()).toBe('2026-02-02T11:00:00.000Z');
    const september = await op.request('GET', `/api/cases/${caseId}/events?from=2026-09-02&to=2026-09-02`);
    expect(september.body.items.map((e: { type: string }) => e.type)).toEqual(['consulenza_legale']);
    expect(all.body.items.find((e: { type: string }) => e.type === 'accoglienza').notes).toBe(CANARY.note);

    await childAndAuthor(s, caseId);
    expect((await op.request('GET', `/api/cases/${caseId}/children`)).body[0].details.firstName).toBe(CANARY.child);
    expect((await op.request('GET', `/api/cases/${caseId}/authors`)).body[0].details.name).toBe(CANARY.author);

    const consent = await op.request('POST', `/api/cases/${caseId}/consents`, { purpose: 'statistiche_anonime', givenOn: '2026-02-02', form: 'scritto' });
    expect(consent.status).toBe(201);
    expect(consent.body[0]).toMatchObject({ purpose: 'statistiche_anonime', active: true, recipient: null });
  });

  it('lists the case in the operator’s caseload with her alias, filtered by stage and risk', async () => {
    const s = await setup();
    const { op } = s;
    const caseId = (await openCase(s)).body.id as string;
    await moveThrough(s, caseId, TO_PRESA_IN_CARICO);
    // Neither a case at another stage nor one at another risk is listed.
    const early = await op.request('POST', '/api/cases', { contactOn: '2026-02-02' });
    const low = await op.request('POST', '/api/cases', { contactOn: '2026-02-02' });
    expect([early.status, low.status]).toEqual([201, 201]);
    await setRiskLevel(t, early.body.id, 'elevato');
    await setRiskLevel(t, low.body.id, 'basso');
    await moveThrough(s, low.body.id, TO_PRESA_IN_CARICO);
    const res = await op.request('GET', '/api/cases?stage=presa_in_carico&riskLevel=elevato');
    expect(res.status).toBe(200);
    expect(res.body.items.map((c: { id: string }) => c.id)).toEqual([caseId]);
    expect(res.body.items[0]).toMatchObject({ alias: CANARY.firstName, onTeam: true });
  });
});

describe('identifying data are sealed at rest and never logged', () => {
  it('no canary appears in any case table, in the audit log or in the logs', async () => {
    const s = await setup();
    const caseId = (await openCase(s)).body.id as string;
    await childAndAuthor(s, caseId);
    await breakGlass(s, caseId);
    // Read everything back, so reads are logged and audited too.
    for (const path of ['', '/events', '/children', '/authors']) expect((await s.op.request('GET', `/api/cases/${caseId}${path}`)).status).toBe(200);
    const raw = await rawCaseTables();
    for (const canary of canaries.filter((c) => c !== CANARY.reason)) expect(raw).not.toContain(canary);
    expect(raw).toContain('"identity_sealed"');
    const audit = JSON.stringify(await t.db.select().from(auditLog).orderBy(asc(auditLog.id)));
    for (const canary of canaries) expect(audit).not.toContain(canary);
    for (const canary of canaries) expect(t.logs.text).not.toContain(canary);
  });
});

describe('the case choke point', () => {
  it('an operator of another organisation gets 404 on every case URL, the database unchanged, the attempt audited', async () => {
    const s = await setup();
    const { w, opB } = s;
    const caseId = (await openCase(s)).body.id as string;
    const before = await caseTablesDigest();
    const none = await opB.request('GET', '/api/cases/00000000-0000-4000-8000-000000000000');
    for (const [method, path, body] of [
      ['GET', '', undefined],
      ['PATCH', '', { comuneCode: null }],
      ['POST', '/stage', { stage: 'concluso', on: '2026-10-01', outcome: 'abbandono' }],
      ['GET', '/events', undefined],
      ['POST', '/events', { at: '2026-10-01T10:00:00+02:00', channel: 'telefono', type: 'ascolto' }],
      ['GET', '/consents', undefined],
      ['GET', '/authors', undefined],
    ] as const) {
      const res = await opB.request(method, `/api/cases/${caseId}${path}`, body, { 'if-match': '"9"' });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect({ ...res.body, instance: null }).toEqual({ ...none.body, instance: null });
    }
    expect(await caseTablesDigest()).toBe(before);
    const denied = await t.db.select().from(auditLog).where(eq(auditLog.resourceId, caseId)).orderBy(asc(auditLog.id));
    expect(denied.filter((r) => r.outcome === 'denied' && r.actorUserId === w.users.operatorB.id).length).toBeGreaterThanOrEqual(7);
    expect((await opB.request('GET', '/api/cases')).body.items).toEqual([]);
  });

  it('the network coordinator and the instance admin hold no case role', async () => {
    const s = await setup();
    const caseId = (await openCase(s)).body.id as string;
    expect((await s.coordinator.request('GET', `/api/cases/${caseId}`)).status).toBe(403);
    expect((await s.coordinator.request('GET', '/api/cases')).status).toBe(403);
  });

  it('the head sees the case in her caseload without identity, opens it only by breaking the glass, and never sees the authors', async () => {
    const s = await setup();
    const { w, op, head } = s;
    const caseId = (await openCase(s)).body.id as string;
    await childAndAuthor(s, caseId);
    const list = await head.request('GET', '/api/cases');
    const summary = list.body.items.find((c: { id: string }) => c.id === caseId);
    expect(summary).toMatchObject({ onTeam: false, alias: null });
    expect((await head.request('GET', `/api/cases/${caseId}`)).status).toBe(404);
    const bad = await head.request('POST', `/api/cases/${caseId}/break-glass`, { reason: '' });
    expect(bad.status).toBe(400);

    const opened = await breakGlass(s, caseId);
    expect(opened.body.access.via).toBe('break_glass');
    expect(opened.body.identity.firstName).toBe(CANARY.firstName);
    expect((await head.request('GET', `/api/cases/${caseId}/authors`)).status).toBe(404);
    // The team sees who opened it.
    const seen = await op.request('GET', `/api/cases/${caseId}`);
    expect(seen.body.breakGlass).toEqual([expect.objectContaining({ reason: CANARY.reason })]);
    const rows = await t.db.select().from(auditLog).where(eq(auditLog.resourceId, caseId)).orderBy(asc(auditLog.id));
    expect(rows.some((r) => r.action === 'case.read' && r.purpose === 'break_glass' && r.actorUserId === w.users.headA.id)).toBe(true);
    expect(JSON.stringify(await rawCaseTables())).not.toContain(CANARY.reason);
  });

  it('a share needs a live consent, shows only its sections, and stops the moment the consent is revoked', async () => {
    const s = await setup();
    const { w, op, head, opB } = s;
    const caseId = (await openCase(s)).body.id as string;
    await childAndAuthor(s, caseId);
    const refused = await head.request('POST', `/api/cases/${caseId}/team`, { userId: w.users.operatorB.id });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatchObject({ pointer: '/body/userId', code: 'no_consent_for_share' });

    const consents = await op.request('POST', `/api/cases/${caseId}/consents`, {
      purpose: 'condivisione',
      recipientOrganisationId: w.orgs.cavB,
      sections: ['timeline', 'work_housing'],
      givenOn: '2026-09-03',
      form: 'scritto',
    });
    expect(consents.status, JSON.stringify(consents.body)).toBe(201);
    const sharing = consents.body.find((c: { purpose: string }) => c.purpose === 'condivisione');
    const candidates = await head.request('GET', `/api/cases/${caseId}/team/candidates`);
    expect(candidates.status).toBe(200);
    expect(candidates.body.find((c: { userId: string }) => c.userId === w.users.operatorB.id)).toMatchObject({ sharedSections: ['timeline', 'work_housing'] });
    expect(candidates.body.find((c: { userId: string }) => c.userId === w.users.operatorA.id)).toMatchObject({ sharedSections: null });
    expect(candidates.body.map((c: { userId: string }) => c.userId)).not.toContain(w.users.helpline.id); // not a staff role
    const added = await head.request('POST', `/api/cases/${caseId}/team`, { userId: w.users.operatorB.id });
    expect(added.status, JSON.stringify(added.body)).toBe(200);

    const shared = await opB.request('GET', `/api/cases/${caseId}`);
    expect(shared.status).toBe(200);
    expect(shared.body.access).toMatchObject({ via: 'team', owner: false, sections: ['timeline', 'work_housing'] });
    expect(shared.body.identity).toBeNull();
    expect(shared.body.safeContact).toBeNull();
    expect(shared.body.profile).toBeNull();
    expect((await opB.request('GET', `/api/cases/${caseId}/events`)).status).toBe(200);
    expect((await opB.request('GET', `/api/cases/${caseId}/children`)).status).toBe(404);
    expect((await opB.request('GET', `/api/cases/${caseId}/authors`)).status).toBe(404);
    expect((await opB.request('GET', '/api/cases')).body.items.map((c: { id: string }) => c.id)).toEqual([caseId]);

    const revoked = await op.request('POST', `/api/cases/${caseId}/consents/${sharing.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.find((c: { id: string }) => c.id === sharing.id).active).toBe(false);
    expect((await opB.request('GET', `/api/cases/${caseId}`)).status).toBe(404);
    expect((await opB.request('GET', '/api/cases')).body.items).toEqual([]);
    const again = await op.request('POST', `/api/cases/${caseId}/consents/${sharing.id}/revoke`);
    expect(again.status).toBe(400);
    expect(again.body.errors[0].code).toBe('already_revoked');
  });
});

describe('perpetrator programmes (CUAV)', () => {
  it('never open, receive or read a victim’s record, whatever their role', async () => {
    const s = await setup();
    const { op } = s;
    const caseId = (await openCase(s)).body.id as string;
    const cuav = await insertOrganisation(t.db, { name: 'CUAV di prova', type: 'cuav' });
    const cuavOperator = await login(t, await createUser(t, { memberships: [{ organisationId: cuav, role: 'operator' }] }));
    const before = await caseTablesDigest();
    expect((await cuavOperator.request('POST', '/api/cases', { contactOn: '2026-01-10' })).status).toBe(403);
    expect((await cuavOperator.request('GET', `/api/cases/${caseId}`)).status).toBe(404);
    expect((await cuavOperator.request('GET', '/api/cases')).body.items).toEqual([]);
    const share = await op.request('POST', `/api/cases/${caseId}/consents`, { purpose: 'condivisione', recipientOrganisationId: cuav, sections: ['timeline'], givenOn: '2026-09-03', form: 'scritto' });
    expect(share.status).toBe(400);
    expect(share.body.errors[0]).toMatchObject({ pointer: '/body/recipientOrganisationId', code: 'cuav_never' });
    expect(await caseTablesDigest()).toBe(before);
  });
});

describe('concurrent edits and bad input', () => {
  it('a stale If-Match gets 412 and changes nothing; no If-Match gets 428', async () => {
    const s = await setup();
    const { op } = s;
    const caseId = (await openCase(s)).body.id as string;
    // Two versions, so that a stale one exists.
    await moveThrough(s, caseId, TO_PRESA_IN_CARICO.slice(0, 1));
    const current = await op.request('GET', `/api/cases/${caseId}`);
    expect(current.body.version).toBe(2);
    const before = await caseTablesDigest();
    const stale = await op.request('PATCH', `/api/cases/${caseId}`, { comuneCode: null }, { 'if-match': `"${current.body.version - 1}"` });
    expect(stale.status).toBe(412);
    expect((await op.request('PATCH', `/api/cases/${caseId}`, { comuneCode: null }, { 'if-match': '' })).status).toBe(428);
    expect(await caseTablesDigest()).toBe(before);
    const fresh = await op.request('PATCH', `/api/cases/${caseId}`, { comuneCode: null }, { 'if-match': `"${current.body.version}"` });
    expect(fresh.status).toBe(200);
    expect(fresh.body.comune).toBeNull();
  });

  it('a retried first contact with the same Idempotency-Key opens one case; the key with another body is refused', async () => {
    const { op } = await setup();
    const key = { 'idempotency-key': 'wizard-4f1c9a7e-0001' };
    const count = async () => (await t.db.execute(sql`select count(*)::int as n from cases`)).rows[0];
    const first = await op.request('POST', '/api/cases', { contactOn: '2026-04-01' }, key);
    const before = await count();
    const retry = await op.request('POST', '/api/cases', { contactOn: '2026-04-01' }, key);
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.body.id).toBe(first.body.id);
    expect(await count()).toEqual(before);
    const other = await op.request('POST', '/api/cases', { contactOn: '2026-04-02' }, key);
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_key_reused');
    expect(await count()).toEqual(before);
  });

  it('answers bad input with precise problems and writes nothing', async () => {
    const s = await setup();
    const { op } = s;
    const caseId = (await openCase(s)).body.id as string;
    // Taken in charge: going back to "accoglienza" is not forward.
    const version = await moveThrough(s, caseId, TO_PRESA_IN_CARICO);
    const before = await caseTablesDigest();
    const bad = await op.request('POST', '/api/cases', { contactOn: '2026-13-40', identity: { phones: ['not a phone'] }, profile: { ageBand: 'old' } });
    expect(bad.status).toBe(400);
    const pointers = bad.body.errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/body/contactOn', '/body/identity/phones/0', '/body/profile/ageBand']));
    expect(JSON.stringify(bad.body)).not.toContain('not a phone');
    const future = await op.request('POST', '/api/cases', { contactOn: '2099-01-01' });
    expect(future.status).toBe(400);
    expect(future.body.errors[0]).toMatchObject({ pointer: '/body/contactOn', code: 'in_future' });
    const comune = await op.request('POST', '/api/cases', { contactOn: '2026-01-10', comuneCode: '999999' });
    expect(comune.status).toBe(400);
    expect(comune.body.errors[0]).toMatchObject({ pointer: '/body/comuneCode', code: 'unknown_comune' });
    // Two capital letters that name no country (ISO 3166-1) are not a citizenship.
    const country = await op.request('POST', '/api/cases', { contactOn: '2026-01-10', profile: { citizenship: 'extra_ue', country: 'QQ' } });
    expect(country.status).toBe(400);
    expect(country.body.errors[0]).toMatchObject({ pointer: '/body/profile/country', code: 'country_code' });
    const backwards = await op.request('POST', `/api/cases/${caseId}/stage`, { stage: 'accoglienza', on: '2026-10-01' }, { 'if-match': `"${version}"` });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors[0].code).toBe('stage_not_forward');
    expect(await caseTablesDigest()).toBe(before);
  });
});

describe('the audit trail of a case', () => {
  it('records every read and change of the case, with no data in it', async () => {
    const s = await setup();
    const { w, op, head } = s;
    const caseId = (await openCase(s)).body.id as string;
    // One of each read and change, on this case only.
    expect((await op.request('GET', `/api/cases/${caseId}`)).status).toBe(200);
    const version = await moveThrough(s, caseId, TO_PRESA_IN_CARICO);
    expect((await op.request('PATCH', `/api/cases/${caseId}`, { comuneCode: null }, { 'if-match': `"${version}"` })).status).toBe(200);
    expect((await op.request('POST', `/api/cases/${caseId}/events`, { at: '2026-09-02T10:00:00+02:00', channel: 'telefono', type: 'consulenza_legale' })).status).toBe(201);
    expect((await op.request('GET', `/api/cases/${caseId}/events`)).status).toBe(200);
    await childAndAuthor(s, caseId);
    expect((await op.request('GET', `/api/cases/${caseId}/children`)).status).toBe(200);
    expect((await op.request('GET', `/api/cases/${caseId}/authors`)).status).toBe(200);
    const consents = await op.request('POST', `/api/cases/${caseId}/consents`, { purpose: 'condivisione', recipientOrganisationId: w.orgs.cavB, sections: ['timeline'], givenOn: '2026-09-03', form: 'scritto' });
    expect(consents.status).toBe(201);
    expect((await head.request('POST', `/api/cases/${caseId}/team`, { userId: w.users.operatorB.id })).status).toBe(200);
    const sharing = consents.body.find((c: { purpose: string }) => c.purpose === 'condivisione');
    expect((await op.request('POST', `/api/cases/${caseId}/consents/${sharing.id}/revoke`)).status).toBe(200);
    await breakGlass(s, caseId);

    const rows = await t.db.select().from(auditLog).where(eq(auditLog.resourceId, caseId)).orderBy(asc(auditLog.id));
    const actions = new Set(rows.filter((r) => r.outcome === 'success').map((r) => r.action));
    for (const action of ['case.create', 'case.read', 'case.stage', 'case.update', 'case.event_create', 'case.events_read', 'case.child_write', 'case.children_read', 'case.author_write', 'case.authors_read', 'case.consent_create', 'case.consent_revoke', 'case.team', 'case.break_glass']) {
      expect(actions, action).toContain(action);
    }
    const audit = JSON.stringify(rows);
    for (const canary of canaries) expect(audit).not.toContain(canary);
  });
});
