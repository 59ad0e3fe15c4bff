import { createHash } from 'node:crypto';
import { and, asc, count, eq, inArray, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberships, users } from '../../src/server/access/access.tables.js';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { verifyAuditChain } from '../../src/server/audit/audit.verify.js';
import { cases } from '../../src/server/modules/cases/index.js';
import { unseal } from '../../src/server/modules/cases/cases.seal.js';
import { caseStages } from '../../src/shared/cases.js';
import { type MembershipRole, type OrganisationType, roleFitsOrganisation } from '../../src/shared/domain.js';
import { directoryImportFile, importDirectory, networkComuni, sportelli, territoryAt } from '../../src/server/modules/directory/index.js';
import { openLocation } from '../../src/server/modules/directory/sportello.location.js';
import { insertOrganisation, networkMembers, networks, organisations } from '../../src/server/modules/organisations/index.js';
import { DEMO_PASSWORD, DEMO_USERNAMES, loadDemo, loadDemoIfEmpty } from '../../seeds/demo/demo.js';
import { DEMO_ORGANISATIONS, buildDemoDirectory } from '../../seeds/demo/directory.js';
import { DEMO_CASES_REFERENCE, planDemoCases } from '../../seeds/demo/cases.js';
import { DEMO_CHILD_NAMES, DEMO_FIRST_NAMES } from '../../seeds/demo/cases.profile.js';
import { addDays } from '../../seeds/demo/random.js';
import { comuniOfProvince } from '../../seeds/demo/comuni.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { adminTablesDigest } from '../support/digest.js';
import { loginPassword } from '../support/world.js';

const file = buildDemoDirectory();
const parsed = directoryImportFile.parse(JSON.parse(JSON.stringify(file)));

const CASE_TABLES = ['cases', 'case_stage_changes', 'case_members', 'case_consents', 'case_events', 'case_children', 'case_authors', 'risk_instruments', 'risk_assessments'];
/** Every row of the case tables and the audit log, hashed: a second load must leave them as they were. */
async function caseDataDigest(db: TestApp['db']): Promise<string> {
  const hash = createHash('sha256');
  for (const table of [...CASE_TABLES, 'audit_log']) hash.update(JSON.stringify((await db.execute(sql.raw(`select * from ${table} order by 1, 2`))).rows));
  return hash.digest('hex');
}

/** The caseload of the Bergamo CAV and shelter (cases.ts), without the Cremona pathways of the autonomy demo. */
async function bergamoCaseload(t: TestApp) {
  const owners = await t.db.select({ id: organisations.id }).from(organisations).where(inArray(organisations.externalId, [DEMO_ORGANISATIONS.cav, DEMO_ORGANISATIONS.rifugio]));
  return t.db.select().from(cases).where(inArray(cases.organisationId, owners.map((o) => o.id)));
}

describe('the demo directory file', () => {
  it('is a valid trama-directory/1 file once written as JSON', () => {
    expect(parsed.format).toBe('trama-directory/1');
    expect(parsed.networks).toHaveLength(7);
  });

  it('labels every organisation DEMO and uses only unreachable contacts', () => {
    for (const o of parsed.organisations) expect(o.name).toContain('(DEMO)');
    const phones = [...parsed.organisations.flatMap((o) => (o.phone ? [o.phone] : [])), ...parsed.sportelli.flatMap((s) => [...s.phones, ...(s.transferPhone ? [s.transferPhone] : [])])];
    expect(phones.length).toBeGreaterThan(60);
    for (const p of phones) expect(p).toMatch(/^0\d{1,3} 000 \d{4}$/);
    const mails = [...parsed.organisations, ...parsed.sportelli].flatMap((x) => (x.email ? [x.email] : []));
    for (const m of mails) expect(m).toMatch(/\.example\.org$/);
  });

  it('covers every comune of the province of Bergamo with five networks, and the 41 of Bari with one', () => {
    const bergamo = parsed.networks.filter((n) => n.externalId.startsWith('demo-bg-'));
    expect(bergamo).toHaveLength(5);
    const covered = bergamo.flatMap((n) => n.comuni);
    expect(new Set(covered).size).toBe(covered.length);
    expect(covered.sort()).toEqual(comuniOfProvince('016').map((c) => c.istatCode).sort());
    const bari = parsed.networks.find((n) => n.externalId.startsWith('demo-ba-'))!;
    expect(bari.comuni).toHaveLength(41);
    expect(bari.comuni.every((c) => c.startsWith('072'))).toBe(true);
  });
});

