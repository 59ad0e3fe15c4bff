import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { createContext } from '../../src/server/bootstrap.js';
import { policy } from '../../src/server/policies.js';
import { loadConfig } from '../../src/server/platform/config.js';
import { createLogger } from '../../src/server/platform/log.js';
import { LogCapture, TEST_AUDIT_KEY, buildTestApp, freshDatabase, type TestApp } from '../support/app.js';

/**
 * Every public route, by method and URL. A new public route fails this test
 * until it is added here: making data reachable without a session must be a
 * conscious, reviewed decision.
 */
const PUBLIC_ROUTES = [
  'GET /api/docs',
  'GET /api/docs/json',
  'GET /api/docs/static/*',
  'HEAD /api/docs/static/*',
  'GET /api/docs/static/index.html',
  'GET /api/docs/static/swagger-initializer.js',
  'GET /api/docs/yaml',
  'GET /api/openapi.json',
  'GET /api/public/instance',
  'GET /api/public/help',
  'GET /api/public/comuni',
  'GET /api/schemas/directory-import.json',
  'GET /aiuto',
  'GET /aiuto/assets/help.css',
  'GET /aiuto/assets/help.js',
  'GET /healthz',
  'GET /readyz',
  'POST /api/auth/login',
].sort();

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

/** One line per route: method, URL, and its access (the action and the roles the policy lets do it, or why it is public). */
function accessTable(routes: TestApp['routes']): string {
  const lines = routes
    .map((r) => {
      const a = r.access;
      let access: string;
      if (!a) access = 'UNDECLARED';
      else if (a.public) access = `public: ${a.reason}`;
      else {
        const rule = policy[a.action];
        const kindsOf = (r: { organisationTypes?: readonly string[] }) => (r.organisationTypes ? ` [acting for: ${r.organisationTypes.join(', ')}]` : '');
        const who = !rule ? 'UNKNOWN ACTION' : rule.anyAuthenticated ? 'any signed-in account' : rule.anyOf ? rule.anyOf.map((r) => `${r.roles.join(', ')}${kindsOf(r)}`).join(' | ') : rule.roles.join(', ');
        const flags = [rule?.beforeMfa && 'before MFA', rule?.duringPasswordChange && 'during password change'].filter(Boolean);
        const kinds = rule ? kindsOf(rule) : '';
        access = `${a.action} → ${who}${kinds}${flags.length ? ` (also ${flags.join(', ')})` : ''}`;
      }
      return { sortKey: `${r.url} ${r.method}`, line: `${r.method.padEnd(7)}${r.url.padEnd(44)}${access}` };
    })
    .sort((x, y) => (x.sortKey < y.sortKey ? -1 : x.sortKey > y.sortKey ? 1 : 0));
  return `${lines.map((l) => l.line).join('\n')}\n`;
}

describe('route × access table', () => {
  it('matches the committed snapshot', async () => {
    expect(t.routes.length).toBeGreaterThan(20);
    await expect(accessTable(t.routes)).toMatchFileSnapshot('./__snapshots__/route-access.txt');
  });

  it('gives every route a valid access declaration', () => {
    for (const r of t.routes) {
      expect(r.access, key(r)).toBeDefined();
      if (r.access!.public) expect(r.access!.reason.length, key(r)).toBeGreaterThan(10);
      else expect(policy[r.access!.action], `${key(r)} → ${r.access!.action}`).toBeDefined();
    }
  });

  it('has no public route outside the allow-list', () => {
    const publicRoutes = t.routes.filter((r) => r.access?.public).map(key).sort();
    expect(publicRoutes).toEqual(PUBLIC_ROUTES);
  });

  it('lists each method and URL once', () => {
    const keys = t.routes.map(key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

/**
 * The real application (same construction as buildTestApp) with one extra
 * route; `ready()` is left to the test. The database is closed in any case.
 */
async function withExtraRoute(extra: (app: FastifyInstance) => void, check: (app: FastifyInstance) => Promise<void>) {
  const database = await freshDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    TRAMA_MASTER_KEY: randomBytes(32).toString('base64'),
    AUDIT_HMAC_KEY: TEST_AUDIT_KEY,
    DATA_DIR: '/nonexistent-trama-test-dir',
  });
  const ctx = createContext(config, database, createLogger('trace', new LogCapture()));
  const { app } = await buildApp(ctx, { serveWeb: false, extraRoutes: extra });
  try {
    await check(app);
  } finally {
    await app.close().catch(() => undefined);
    await database.close();
  }
}

describe('the app refuses to start', () => {
  it('with a route that declares no access', async () => {
    await withExtraRoute(
      (app) => app.get('/api/sneaky-undeclared', async () => ({ leaked: true })),
      async (app) => {
        await expect(app.ready()).rejects.toThrow(/GET \/api\/sneaky-undeclared/);
      },
    );
  });

  it('with a route naming an action no policy defines', async () => {
    await withExtraRoute(
      (app) => app.post('/api/sneaky-typo', { config: { access: { action: 'user.mange' } } }, async () => ({ ok: true })),
      async (app) => {
        await expect(app.ready()).rejects.toThrow(/POST \/api\/sneaky-typo/);
      },
    );
  });

  it('with a public route that gives no reason', async () => {
    await withExtraRoute(
      (app) => app.get('/api/sneaky-public', { config: { access: { public: true, reason: '' } } }, async () => ({ ok: true })),
      async (app) => {
        await expect(app.ready()).rejects.toThrow(/GET \/api\/sneaky-public/);
      },
    );
  });

  it('but starts with a well-declared extra route (the check is not simply always failing)', async () => {
    await withExtraRoute(
      (app) => app.get('/api/extra-declared', { config: { access: { action: 'user.read' } } }, async () => ({ ok: true })),
      async (app) => {
        await expect(app.ready()).resolves.toBeDefined();
        const anonymous = await app.inject({ method: 'GET', url: '/api/extra-declared' });
        expect(anonymous.statusCode).toBe(401);
      },
    );
  });
});
