import { and, count, eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../src/server/access/access.tables.js';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { directoryImportFile, importDirectory, networkComuni, sportelli, territoryAt } from '../../src/server/modules/directory/index.js';
import { openLocation } from '../../src/server/modules/directory/sportello.location.js';
import { insertOrganisation, networkMembers, networks, organisations } from '../../src/server/modules/organisations/index.js';
import { DEMO_PASSWORD, DEMO_USERNAMES, loadDemo, loadDemoIfEmpty } from '../../seeds/demo/demo.js';
import { buildDemoDirectory } from '../../seeds/demo/directory.js';
import { comuniOfProvince } from '../../seeds/demo/comuni.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { adminTablesDigest } from '../support/digest.js';
import { loginPassword } from '../support/world.js';

const file = buildDemoDirectory();
const parsed = directoryImportFile.parse(JSON.parse(JSON.stringify(file)));

describe('the demo directory file', () => {
  it('is a valid trama-directory/1 file once written as JSON', () => {
    expect(parsed.format).toBe('trama-directory/1');
    expect(parsed.networks).toHaveLength(6);
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
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('loads the directory and the eight accounts, and prints them', async () => {
    const demo = await loadDemoIfEmpty(t.ctx);
    expect(demo).not.toBeNull();
    expect(demo!.accounts.map((a) => a.username)).toEqual(DEMO_USERNAMES);
    expect(demo!.banner).toContain(DEMO_PASSWORD);
    expect(demo!.banner).toContain('coordinatrice');
    const [u] = await t.db.select({ n: count() }).from(users);
    expect(u!.n).toBe(8);
    const [n] = await t.db.select({ n: count() }).from(networks).where(like(networks.externalId, 'demo-%'));
    expect(n!.n).toBe(6);
    const [o] = await t.db.select({ n: count() }).from(organisations);
    expect(o!.n).toBe(parsed.organisations.length);
    const [s] = await t.db.select({ n: count() }).from(sportelli);
    expect(s!.n).toBe(parsed.sportelli.length);
    const [bg] = await t.db.select({ n: count() }).from(networkComuni).where(like(networkComuni.istatCode, '016%'));
    expect(bg!.n).toBe(comuniOfProvince('016').length);
    const audits = await t.db.select().from(auditLog).where(inArray(auditLog.action, ['demo.load', 'directory.import']));
    expect(audits.map((a) => a.action).sort()).toEqual(['demo.load', 'directory.import']);
  });

  it('shares one CAV between three networks and another between two; each network has its capofila', async () => {
    const networksOf = async (externalId: string) => {
      const [org] = await t.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.externalId, externalId));
      return t.db.select().from(networkMembers).where(eq(networkMembers.organisationId, org!.id));
    };
    expect(await networksOf('demo-bg-cav-filo-rosso')).toHaveLength(3);
    expect(await networksOf('demo-bg-cav-voce-di-donna')).toHaveLength(2);
    const capofila = await t.db.select().from(networkMembers).where(eq(networkMembers.isCapofila, true));
    expect(new Set(capofila.map((c) => c.networkId)).size).toBe(6);
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

  it('lets every demo account sign in (password step)', async () => {
    for (const username of DEMO_USERNAMES) {
      const step = await loginPassword(t, { username, password: DEMO_PASSWORD });
      expect(step.res.statusCode, username).toBe(200);
      expect(step.csrf).toBeTruthy();
    }
  });

  it('does nothing the second time, whether asked if empty or asked outright', async () => {
    const before = await adminTablesDigest(t.db);
    expect(await loadDemoIfEmpty(t.ctx)).toBeNull();
    const again = await loadDemo(t.ctx);
    expect(again.accounts).toHaveLength(8);
    expect(await adminTablesDigest(t.db)).toBe(before);
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

  it('completes a load interrupted after the directory import', async () => {
    await importDirectory(t.ctx, { kind: 'system' }, file);
    const demo = await loadDemoIfEmpty(t.ctx);
    expect(demo?.accounts).toHaveLength(8);
    const [u] = await t.db.select({ n: count() }).from(users);
    expect(u!.n).toBe(8);
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
