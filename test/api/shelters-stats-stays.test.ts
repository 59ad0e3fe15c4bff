import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { shelterAuthorisations } from '../../src/server/modules/shelters/index.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { expectOk, match } from '../support/http.js';
import { type Agent, createUser, createWorld, login } from '../support/world.js';
import { agents, createStaysWorld, heldRequest, type StaysWorld } from './shelters-stays.world.js';

/**
 * The stays' yearly counts (docs/shelters.md, "Yearly stay counts"):
 * admissions by path, running on 31 December, women and children, days
 * lived inside the year (the exit day not counted), exits by reason and
 * length, the emergency admissions' authorisations — exact numbers for 2025,
 * small cells hidden with their complement; who reads which structures.
 */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());
const created = expectOk(201);
const ok = expectOk(200);

type Agents = Awaited<ReturnType<typeof agents>>;
type Counts = { admissions: number | null; admissionsByPath: { path: string; count: number | null }[]; running: number | null; women: number | null; children: number | null; presenceDays: number | null; exits: number | null; exitsByReason: { reason: string; count: number | null }[]; exitsByLength: { band: string; count: number | null }[]; authorisations: { outcome: string; count: number | null }[] };
const flat = (c: Counts) => ({
  admissions: c.admissions,
  byPath: c.admissionsByPath.map((p) => p.count),
  running: c.running,
  women: c.women,
  children: c.children,
  presenceDays: c.presenceDays,
  exits: c.exits,
  byReason: Object.fromEntries(c.exitsByReason.map((r) => [r.reason, r.count])),
  byLength: c.exitsByLength.map((b) => b.count),
  authorisations: Object.fromEntries(c.authorisations.map((a) => [a.outcome, a.count])),
});
const level = (body: { levels: (Counts & { level: string })[] }, name: string) => flat(body.levels.find((l) => l.level === name)!);

/** A year of the casa rifugio (12 beds) and a move to the second-level flat of another organisation. */
async function yearOfStays(s: StaysWorld, a: Agents) {
  const emergency = async (admittedOn: string, children: { age: number; sex: 'F' | 'M' }[] = []) =>
    created(await a.shelter.request('POST', '/api/shelters/stays/emergency', { structureId: s.structure.id, socialServiceId: s.orgs.social, admittedOn, children }));
  const decide = async (stay: { authorisation: { id: string } }, decision: 'autorizza' | 'rifiuta') => {
    const auth = ok(await a.social.request('GET', `/api/shelters/authorisations/${stay.authorisation.id}`));
    ok(await a.social.request('POST', `/api/shelters/authorisations/${auth.id}/decide`, decision === 'autorizza' ? { decision, payerOrganisationId: s.orgs.social } : { decision }, match(auth.version)));
  };
  const exit = async (id: string, exitedOn: string, reason: string) => {
    const stay = ok(await a.shelter.request('GET', `/api/shelters/stays/${id}`));
    return ok(await a.shelter.request('POST', `/api/shelters/stays/${id}/exit`, { exitedOn, reason }, match(stay.version)));
  };
  const agreed = async (admittedOn: string, children: { age: number; sex: 'F' | 'M' }[] = []) => {
    const { requestId, proposalId } = await heldRequest(t, s.orgs.cavA, s.structure, 1 + children.length, s.orgs.social);
    const asked = created(await a.cav.request('POST', '/api/shelters/authorisations', { requestId }));
    ok(await a.social.request('POST', `/api/shelters/authorisations/${asked.id}/decide`, { decision: 'autorizza', payerOrganisationId: s.orgs.social }, match(asked.version)));
    return created(await a.shelter.request('POST', '/api/shelters/stays', { proposalId, path: 'accordo', admittedOn, children }));
  };

  // Across the year's start: 20 Dec 2024 → 10 Jan 2025, 9 days in 2025 (1–9 January; the exit day not counted), 21 days long.
  const before = await agreed('2024-12-20', [{ age: 5, sex: 'F' }]);
  await exit(before.id, '2025-01-10', 'percorso_concluso');
  // Five emergencies in March, ten days each, back to the abuser; authorised.
  for (let i = 1; i <= 5; i++) {
    const x = await emergency(`2025-03-0${i}`);
    await decide(x, 'autorizza');
    await exit(x.id, `2025-03-${String(10 + i).padStart(2, '0')}`, 'rientro_maltrattante');
  }
  // Moved after ten days (1 → 11 May) to the second-level flat, still there.
  const moving = await emergency('2025-05-01');
  await decide(moving, 'autorizza');
  const { proposalId } = await heldRequest(t, s.orgs.shelter, s.structure2, 1, s.orgs.social);
  const movedStay = ok(await a.shelter.request('GET', `/api/shelters/stays/${moving.id}`));
  expect((await a.shelter.request('POST', `/api/shelters/stays/${moving.id}/move`, { proposalId, movedOn: '2025-05-11' }, match(movedStay.version))).status).toBe(201);
  // Agreed on 20 December, still there: 12 days in 2025, running on 31 December.
  await agreed('2025-12-20');
  // Five emergencies of the last days of December (5+4+3+2+1 days in 2025) with a child each, still there:
  // three authorised, one refused, one overdue.
  const late = [];
  for (let d = 27; d <= 31; d++) late.push(await emergency(`2025-12-${d}`, [{ age: 3, sex: 'M' }]));
  for (const x of late.slice(0, 3)) await decide(x, 'autorizza');
  await decide(late[3]!, 'rifiuta');
  await t.db.update(shelterAuthorisations).set({ dueAt: new Date(Date.now() - 3_600_000) }).where(eq(shelterAuthorisations.id, late[4]!.authorisation.id));
}

