/**
 * BENCH_ONLY=shelters npm run bench — the vacancy board (issue 13; target
 * on PostgreSQL: p99 under 50 ms at 200 requests/s, open loop).
 *
 * Data (made once; a second run on a kept database finds it): one region,
 * BENCH_SHELTER_STRUCTURES (160) structures of 20 housing organisations
 * with about BENCH_SHELTER_PLACES (1,500) places in units of 1 to 4, spread
 * over the comuni of Lombardia, serving one network; about 85 % of the
 * units held (accepted proposals, holds a week long), a few places out of
 * service. The network's readers: 10 CAV operators and social workers of
 * 10 requesting organisations (password and TOTP of the demo).
 *
 * Runs: (a) the no-op at 50 connections; (s1) the board, 50 readers in
 * closed loop, the readers and four queries in turn (no filter, a household
 * of three, a level and wheelchair, an area giving distance bands);
 * (s2) the same at a fixed 200 requests/s (bench/paced.ts) while a writer —
 * the head of one housing organisation — takes free places out of service
 * and puts them back through the API, ten times a second; (a) at 200/s.
 * Prints p50, p99, max and the ratios to the no-op.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../seeds/demo/demo.js';
import { prng } from '../seeds/demo/random.js';
import type { StructureLevel } from '../src/shared/shelters.js';
import { users } from '../src/server/access/access.tables.js';
import type { AppContext } from '../src/server/context.js';
import { systemCreateAccount } from '../src/server/modules/accounts/index.js';
import { comuni } from '../src/server/modules/directory/index.js';
import { insertNetwork, insertOrganisation, networks, organisations, setOrganisationNetworks } from '../src/server/modules/organisations/index.js';
import { addUnit, createStructure, placementProposals, placementRequests, shelterPlaces, shelterStructures } from '../src/server/modules/shelters/index.js';

const STRUCTURES = Number(process.env.BENCH_SHELTER_STRUCTURES ?? 160);
const PLACES = Number(process.env.BENCH_SHELTER_PLACES ?? 1500);
const NETWORK = 'Rete ospitalità (BENCH)';
const HOUSING = 20;
const READERS = 10;
const WRITER = 'bench.ospitalita.responsabile';
const reader = (n: number) => `bench.disponibilita.${n + 1}`;

export interface ShelterBench {
  readers: string[];
  writer: string;
  /** Places of the writer's structures she flips, free or out of service (id, structure, version, whether out): a second run finds those the first left out. */
  flips: { id: string; structureId: string; version: number; out: boolean }[];
  /** An area for the distance bands (a comune of the region). */
  area: string;
  seconds: number;
}

const LEVELS: StructureLevel[] = ['pronto_intervento', 'casa_rifugio', 'casa_rifugio', 'comunita', 'seconda_accoglienza', 'non_dedicata'];

/** Makes the region once (or finds it), in this process, before the server starts. */
export async function prepareShelters(ctx: AppContext): Promise<ShelterBench> {
  const { db } = ctx.database;
  const started = performance.now();
  const [found] = await db.select({ id: networks.id }).from(networks).where(eq(networks.name, NETWORK));
  if (!found) await makeRegion(ctx);
  const [writer] = await db.select({ id: users.id }).from(users).where(eq(users.username, WRITER));
  const [org] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, 'Ospitalità BENCH 1'));
  const flips = await db
    .select({ id: shelterPlaces.id, structureId: shelterPlaces.structureId, version: shelterPlaces.version, out: sql<boolean>`${shelterPlaces.state} = 'fuori_servizio'` })
    .from(shelterPlaces)
    .innerJoin(shelterStructures, eq(shelterStructures.id, shelterPlaces.structureId))
    .where(and(eq(shelterStructures.organisationId, org!.id), inArray(shelterPlaces.state, ['libero', 'fuori_servizio'])))
    .orderBy(asc(shelterPlaces.id))
    .limit(40);
  const [total] = await db.select({ n: sql<number>`count(*)::int` }).from(shelterPlaces);
  const [area] = await db.select({ code: comuni.istatCode }).from(comuni).where(eq(comuni.name, 'Brescia'));
  console.log(`Shelters region ${found ? 'found' : 'made'} in ${((performance.now() - started) / 1000).toFixed(1)} s: ${total!.n} places in all; the writer flips ${flips.length} places (free or out of service)`);
  if (!writer) throw new Error('bench writer missing');
  return { readers: Array.from({ length: READERS }, (_, n) => reader(n)), writer: WRITER, flips, area: area?.code ?? '017029', seconds: 0 };
}