describe('loading the demo on an empty instance', () => {
  let t: TestApp;
  let demo: Awaited<ReturnType<typeof loadDemoIfEmpty>>;
  // Loaded once for every test below (each reads what the load left, in any order).
  // The load runs the demo caseload through the services: seconds, not milliseconds.
  beforeAll(async () => {
    t = await buildTestApp();
    demo = await loadDemoIfEmpty(t.ctx);
  }, 600_000);
  afterAll(() => t.close());

  it('loads the directory and the thirteen accounts, and prints them', async () => {
    expect(demo).not.toBeNull();
    expect(demo!.accounts.map((a) => a.username)).toEqual(DEMO_USERNAMES);
    expect(demo!.banner).toContain(DEMO_PASSWORD);
    expect(demo!.banner).toContain('coordinatrice');
    expect(demo!.banner).toMatch(/responsabile\.rifugio +organisation_head @ .*Il Faro/);
    const [u] = await t.db.select({ n: count() }).from(users);
    expect(u!.n).toBe(13);
    const [n] = await t.db.select({ n: count() }).from(networks).where(like(networks.externalId, 'demo-%'));
    expect(n!.n).toBe(7);
    const [o] = await t.db.select({ n: count() }).from(organisations);
    expect(o!.n).toBe(parsed.organisations.length);
    const [s] = await t.db.select({ n: count() }).from(sportelli);
    expect(s!.n).toBe(parsed.sportelli.length);
    const [bg] = await t.db.select({ n: count() }).from(networkComuni).where(like(networkComuni.istatCode, '016%'));
    expect(bg!.n).toBe(comuniOfProvince('016').length);
    const audits = await t.db.select().from(auditLog).where(inArray(auditLog.action, ['demo.load', 'directory.import'])).orderBy(asc(auditLog.id));
    expect(audits.map((a) => a.action).sort()).toEqual(['demo.load', 'directory.import']);
  });

  it("gives every demo account only roles its organisation's kind may hold", async () => {
    const held = await t.db
      .select({ role: memberships.role, type: organisations.type })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId));
    expect(held).toHaveLength(13);
    const misfits = held.filter((m) => !roleFitsOrganisation(m.role as MembershipRole, m.type as OrganisationType));
    expect(misfits).toEqual([]);
  });

  it('shares one CAV between three networks and another between two; each network has its capofila', async () => {
    const networksOf = async (externalId: string) => {
      const [org] = await t.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.externalId, externalId));
      return t.db.select().from(networkMembers).where(eq(networkMembers.organisationId, org!.id));
    };
    expect(await networksOf('demo-bg-cav-filo-rosso')).toHaveLength(3);
    expect(await networksOf('demo-bg-cav-voce-di-donna')).toHaveLength(2);
    const capofila = await t.db.select().from(networkMembers).where(eq(networkMembers.isCapofila, true));
    expect(new Set(capofila.map((c) => c.networkId)).size).toBe(7);
  });

  it('keeps the address of every shelter only sealed: the plain columns are empty', async () => {
    const secret = await t.db.select().from(sportelli).where(eq(sportelli.visibility, 'secret'));
    expect(secret.length).toBeGreaterThanOrEqual(3);
    for (const s of secret) {
      expect([s.address, s.lat, s.lon]).toEqual([null, null, null]);
      expect(s.secretLocation).toBeTruthy();
      const location = await openLocation(t.ctx.crypto, t.db, s.id, s.secretLocation!);
      expect(location.address).toMatch(/Via Segreta/);
      expect(location.lat).not.toBeNull();
    }
    const reserved = await t.db.select({ n: count() }).from(sportelli).where(eq(sportelli.visibility, 'reserved'));
    expect(reserved[0]!.n).toBeGreaterThan(5);
  });

  it('answers for Bari with the CAV open Mon, Wed, Fri 9-13 — and closed on San Nicola', async () => {
    const monday = await territoryAt(t.db, '072006', new Date('2026-05-11T10:00:00+02:00'));
    expect(monday!.referent).toMatchObject({ name: 'Sede di Bari', openingHours: 'Mo,We,Fr 09:00-13:00' });
    expect(monday!.referent!.inPerson!.open).toBe(true);
    const tuesday = await territoryAt(t.db, '072006', new Date('2026-05-12T10:00:00+02:00'));
    expect(tuesday!.referent!.inPerson!.open).toBe(false);
    const sanNicola = await territoryAt(t.db, '072006', new Date('2026-05-08T10:00:00+02:00')); // a Friday
    expect(sanNicola!.referent!.inPerson!.open).toBe(false);
    expect(sanNicola!.referent!.inPerson!.nextOpening).toEqual(new Date('2026-05-11T09:00:00+02:00'));
  });

  it('sends the Alto Sebino to the Lovere desk, the rest of Bergamo Est to the phone line, and closes Bergamo on 26 August', async () => {
    expect((await territoryAt(t.db, '016128', new Date('2026-11-25T15:00:00+01:00')))!.referent!.name).toBe('Sportello di Lovere');
    expect((await territoryAt(t.db, '016198', new Date('2026-11-25T15:00:00+01:00')))!.referent!.name).toBe('Linea telefonica Voce di Donna');
    const bergamo = await territoryAt(t.db, '016024', new Date('2026-08-26T10:00:00+02:00')); // a Wednesday
    expect(bergamo!.referent!.name).toBe('Sede di Bergamo');
    expect(bergamo!.referent!.inPerson!.open).toBe(false);
    expect(bergamo!.sportelli.some((s) => s.h24 && s.visibility === 'public' && s.phone!.open)).toBe(true);
    expect(bergamo!.sportelli.every((s) => !['Casa rifugio', 'Struttura di pronto intervento'].includes(s.name))).toBe(true);
  });

  it('opens about 200 pathways of the CAV and the shelter, at every stage, the closed ones with their outcome', async () => {
    const rows = await bergamoCaseload(t);
    expect(rows.length).toBe(planDemoCases().length);
    expect(rows.length).toBeGreaterThanOrEqual(190);
    expect(rows.length).toBeLessThanOrEqual(210);
    const owners = await t.db.select({ id: organisations.id, externalId: organisations.externalId }).from(organisations).where(inArray(organisations.externalId, [DEMO_ORGANISATIONS.cav, DEMO_ORGANISATIONS.rifugio]));
    for (const o of owners) expect(rows.filter((r) => r.organisationId === o.id).length, o.externalId!).toBeGreaterThan(20);
    expect(rows.every((r) => owners.some((o) => o.id === r.organisationId))).toBe(true);

    const byStage = Object.fromEntries(caseStages.map((s) => [s, rows.filter((r) => r.stage === s).length]));
    for (const stage of caseStages) expect(byStage[stage], stage).toBeGreaterThanOrEqual(10);
    expect((byStage.presa_in_carico! + byStage.concluso!) / rows.length).toBeGreaterThan(0.6);
    const closed = rows.filter((r) => r.stage === 'concluso');
    for (const r of closed) expect([r.closedOn, r.closureOutcome].every(Boolean), r.code).toBe(true);
    expect(new Set(closed.map((r) => r.closureOutcome)).size).toBeGreaterThanOrEqual(4);
    const reopened = rows.filter((r) => r.reopenedCount > 0);
    expect(reopened.length).toBeGreaterThanOrEqual(2);
    for (const r of reopened) expect(r.stage).not.toBe('concluso');

    // First contacts over the 12 months before the fixed reference date, every month represented.
    const from = addDays(DEMO_CASES_REFERENCE, -365);
    expect(rows.every((r) => r.contactOn > from && r.contactOn <= DEMO_CASES_REFERENCE)).toBe(true);
    expect(new Set(rows.map((r) => r.contactOn.slice(0, 7))).size).toBeGreaterThanOrEqual(12);
    for (const r of rows) expect(r.lastContactAt, r.code).not.toBeNull();
  });

  it('follows the ISTAT shares of the women who turn to a CAV (DOMAIN.md §5)', async () => {
    const rows = await bergamoCaseload(t);
    const share = (test: (p: (typeof rows)[number]['profile']) => boolean) => rows.filter((r) => test(r.profile)).length / rows.length;
    const tally = (values: string[]) => [...values.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<string, number>())].sort((a, b) => b[1] - a[1]).map(([v]) => v);

    expect(tally(rows.map((r) => r.profile.ageBand!)).slice(0, 2).sort()).toEqual(['30_39', '40_49']);
    expect(share((p) => p.ageBand === '30_39' || p.ageBand === '40_49')).toBeGreaterThan(0.45);
    expect(share((p) => p.citizenship === 'italiana')).toBeGreaterThan(0.55);
    expect(share((p) => p.citizenship === 'italiana')).toBeLessThan(0.75);
    expect(share((p) => p.authorRelationship === 'partner' || p.authorRelationship === 'ex_partner')).toBeGreaterThan(0.7);
    expect(share((p) => p.authorRelationship === 'partner' || p.authorRelationship === 'ex_partner')).toBeLessThan(0.9);
    expect(tally(rows.flatMap((r) => r.profile.violenceTypes)).slice(0, 2)).toEqual(['psicologica', 'fisica']);
    const channels = tally(rows.map((r) => r.profile.accessChannel!));
    expect(channels[0]).toBe('autonomo');
    for (const c of ['1522', 'forze_ordine', 'pronto_soccorso', 'servizi_sociali']) expect(channels, c).toContain(c);

    const mothers = new Set((await t.db.execute<{ case_id: string }>(sql`select distinct case_id from case_children`)).rows.map((r) => r.case_id));
    expect(mothers.size / rows.length).toBeGreaterThan(0.5);
    expect(mothers.size / rows.length).toBeLessThan(0.7);
    const witnessed = rows.filter((r) => mothers.has(r.id) && r.profile.violenceTypes.includes('assistita')).length;
    expect(witnessed / mothers.size).toBeGreaterThan(0.5);
  });

  it('records timeline, consents, children, authors and teams through the services: every write audited, the chain intact', async () => {
    // Ratios over the Bergamo caseload (the Cremona network's few pathways serve its autonomy programme: seeds/demo/autonomy.ts); audit rows over all.
    const n = (await bergamoCaseload(t)).length;
    const all = (await t.db.select({ n: count() }).from(cases))[0]!.n;
    const rows = async (q: string) => (await t.db.execute<Record<string, unknown>>(sql.raw(q))).rows;
    const [parts] = await rows(`select
      (select count(*) from case_events)::int as events,
      (select count(distinct case_id) from case_consents where purpose = 'statistiche_anonime')::int as statistics,
      (select count(distinct case_id) from case_consents where purpose = 'presa_in_carico')::int as taking_charge,
      (select count(*) from cases where accoglienza_on is not null)::int as received,
      (select count(*) from case_children)::int as children,
      (select count(*) from case_authors)::int as authors,
      (select count(*) from (select case_id from case_members group by case_id having count(*) > 1) t)::int as teams,
      (select count(*) from case_members where consent_id is not null)::int as shared`);
    expect(parts!.events).toBeGreaterThan(2 * n);
    expect(parts!.statistics as number).toBeGreaterThan(0.8 * n);
    expect(parts!.taking_charge as number).toBeGreaterThan(0.8 * (parts!.received as number));
    expect(parts!.children as number).toBeGreaterThan(0.6 * n);
    expect(parts!.authors as number).toBeGreaterThan(0.5 * n);
    expect(parts!.teams as number).toBeGreaterThan(20);
    expect(parts!.shared as number).toBeGreaterThanOrEqual(2);

    const audited = Object.fromEntries(
      (await rows(`select action, count(*)::int as n from audit_log where action like 'case.%' and outcome = 'success' group by action`)).map((r) => [r.action as string, r.n as number]),
    );
    expect(audited['case.create']).toBe(all);
    expect(audited['case.event_create']).toBe(parts!.events);
    expect(audited['case.child_write']).toBe(parts!.children);
    expect(audited['case.author_write']).toBe(parts!.authors);
    expect(audited['case.team']).toBeGreaterThan(20);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it('assesses the risk of many pathways with the example instrument through the service: some elevato, a history on some, the level derived', async () => {
    const rows = async (q: string) => (await t.db.execute<Record<string, unknown>>(sql.raw(q))).rows;
    const [risk] = await rows(`select
      (select count(*) from risk_instruments where code = 'trama-esempio')::int as instruments,
      (select count(*) from risk_assessments)::int as assessments,
      (select count(distinct case_id) from risk_assessments where final_level = 'elevato')::int as high,
      (select count(*) from (select case_id from risk_assessments group by case_id having count(*) >= 2) t)::int as histories,
      (select count(*) from (select case_id from risk_assessments group by case_id having count(*) >= 3) t)::int as long_histories,
      (select count(*) from cases c where c.risk_level is distinct from (
        select a.final_level from risk_assessments a where a.case_id = c.id order by a.assessed_on desc, a.created_at desc limit 1))::int as not_derived,
      (select count(*) from plan_actions where type = 'proporre_revisione_multiagenzia')::int as reviews_proposed`);
    expect(risk!.instruments as number).toBeGreaterThanOrEqual(1);
    expect(risk!.assessments as number).toBeGreaterThan(100);
    expect(risk!.high as number).toBeGreaterThan(20);
    expect(risk!.histories as number).toBeGreaterThan(10);
    expect(risk!.long_histories as number).toBeGreaterThan(0);
    expect(risk!.not_derived).toBe(0);
    expect(risk!.reviews_proposed as number).toBeGreaterThan(0);
    const [audited] = await rows(`select count(*)::int as n from audit_log where action = 'case.risk_write' and outcome = 'success'`);
    expect(audited!.n).toBe(risk!.assessments);
  });

  it('records a year of 1522 calls through the routing service: every quarter, transfers only to a desk that was answering', async () => {
    const rows = async (q: string) => (await t.db.execute<Record<string, unknown>>(sql.raw(q))).rows;
    const [calls] = await rows(`select count(*)::int as n, min(at) as first, max(at) as last,
      count(distinct to_char(at at time zone 'Europe/Rome', 'YYYY-Q'))::int as quarters,
      count(*) filter (where network_id is null)::int as outside,
      count(*) filter (where outcome = 'transferred')::int as transferred,
      count(*) filter (where outcome = 'informed')::int as informed,
      count(*) filter (where outcome = 'transferred' and sportello_id is null)::int as transferred_nowhere,
      count(distinct language)::int as languages from call_log`);
    expect(calls!.n as number).toBeGreaterThan(400);
    expect(calls!.quarters as number).toBeGreaterThanOrEqual(4);
    expect(new Date(calls!.last as string).getTime()).toBeLessThan(new Date(`${addDays(DEMO_CASES_REFERENCE, 1)}T00:00:00+01:00`).getTime());
    expect(calls!.outside as number).toBeGreaterThan(0);
    expect(calls!.transferred as number).toBeGreaterThan(0);
    expect(calls!.informed as number).toBeGreaterThan(0);
    expect(calls!.transferred_nowhere).toBe(0);
    expect(calls!.languages as number).toBeGreaterThan(3);
    // Each call was looked up and recorded by the demo 1522 operator, as at the helpline.
    const [audited] = await rows(`select count(*)::int as n from audit_log where action = 'routing.call_record' and outcome = 'success'`);
    expect(audited!.n).toBe(calls!.n);
  });

  it('refers pathways from the CAV in every state, on sharing consents listing their purpose, the accepted ones first contacted (seeds/demo/referrals.ts)', async () => {
    const rows = async (q: string) => (await t.db.execute<Record<string, unknown>>(sql.raw(q))).rows;
    const states = Object.fromEntries((await rows(`select state, count(*)::int as n from referrals group by state`)).map((r) => [r.state as string, r.n as number]));
    expect(states).toEqual({ in_attesa: 2, accettata: 2, rifiutata: 1, ritirata: 1, scaduta: 1 });
    const [checks] = await rows(`select
      (select count(*) from referrals r join case_consents c on c.id = r.consent_id
        where c.purpose = 'condivisione' and c.recipient_organisation_id = r.to_organisation_id and c.referral_purposes ? r.purpose)::int as on_consent,
      (select count(*) from referrals where state = 'accettata' and first_contact_at > referred_at)::int as first_contacts,
      (select count(*) from referrals where state = 'rifiutata' and decline_reason is not null)::int as reasoned,
      (select count(*) from audit_log where action = 'referral.create')::int as audited,
      (select count(*) from notifications where referral_id is not null)::int as notices`);
    expect(checks).toEqual({ on_consent: 7, first_contacts: 2, reasoned: 1, audited: 7, notices: expect.any(Number) });
    expect(checks!.notices as number).toBeGreaterThan(7);
    // One pathway is coordinated by the social service that accepted its referral (docs/cases.md, "Coordination").
    const coordinated = await rows(`select k.organisation_id = r.to_organisation_id as by_recipient, r.state, r.sections ? 'plan' as with_plan from case_coordination k join referrals r on r.id = k.referral_id`);
    expect(coordinated).toEqual([{ by_recipient: true, state: 'accettata', with_plan: true }]);
  });

  it('holds structures of every level in the demo network, about 85 % full, requests in every state and one emergency awaiting authorisation', async () => {
    const rows = async (q: string) => (await t.db.execute<Record<string, unknown>>(sql.raw(q))).rows;
    // Every level among the structures serving the demo CAV's network (Pianura).
    const levels = await rows(`select distinct s.level from shelter_structures s join shelter_structure_networks n on n.structure_id = s.id
      join networks w on w.id = n.network_id where w.external_id = 'demo-bg-rete-pianura' order by 1`);
    expect(levels.map((r) => r.level)).toEqual(['casa_rifugio', 'comunita', 'non_dedicata', 'pronto_intervento', 'seconda_accoglienza']);
    const [places] = await rows(`select count(*) filter (where state = 'occupato')::int as occupied, count(*) filter (where state <> 'fuori_servizio')::int as in_service,
      count(*) filter (where state = 'trattenuto')::int as held, count(*) filter (where state = 'libero')::int as free from shelter_places`);
    const share = (places!.occupied as number) / (places!.in_service as number);
    expect(share).toBeGreaterThan(0.78);
    expect(share).toBeLessThan(0.92);
    expect(places!.held as number).toBeGreaterThan(0);
    expect(places!.free as number).toBeGreaterThan(0);
    const states = await rows(`select distinct state from placement_requests order by 1`);
    expect(states.map((r) => r.state)).toEqual(['accettata', 'aperta', 'ammessa', 'chiusa', 'in_attesa'].sort());
    const [emergency] = await rows(`select count(*)::int as n from shelter_stays s join shelter_authorisations a on a.stay_id = s.id
      where s.path = 'emergenza' and s.state = 'in_autorizzazione' and a.state = 'in_attesa' and a.due_at > now()`);
    expect(emergency!.n).toBe(1);
    // Every occupied place belongs to a stay still running; the addresses exist only sealed.
    const [stray] = await rows(`select count(*)::int as n from shelter_places p join shelter_stays s on s.id = p.stay_id where s.state not in ('in_corso', 'in_autorizzazione')`);
    expect(stray!.n).toBe(0);
    expect(JSON.stringify(await rows('select * from shelter_structures'))).not.toContain('indirizzo di prova');
    // The casa rifugio's head (responsabile.rifugio) has a proposal to answer, running stays, and a held flat to move one of them into.
    const [head] = await rows(`select
      (select count(*)::int from placement_proposals p join shelter_structures s on s.id = p.structure_id where s.organisation_id = m.organisation_id and p.state = 'in_attesa') as waiting,
      (select count(*)::int from shelter_stays y join shelter_structures s on s.id = y.structure_id where s.organisation_id = m.organisation_id and y.state = 'in_corso') as running,
      (select count(*)::int from placement_proposals p join placement_requests r on r.id = p.request_id where r.requesting_organisation_id = m.organisation_id and p.state = 'accettata') as held
      from memberships m join users u on u.id = m.user_id where u.username = 'responsabile.rifugio' and m.role = 'organisation_head'`);
    expect(head).toEqual({ waiting: 1, running: expect.any(Number), held: 1 });
    expect(head!.running as number).toBeGreaterThan(0);
  });

  it('keeps first names only sealed: no identity column holds one in plain text', async () => {
    const names = [...DEMO_FIRST_NAMES, ...DEMO_CHILD_NAMES];
    for (const table of CASE_TABLES) {
      const raw = JSON.stringify((await t.db.execute(sql.raw(`select * from ${table}`))).rows);
      for (const name of names) expect(raw, `${name} in ${table}`).not.toContain(name);
      expect(raw, table).not.toContain('firstName');
    }
    const audit = JSON.stringify(await t.db.select().from(auditLog).orderBy(asc(auditLog.id)));
    for (const name of names) expect(audit).not.toContain(name);

    // The names are there, sealed: about half the women gave one, and it opens under her case's key.
    const rows = await t.db.select({ id: cases.id, identity: cases.identitySealed, safeContact: cases.safeContactSealed }).from(cases);
    const named = rows.filter((r) => r.identity);
    expect(named.length / rows.length).toBeGreaterThan(0.35);
    expect(named.length).toBeLessThan(rows.length);
    for (const r of named.slice(0, 20)) {
      const identity = await unseal<{ firstName?: string; lastName?: string }>(t.ctx.crypto, t.db, 'case.identity', r.id, r.identity);
      expect(DEMO_FIRST_NAMES).toContain(identity!.firstName);
      expect(Object.keys(identity!)).toEqual(['firstName']);
    }
    // The only phone numbers are the unassigned "000" ones.
    const phones: (string | undefined)[] = [];
    for (const r of rows.filter((x) => x.safeContact)) {
      const contact = await unseal<{ safePerson?: { phone?: string } }>(t.ctx.crypto, t.db, 'case.safe_contact', r.id, r.safeContact);
      phones.push(contact!.safePerson?.phone);
    }
    const given = phones.filter((p): p is string => p !== undefined);
    expect(given.length).toBeGreaterThan(0);
    for (const phone of given) expect(phone).toMatch(/^035 000 \d{4}$/);
  });

  it('lets every demo account sign in (password step)', async () => {
    for (const username of DEMO_USERNAMES) {
      const step = await loginPassword(t, { username, password: DEMO_PASSWORD });
      expect(step.res.statusCode, username).toBe(200);
      expect(step.csrf).toBeTruthy();
    }
  });

  it('does nothing the second time, whether asked if empty or asked outright', async () => {
    // The sign-ins above left audit rows the chainer links after their commit: link them first.
    await t.chained();
    const before = await adminTablesDigest(t.db);
    const caseData = await caseDataDigest(t.db);
    expect(await loadDemoIfEmpty(t.ctx)).toBeNull();
    const again = await loadDemo(t.ctx);
    expect(again.accounts).toHaveLength(13);
    await t.chained();
    expect(await adminTablesDigest(t.db)).toBe(before);
    expect(await caseDataDigest(t.db)).toBe(caseData);
    const [loads] = await t.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'demo.load'));
    expect(loads!.n).toBe(1);
  });
});

