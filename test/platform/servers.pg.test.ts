import { count, eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../src/server/access/access.tables.js';
import { newTotpSecret } from '../../src/server/access/totp.js';
import { systemCreateAccount } from '../../src/server/modules/accounts/index.js';
import { sportelli } from '../../src/server/modules/directory/index.js';
import { insertNetwork, insertOrganisation, setOrganisationNetworks } from '../../src/server/modules/organisations/index.js';
import { rateLimitHits } from '../../src/server/platform/limits.tables.js';
import type { TestApp } from '../support/app.js';
import { COMUNI, createSportello, setTerritory } from '../support/directory.js';
import { type ServersOnOneDatabase, startServersOnOneDatabase } from '../support/servers.js';
import { PASSWORD } from '../support/world.js';

/**
 * Two real server processes on one PostgreSQL database, attacked through
 * both: every limit counts as one server's would. This file runs only in
 * the PostgreSQL suite (`npm run test:pg`): vitest.config.ts selects
 * `*.pg.test.ts` files only when TRAMA_TEST_DB=pg, since PGlite is one
 * process by design (platform/lock refuses a second one: test/platform/lock.test.ts).
 */

const PUBLIC_LIMIT = 6;

let s: ServersOnOneDatabase;
beforeAll(async () => {
  s = await startServersOnOneDatabase(2, { PUBLIC_RATE_LIMIT_PER_MINUTE: String(PUBLIC_LIMIT) });
}, 240_000);
afterAll(async () => {
  await s?.close();
}, 60_000);

let n = 0;
async function account(): Promise<{ username: string; totpSecret: string }> {
  const username = `due.server.${process.pid}.${++n}`;
  const totpSecret = newTotpSecret();
  await s.database.db.transaction((tx) =>
    systemCreateAccount(tx, s.crypto, { username, displayName: `Persona ${n}`, password: PASSWORD, isInstanceAdmin: false, totpSecret, memberships: [] }),
  );
  return { username, totpSecret };
}

/** A request to server `i`; the answer's status, JSON body, Retry-After and session cookie. */
async function call(i: number, method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${s.base(i)}${url}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('trama_session='))?.split(';')[0];
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null, retryAfter: res.headers.get('retry-after'), cookie };
}

const login = (i: number, username: string, password: string) => call(i, 'POST', '/api/auth/login', { username, password });
const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((t, x) => ({ ...t, [x]: (t[x] ?? 0) + 1 }), {});