async function makeRegion(ctx: AppContext) {
  const { db } = ctx.database;
  const random = prng(13);
  const region = await db.select({ code: comuni.istatCode }).from(comuni).where(eq(comuni.regionCode, '03')).orderBy(asc(comuni.istatCode));
  const capofila = await insertOrganisation(db, { name: 'Capofila ospitalità BENCH', type: 'ente_capofila' });
  const network = await insertNetwork(db, { name: NETWORK, capofilaOrganisationId: capofila });
  const housing: string[] = [];
  for (let n = 0; n < HOUSING; n++) {
    const id = await insertOrganisation(db, { name: `Ospitalità BENCH ${n + 1}`, type: n % 3 === 2 ? 'terzo_settore' : 'casa_rifugio' });
    await setOrganisationNetworks(db, id, [network]);
    housing.push(id);
  }
  const readerOrgs: string[] = [];
  for (let n = 0; n < READERS; n++) {
    const id = await insertOrganisation(db, { name: `Richiedente BENCH ${n + 1}`, type: n % 2 ? 'servizio_sociale' : 'cav' });
    await setOrganisationNetworks(db, id, [network]);
    readerOrgs.push(id);
  }
  await db.transaction(async (tx) => {
    for (const [n, organisationId] of readerOrgs.entries()) {
      const role = n % 2 ? 'social_worker' : 'operator';
      await systemCreateAccount(tx, ctx.crypto, { username: reader(n), displayName: `Lettrice ${n + 1} (BENCH)`, password: DEMO_PASSWORD, totpSecret: DEMO_TOTP_SECRET, memberships: [{ organisationId, role }] });
    }
    await systemCreateAccount(tx, ctx.crypto, {
      username: WRITER,
      displayName: 'Responsabile ospitalità (BENCH)',
      password: DEMO_PASSWORD,
      totpSecret: DEMO_TOTP_SECRET,
      memberships: [{ organisationId: housing[0]!, role: 'organisation_head' }],
    });
  });
  // Units of 1 to 4 places until each structure has its share of PLACES.
  const perStructure = PLACES / STRUCTURES;
  let placed = 0;
  for (let n = 0; n < STRUCTURES; n++) {
    const organisationId = housing[n % HOUSING]!;
    const actor = { userId: null, organisationId, manage: true, requestId: null };
    const level = LEVELS[Math.floor(random() * LEVELS.length)]!;
    const id = await createStructure(ctx, db, actor, {
      name: `Struttura BENCH ${n + 1}`,
      level,
      acceptsChildren: random() < 0.8,
      maxChildren: random() < 0.5 ? 3 : null,
      boysMaxAge: random() < 0.5 ? 14 : null,
      petsAllowed: random() < 0.2,
      wheelchairAccessible: random() < 0.4,
      languages: random() < 0.5 ? ['it', 'en'] : ['it', 'ar', 'fr'],
      staffed24h: random() < 0.5,
      protectionLevel: level === 'casa_rifugio' ? 'alta' : 'media',
      dailyFeeCents: 6000 + Math.floor(random() * 6000),
      contributionCents: level === 'seconda_accoglienza' ? 10000 : null,
      address: { street: `Via BENCH ${n + 1}`, comuneIstat: region[Math.floor(random() * region.length)]!.code, postcode: '20100' },
      networkIds: [network],
    });
    const target = Math.round((n + 1) * perStructure) - placed;
    for (let u = 0, left = target; left > 0; u++) {
      const places = Math.min(left, 1 + Math.floor(random() * 4));
      await addUnit(ctx, db, actor, id, { label: `Unità ${u + 1}`, wheelchairAccessible: random() < 0.3, places });
      left -= places;
      placed += places;
    }
  }
  // About 85 % of the units held for a week (accepted proposals), a few places out of service.
  const units = await db
    .select({ unitId: shelterPlaces.unitId, structureId: shelterPlaces.structureId })
    .from(shelterPlaces)
    .innerJoin(shelterStructures, eq(shelterStructures.id, shelterPlaces.structureId))
    .where(inArray(shelterStructures.organisationId, housing))
    .groupBy(shelterPlaces.unitId, shelterPlaces.structureId)
    .orderBy(asc(shelterPlaces.unitId));
  const week = new Date(Date.now() + 7 * 86_400_000);
  for (const [n, u] of units.entries()) {
    const r = random();
    if (r < 0.85) {
      const [request] = await db
        .insert(placementRequests)
        .values({ code: `BENCH-${n}`, requestingOrganisationId: readerOrgs[n % READERS]!, urgency: 'urgente', state: 'accettata' })
        .returning({ id: placementRequests.id });
      const [proposal] = await db.insert(placementProposals).values({ requestId: request!.id, structureId: u.structureId, state: 'accettata', holdExpiresAt: week }).returning({ id: placementProposals.id });
      await db.update(shelterPlaces).set({ state: 'trattenuto', proposalId: proposal!.id }).where(eq(shelterPlaces.unitId, u.unitId));
    } else if (r < 0.88) {
      await db.update(shelterPlaces).set({ state: 'fuori_servizio' }).where(eq(shelterPlaces.unitId, u.unitId));
    }
  }
  await db.execute(sql`vacuum analyze shelter_places`);
}

