import ExcelJS from 'exceljs';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { directoryImportFile, sportelli } from '../../src/server/modules/directory/index.js';
import { insertNetwork, insertOrganisation, networks, organisations } from '../../src/server/modules/organisations/index.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { COMUNI, createSportello, setTerritory } from '../support/directory.js';
import { type Agent, createUser, createWorld, login, type World } from '../support/world.js';

/** Planted values that must never leave in an export: the shelter's name and address, and every transfer number. */
const SECRET_NAME = 'Rifugio Gelsomino Segretissimo';
const SECRET_ADDRESS = 'Via Nascosta Novantanove';
const TRANSFER = ['+39 02 5555 0101', '+39 02 5555 0202', '+39 02 5555 0303'];
/** Whole numbers, spaced and compact: a bare digit group such as '5555' also occurs by chance in request ids and timings. */
const FORBIDDEN = [SECRET_NAME, SECRET_ADDRESS, 'Nascosta', 'Gelsomino', ...TRANSFER, ...TRANSFER.map((n) => n.replaceAll(' ', ''))];

let t: TestApp;
let w: World;
let admin: Agent;
let coordinator: Agent;
let otherCoordinator: Agent;
let headA: Agent;
const ids: Record<'public' | 'reserved' | 'secret' | 'outside', string> = { public: '', reserved: '', secret: '', outside: '' };

beforeAll(async () => {
  t = await buildTestApp();
  w = await createWorld(t);
  ids.public = await createSportello(t, w.orgs.cavA, {
    name: 'Sportello Pubblico Bergamo',
    address: 'Via Aperta 1',
    comuneCode: COMUNI.bergamo,
    lat: 45.69,
    lon: 9.67,
    phones: ['+39 035 000 1111'],
    transferPhone: TRANSFER[0],
    openingHours: 'Mo-Fr 09:00-13:00',
    closures: [{ kind: 'annual', month: 8, day: 26, label: "Sant'Alessandro" }],
    notes: '=HYPERLINK("http://x.example")',
  });
  ids.reserved = await createSportello(t, w.orgs.cavA, { name: 'Sportello Riservato Seriate', visibility: 'reserved', comuneCode: COMUNI.seriate, transferPhone: TRANSFER[1] });
  ids.secret = await createSportello(t, w.orgs.shelter, {
    name: SECRET_NAME,
    visibility: 'secret',
    address: SECRET_ADDRESS,
    lat: 45.7,
    lon: 9.7,
    comuneCode: COMUNI.seriate,
    transferPhone: TRANSFER[2],
    h24: true,
  });
  ids.outside = await createSportello(t, w.orgs.cavB, { name: 'Sportello di un altra rete', comuneCode: COMUNI.milano });
  await setTerritory(t, w.network, [COMUNI.bergamo, COMUNI.seriate, COMUNI.treviglio], ids.public, { [COMUNI.seriate]: ids.reserved });

  const otherCapofila = await insertOrganisation(t.db, { name: 'Capofila altra rete', type: 'ente_capofila' });
  await insertNetwork(t.db, { name: 'Rete altrui', capofilaOrganisationId: otherCapofila });
  const other = await createUser(t, { memberships: [{ organisationId: otherCapofila, role: 'network_coordinator' }] });
  admin = await login(t, w.users.admin);
  coordinator = await login(t, w.users.coordinator);
  otherCoordinator = await login(t, other);
  headA = await login(t, w.users.headA);
});
afterAll(() => t.close());

const url = (format: string, network = w.network, kind = 'internal') => `/api/directory/export?network=${network}&kind=${kind}&format=${format}`;
const download = (agent: Agent | null, format: string, network = w.network, kind = 'internal') =>
  t.app.inject({ method: 'GET', url: url(format, network, kind), headers: agent ? { cookie: agent.cookie } : {} });
const publicMap = (agent: Agent, format: string) => download(agent, format, w.network, 'public');
const csvRows = (text: string) => text.slice(1).trimEnd().split('\r\n');
const exportAudits = () => t.db.select().from(auditLog).where(eq(auditLog.action, 'directory.export')).orderBy(asc(auditLog.id));
const expectNoSecrets = (text: string) => {
  for (const s of FORBIDDEN) expect(text).not.toContain(s);
};

