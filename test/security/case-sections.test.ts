import { addDays, formatISO } from 'date-fns';
import { and, arrayContains, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseSections, type CaseSection } from '../../src/shared/cases.js';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { adminTablesDigest } from '../support/digest.js';
import { pdfText } from '../support/pdf-text.js';
import { type Agent, createWorld, login, type World } from '../support/world.js';
import exampleInstrument from '../../src/shared/risk-instruments/example.json' with { type: 'json' };

/**
 * One decision, every answer: a member of another organisation on the team
 * through a share holds some sections of a case; every route that returns
 * anything of a case (the caseload, the tasks, the detail, each part) shows
 * what those sections cover and nothing else, and no write of the owning
 * organisation (record, stage, consents, team) is open to her. Generated
 * over every GET route under /api/cases × every section set a share can hold.
 */

const day = (n: number) => formatISO(addDays(new Date(), n), { representation: 'date' });

/** One marker per part of the case, and the sections that may reveal it to a shared member (authors: none, ever). */
const MARKERS: Record<string, { text: string; shownBy: readonly CaseSection[] }> = {
  identity: { text: 'Zefiretta', shownBy: ['identity'] },
  safeContact: { text: 'girasole-viola', shownBy: ['identity'] },
  profile: { text: 'braccialetto_elettronico', shownBy: ['profile'] },
  child: { text: 'Tamerice', shownBy: ['children'] },
  event: { text: 'Colloquio-Pellicano', shownBy: ['timeline'] },
  safetyGoal: { text: 'Piano-Calendula', shownBy: ['plan'] },
  workGoal: { text: 'Tirocinio-Girandola', shownBy: ['plan', 'work_housing'] },
  consent: { text: 'statistiche_anonime', shownBy: ['consents'] },
  document: { text: 'Referto-Ortensia.pdf', shownBy: ['documents'] },
  author: { text: 'Gundobaldo', shownBy: [] },
  breakGlass: { text: 'Motivo-Glicine', shownBy: [] },
  safetyPlan: { text: 'Rifugio-Mughetto', shownBy: ['risk'] },
  riskReason: { text: 'Ragione-Ninfea', shownBy: ['risk'] },
  minorHolder: { text: 'Ermenegilda', shownBy: ['minor'] },
};

/** Every GET route that answers with something of a case, as the caller would ask it. */
const READS: Record<string, (caseId: string, documentId: string) => string> = {
  'GET /api/cases': () => '/api/cases',
  'GET /api/cases/tasks': () => '/api/cases/tasks?horizonDays=30&staleDays=30',
  'GET /api/cases/workload': () => '/api/cases/workload',
  'GET /api/cases/:id': (id) => `/api/cases/${id}`,
  'GET /api/cases/:id/access-log': (id) => `/api/cases/${id}/access-log`,
  'GET /api/cases/:id/team': (id) => `/api/cases/${id}/team`,
  'GET /api/cases/:id/team/candidates': (id) => `/api/cases/${id}/team/candidates`,
  'GET /api/cases/:id/coordination': (id) => `/api/cases/${id}/coordination`,
  'GET /api/cases/:id/coordination/team': (id) => `/api/cases/${id}/coordination/team`,
  'GET /api/cases/:id/consents': (id) => `/api/cases/${id}/consents`,
  'GET /api/cases/:id/events': (id) => `/api/cases/${id}/events`,
  'GET /api/cases/:id/children': (id) => `/api/cases/${id}/children`,
  'GET /api/cases/:id/authors': (id) => `/api/cases/${id}/authors`,
  'GET /api/cases/:id/plan': (id) => `/api/cases/${id}/plan`,
  'GET /api/cases/:id/safety-plan': (id) => `/api/cases/${id}/safety-plan`,
  'GET /api/cases/:id/risk': (id) => `/api/cases/${id}/risk`,
  'GET /api/cases/:id/risk/assessments': (id) => `/api/cases/${id}/risk/assessments`,
  'GET /api/cases/:id/referrals': (id) => `/api/cases/${id}/referrals`,
  'GET /api/cases/:id/minor': (id) => `/api/cases/${id}/minor`,
  'GET /api/cases/:id/documents': (id) => `/api/cases/${id}/documents`,
  'GET /api/cases/:id/documents/:documentId': (id, doc) => `/api/cases/${id}/documents/${doc}`,
  'GET /api/cases/:id/sheet.pdf': (id) => `/api/cases/${id}/sheet.pdf`,
  'GET /api/cases/:id/autonomy-projects': (id) => `/api/cases/${id}/autonomy-projects`,
  'GET /api/cases/:id/reddito-liberta': (id) => `/api/cases/${id}/reddito-liberta`,
};