/** What the board runs need from bench/run.ts (its measuring functions, passed in to avoid an import cycle). */
export interface BenchTools {
  base: string;
  signedIn: (username: string, from?: string) => Promise<{ cookie: string; csrf: string }>;
  measure: (title: string, target: () => { path: string; headers: Record<string, string> } | string, options?: { connections?: number; seconds?: number }) => Promise<{ rps: number; p50: number; p99: number; max?: number }>;
  measureAtRate: (title: string, target: () => { path: string; headers: Record<string, string> } | string, headers?: Record<string, string>, rate?: number) => Promise<{ rps: number; p50: number; p99: number; max?: number }>;
  rate: number;
}

export async function runShelters(tools: BenchTools, bench: ShelterBench): Promise<void> {
  const sessions: string[] = [];
  for (const [n, username] of bench.readers.entries()) sessions.push((await tools.signedIn(username, `127.0.2.${n + 1}`)).cookie);
  const queries = ['', '?household=3', '?level=casa_rifugio&wheelchair=true', `?area=${bench.area}`];
  let i = 0;
  const board = () => {
    const n = i++;
    return { path: `/api/shelters/board${queries[n % queries.length]}`, headers: { cookie: sessions[n % sessions.length]! } };
  };
  const probe = await fetch(`${tools.base}${board().path}`, { headers: board().headers });
  const body = (await probe.json()) as { items?: unknown[]; totals?: { free: number } };
  console.log(`\nthe vacancy board: probe ${probe.status}, ${body.items?.length ?? 0} structures, ${body.totals?.free ?? 0} free places`);

  const many = { connections: 50 };
  const a50 = await tools.measure('(a) GET /healthz, 50 connections', () => '/healthz', many);
  await tools.measure('warm-up (s)', board, { ...many, seconds: 3 });
  const s1 = await tools.measure('(s1) GET /api/shelters/board, 50 readers', board, many);

  // The writer: free places out of service and back, ten a second, through the API (If-Match on each place).
  const writer = await tools.signedIn(bench.writer, '127.0.2.200');
  const state = bench.flips.map((p) => ({ ...p }));
  let stop = false;
  let flips = 0;
  let refused = 0;
  const writing = (async () => {
    for (let k = 0; !stop && state.length; k++) {
      const p = state[k % state.length]!;
      const res = await fetch(`${tools.base}/api/shelters/structures/${p.structureId}/places/${p.id}/service`, {
        method: 'POST',
        headers: { cookie: writer.cookie, 'x-csrf-token': writer.csrf, 'content-type': 'application/json', 'if-match': `"${p.version}"` },
        body: JSON.stringify({ outOfService: !p.out }),
      });
      await res.arrayBuffer();
      if (res.ok) {
        p.version++;
        p.out = !p.out;
        flips++;
      } else refused++;
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const s2 = await tools.measureAtRate(`(s2) board @ ${tools.rate}/s, writer flipping`, board, {}, tools.rate);
  stop = true;
  await writing;
  const a2 = await tools.measureAtRate(`(a) /healthz @ ${tools.rate}/s`, () => '/healthz', {}, tools.rate);
  console.log(`  the writer flipped ${flips} places during (s2)${refused ? `, ${refused} refused` : ''}`);
  console.log(`  (s1) board            throughput ${(s1.rps / a50.rps).toFixed(3)}   p99 ${(s1.p99 / Math.max(a50.p99, 1)).toFixed(1)}x   (to (a) at 50 connections)`);
  console.log(`  (s2) board @ ${tools.rate}/s     p50 ${s2.p50} ms   p99 ${s2.p99} ms   max ${s2.max} ms   = ${(s2.p99 / Math.max(a2.p99, 1)).toFixed(1)}x (a) at ${tools.rate}/s (target: p99 under 50 ms on PostgreSQL)`);
}