describe('the stays of a year', () => {
  it('counts the admissions, the running stays, the households, the days inside the year, the exits and the authorisations', async () => {
    const s = await createStaysWorld(t, 12);
    const a = await agents(t, s);
    await yearOfStays(s, a);

    // The casa rifugio's own staff: its structure only.
    const own = ok(await a.shelter.request('GET', '/api/shelters/stats/stays?year=2025'));
    expect(own).toMatchObject({ year: 2025, asOf: '2025-12-31', threshold: 5, scope: 'strutture', networks: [], structures: 1 });
    const rifugio = {
      admissions: 12, // 5 + 1 + 5 emergencies, 1 agreed
      byPath: [null, null], // agreed 1 hidden, and the emergencies (11) with it: else 12 − 11
      running: 6,
      women: 13,
      children: 6,
      presenceDays: 9 + 50 + 10 + 12 + 15,
      exits: 7,
      byReason: { percorso_concluso: null, fine_periodo: 0, abbandono: 0, rientro_maltrattante: 5, trasferimento: null, altro: 0 },
      byLength: [7, 0, 0, 0],
      authorisations: { autorizzata: 9, rifiutata: null, in_ritardo: null, in_attesa: 0 },
    };
    expect(level(own, 'casa_rifugio')).toEqual(rifugio);
    expect(flat(own.total)).toEqual(rifugio);
    expect(level(own, 'seconda_accoglienza')).toMatchObject({ admissions: 0, women: 0, presenceDays: 0 });
    // Counts only: no id of a stay, no structure, no address.
    const text = JSON.stringify(own);
    expect(text).not.toContain(s.structure.id);
    expect(text).not.toContain('not-opened-by-these-tests');

    // The coordinator: every structure serving her network — the move's next stay is the same woman, counted once in the total.
    const coord = ok(await a.coordinator.request('GET', '/api/shelters/stats/stays?year=2025'));
    expect(coord).toMatchObject({ scope: 'reti', networks: [{ id: s.w.network }], structures: 2 });
    expect(flat(coord.total)).toMatchObject({ admissions: 13, running: 7, women: 13, children: 6, presenceDays: 96 + 235, exits: 7 });
    // The flat's lone admission (1) is hidden, and the casa rifugio's with it (else 13 − 12).
    expect(level(coord, 'seconda_accoglienza')).toMatchObject({ admissions: null, running: null, women: null });
    expect(level(coord, 'casa_rifugio')).toMatchObject({ admissions: null, exits: 7 });
    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'shelter.stays.stats'), eq(auditLog.actorUserId, s.users.coordinator.id))).orderBy(asc(auditLog.id));
    expect(audits.map((r) => [r.outcome, r.resourceType, r.purpose])).toEqual([['success', 'organisation', '2025: networks:1, structures:2']]);

    // The other housing organisation: its flat only, all of it small.
    const flatOnly = ok(await a.shelter2.request('GET', '/api/shelters/stats/stays?year=2025'));
    expect(flatOnly).toMatchObject({ scope: 'strutture', structures: 1 });
    expect(flat(flatOnly.total)).toMatchObject({ admissions: null, running: null, women: null, presenceDays: 235, exits: 0 });

    // The year before: the stay of 20 December 2024 ran on 31 December with 12 days in it; the year after has not begun.
    const y2024 = ok(await a.shelter.request('GET', '/api/shelters/stats/stays?year=2024'));
    expect(flat(y2024.total)).toMatchObject({ admissions: null, running: null, presenceDays: 12, exits: 0 });
  });

  it('shows another network or organisation nothing of these stays; a CAV is refused; a bad year is a 400 on the field', async () => {
    const s = await createStaysWorld(t, 6);
    const a = await agents(t, s);
    for (let d = 1; d <= 5; d++) created(await a.shelter.request('POST', '/api/shelters/stays/emergency', { structureId: s.structure.id, socialServiceId: s.orgs.social, admittedOn: `2025-02-0${d}` }));
    expect(flat(ok(await a.coordinator.request('GET', '/api/shelters/stats/stays?year=2025')).total)).toMatchObject({ admissions: 5, running: 5 });

    // The coordinator of another network: none of these structures.
    const other = await createWorld(t);
    const foreign = await login(t, other.users.coordinator);
    const seen = ok(await foreign.request('GET', '/api/shelters/stats/stays?year=2025'));
    expect(seen).toMatchObject({ structures: 0, networks: [{ id: other.network }] });
    expect(flat(seen.total)).toMatchObject({ admissions: 0, running: 0, women: 0 });
    // A housing organisation that does not run them.
    expect(ok(await a.shelter2.request('GET', '/api/shelters/stats/stays?year=2025')).total.admissions).toBe(0);
    // A CAV's head or a social service: not theirs to read (403, audited as a denied route).
    const head: Agent = await login(t, s.users.headA);
    const refused = await head.request('GET', '/api/shelters/stats/stays?year=2025');
    expect([refused.status, refused.body.code]).toEqual([403, 'forbidden']);
    expect((await a.social.request('GET', '/api/shelters/stats/stays?year=2025')).status).toBe(403);
    // An observatory analyst of a member reads the network's counts.
    const analyst = await login(t, await createUser(t, { memberships: [{ organisationId: s.orgs.cavA, role: 'observatory_analyst' }] }));
    expect(flat(ok(await analyst.request('GET', '/api/shelters/stats/stays?year=2025')).total)).toMatchObject({ admissions: 5 });

    for (const q of ['year=abc', 'year=1999', 'year=2025.5', '']) {
      const bad = await a.coordinator.request('GET', `/api/shelters/stats/stays?${q}`);
      expect(bad.status, q).toBe(400);
      expect(bad.body.errors, q).toContainEqual(expect.objectContaining({ pointer: '/querystring/year' }));
    }
  });
});
