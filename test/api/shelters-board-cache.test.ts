import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardOut } from '../../src/shared/shelters.structures.api.js';
import { BoardCache, type BoardEntry } from '../../src/server/modules/shelters/board.cache.js';
import { boardCache, shelterPlaces } from '../../src/server/modules/shelters/index.js';
import { insertNetwork, insertOrganisation, setOrganisationNetworks } from '../../src/server/modules/organisations/index.js';
import type { Database, ListenHandlers } from '../../src/server/platform/db.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { COMUNI } from '../support/directory.js';
import { expectOk, match, ok } from '../support/http.js';
import { type ShelterWorld, createShelterWorld, structureBody } from '../support/shelters.js';
import { type Agent, createUser, login } from '../support/world.js';

/**
 * The vacancy board kept in memory (docs/shelters.md, "The vacancy board";
 * shelters/board.cache.ts): the answer is the schema's own, byte for byte,
 * kept or read afresh; a change made through the API or in SQL is on the
 * next answer (in SQL once its notice is heard); two organisations of
 * different networks never share an entry.
 */

let t: TestApp;
let w: ShelterWorld;
let head: Agent;
let cavA: Agent;
let headC: Agent;
let cavC: Agent;
let networkC: string;
beforeAll(async () => {
  t = await buildTestApp();
  w = await createShelterWorld(t);
  // A second network, with its own casa rifugio and CAV.
  const name = (p: string) => `${p}-${randomBytes(4).toString('hex')}`;
  const capofila = await insertOrganisation(t.db, { name: name('capofila'), type: 'ente_capofila' });
  networkC = await insertNetwork(t.db, { name: name('rete'), capofilaOrganisationId: capofila });
  const shelterC = await insertOrganisation(t.db, { name: name('casa'), type: 'casa_rifugio' });
  const cav = await insertOrganisation(t.db, { name: name('cav'), type: 'cav' });
  await setOrganisationNetworks(t.db, shelterC, [networkC]);
  await setOrganisationNetworks(t.db, cav, [networkC]);
  const [uHeadC, uCavC] = [
    await createUser(t, { memberships: [{ organisationId: shelterC, role: 'organisation_head' }] }),
    await createUser(t, { memberships: [{ organisationId: cav, role: 'operator' }] }),
  ];
  [head, cavA, headC, cavC] = await Promise.all([login(t, w.users.shelterHead), login(t, w.users.operatorA), login(t, uHeadC), login(t, uCavC)]);
  await boardCache(t.ctx).heardAll();
});
afterAll(() => t.close());

const created = expectOk(201);
type Item = { id: string; free: number; distanceBand: string | null };

async function structure(by: Agent, networkId: string, units: number[], over: Parameters<typeof structureBody>[1] = {}) {
  let s = created(await by.request('POST', '/api/shelters/structures', structureBody([networkId], over)));
  for (const [i, places] of units.entries()) s = created(await by.request('POST', `/api/shelters/structures/${s.id}/units`, { label: `U${i + 1}`, places }));
  return s;
}

/** The answer as sent: its text and content type. */
async function raw(agent: Agent, query = '') {
  const res = await t.app.inject({ method: 'GET', url: `/api/shelters/board${query}`, headers: { cookie: agent.cookie } });
  expect(res.statusCode).toBe(200);
  return { body: res.body, type: res.headers['content-type'] };
}
const withoutAt = (body: string) => body.replace(/,"at":"[^"]+"}$/, '}');
const items = async (agent: Agent, query = '') => (JSON.parse((await raw(agent, query)).body) as { items: Item[] }).items;
const itemOf = async (agent: Agent, id: string, query = '') => (await items(agent, query)).find((i) => i.id === id);

describe('the answer', () => {
  it('is what the schema writes, byte for byte, whether kept or read afresh', async () => {
    await structure(head, w.network, [3, 1]);
    await structure(head, w.network, [2], { level: 'comunita', wheelchairAccessible: false, address: { street: 'Via Bari 3', comuneIstat: COMUNI.bari, postcode: '70121' } });
    const cache = boardCache(t.ctx);
    expect(cache.listening).toBe(true);
    const queries = ['', '?household=2', '?level=casa_rifugio&wheelchair=true', `?area=${COMUNI.seriate}`, `?area=${COMUNI.seriate}&household=3`];
    const kept: string[] = [];
    for (const q of queries) {
      const first = await raw(cavA, q);
      const again = await raw(cavA, q);
      expect(first.type).toBe('application/json; charset=utf-8');
      for (const { body } of [first, again]) {
        const parsed = JSON.parse(body) as { at: string };
        expect(body).toBe(JSON.stringify(boardOut.encode({ ...(parsed as object), at: new Date(parsed.at) } as never)));
      }
      expect(withoutAt(again.body)).toBe(withoutAt(first.body));
      kept.push(withoutAt(first.body));
    }
    // Read afresh, nothing kept (as while the listening connection is down): the same answers.
    await cache.stop();
    try {
      for (const [n, q] of queries.entries()) expect(withoutAt((await raw(cavA, q)).body)).toBe(kept[n]);
    } finally {
      await cache.start(t.ctx.database);
    }
    expect(cache.listening).toBe(true);
  });

  it('with an area: bands and nearest first, from the same kept rows', async () => {
    const bergamo = await structure(head, w.network, [1]);
    const bari = await structure(head, w.network, [1], { address: { street: 'Via Bari 4', comuneIstat: COMUNI.bari, postcode: '70121' } });
    expect((await itemOf(cavA, bergamo.id))!.distanceBand).toBeNull();
    const near = await items(cavA, `?area=${COMUNI.seriate}`);
    expect(near.find((i) => i.id === bergamo.id)!.distanceBand).toBe('lt20');
    expect(near.find((i) => i.id === bari.id)!.distanceBand).toBe('gt100');
    const bands = near.map((i) => i.distanceBand);
    expect(bands.indexOf('gt100')).toBeGreaterThan(bands.lastIndexOf('lt20'));
    expect((await itemOf(cavA, bergamo.id, `?area=${COMUNI.milano}`))!.distanceBand).toBe('20_50');
    // The plain answer after them is unchanged: no band kept.
    expect((await itemOf(cavA, bergamo.id))!.distanceBand).toBeNull();
  });
});

