import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.js';
import { createUser, PASSWORD, type TestUser } from '../support/world.js';

/**
 * Issue 11, tried as its enemy: the limits now shared in the database.
 * A guesser must not earn fresh attempts by spelling the account another
 * way, nor the public area fresh requests by forging an address or
 * varying the query string; bad input to the login is a 400, never a 500.
 */

let t: TestApp;
let user: TestUser;
const PUBLIC_MAX = 5;

beforeAll(async () => {
  t = await buildTestApp({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: String(PUBLIC_MAX) } });
  user = await createUser(t);
});
afterAll(() => t.close());

const loginAs = (username: unknown, password: unknown, ip = '203.0.113.7') =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });

describe('failed logins per account', () => {
  it('the same account spelled ten ways is one window: her right password is refused after ten guesses', async () => {
    const spellings = [user.username, user.username.toUpperCase(), ` ${user.username}`, `${user.username} `, `\t${user.username.toUpperCase()}\n`];
    for (let i = 0; i < 10; i++) {
      const res = await loginAs(spellings[i % spellings.length], `sbagliata-${i}-Cavallo`, `198.51.100.${i}`);
      expect(res.statusCode, res.body).toBe(401);
    }
    const right = await loginAs(user.username.toUpperCase(), PASSWORD, '198.51.100.200');
    expect(right.statusCode, right.body).toBe(429);
    expect(right.headers['retry-after']).toBeDefined();
  });

  it('odd usernames and passwords: a 400 naming the field, never a 500', async () => {
    for (const [username, password, pointer] of [
      ['a\u0000b', 'x', '/body/username'],
      ['x'.repeat(100_000), 'x', '/body/username'],
      [42, 'x', '/body/username'],
      [['a'], 'x', '/body/username'],
      ['', 'x', '/body/username'],
      ['mario', 'x'.repeat(1_000_000), '/body/password'],
      ['mario', 42, '/body/password'],
    ] as const) {
      const res = await loginAs(username, password, '192.0.2.9');
      expect(res.statusCode, pointer).toBe(400);
      expect(res.json().errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
      expect(res.body).not.toContain('xxxxxxxxxx');
    }
  });
});

describe('the public area’s limit', () => {
  it('a forged X-Forwarded-For and a different query string each time earn no fresh requests', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < PUBLIC_MAX + 3; i++) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/public/comuni?q=bre${'s'.repeat(i % 3)}&limit=${1 + (i % 9)}&x=${i}`,
        remoteAddress: '203.0.113.50',
        headers: { 'x-forwarded-for': `10.0.0.${i}`, 'x-real-ip': `10.0.1.${i}` },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
    expect(statuses.some((s) => s >= 500)).toBe(false);
  });
});