/** The printed sheet is read as a reader sees it: the text in the PDF. */
const SHEET = 'GET /api/cases/:id/sheet.pdf';
async function read(agent: Agent, route: string, url: string): Promise<{ status: number; body: any }> {
  if (route !== SHEET) return agent.request('GET', url);
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: agent.cookie } });
  return { status: res.statusCode, body: res.statusCode === 200 ? (await pdfText(res.rawPayload)).text : res.body };
}

/** The section sets a share can hold: each section alone, and all of them (authors never). */
const SHAREABLE = caseSections.filter((s) => s !== 'authors');
const SECTION_SETS: CaseSection[][] = [...SHAREABLE.map((s) => [s]), [...SHAREABLE]];

let t: TestApp;
let w: World;
let op: Agent;
let head: Agent;
let headB: Agent;
let opB: Agent;
let caseId: string;
let documentId: string;

beforeAll(async () => {
  t = await buildTestApp();
  w = await createWorld(t);
  [op, head, headB, opB] = await Promise.all([login(t, w.users.operatorA), login(t, w.users.headA), login(t, w.users.headB), login(t, w.users.operatorB)]);
  const ok = (res: { status: number; body: unknown }) => {
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    return res.body as any;
  };
  // A pathway with something in every section; the last contact 40 days ago, so it is stale.
  const created = ok(
    await op.request('POST', '/api/cases', {
      contactOn: day(-40),
      identity: { firstName: MARKERS.identity!.text },
      safeContact: { channels: ['telefono'], codeWord: MARKERS.safeContact!.text },
      profile: { reports: [{ kind: 'denuncia', registeredOn: day(-1) }], protectionMeasures: [{ type: MARKERS.profile!.text }] },
      firstEvent: { channel: 'telefono', notes: MARKERS.event!.text },
    }),
  );
  caseId = created.id;
  ok(await op.request('POST', `/api/cases/${caseId}/children`, { age: 7, details: { firstName: MARKERS.child!.text } }));
  ok(await op.request('POST', `/api/cases/${caseId}/authors`, { relationship: 'ex_partner', details: { name: MARKERS.author!.text } }));
  const safety = ok(await op.request('POST', `/api/cases/${caseId}/plan/goals`, { area: 'sicurezza', description: MARKERS.safetyGoal!.text }));
  const work = ok(await op.request('POST', `/api/cases/${caseId}/plan/goals`, { area: 'lavoro', description: MARKERS.workGoal!.text }));
  ok(await op.request('POST', `/api/cases/${caseId}/plan/actions`, { goalId: safety.id, type: 'piano_sicurezza', ownerOrganisationId: w.orgs.cavB, dueOn: day(3) }));
  ok(await op.request('POST', `/api/cases/${caseId}/plan/actions`, { goalId: work.id, type: 'orientamento_lavoro', ownerOrganisationId: w.orgs.cavB, dueOn: day(4) }));
  ok(await op.request('POST', `/api/cases/${caseId}/plan/reviews`, { on: day(0), herAgreement: true, nextReviewOn: day(5) }));
  ok(await op.request('PUT', `/api/cases/${caseId}/safety-plan`, { safePlaces: [{ kind: 'amici', description: MARKERS.safetyPlan!.text }] }, { 'if-match': '"0"' }));
  // An assessment long enough ago for its re-assessment to be due, with a judgement's reason.
  const coordinator = await login(t, w.users.coordinator);
  const instrument = ok(await coordinator.request('POST', `/api/networks/${w.network}/risk-instruments`, exampleInstrument));
  ok(await op.request('POST', `/api/cases/${caseId}/risk/assessments`, { instrumentId: instrument.id, answers: { armi: 'si' }, judgementLevel: 'elevato', reason: MARKERS.riskReason!.text, occasion: 'iniziale', assessedOn: day(-70) }));
  const pdf = Buffer.from('%PDF-1.7\nsection test\n%%EOF');
  documentId = ok(await op.request('POST', `/api/cases/${caseId}/documents`, { kind: 'altro', name: MARKERS.document!.text, mimeType: 'application/pdf', contentBase64: pdf.toString('base64') })).id;
  ok(await op.request('POST', `/api/cases/${caseId}/consents`, { purpose: 'statistiche_anonime', givenOn: day(-40), form: 'orale' }));
  ok(await op.request('POST', `/api/cases/${caseId}/consents`, { purpose: 'condivisione', recipientOrganisationId: w.orgs.cavB, sections: [...SHAREABLE], givenOn: day(-1), form: 'scritto' }));
  // The minor's pathway (docs/minors.md), its report and referral made: no deadline of it among the tasks.
  const minor = { age: 16, ageOn: day(-40), knownOn: day(-40), holders: [{ relation: 'madre', isAuthor: false, name: MARKERS.minorHolder!.text }] };
  ok(await op.request('PUT', `/api/cases/${caseId}/minor`, { ...minor, report: { on: day(-39), to: 'procura_minorenni' }, referral: { on: day(-38) } }, { 'if-match': '"0"' }));
  ok(await head.request('POST', `/api/cases/${caseId}/break-glass`, { reason: MARKERS.breakGlass!.text }));
});
afterAll(() => t.close());