describe('changes', () => {
  it('a place taken out of service through the API is on the next answer; one changed in SQL once its notice is heard', async () => {
    const s = await structure(head, w.network, [2]);
    const [p1, p2] = s.units[0].places;
    expect(await itemOf(cavA, s.id)).toMatchObject({ free: 2 });
    expect(await itemOf(cavA, s.id, '?household=2')).toMatchObject({ free: 2 });
    ok(await head.request('POST', `/api/shelters/structures/${s.id}/places/${p1.id}/service`, { outOfService: true }, match(1)));
    expect(await itemOf(cavA, s.id)).toMatchObject({ free: 1 });
    expect(await itemOf(cavA, s.id, '?household=2')).toBeUndefined();
    await t.db.update(shelterPlaces).set({ state: 'fuori_servizio' }).where(eq(shelterPlaces.id, p2.id));
    await boardCache(t.ctx).heardAll();
    expect(await itemOf(cavA, s.id)).toMatchObject({ free: 0 });
    await t.db.update(shelterPlaces).set({ state: 'libero' }).where(eq(shelterPlaces.id, p2.id));
    await boardCache(t.ctx).heardAll();
    expect(await itemOf(cavA, s.id)).toMatchObject({ free: 1 });
  });

  it('an organisation joining a network sees its structures once the notice is heard', async () => {
    const sC = await structure(headC, networkC, [1]);
    expect(await itemOf(cavA, sC.id)).toBeUndefined();
    await setOrganisationNetworks(t.db, w.orgs.cavA, [w.network, networkC]);
    await boardCache(t.ctx).heardAll();
    try {
      expect(await itemOf(cavA, sC.id)).toMatchObject({ free: 1 });
    } finally {
      await setOrganisationNetworks(t.db, w.orgs.cavA, [w.network]);
      await boardCache(t.ctx).heardAll();
    }
    expect(await itemOf(cavA, sC.id)).toBeUndefined();
  });
});

describe('organisations', () => {
  it('two organisations of different networks, with the same filters, each see their own network only', async () => {
    const sA = await structure(head, w.network, [2]);
    const sC = await structure(headC, networkC, [2]);
    for (const q of ['', '?household=2', `?area=${COMUNI.seriate}`]) {
      for (let round = 0; round < 2; round++) {
        const a = (await items(cavA, q)).map((i) => i.id);
        const c = (await items(cavC, q)).map((i) => i.id);
        expect(a).toContain(sA.id);
        expect(a).not.toContain(sC.id);
        expect(c).toContain(sC.id);
        expect(c).not.toContain(sA.id);
      }
    }
  });
});

describe('the cache itself', () => {
  /** A database whose notices the test sends. */
  function fakeDatabase() {
    let on: ListenHandlers | null = null;
    const database = { listen: async (_channel: string, handlers: ListenHandlers) => ((on = handlers), handlers.state(true), async () => undefined) } as unknown as Database;
    return { database, notify: () => on!.message('*'), drop: () => on!.state(false) };
  }
  const entry = (): BoardEntry => ({ items: [], json: [], centres: [], answers: new Map() });

  it('reads once for the requests of one generation, keeps it, and keeps nothing read across a change', async () => {
    const cache = new BoardCache();
    const db = fakeDatabase();
    await cache.start(db.database);
    let reads = 0;
    let release: () => void = () => undefined;
    const slow = () => {
      reads++;
      return new Promise<BoardEntry>((resolve) => (release = () => resolve(entry())));
    };
    const [one, two] = [cache.board('n1', slow), cache.board('n1', slow)];
    release();
    expect(await one).toBe(await two);
    expect(reads).toBe(1);
    expect(await cache.board('n1', slow)).toBe(await one);
    expect(reads).toBe(1);
    // A change heard while reading: the read answers its requests but is not kept, and a later request does not join it.
    db.notify();
    const during = cache.board('n1', slow);
    const releaseDuring = release;
    db.notify();
    const after = cache.board('n1', slow);
    expect(reads).toBe(3);
    releaseDuring();
    release();
    await Promise.all([during, after]);
    const next = cache.board('n1', slow);
    expect(reads).toBe(3);
    expect(await next).toBe(await after);
    // Not listening: every request reads.
    db.drop();
    const n = reads;
    const again = cache.board('n1', () => ((reads += 1), Promise.resolve(entry())));
    await again;
    expect(reads).toBe(n + 1);
    await cache.stop();
  });
});