describe('loading the demo on an instance that is not empty', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('completes a load interrupted after the directory import', { timeout: 600_000 }, async () => {
    await importDirectory(t.ctx, { kind: 'system' }, file);
    const demo = await loadDemoIfEmpty(t.ctx);
    expect(demo?.accounts).toHaveLength(13);
    const [u] = await t.db.select({ n: count() }).from(users);
    expect(u!.n).toBe(13);
    expect(await bergamoCaseload(t)).toHaveLength(planDemoCases().length);
  });

  it('leaves an instance with its own organisations alone', async () => {
    const other = await buildTestApp();
    try {
      await insertOrganisation(other.db, { name: 'CAV reale', type: 'cav' });
      const before = await adminTablesDigest(other.db);
      expect(await loadDemoIfEmpty(other.ctx)).toBeNull();
      expect(await adminTablesDigest(other.db)).toBe(before);
    } finally {
      await other.close();
    }
  });

  it('refuses, writing nothing, when a demo username is already taken', async () => {
    const other = await buildTestApp();
    try {
      await other.db.insert(users).values({ username: 'analista', displayName: 'Persona reale', passwordHash: 'x' });
      const before = await adminTablesDigest(other.db);
      await expect(loadDemo(other.ctx)).rejects.toThrow(/demo username/);
      expect(await adminTablesDigest(other.db)).toBe(before);
      const [n] = await other.db.select({ n: count() }).from(networks).where(and(like(networks.externalId, 'demo-%')));
      expect(n!.n).toBe(0);
    } finally {
      await other.close();
    }
  });
});