async function xlsxText(buffer: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheets: Record<string, string[][]> = {};
  book.eachSheet((sheet) => {
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
    sheets[sheet.name] = rows;
  });
  return sheets;
}

describe('GET /api/directory/export', () => {
  it('internal CSV: UTF-8 with BOM, one row per public or reserved sportello, formula cells neutralised, no secret and no transfer number', async () => {
    const res = await download(coordinator, 'csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="trama-elenco-interno-rete-${w.network}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    const text = res.body;
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^Organizzazione,ID organizzazione,Tipo,/);
    expect(text).toContain('Sportello Pubblico Bergamo');
    expect(text).toContain('Sportello Riservato Seriate');
    expect(text).toContain('Via Aperta 1');
    expect(text).toContain(`26/08 Sant'Alessandro`);
    expect(text).toContain(`"'=HYPERLINK(""http://x.example"")"`);
    expect(text).not.toContain('Sportello di un altra rete');
    expectNoSecrets(text);
    // Capofila and shelter have no exported sportello: one row each; CAV A two. Header + 4.
    expect(lines).toHaveLength(5);
    // Each row says what it is, in Italian: the reserved one is marked, values are labels, not codes.
    const header = lines[0]!.split(',');
    const cell = (name: string, column: string) => lines.find((l) => l.includes(name))!.split(',')[header.indexOf(column)];
    expect(cell('Sportello Riservato Seriate', 'Visibilità')).toBe('Riservato');
    expect(cell('Sportello Pubblico Bergamo', 'Visibilità')).toBe('Pubblico');
    expect(cell('Sportello Pubblico Bergamo', 'Tipo')).toBe('Centro antiviolenza (CAV)');
    expect(cell('Sportello Pubblico Bergamo', 'Reperibilità h24')).toBe('no');
    // Hours as people say them, not the OpenStreetMap expression.
    expect(cell('Sportello Pubblico Bergamo', 'Orari di apertura')).toMatch(/^lun–ven 9:00–13:00/);
    expect(text).not.toContain('Mo-Fr');
    expect(text).not.toMatch(/,(cav|public|reserved|true|false),/);
  });

  it('public map CSV: public sportelli only (and their organisation), no reserved row, no 1522 routing, no transfer number', async () => {
    const res = await publicMap(coordinator, 'csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="trama-mappa-pubblica-rete-${w.network}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    const lines = csvRows(res.body);
    expect(lines).toHaveLength(2); // header + the public sportello
    expect(lines[1]).toContain('Sportello Pubblico Bergamo');
    expect(res.body).not.toContain('Sportello Riservato Seriate');
    expect(res.body).not.toContain('Riservato');
    expect(lines[0]).not.toContain('Referente 1522');
    expect(lines[0]).not.toContain('Note');
    expect(res.body).not.toContain('HYPERLINK');
    expectNoSecrets(res.body);
  });

  it('internal XLSX: a sheet per entity, reserved rows marked, no secret and no transfer number in any cell', async () => {
    const res = await download(coordinator, 'xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain('.xlsx"');
    const sheets = await xlsxText(res.rawPayload);
    expect(Object.keys(sheets)).toEqual(['Organizzazioni', 'Sportelli', 'Territorio']);
    expect(sheets.Organizzazioni).toHaveLength(4); // header + capofila, CAV A, shelter
    expect(sheets.Sportelli!.map((r) => [r[0], r[3]])).toEqual([
      ['Sportello', 'Visibilità'],
      ['Sportello Pubblico Bergamo', 'Pubblico'],
      ['Sportello Riservato Seriate', 'Riservato'],
    ]);
    expect(sheets.Territorio!.slice(1).map((r) => [r[0], r[3]])).toEqual([
      [COMUNI.bergamo, 'Sportello Pubblico Bergamo'],
      [COMUNI.seriate, 'Sportello Riservato Seriate'],
      [COMUNI.treviglio, 'Sportello Pubblico Bergamo'],
    ]);
    expectNoSecrets(JSON.stringify(sheets));
  });

  it('public map XLSX: no reserved row, no referent, no secret and no transfer number in any cell', async () => {
    const res = await publicMap(coordinator, 'xlsx');
    expect(res.statusCode).toBe(200);
    const sheets = await xlsxText(res.rawPayload);
    expect(sheets.Organizzazioni!.slice(1).map((r) => r[0])).toEqual([expect.stringContaining('cav')]);
    expect(sheets.Sportelli!.slice(1).map((r) => r[0])).toEqual(['Sportello Pubblico Bergamo']);
    expect(sheets.Territorio![0]).toEqual(['Codice ISTAT comune', 'Comune', 'Provincia']);
    const all = JSON.stringify(sheets);
    expect(all).not.toContain('Riservato');
    expect(all).not.toContain('Referente');
    expectNoSecrets(all);
  });

  it('public map: no JSON (the import format is the whole directory)', async () => {
    const res = await coordinator.request('GET', url('json', w.network, 'public'));
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code])).toEqual([['/querystring/format', 'public_map_no_json']]);
  });

  it('JSON: the import format without secret items or transfer numbers, and importing it back changes nothing', async () => {
    const res = await download(coordinator, 'json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expectNoSecrets(res.body);
    expect(res.body).not.toContain('transferPhone');
    const file = res.json();
    expect(directoryImportFile.safeParse(file).success).toBe(true);
    expect(file.networks).toEqual([
      {
        externalId: `trama:${w.network}`,
        name: expect.any(String),
        capofila: `trama:${w.orgs.capofila}`,
        comuni: [COMUNI.bergamo, COMUNI.seriate, COMUNI.treviglio].sort(),
        referent: `trama:${ids.public}`,
        referentOverrides: [{ comune: COMUNI.seriate, referent: `trama:${ids.reserved}` }],
      },
    ]);
    expect(file.sportelli.map((s: { externalId: string }) => s.externalId).sort()).toEqual([`trama:${ids.public}`, `trama:${ids.reserved}`].sort());
    expect(file.organisations).toHaveLength(3);

    const back = await coordinator.request('POST', '/api/directory/import', file);
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ created: { networks: 0, organisations: 0, sportelli: 0 }, updated: { networks: 0, organisations: 0, sportelli: 0 } });
    expect(back.body.unchanged).toEqual({ networks: 1, organisations: 3, sportelli: 2 });
    const kept = await t.db.select({ id: sportelli.id, transferPhone: sportelli.transferPhone }).from(sportelli).where(eq(sportelli.organisationId, w.orgs.cavA));
    expect(kept.map((k) => k.transferPhone).sort()).toEqual([TRANSFER[0], TRANSFER[1]]);
  });

  it('audits each export with its format as purpose', async () => {
    const rows = await exportAudits();
    expect(rows.map((r) => [r.actorUserId, r.resourceType, r.resourceId, r.purpose, r.outcome])).toEqual(
      ['internal csv', 'public csv', 'internal xlsx', 'public xlsx', 'internal json'].map((f) => [w.users.coordinator.id, 'network', w.network, f, 'success']),
    );
  });

  it('lets the instance admin export any network', async () => {
    const res = await download(admin, 'csv');
    expect(res.statusCode).toBe(200);
    expectNoSecrets(res.body);
  });

  it('answers 404 to a coordinator of another network and for an unknown network, 403 to other roles, 401 without a session — and audits no export', async () => {
    const before = (await exportAudits()).length;
    expect((await download(otherCoordinator, 'json')).statusCode).toBe(404);
    expect((await download(coordinator, 'json', crypto.randomUUID())).statusCode).toBe(404);
    expect((await download(headA, 'csv')).statusCode).toBe(403);
    expect((await download(null, 'csv')).statusCode).toBe(401);
    expect((await exportAudits()).length).toBe(before);
  });

  it('refuses a bad query with pointers', async () => {
    const res = await coordinator.request('GET', `/api/directory/export?network=nope&kind=all&format=pdf`);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/querystring/format', '/querystring/kind', '/querystring/network']);
  });

  it('never writes a secret sportello or a transfer number to the logs', async () => {
    expectNoSecrets(t.logs.text);
    // The planted values are really in the database: the checks above could fail.
    const [secret] = await t.db.select().from(sportelli).where(and(eq(sportelli.id, ids.secret), eq(sportelli.name, SECRET_NAME)));
    expect(secret!.transferPhone).toBe(TRANSFER[2]);
    const [network] = await t.db.select().from(networks).where(eq(networks.id, w.network));
    expect(network!.referentSportelloId).toBe(ids.public);
    expect((await t.db.select().from(organisations).where(eq(organisations.id, w.orgs.shelter))).length).toBe(1);
  });
});