const shownBy = (held: readonly CaseSection[], marker: { shownBy: readonly CaseSection[] }) => marker.shownBy.some((s) => held.includes(s));

describe('the section rule in every answer that shows a case', () => {
  it('covers every GET route under /api/cases (a new one fails here until it is added)', () => {
    const routes = t.routes.filter((r) => r.method === 'GET' && r.url.startsWith('/api/cases')).map((r) => `GET ${r.url}`);
    expect(routes.sort()).toEqual(Object.keys(READS).sort());
  });

  it('the owning team sees every marker (the markers can be found)', async () => {
    const all = await Promise.all(Object.entries(READS).map(([route, url]) => read(op, route, url(caseId, documentId))));
    const text = all.map((r) => JSON.stringify(r.body)).join('\n');
    for (const [name, m] of Object.entries(MARKERS)) {
      if (name === 'document' || name === 'breakGlass' || name === 'author') continue;
      expect(text, name).toContain(m.text);
    }
    expect(text).toContain(MARKERS.breakGlass!.text); // her own organisation's team reads why the head opened it
  });

  for (const held of SECTION_SETS) {
    it(`a member of another organisation holding [${held.join(', ')}] sees only that, in every answer`, async () => {
      const share = await head.request('POST', `/api/cases/${caseId}/team`, { userId: w.users.operatorB.id, sections: held });
      expect(share.status, JSON.stringify(share.body)).toBe(200);
      const answers: Record<string, { status: number; text: string; body: any }> = {};
      for (const [route, url] of Object.entries(READS)) {
        const res = await read(opB, route, url(caseId, documentId));
        answers[route] = { status: res.status, text: typeof res.body === 'string' ? res.body : JSON.stringify(res.body), body: res.body };
      }
      // The search (a POST: her name never in a URL) finds the case by her name only where the share holds her identity.
      const searched = await opB.request('POST', '/api/cases/search', { q: MARKERS.identity!.text });
      expect(searched.status).toBe(200);
      answers['POST /api/cases/search'] = { status: searched.status, text: JSON.stringify(searched.body), body: searched.body };
      expect(searched.body.items.some((c: { id: string }) => c.id === caseId), 'search').toBe(held.includes('identity'));
      const everything = Object.values(answers)
        .map((a) => a.text)
        .join('\n');
      for (const [name, marker] of Object.entries(MARKERS)) {
        if (name === 'document') continue; // a file name travels in the download's header, checked below
        if (shownBy(held, marker)) expect(everything, `${name} with [${held}]`).toContain(marker.text);
        else expect(everything, `${name} with [${held}]`).not.toContain(marker.text);
      }
      // The caseload: her alias exactly when the detail shows her identity.
      const row = answers['GET /api/cases']!.body.items.find((c: { id: string }) => c.id === caseId);
      expect(row.alias).toBe(held.includes('identity') ? MARKERS.identity!.text : null);
      expect(row.sections).toEqual(held);
      expect(answers['GET /api/cases/:id']!.body.access.sections).toEqual(held);
      expect(answers['GET /api/cases/:id']!.body.breakGlass).toEqual([]);
      expect(answers['GET /api/cases/:id']!.body.access.acts).toEqual({ editRecord: false, changeStage: false, manageConsents: false, readBreakGlass: false, leadPlan: false, manageOwnColleagues: false });
      // Tasks: each reminder only under its section.
      const tasks = answers['GET /api/cases/tasks']!.body;
      const mine = (xs: { case: { id: string } }[]) => xs.filter((x) => x.case.id === caseId).length > 0;
      expect(mine(tasks.deadlines), 'deadlines').toBe(held.includes('profile'));
      expect(mine(tasks.reviews), 'reviews').toBe(held.includes('plan'));
      expect(mine(tasks.stale), 'stale').toBe(held.includes('timeline'));
      expect(mine(tasks.reassessments), 'reassessments').toBe(held.includes('risk'));
      expect(tasks.staleTotal, 'stale count').toBe(held.includes('timeline') ? 1 : 0);
      expect(tasks.actions.filter((a: { case: { id: string } }) => a.case.id === caseId).length, 'actions').toBe(held.includes('plan') ? 2 : held.includes('work_housing') ? 1 : 0);
      // A part route answers 404 unless a held section covers it; the head's routes never answer her.
      const partRoute: Record<string, CaseSection[]> = {
        'GET /api/cases/:id/consents': ['consents'],
        'GET /api/cases/:id/events': ['timeline'],
        'GET /api/cases/:id/children': ['children'],
        'GET /api/cases/:id/authors': [],
        'GET /api/cases/:id/plan': ['plan', 'work_housing'],
        'GET /api/cases/:id/safety-plan': ['risk'],
        'GET /api/cases/:id/risk': ['risk'],
        'GET /api/cases/:id/risk/assessments': ['risk'],
        // The case's referrals and the consents they rest on: the owning organisation's.
        'GET /api/cases/:id/referrals': [],
        'GET /api/cases/:id/minor': ['minor'],
        'GET /api/cases/:id/documents': ['documents'],
        'GET /api/cases/:id/documents/:documentId': ['documents'],
        'GET /api/cases/:id/team': [],
        'GET /api/cases/:id/team/candidates': [],
        'GET /api/cases/:id/access-log': [],
        // Coordination: the owning organisation's head (403 by role), and the coordinating organisation's members (she does not coordinate: 404).
        'GET /api/cases/:id/coordination': [],
        'GET /api/cases/:id/coordination/team': [],
        'GET /api/cases/workload': [],
        // Autonomy (docs/autonomy.md): her projects with the plan, or their work and housing side alone; the Reddito di libertà with the plan only.
        'GET /api/cases/:id/autonomy-projects': ['plan', 'work_housing'],
        'GET /api/cases/:id/reddito-liberta': ['plan'],
      };
      for (const [route, covering] of Object.entries(partRoute)) {
        const expected = covering.some((s) => held.includes(s)) ? 200 : route.includes('/coordination/') ? 404 : route.includes('/team') || route.endsWith('/coordination') || route.includes('access-log') || route.includes('workload') ? 403 : 404;
        expect(answers[route]!.status, `${route} with [${held}]`).toBe(expected);
      }
      // The sheet prints what she holds, the documents' names only with the documents.
      expect(answers[SHEET]!.status).toBe(200);
      expect(answers[SHEET]!.text.includes(MARKERS.document!.text), 'sheet: document').toBe(held.includes('documents'));
      const download = answers['GET /api/cases/:id/documents/:documentId']!;
      expect(download.status === 200).toBe(held.includes('documents'));
    });
  }
});