describe('two servers on one PostgreSQL database', () => {
  it('both started on one fresh database at once (migrated once) and answer', async () => {
    expect(s.servers).toHaveLength(2);
    expect(s.servers[0]!.port).not.toBe(s.servers[1]!.port);
    for (const i of [0, 1]) expect((await call(i, 'GET', '/readyz')).status).toBe(200);
  });

  it('lock an account after 10 failed logins in all, however the attempts are spread and raced between them', async () => {
    const { username } = await account();
    // 16 wrong passwords at once, alternating between the servers: exactly 10 are tried, 6 refused.
    const wrong = await Promise.all(Array.from({ length: 16 }, (_, i) => login(i % 2, username, 'wrong-password-xyz')));
    expect(tally(wrong.map((r) => r.status))).toEqual({ 401: 10, 429: 6 });
    expect(wrong.filter((r) => r.status === 429).every((r) => r.body?.code === 'rate_limited' && Number(r.retryAfter) > 0)).toBe(true);
    expect((await s.database.db.select({ n: count() }).from(rateLimitHits).where(eq(rateLimitHits.bucket, 'login_account')))[0]!.n).toBe(10);
    // Her right password is refused too, on either server, while the window is full.
    for (const i of [0, 1]) expect((await login(i, username, PASSWORD)).status).toBe(429);
  });

  it('lock the second factor after 5 failed codes in all, on a session one made and the other honours', async () => {
    const user = await account();
    const first = await login(0, user.username, PASSWORD);
    expect(first.status).toBe(200);
    const headers = { cookie: first.cookie!, 'x-csrf-token': String(first.body!.csrfToken) };
    const now = Math.floor(Date.now() / 1000);
    const valid = await Promise.all([-1, 0, 1].map((step) => generate({ secret: user.totpSecret, epoch: now + step * 30 })));
    const wrongCode = ['000000', '111111', '222222', '333333'].find((c) => !valid.includes(c))!;
    for (let i = 0; i < 5; i++) {
      const res = await call(i % 2, 'POST', '/api/auth/mfa', { code: wrongCode }, headers);
      expect(res.body?.code).toBe('invalid_mfa_code');
    }
    // The sixth, the right code, is refused by both.
    const right = await generate({ secret: user.totpSecret, epoch: Math.floor(Date.now() / 1000) });
    for (const i of [1, 0]) {
      const res = await call(i, 'POST', '/api/auth/mfa', { code: right }, headers);
      expect(res.status).toBe(429);
      expect(res.body?.code).toBe('rate_limited');
    }
  });

  it('count the public limit per address across both', async () => {
    const url = '/api/public/comuni?q=bari';
    const answers = await Promise.all(Array.from({ length: PUBLIC_LIMIT + 3 }, (_, i) => call(i % 2, 'GET', url)));
    expect(tally(answers.map((r) => r.status))).toEqual({ 200: PUBLIC_LIMIT, 429: 3 });
    for (const i of [0, 1]) {
      const res = await call(i, 'GET', url);
      expect(res.status).toBe(429);
      expect(Number(res.retryAfter)).toBeGreaterThan(0);
    }
  });

  it('drop a session ended on the other, and an account disabled by a third writer, from their next answers', async () => {
    const signedIn = async () => {
      const user = await account();
      const first = await login(0, user.username, PASSWORD);
      const code = await generate({ secret: user.totpSecret, epoch: Math.floor(Date.now() / 1000) });
      const mfa = await call(0, 'POST', '/api/auth/mfa', { code }, { cookie: first.cookie!, 'x-csrf-token': String(first.body!.csrfToken) });
      expect(mfa.status).toBe(200);
      return { username: user.username, headers: { cookie: mfa.cookie!, 'x-csrf-token': String(mfa.body!.csrfToken) } };
    };
    // Each server keeps the principal after its first answer (access/principal-cache.ts).
    const me = (i: number, headers: Record<string, string>) => call(i, 'GET', '/api/auth/me', undefined, headers);
    // A change reaches the other server as a notification after its commit: asked until then, 5 s at most.
    const refusedBy = async (i: number, headers: Record<string, string>) => {
      for (let tries = 0; tries < 50; tries++) {
        if ((await me(i, headers)).status === 401) return true;
        await new Promise((r) => setTimeout(r, 100));
      }
      return false;
    };
    const a = await signedIn();
    for (const i of [1, 0, 1]) expect((await me(i, a.headers)).status).toBe(200);
    expect((await call(0, 'POST', '/api/auth/logout', undefined, a.headers)).status).toBe(204);
    expect(await refusedBy(1, a.headers)).toBe(true);

    const b = await signedIn();
    for (const i of [0, 1]) expect((await me(i, b.headers)).status).toBe(200);
    await s.database.db.update(users).set({ disabledAt: new Date() }).where(eq(users.username, b.username));
    for (const i of [0, 1]) expect(await refusedBy(i, b.headers)).toBe(true);
  });

  it("see a directory change made by another process at their next answer (the cache's version is in the database)", async () => {
    // The test's own connection writes as a third process would (an import, another server).
    const t = { db: s.database.db, ctx: { crypto: s.crypto } } as unknown as TestApp;
    const capofila = await insertOrganisation(t.db, { name: 'Comune Capofila Due Server', type: 'ente_capofila' });
    const cav = await insertOrganisation(t.db, { name: 'CAV Due Server', type: 'cav' });
    const network = await insertNetwork(t.db, { name: 'Rete Due Server', capofilaOrganisationId: capofila });
    await setOrganisationNetworks(t.db, cav, [network]);
    const referent = await createSportello(t, cav, { name: 'Sportello Prima', comuneCode: COMUNI.bari, address: 'Via Prova 1', phones: ['080 000 1111'] });
    await setTerritory(t, network, [COMUNI.bari], referent);
    const help = async (i: number) => JSON.stringify((await call(i, 'GET', `/api/public/help?comune=${COMUNI.bari}`)).body);
    for (const i of [0, 1]) expect(await help(i)).toContain('Sportello Prima');
    await t.db.update(sportelli).set({ name: 'Sportello Rinominato' }).where(eq(sportelli.id, referent));
    for (const i of [1, 0]) {
      const answer = await help(i);
      expect(answer).toContain('Sportello Rinominato');
      expect(answer).not.toContain('Sportello Prima');
    }
  });
});
