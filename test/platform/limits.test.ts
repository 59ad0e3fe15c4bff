import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FailureWindow } from '../../src/server/access/rate-limit.js';
import type { Database, Db } from '../../src/server/platform/db.js';
import { LimitKeys, sweepExpiredLimits } from '../../src/server/platform/limits.js';
import { countRequest, sharedRateLimitStore } from '../../src/server/platform/limits.counters.js';
import { rateLimitCounters, rateLimitHits } from '../../src/server/platform/limits.tables.js';
import { SlidingWindows } from '../../src/server/platform/limits.windows.js';
import { freshDatabase } from '../support/app.js';

/**
 * The shared rate limits (platform/limits*) on the suite's database: PGlite
 * with `npm test`, PostgreSQL with `npm run test:pg` (where parallel
 * attempts really run on several connections). Times are given, never
 * waited for.
 */

const MINUTE = 60_000;
let database: Database;
let db: Db;
const keys = new LimitKeys(randomBytes(32));
beforeAll(async () => {
  database = await freshDatabase();
  db = database.db;
});
afterAll(() => database.close());

let n = 0;
/** A key no other test uses. */
const fresh = (label: string) => `${label}-${++n}-${randomBytes(4).toString('hex')}`;
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);
const hitsOf = async (bucket: string, key: string) =>
  (await db.select({ n: count() }).from(rateLimitHits).where(and(eq(rateLimitHits.bucket, bucket), eq(rateLimitHits.key, keys.of(bucket, key)))))[0]!.n;

describe('LimitKeys', () => {
  it('stores an HMAC, never the address or the name, and keeps buckets apart', () => {
    const stored = keys.of('login_account', 'mario.rossi');
    expect(stored).toMatch(/^[0-9a-f]{32}$/);
    expect(stored).not.toContain('mario');
    expect(keys.of('login_address', 'mario.rossi')).not.toBe(stored);
    expect(new LimitKeys(randomBytes(32)).of('login_account', 'mario.rossi')).not.toBe(stored);
  });
});

describe('sliding windows of failures', () => {
  const windows = () => new SlidingWindows(db, keys);
  const base = new Date('2031-03-02T10:00:00Z');

  it('blocks at the limit, counts nothing while blocked, and lets one in as the oldest attempt leaves the window', async () => {
    const rule = new FailureWindow(windows(), 'login_account', 3, 10 * MINUTE);
    const who = fresh('account');
    expect(await rule.take(who, at(base, 0))).toBe(0);
    expect(await rule.take(who, at(base, 1 * MINUTE))).toBe(0);
    expect(await rule.take(who, at(base, 2 * MINUTE))).toBe(0);
    // Full: the first attempt leaves the window at 10 min, 7 min from now.
    expect(await rule.take(who, at(base, 3 * MINUTE))).toBe(7 * 60);
    expect(await rule.retryAfter(who, at(base, 3 * MINUTE))).toBe(7 * 60);
    expect(await hitsOf('login_account', who)).toBe(3);
    // A sliding window: at 10 min one place is free again, not three.
    expect(await rule.take(who, at(base, 10 * MINUTE))).toBe(0);
    expect(await rule.take(who, at(base, 10 * MINUTE + 1))).toBe(60);
    // Another key is not affected.
    expect(await rule.take(fresh('account'), at(base, 10 * MINUTE))).toBe(0);
  });

  it('forgets a key on reset (her success ends the failures counted against her)', async () => {
    const rule = new FailureWindow(windows(), 'mfa_account', 2, MINUTE);
    const who = fresh('user');
    await rule.take(who, base);
    await rule.take(who, base);
    expect(await rule.take(who, base)).toBeGreaterThan(0);
    await rule.reset(who);
    expect(await rule.take(who, base)).toBe(0);
  });

  it('counts several limits all or nothing: a full one blocks and nothing is counted in the others', async () => {
    const store = windows();
    const perAddress = new FailureWindow(store, 'login_address', 5, MINUTE);
    const perAccount = new FailureWindow(store, 'login_account', 1, MINUTE);
    const address = fresh('10.0.0');
    const account = fresh('account');
    expect(await store.take([perAddress.hit(address), perAccount.hit(account)], base)).toBe(0);
    expect(await store.take([perAddress.hit(address), perAccount.hit(account)], at(base, 1000))).toBe(59);
    expect(await hitsOf('login_address', address)).toBe(1);
    expect(await hitsOf('login_account', account)).toBe(1);
  });

  it('counts parallel attempts exactly: never more than the limit gets through', async () => {
    const rule = new FailureWindow(windows(), 'login_account', 5, MINUTE);
    const who = fresh('account');
    const waits = await Promise.all(Array.from({ length: 24 }, (_, i) => rule.take(who, at(base, i))));
    expect(waits.filter((w) => w === 0)).toHaveLength(5);
    expect(waits.filter((w) => w > 0)).toHaveLength(19);
    expect(await hitsOf('login_account', who)).toBe(5);
  });

  it('counts parallel attempts on several keys at once without deadlock', async () => {
    const store = windows();
    const a = new FailureWindow(store, 'login_address', 100, MINUTE);
    const b = new FailureWindow(store, 'login_account', 100, MINUTE);
    const [x, y] = [fresh('x'), fresh('y')];
    // Opposite orders in the calls: the store locks in one order.
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.take(i % 2 ? [a.hit(x), b.hit(y)] : [b.hit(y), a.hit(x)], base)));
    expect(await hitsOf('login_address', x)).toBe(20);
    expect(await hitsOf('login_account', y)).toBe(20);
  });

  it('refuses a limit that could never let anyone in', () => {
    expect(() => new FailureWindow(windows(), 'login_account', 0, MINUTE)).toThrow();
    expect(() => new FailureWindow(windows(), 'login_account', 3, 0)).toThrow();
  });
});