describe('writes of the owning organisation are hers alone', () => {
  it('a member of another organisation holding every shareable section changes nothing of the record, its stage, consents or team', async () => {
    await head.request('POST', `/api/cases/${caseId}/team`, { userId: w.users.operatorB.id, sections: [...SHAREABLE] });
    const detail = await opB.request('GET', `/api/cases/${caseId}`);
    expect(detail.status).toBe(200);
    const version = `"${detail.body.version}"`;
    const consents = (await opB.request('GET', `/api/cases/${caseId}/consents`)).body;
    const sharing = consents.find((c: { purpose: string }) => c.purpose === 'condivisione');
    const before = await adminTablesDigest(t.db);
    const attempts: [string, string, unknown, Record<string, string>?][] = [
      ['PATCH', `/api/cases/${caseId}`, { comuneCode: null }, { 'if-match': version }],
      ['PATCH', `/api/cases/${caseId}`, { comuneCode: '016024' }, { 'if-match': version }],
      ['PATCH', `/api/cases/${caseId}`, { identity: { firstName: 'Altro' } }, { 'if-match': version }],
      ['PATCH', `/api/cases/${caseId}`, { profile: { violenceTypes: ['fisica'] } }, { 'if-match': version }],
      ['POST', `/api/cases/${caseId}/stage`, { stage: 'concluso', on: day(0), outcome: 'abbandono' }, { 'if-match': version }],
      ['POST', `/api/cases/${caseId}/reopen`, { stage: 'accoglienza', on: day(0) }, { 'if-match': version }],
      ['POST', `/api/cases/${caseId}/consents`, { purpose: 'contatto', channel: 'telefono', givenOn: day(0), form: 'orale' }],
      ['POST', `/api/cases/${caseId}/consents/${sharing.id}/revoke`, undefined],
      ['POST', `/api/cases/${caseId}/team`, { userId: w.users.headB.id }],
      ['DELETE', `/api/cases/${caseId}/team/${w.users.operatorA.id}`, undefined],
      ['POST', `/api/cases/${caseId}/break-glass`, { reason: 'curiosità' }],
    ];
    for (const [method, url, body, headers] of attempts) {
      const res = await opB.request(method, url, body, headers);
      expect([403, 404], `${method} ${url} ${JSON.stringify(body)} → ${res.status}`).toContain(res.status);
    }
    expect(await adminTablesDigest(t.db)).toBe(before);
    // Each refusal left a denied audit row naming the case.
    const denied = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(and(eq(auditLog.resourceId, caseId), eq(auditLog.actorUserId, w.users.operatorB.id), eq(auditLog.outcome, 'denied')));
    expect(denied[0]!.n).toBeGreaterThanOrEqual(9);
    // Her collaborative parts stay open to her: a contact on the timeline.
    const event = await opB.request('POST', `/api/cases/${caseId}/events`, { at: new Date().toISOString(), channel: 'telefono', type: 'sociale' });
    expect(event.status, JSON.stringify(event.body)).toBe(201);
  });

  it('the head of the other organisation reaches nothing of it', async () => {
    for (const url of [`/api/cases/${caseId}`, `/api/cases/${caseId}/team`, `/api/cases/${caseId}/access-log`]) {
      expect((await headB.request('GET', url)).status, url).toBe(404);
    }
    expect((await headB.request('GET', '/api/cases')).body.items.map((c: { id: string }) => c.id)).not.toContain(caseId);
  });
});

