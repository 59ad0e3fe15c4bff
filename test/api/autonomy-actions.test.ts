import { addMonths, formatISO, parseISO } from 'date-fns';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autonomyFollowUps, autonomyProjects } from '../../src/server/modules/autonomy/index.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { day, match } from '../support/http.js';
import { pdfText } from '../support/pdf-text.js';
import type { Agent } from '../support/world.js';
import { approved, caseWithCpi, createAutonomyWorld, draft, move, signIn } from './autonomy-projects.world.js';

/** A project's actions, follow-ups after its end, the printable project and the programme's group work (docs/autonomy.md). */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

async function setup() {
  const w = await createAutonomyWorld(t);
  const a = await signIn(t, w);
  const caseId = await caseWithCpi(w, a);
  return { w, a, caseId };
}

const HOST = 'Ospitante Sigillato Mirtillo';
const EMPLOYER = 'Datore Sigillato Corbezzolo';
const ADDRESS = 'Via Segreta Lavanda 12';

const add = async (agent: Agent, projectId: string, body: Record<string, unknown>, status = 201) => {
  const res = await agent.request('POST', `/api/autonomy/projects/${projectId}/actions`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
};

describe('actions of a project', () => {
  it('the team records actions of every family with sealed details; the CPI sees and writes only work and housing; the approval view has no sealed details; a foreign organisation 404', async () => {
    const { w, a, caseId } = await setup();
    const p = await draft(w, a, caseId);
    const tirocinio = await add(a.op, p.id, { startsOn: day(1), endsOn: day(120), costCents: 120_000, details: { kind: 'tirocinio', host: HOST, hoursPerWeek: 20, monthlyAllowanceCents: 50_000, paidBy: 'programma' } });
    expect(tirocinio).toMatchObject({ family: 'lavoro', kind: 'tirocinio', status: 'prevista', details: { host: HOST }, version: 1 });
    await add(a.op, p.id, { details: { kind: 'contratto', address: ADDRESS, monthlyRentCents: 45_000 } });
    await add(a.op, p.id, { costCents: 8_000, details: { kind: 'servizio_figli', service: 'doposcuola' } });
    await add(a.op, p.id, { details: { kind: 'misura_reddito', measure: 'assegno_inclusione' }, startsOn: day(-10), outcome: 'in_attesa' });
    await add(a.op, p.id, { details: { kind: 'domanda_casa_pubblica', body: 'aler', preferentialCategory: true, filedOn: day(-3) } });
    // The details must match the kind's shape; the dates their order.
    await add(a.op, p.id, { details: { kind: 'tirocinio', host: HOST } }, 400);
    await add(a.op, p.id, { details: { kind: 'deposito', amountCents: 1 }, startsOn: day(5), endsOn: day(1) }, 400);

    // The CPI (work_housing only): work and housing, with details; writes a work action, not a conciliation one.
    const cpi = await a.cpi.request('GET', `/api/autonomy/projects/${p.id}/actions`);
    expect(cpi.status).toBe(200);
    expect(cpi.body.view).toBe('work_housing');
    expect(cpi.body.writes).toEqual(['lavoro', 'abitare']);
    expect(cpi.body.items.map((i: { kind: string }) => i.kind).sort()).toEqual(['contratto', 'domanda_casa_pubblica', 'tirocinio']);
    expect(JSON.stringify(cpi.body)).toContain(HOST);
    const interview = await add(a.cpi, p.id, { details: { kind: 'colloquio_cpi', did: true, didOn: day(-1), sap: true, pattoServizio: false } });
    expect(interview.family).toBe('lavoro');
    await add(a.cpi, p.id, { details: { kind: 'servizio_figli', service: 'mensa_scolastica' } }, 403);
    const conciliation = (await a.op.request('GET', `/api/autonomy/projects/${p.id}/actions`)).body.items.find((i: { kind: string }) => i.kind === 'servizio_figli');
    // An action of a family she does not see is absent to her.
    expect((await a.cpi.request('PATCH', `/api/autonomy/projects/${p.id}/actions/${conciliation.id}`, { status: 'annullata' }, match(1))).status).toBe(404);

    // PATCH with If-Match on the action; the kind cannot change.
    expect((await a.op.request('PATCH', `/api/autonomy/projects/${p.id}/actions/${tirocinio.id}`, { status: 'in_corso' })).status).toBe(428);
    expect((await a.op.request('PATCH', `/api/autonomy/projects/${p.id}/actions/${tirocinio.id}`, { status: 'in_corso' }, match(9))).status).toBe(412);
    expect((await a.op.request('PATCH', `/api/autonomy/projects/${p.id}/actions/${tirocinio.id}`, { details: { kind: 'deposito', amountCents: 10 } }, match(1))).status).toBe(400);
    const patched = await a.cpi.request('PATCH', `/api/autonomy/projects/${p.id}/actions/${tirocinio.id}`, { status: 'conclusa', outcome: 'positivo' }, match(1));
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({ status: 'conclusa', outcome: 'positivo', version: 2, details: { host: HOST } });

    // Once proposed, the équipe and the capofila: every action, kinds, statuses, dates, costs — no details.
    expect((await move(a.op, p.id, p.version, { move: 'proponi' })).status).toBe(200);
    for (const agent of [a.equipe, a.capofila]) {
      const seen = await agent.request('GET', `/api/autonomy/projects/${p.id}/actions`);
      expect(seen.status).toBe(200);
      expect(seen.body.view).toBe('approval');
      expect(seen.body.writes).toEqual([]);
      expect(seen.body.items).toHaveLength(6);
      expect(seen.body.items.every((i: { details: unknown }) => i.details === null)).toBe(true);
      expect(seen.body.items.find((i: { kind: string }) => i.kind === 'tirocinio')).toMatchObject({ costCents: 120_000, startsOn: day(1), status: 'conclusa' });
      for (const secret of [HOST, ADDRESS]) expect(JSON.stringify(seen.body)).not.toContain(secret);
      await add(agent, p.id, { details: { kind: 'deposito', amountCents: 1 } }, 403);
    }
    // A foreign organisation: 404 on reading and writing.
    expect((await a.foreign.request('GET', `/api/autonomy/projects/${p.id}/actions`)).status).toBe(404);
    await add(a.foreign, p.id, { details: { kind: 'deposito', amountCents: 1 } }, 404);
    expect((await a.foreign.request('PATCH', `/api/autonomy/projects/${p.id}/actions/${tirocinio.id}`, { status: 'annullata' }, match(2))).status).toBe(404);
    // Sealed in the database.
    const raw = JSON.stringify((await t.db.execute(sql`select * from autonomy_actions`)).rows);
    for (const secret of [HOST, ADDRESS]) expect(raw).not.toContain(secret);
  });
});

describe('the printable project', () => {
  it('prints for the team: programme, goals, actions, budget, signatures; never the new address; 404 to the approval view and strangers; audited as an export', async () => {
    const { w, a, caseId } = await setup();
    const p = await draft(w, a, caseId);
    await a.op.request('PUT', `/api/autonomy/projects/${p.id}/budget`, { items: [{ categoryCode: 'tirocinio', plannedCents: 150_000 }] }, match(p.version));
    await add(a.op, p.id, { details: { kind: 'inserimento_lavorativo', employer: EMPLOYER, contract: 'determinato' } });
    await add(a.op, p.id, { details: { kind: 'contratto', address: ADDRESS, landlord: 'Locatore Sigillato' } });
    const res = await t.app.inject({ method: 'GET', url: `/api/autonomy/projects/${p.id}.pdf`, headers: { cookie: a.op.cookie } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const { text } = await pdfText(res.rawPayload);
    for (const expected of ['Progetto personalizzato di autonomia', 'Obiettivi', 'Glicine', 'Inserimento lavorativo', EMPLOYER, 'Tirocinio: indennità', '1.500,00', 'Firme']) expect(text, expected).toContain(expected);
    for (const secret of [ADDRESS, 'Locatore Sigillato']) expect(text).not.toContain(secret);
    // The CPI (work_housing only) and a stranger: 404.
    expect((await t.app.inject({ method: 'GET', url: `/api/autonomy/projects/${p.id}.pdf`, headers: { cookie: a.cpi.cookie } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/autonomy/projects/${p.id}.pdf`, headers: { cookie: a.foreign.cookie } })).statusCode).toBe(404);
    const audit = await t.db.execute(sql`select outcome, purpose from audit_log where action = 'autonomy.project.printed' and resource_id = ${p.id} order by at`);
    expect(audit.rows.map((r) => (r as { outcome: string }).outcome)).toEqual(['success', 'denied', 'denied']);
  });
});

describe('follow-ups after the end', () => {
  const iso = (d: string, months: number) => formatISO(addMonths(parseISO(d), months), { representation: 'date' });

  it('a concluded project gets checks at 6, 12 and 24 months from its end; recorded only with her consent to be contacted; counted per programme, small cells hidden', async () => {
    const { w, a, caseId } = await setup();
    const p = await approved(w, a, caseId);
    let v = (await move(a.op, p.id, p.version, { move: 'avvia', on: day(-400) })).body.version;
    const concluded = await move(a.op, p.id, v, { move: 'concludi', on: day(-200) });
    expect(concluded.status, JSON.stringify(concluded.body)).toBe(200);
    v = concluded.body.version;
    const rows = await t.db.select().from(autonomyFollowUps).where(eq(autonomyFollowUps.projectId, p.id)).orderBy(autonomyFollowUps.months);
    expect(rows.map((r) => [r.months, r.dueOn, r.state])).toEqual([
      [6, iso(day(-200), 6), 'da_fare'],
      [12, iso(day(-200), 12), 'da_fare'],
      [24, iso(day(-200), 24), 'da_fare'],
    ]);
    const list = await a.op.request('GET', `/api/autonomy/projects/${p.id}/follow-ups`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((f: { months: number; contactConsent: boolean }) => [f.months, f.contactConsent])).toEqual([
      [6, false],
      [12, false],
      [24, false],
    ]);
    // Only the team with the plan: the équipe, the CPI and strangers get 404.
    for (const agent of [a.equipe, a.cpi, a.foreign]) expect((await agent.request('GET', `/api/autonomy/projects/${p.id}/follow-ups`)).status).toBe(404);
    const six = list.body.items[0];
    // The 6-month check is due: among the coordinating organisation's tasks, saying she gave no consent to be contacted; nobody else's.
    const tasks = await a.op.request('GET', '/api/cases/tasks');
    expect(tasks.body.followUps, JSON.stringify(tasks.body.followUps)).toEqual([{ case: { id: caseId, code: expect.any(String) }, dueOn: iso(day(-200), 6), months: 6, followUpId: six.id, projectId: p.id, contactConsent: false }]);
    expect((await a.cpi.request('GET', '/api/cases/tasks')).body.followUps).toEqual([]);
    expect((await a.equipe.request('GET', '/api/cases/tasks')).body.followUps).toEqual([]);
    // Without a live consent to be contacted: not recordable as done, only as not consented.
    const refused = await a.op.request('POST', `/api/autonomy/follow-ups/${six.id}`, { state: 'fatto', workStatus: 'non_occupata', housingStatus: 'ospite' }, match(1));
    expect([refused.status, refused.body.errors?.[0]?.code]).toEqual([400, 'consent_required']);
    expect((await a.foreign.request('POST', `/api/autonomy/follow-ups/${six.id}`, { state: 'non_consentito' }, match(1))).status).toBe(404);
    const notConsented = await a.op.request('POST', `/api/autonomy/follow-ups/${six.id}`, { state: 'non_consentito' }, match(1));
    expect([notConsented.status, notConsented.body.state]).toEqual([200, 'non_consentito']);
    // With her consent to be contacted, the 12-month check records work and housing.
    expect((await a.op.request('POST', `/api/cases/${caseId}/consents`, { purpose: 'contatto', channel: 'telefono', givenOn: day(0), form: 'orale' })).status).toBe(201);
    const twelve = list.body.items[1];
    const done = await a.op.request('POST', `/api/autonomy/follow-ups/${twelve.id}`, { state: 'fatto', workStatus: 'occupata_determinato', housingStatus: 'casa_propria_o_affitto' }, match(1));
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ state: 'fatto', workStatus: 'occupata_determinato', housingStatus: 'casa_propria_o_affitto', contactConsent: true, version: 2 });
    // Counts for the programme: one due check (6 months) — a cell under the threshold hidden.
    const counts = await a.coordinator.request('GET', `/api/autonomy/programmes/${w.programmeId}/follow-ups`);
    expect(counts.status, JSON.stringify(counts.body)).toBe(200);
    expect(counts.body.checks.map((c: { months: number; due: number | null }) => [c.months, c.due])).toEqual([
      [6, null],
      [12, 0],
      [24, 0],
    ]);
    expect(JSON.stringify(counts.body)).not.toContain(caseId);
    expect((await a.foreign.request('GET', `/api/autonomy/programmes/${w.programmeId}/follow-ups`)).status).toBe(404);
    // The project row itself is untouched by the follow-ups.
    expect((await t.db.select({ state: autonomyProjects.state }).from(autonomyProjects).where(eq(autonomyProjects.id, p.id)))[0]!.state).toBe('conclusa');
  });
});

describe('group work', () => {
  it('the workshop: sessions and counts for every reader; a participant named with her attendance to her own team only; expected results counted', async () => {
    const { w, a, caseId } = await setup();
    const lab = await a.coordinator.request('POST', `/api/autonomy/programmes/${w.programmeId}/activities`, { kind: 'laboratorio_empowerment', title: 'Laboratorio di empowerment' });
    expect(lab.status, JSON.stringify(lab.body)).toBe(201);
    const s1 = await a.coordinator.request('POST', `/api/autonomy/activities/${lab.body.id}/sessions`, { heldOn: day(-7), facilitators: ['Psicologa del CAV A', 'Cooperativa Iris'] });
    expect(s1.status, JSON.stringify(s1.body)).toBe(201);
    const s2 = await a.coordinator.request('POST', `/api/autonomy/activities/${lab.body.id}/sessions`, { heldOn: day(-1), facilitators: ['Psicologa del CAV A'] });
    const sessionIds = s2.body.sessions.map((s: { id: string }) => s.id);
    // A foreign organisation reads nothing of it and adds nothing.
    expect((await a.foreign.request('GET', `/api/autonomy/programmes/${w.programmeId}/activities`)).status).toBe(404);
    expect((await a.foreign.request('POST', `/api/autonomy/activities/${lab.body.id}/sessions`, { heldOn: day(0), facilitators: ['X'] })).status).toBe(404);
    // CAV A adds its case; CAV B (an équipe member) cannot add a case it does not hold.
    const joined = await a.op.request('POST', `/api/autonomy/activities/${lab.body.id}/participants`, { caseId });
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);
    expect((await a.equipe.request('POST', `/api/autonomy/activities/${lab.body.id}/participants`, { caseId })).status).toBe(400);
    const ownCase = (await a.equipe.request('POST', '/api/cases', { contactOn: day(-5) })).body.id as string;
    const other = await a.equipe.request('POST', `/api/autonomy/activities/${lab.body.id}/participants`, { caseId: ownCase });
    expect(other.status, JSON.stringify(other.body)).toBe(201);
    const mine = joined.body.participants[0];
    expect((await a.op.request('PUT', `/api/autonomy/activities/${lab.body.id}/participants/${mine.id}/attendance`, { sessionIds })).status).toBe(200);
    // CAV B cannot touch CAV A's participant.
    expect((await a.equipe.request('PUT', `/api/autonomy/activities/${lab.body.id}/participants/${mine.id}/attendance`, { sessionIds: [] })).status).toBe(404);

    const seenByA = (await a.op.request('GET', `/api/autonomy/programmes/${w.programmeId}/activities`)).body.items[0];
    expect(seenByA.participantCount).toBe(2);
    expect(seenByA.participants.map((x: { caseId: string; sessionIds: string[] }) => [x.caseId, x.sessionIds.length])).toEqual([[caseId, 2]]);
    expect(seenByA.sessions.map((s: { attendees: number }) => s.attendees)).toEqual([1, 1]);
    const seenByB = (await a.equipe.request('GET', `/api/autonomy/programmes/${w.programmeId}/activities`)).body.items[0];
    expect(seenByB.participants.map((x: { caseId: string }) => x.caseId)).toEqual([ownCase]);
    expect(JSON.stringify(seenByB)).not.toContain(caseId);
    const seenByCapofila = (await a.capofila.request('GET', `/api/autonomy/programmes/${w.programmeId}/activities`)).body.items[0];
    expect([seenByCapofila.participantCount, seenByCapofila.participants]).toEqual([2, []]);

    // An agreement and a training meeting; a CAV operator of no partner may not record one.
    expect((await a.coordinator.request('POST', `/api/autonomy/programmes/${w.programmeId}/activities`, { kind: 'accordo', title: 'Protocollo casa', counterpart: 'ALER', agreementKind: 'abitare', signedOn: day(-30) })).status).toBe(201);
    expect((await a.capofila.request('POST', `/api/autonomy/programmes/${w.programmeId}/activities`, { kind: 'incontro_formativo_operatori', title: 'Formazione operatori', heldOn: day(-2) })).status).toBe(201);
    expect((await a.equipe.request('POST', `/api/autonomy/programmes/${w.programmeId}/activities`, { kind: 'accordo', title: 'X', counterpart: 'Y', agreementKind: 'lavoro', signedOn: day(0) })).status).toBe(403);
  });
});
