/**
 * The caseload benchmark's data: BENCH_OPERATORS operator accounts (50),
 * one per CAV of the national directory (bench/national.ts), and
 * BENCH_CASES cases (100,000) shared among them round-robin, each with its
 * operator on the team as referente, its stage history and an identity
 * (a first name, a surname, a mobile number: benchPhone) and for some a
 * safe contact, sealed with ctx.crypto under the CAV's data key exactly as
 * the cases service seals them, so that the list and the read pay for
 * decryption, and with its blind-index tokens (search.index.ts) as the
 * service writes them, so that the search runs on 100,000 indexed cases. Profiles follow the demo's ISTAT
 * shares (seeds/demo/cases.profile.ts); first contacts span three years.
 *
 * Written with multi-row inserts of CHUNK rows, not through the API: the
 * point is to measure the reads at that size, not to wait for 100,000
 * audited writes. No audit rows, timeline, consents or children are made
 * (the case read counts them by index; they would add nothing but time).
 * All in one transaction with the accounts: a second run on the same
 * database finds the accounts and reads the cases back.
 */
import { randomUUID } from 'node:crypto';
import { asc, eq, inArray, like } from 'drizzle-orm';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../seeds/demo/demo.js';
import { drawWoman, randomFirstName } from '../seeds/demo/cases.profile.js';
import { type Random, addDays, between, chance, daysBetween, oneOf, prng, romeInstant, weighted } from '../seeds/demo/random.js';
import { caseSections, caseStages } from '../src/shared/cases.js';
import { users } from '../src/server/access/access.tables.js';
import type { AppContext } from '../src/server/context.js';
import { systemCreateAccount } from '../src/server/modules/accounts/index.js';
import { seal } from '../src/server/modules/cases/cases.seal.js';
import { identityTokens, searchKey } from '../src/server/modules/cases/search.index.js';
import { caseSearchTokens } from '../src/server/modules/cases/search.tables.js';
import { caseMembers, caseStageChanges, cases } from '../src/server/modules/cases/cases.tables.js';
import { networkComuni } from '../src/server/modules/directory/index.js';
import { networkMembers, organisations } from '../src/server/modules/organisations/index.js';

export const BENCH_CASES = Number(process.env.BENCH_CASES ?? 100_000);
export const BENCH_OPERATORS = Number(process.env.BENCH_OPERATORS ?? 50);
const CHUNK = 1000;

/** Surnames of the bench's women (fictitious, frequent Italian ones). */
export const BENCH_SURNAMES = ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno', 'Gallo', 'Conti', 'De Luca', 'Mancini', 'Costa', 'Giordano', 'Rizzo', 'Lombardi', 'Moretti', "D'Angelo", 'Barbieri', 'Fontana', 'Santoro', 'Mariani'] as const;
/** The mobile number of the bench's case n (unique per case, fictitious). */
export const benchPhone = (n: number) => `+39 349 ${String(1_000_000 + n).slice(1, 4)} ${String(1_000_000 + n).slice(4)}`;

export interface Caseload {
  operators: { username: string; caseIds: string[] }[];
  /** Seconds spent generating (0: found from an earlier run). */
  seconds: number;
  total: number;
}

const operatorName = (n: number) => `bench.operatrice.${String(n + 1).padStart(2, '0')}`;