describe('who saw her name', () => {
  it('records every case each list showed, and gives the head the access history of one case', async () => {
    expect((await headB.request('GET', `/api/cases/${caseId}`)).status).toBe(404); // a probe, audited as denied
    await op.request('GET', '/api/cases');
    await op.request('GET', '/api/cases/tasks?horizonDays=30');
    const rows = await t.db
      .select()
      .from(auditLog)
      .where(and(arrayContains(auditLog.subjectIds, [caseId]), eq(auditLog.action, 'case.listed'), eq(auditLog.actorUserId, w.users.operatorA.id))).orderBy(asc(auditLog.id));
    expect(rows.map((r) => r.purpose)).toEqual(expect.arrayContaining(['caseload:identity', 'tasks']));

    const history = await head.request('GET', `/api/cases/${caseId}/access-log?pageSize=100`);
    expect(history.status).toBe(200);
    expect(history.body.total).toBeGreaterThan(10);
    const items: { action: string; outcome: string; actor: string | null }[] = [...history.body.items];
    for (let page = 2; (page - 1) * 100 < history.body.total; page++) items.push(...(await head.request('GET', `/api/cases/${caseId}/access-log?pageSize=100&page=${page}`)).body.items);
    expect(items.length).toBeGreaterThanOrEqual(history.body.total); // each page read adds its own row
    const actions = new Set(items.map((i) => i.action));
    for (const a of ['case.create', 'case.read', 'case.listed', 'case.break_glass']) expect(actions, a).toContain(a);
    expect(items.some((i) => i.outcome === 'denied' && i.actor !== null)).toBe(true);
    // Reading the history is itself audited.
    const [read] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'case.access_log_read'), eq(auditLog.resourceId, caseId), eq(auditLog.outcome, 'success'))).orderBy(asc(auditLog.id));
    expect(read?.actorUserId).toBe(w.users.headA.id);
    // Only the owning organisation's head: not its operator.
    expect((await op.request('GET', `/api/cases/${caseId}/access-log`)).status).toBe(403);
  });
});