describe('fixed windows of requests (the public area)', () => {
  const base = new Date('2032-05-04T08:00:00Z');

  it('counts in a window that starts at the first request, then starts again', async () => {
    const key = fresh('GET /api/public/help|');
    expect(await countRequest(db, key, MINUTE, base)).toEqual({ current: 1, ttl: MINUTE });
    expect(await countRequest(db, key, MINUTE, at(base, 20_000))).toEqual({ current: 2, ttl: 40_000 });
    expect(await countRequest(db, key, MINUTE, at(base, MINUTE))).toEqual({ current: 1, ttl: MINUTE });
  });

  it('counts parallel requests exactly', async () => {
    const key = fresh('GET /api/public/comuni|');
    const states = await Promise.all(Array.from({ length: 40 }, () => countRequest(db, key, MINUTE, base)));
    expect(states.map((s) => s.current).sort((p, q) => p - q)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('shares one limit between two applications on one database, as two servers would', async () => {
    const clock = () => base;
    const build = async () => {
      const app = Fastify({ logger: false });
      await app.register(rateLimit, { global: false, store: sharedRateLimitStore(db, keys, clock) });
      app.get('/api/public/ping', { config: { rateLimit: { max: 4, timeWindow: MINUTE } } }, async () => ({ ok: true }));
      app.get('/api/public/other', { config: { rateLimit: { max: 4, timeWindow: MINUTE } } }, async () => ({ ok: true }));
      await app.ready();
      return app;
    };
    const [one, two] = [await build(), await build()];
    try {
      const call = (app: typeof one, url = '/api/public/ping', ip = '10.9.0.1') => app.inject({ method: 'GET', url, remoteAddress: ip });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await call(i % 2 ? two : one)).statusCode);
      expect(statuses).toEqual([200, 200, 200, 200]);
      expect((await call(one)).statusCode).toBe(429);
      expect((await call(two)).statusCode).toBe(429);
      // Per route and per address, as the plugin's own store.
      expect((await call(two, '/api/public/other')).statusCode).toBe(200);
      expect((await call(one, '/api/public/ping', '10.9.0.2')).statusCode).toBe(200);
      // No address is stored.
      const rows = await db.select({ key: rateLimitCounters.key }).from(rateLimitCounters);
      expect(rows.map((r) => r.key).join('\n')).not.toContain('10.9.0');
      expect(rows.map((r) => r.key)).toContain(`GET /api/public/ping|${keys.of('public', '10.9.0.1')}`);
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('refuses the plugin options it does not implement', async () => {
    const app = Fastify({ logger: false });
    await expect(app.register(rateLimit, { global: false, continueExceeding: true, store: sharedRateLimitStore(db, keys) })).rejects.toThrow(
      /continueExceeding/,
    );
    await app.close();
  });
});

describe('expired rows', () => {
  it('are swept, and only they', async () => {
    const base = new Date('2033-01-01T00:00:00Z');
    const rule = new FailureWindow(new SlidingWindows(db, keys), 'login_address', 10, MINUTE);
    const [old, recent] = [fresh('old'), fresh('recent')];
    await rule.take(old, base);
    await rule.take(recent, at(base, 50_000));
    const [oldCounter, recentCounter] = [fresh('old|'), fresh('recent|')];
    await countRequest(db, oldCounter, MINUTE, base);
    await countRequest(db, recentCounter, MINUTE, at(base, 50_000));

    await sweepExpiredLimits(db, at(base, MINUTE));
    expect(await hitsOf('login_address', old)).toBe(0);
    expect(await hitsOf('login_address', recent)).toBe(1);
    const counters = await db.select({ key: rateLimitCounters.key }).from(rateLimitCounters);
    expect(counters.map((c) => c.key)).not.toContain(oldCounter);
    expect(counters.map((c) => c.key)).toContain(recentCounter);
  });
});