export async function prepareCaseload(ctx: AppContext): Promise<Caseload> {
  const { db } = ctx.database;
  const usernames = Array.from({ length: BENCH_OPERATORS }, (_, n) => operatorName(n));
  const existing = await db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.username, usernames));
  if (existing.length) {
    const operators = await Promise.all(
      usernames.map(async (username) => {
        const user = existing.find((u) => u.username === username);
        const rows = user ? await db.select({ id: caseMembers.caseId }).from(caseMembers).where(eq(caseMembers.userId, user.id)).orderBy(asc(caseMembers.caseId)) : [];
        return { username, caseIds: rows.map((r) => r.id) };
      }),
    );
    return { operators, seconds: 0, total: operators.reduce((n, o) => n + o.caseIds.length, 0) };
  }

  const started = performance.now();
  const cavs = await db.select({ id: organisations.id }).from(organisations).where(like(organisations.externalId, 'bench-n%-cav-%')).orderBy(asc(organisations.externalId)).limit(BENCH_OPERATORS);
  if (cavs.length < BENCH_OPERATORS) throw new Error(`the national directory has ${cavs.length} CAV, fewer than BENCH_OPERATORS=${BENCH_OPERATORS}`);
  // Each CAV's women live in (the first of) its network(s).
  const territory = await Promise.all(
    cavs.map(async (cav) => {
      const [member] = await db.select({ networkId: networkMembers.networkId }).from(networkMembers).where(eq(networkMembers.organisationId, cav.id)).orderBy(asc(networkMembers.networkId)).limit(1);
      const comuni = await db.select({ code: networkComuni.istatCode }).from(networkComuni).where(eq(networkComuni.networkId, member!.networkId));
      return { organisationId: cav.id, networkId: member!.networkId, comuni: comuni.map((c) => c.code) };
    }),
  );

  const random = prng(100_000);
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' });
  const userIds: string[] = [];
  const caseIds: string[][] = usernames.map(() => []);
  await db.transaction(async (tx) => {
    for (const [n, username] of usernames.entries()) {
      userIds[n] = await systemCreateAccount(tx, ctx.crypto, {
        username,
        displayName: `Operatrice ${n + 1} (BENCH)`,
        password: DEMO_PASSWORD,
        totpSecret: DEMO_TOTP_SECRET,
        memberships: [{ organisationId: territory[n]!.organisationId, role: 'operator' }],
      });
    }
    for (let first = 0; first < BENCH_CASES; first += CHUNK) {
      const rows = Array.from({ length: Math.min(CHUNK, BENCH_CASES - first) }, (_, k) => draw(random, first + k, today));
      // On PostgreSQL the seals run on the pool, in parallel (each looks up the data key); PGlite has one
      // connection, which the open transaction holds.
      const sealer = ctx.database.kind === 'pg' ? db : tx;
      const key = await searchKey(ctx, tx);
      // A seal now makes the case's own key (four queries): a few cases at a time, or the pool's waiters time out.
      const sealed = await inGroups(
        rows,
        ctx.database.kind === 'pg' ? 8 : 1,
        async (r) => {
          const place = territory[r.n % BENCH_OPERATORS]!;
          return {
            identity: await seal(ctx.crypto, sealer, { id: r.id, organisationId: place.organisationId }, 'case.identity', r.id, r.identity),
            safeContact: await seal(ctx.crypto, sealer, { id: r.id, organisationId: place.organisationId }, 'case.safe_contact', r.id, r.safeContact),
          };
        },
      );
      await tx.insert(cases).values(
        rows.map((r, k) => {
          const op = r.n % BENCH_OPERATORS;
          const place = territory[op]!;
          caseIds[op]!.push(r.id);
          return {
            ...r.record,
            organisationId: place.organisationId,
            comuneCode: oneOf(random, place.comuni),
            networkId: place.networkId,
            identitySealed: sealed[k]!.identity,
            safeContactSealed: sealed[k]!.safeContact,
            createdBy: userIds[op]!,
          };
        }),
      );
      const tokens = rows.flatMap((r) => identityTokens(key, territory[r.n % BENCH_OPERATORS]!.organisationId, r.identity).map((token) => ({ caseId: r.id, token })));
      for (let i = 0; i < tokens.length; i += 5000) await tx.insert(caseSearchTokens).values(tokens.slice(i, i + 5000));
      await tx.insert(caseStageChanges).values(rows.flatMap((r) => r.stages.map((s) => ({ ...s, caseId: r.id, byUserId: userIds[r.n % BENCH_OPERATORS]! }))));
      await tx.insert(caseMembers).values(
        rows.map((r) => {
          const op = r.n % BENCH_OPERATORS;
          return { caseId: r.id, userId: userIds[op]!, organisationId: territory[op]!.organisationId, referente: true, sections: [...caseSections], addedBy: userIds[op]! };
        }),
      );
    }
  });
  return { operators: usernames.map((username, n) => ({ username, caseIds: caseIds[n]! })), seconds: (performance.now() - started) / 1000, total: BENCH_CASES };
}

const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** A unique code in the service's format, from the case's number ("Z" first: apart from the random codes of real cases). */
function benchCode(n: number, contactOn: string): string {
  let tail = '';
  for (let v = n, i = 0; i < 7; i++, v = Math.floor(v / 32)) tail = CODE_ALPHABET[v % 32] + tail;
  return `P${contactOn.slice(2, 4)}-Z${tail.slice(0, 3)}-${tail.slice(3)}`;
}

/** One case: the record (without its owner and sealed fields), its stage history. */
function draw(random: Random, n: number, today: string) {
  const id = randomUUID();
  const contactOn = addDays(today, -between(random, 0, 3 * 365));
  const age = daysBetween(contactOn, today);
  const stage =
    age < 15 ? weighted(random, { contatto: 60, accoglienza: 40 })
    : age < 60 ? weighted(random, { contatto: 20, accoglienza: 35, presa_in_carico: 45 })
    : age < 365 ? weighted(random, { contatto: 10, accoglienza: 10, presa_in_carico: 45, concluso: 35 })
    : weighted(random, { contatto: 5, accoglienza: 5, presa_in_carico: 15, concluso: 75 });
  const capped = (day: string) => (day > today ? today : day);
  const steps = caseStages.slice(0, caseStages.indexOf(stage) + 1);
  const dates = [contactOn];
  for (const gap of [[1, 14], [5, 40], [45, 365]] as const) dates.push(capped(addDays(dates.at(-1)!, between(random, gap[0], gap[1]))));
  const outcome = stage === 'concluso' ? weighted(random, { obiettivi_raggiunti: 45, abbandono: 22, inviata_servizi_territoriali: 17, trasferita: 8, altro: 8 }) : null;
  const last = dates[steps.length - 1]!;
  const touched = romeInstant(capped(addDays(last, between(random, 0, 30))), between(random, 8, 19), between(random, 0, 59));
  return {
    id,
    n,
    identity: { firstName: randomFirstName(random), lastName: oneOf(random, BENCH_SURNAMES), phones: [benchPhone(n)] },
    safeContact: chance(random, 0.25) ? { channels: ['telefono' as const], noMessages: true } : null,
    record: {
      id,
      code: benchCode(n, contactOn),
      stage,
      contactOn,
      accoglienzaOn: steps.length > 1 ? dates[1]! : null,
      presaInCaricoOn: steps.length > 2 ? dates[2]! : null,
      closedOn: outcome ? dates[3]! : null,
      closureOutcome: outcome,
      riskLevel: steps.length > 1 ? weighted(random, { basso: 30, medio: 45, elevato: 25 }) : null,
      emergency: chance(random, 0.07),
      profile: drawWoman(random, 'cav', contactOn, today).profile,
      lastContactAt: touched,
      version: steps.length,
      createdAt: romeInstant(contactOn, 10, 0),
      updatedAt: touched,
    },
    stages: steps.map((s, i) => ({ stage: s, on: dates[i]!, outcome: s === 'concluso' ? outcome : null, at: romeInstant(dates[i]!, 10, i) })),
  };
}

/** Maps the items `size` at a time (in order): bounded parallelism on a pool. */
async function inGroups<T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}
