import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/shared/domain.js';
import { policy } from '../../src/server/policies.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { insertOrganisation } from '../../src/server/modules/organisations/index.js';
import { type Agent, createUser, createWorld, login, type World } from '../support/world.js';

/**
 * Invalid text (NUL, other C0 controls but tab/newline/CR, lone UTF-16
 * surrogates) is refused at the edge, on every route, with a 400 naming the
 * field; nothing a client sends becomes a 500.
 */

let t: TestApp;
let w: World;
let admin: Agent;
let head: Agent;
let coord: Agent;
let helpline: Agent;
/** An emergency room's operator: the actions whose rule names the kinds of organisation that send (inbound referrals). */
let sender: Agent;
/** The heads of a casa rifugio and of a social service: the actions whose rule names housing organisations or social services (shelters). */
let housing: Agent;
let social: Agent;

beforeAll(async () => {
  t = await buildTestApp();
  w = await createWorld(t);
  admin = await login(t, w.users.admin);
  head = await login(t, w.users.headA, w.orgs.cavA);
  coord = await login(t, w.users.coordinator, w.orgs.capofila);
  helpline = await login(t, w.users.helpline, w.orgs.cavA);
  const er = await insertOrganisation(t.db, { name: `ps-${randomUUID()}`, type: 'pronto_soccorso' });
  sender = await login(t, await createUser(t, { memberships: [{ organisationId: er, role: 'operator' }] }));
  housing = await login(t, await createUser(t, { memberships: [{ organisationId: w.orgs.shelter, role: 'organisation_head' }] }));
  const ss = await insertOrganisation(t.db, { name: `ss-${randomUUID()}`, type: 'servizio_sociale' });
  social = await login(t, await createUser(t, { memberships: [{ organisationId: ss, role: 'organisation_head' }] }));
});
afterAll(() => t.close());

type Answer = Awaited<ReturnType<Agent['request']>>;

function expectInvalidText(res: Answer, pointer: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.code).toBe('validation_failed');
  expect(res.body.errors).toContainEqual(expect.objectContaining({ pointer, code: 'invalid_text' }));
  expect(JSON.stringify(res.body)).not.toMatch(/\\u0000|\\ud800/i);
}

describe('invalid text is refused with a 400 naming the field', () => {
  it.each([
    ['/api/cases?code=%00', '/querystring/code'],
    ['/api/organisations?q=a%00b', '/querystring/q'],
    ['/api/users?q=%00', '/querystring/q'],
    ['/api/directory/sportelli?q=%00', '/querystring/q'],
    ['/api/directory/organisations?q=x%00', '/querystring/q'],
    ['/api/comuni?q=Ro%00ma', '/querystring/q'],
    ['/api/cases?code=%07', '/querystring/code'],
    ['/api/cases?unknown=%00', '/querystring/unknown'],
  ])('GET %s', async (url, pointer) => {
    const res = await (url.startsWith('/api/comuni') || url.startsWith('/api/directory') ? coord : head).request('GET', url);
    expectInvalidText(res, pointer);
  });

  it('in a path parameter', async () => {
    expectInvalidText(await head.request('GET', '/api/cases/%00'), '/params/id');
    expectInvalidText(await admin.request('GET', `/api/users/${randomUUID()}%1B`), '/params/id');
  });

  it('a path that does not decode is a bad_request problem that echoes nothing', async () => {
    const res = await head.request('GET', '/api/cases/%ED%A0%80');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('bad_request');
    expect(JSON.stringify(res.body)).not.toMatch(/%ED|api\/cases/i);
  });

  it('in the names of organisations, networks and users, NUL or a lone surrogate', async () => {
    expectInvalidText(await admin.request('POST', '/api/organisations', { name: 'Centro\u0000Donna', type: 'cav' }), '/body/name');
    expectInvalidText(await admin.request('POST', '/api/organisations', { name: 'Centro \ud800Donna', type: 'cav' }), '/body/name');
    expectInvalidText(await admin.request('PATCH', `/api/organisations/${w.orgs.cavB}`, { name: 'Centro\u0000' }), '/body/name');
    expectInvalidText(
      await admin.request('POST', '/api/networks', { name: 'Rete\u0000Est', capofilaOrganisationId: w.orgs.capofila }),
      '/body/name',
    );
    expectInvalidText(
      await admin.request('POST', '/api/users', { username: 'nuova.persona', displayName: 'Anna\udc00', memberships: [] }),
      '/body/displayName',
    );
    expectInvalidText(await admin.request('PATCH', `/api/users/${w.users.operatorB.id}`, { displayName: 'Anna\u0000' }), '/body/displayName');
  });

  it('names every bad field, nested ones by their JSON pointer, without echoing the value', async () => {
    const res = await head.request('POST', '/api/directory/hours/preview', { openingHours: 'Mo-Fr 09:00-17:00\u0000', closures: [{ kind: 'once', from: '2026-01-01', to: '2026-01-02', label: 'x\u0001' }] });
    expectInvalidText(res, '/body/openingHours');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ pointer: '/body/closures/0/label', code: 'invalid_text' }));
  });

  it('in a public route and on the login too', async () => {
    const help = await t.app.inject({ method: 'GET', url: '/api/public/comuni?q=%00' });
    expect(help.statusCode).toBe(400);
    expect(help.json().errors[0]).toMatchObject({ pointer: '/querystring/q', code: 'invalid_text' });
    const loginRes = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x\u0000', password: 'y' } });
    expect(loginRes.statusCode).toBe(400);
    expect(loginRes.json().errors[0]).toMatchObject({ pointer: '/body/username', code: 'invalid_text' });
  });

  it('on the public page: the page itself, with 1522 and 112, as a bad request', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/aiuto?q=Ro%00ma' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('1522');
  });

  it('keeps accepting tab, newline and carriage return, and the rest of Unicode', async () => {
    const res = await admin.request('POST', '/api/organisations', { name: 'Centro Donna\tÀncora 🌸 نساء', type: 'cav' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const search = await head.request('GET', `/api/users?q=${encodeURIComponent('a\r\nb')}`);
    expect(search.status).toBe(200);
  });
});

// ---------------------------------------------------------------------------
// Every route, fuzzed.

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  minItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
  $ref?: string;
}
interface Operation {
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

/** One string in the body: where it is, and a value that passes its schema. */
interface Leaf {
  path: (string | number)[];
}

/** A body valid enough to pass the schema, and the pointer of every string in it. */
function validBody(schema: JsonSchema, leaves: Leaf[], path: (string | number)[] = []): unknown {
  const s = schema.anyOf?.[0] ?? schema.oneOf?.[0] ?? schema;
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) out[k] = validBody(v, leaves, [...path, k]);
      return out;
    }
    case 'array':
      return s.items ? [validBody(s.items, leaves, [...path, 0])] : [];
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'string': {
      leaves.push({ path });
      if (s.format === 'uuid') return randomUUID();
      if (s.format === 'date') return '2026-03-02';
      if (s.format === 'date-time') return '2026-03-02T10:00:00.000Z';
      if (s.format === 'email') return 'a@example.org';
      if (s.pattern === '^\\d{6}$') return '058091';
      return 'Testo'.padEnd(s.minLength ?? 0, 'x');
    }
    default:
      return 'x';
  }
}

function setAt(target: unknown, path: (string | number)[], value: string): void {
  let node = target as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
}

const pointerOf = (path: (string | number)[]) => `/body${path.map((k) => `/${String(k).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')}`;

/** Percent-encodes every code unit, lone surrogates included (as their 3 bytes, which no UTF-8 decoder accepts). */
function encodeLoose(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff) out += `%${(0xe0 | (c >> 12)).toString(16)}%${(0x80 | ((c >> 6) & 0x3f)).toString(16)}%${(0x80 | (c & 0x3f)).toString(16)}`.toUpperCase();
    else out += encodeURIComponent(ch);
  }
  return out;
}

const BAD = ['\u0000', '\ud800', '\udfff', '\u0001', '\u001b', '\u000b', '\u007f\u0000'];
/** A short string holding at least one character that is not valid text. */
const badText = fc
  .tuple(fc.string({ maxLength: 6 }), fc.constantFrom(...BAD), fc.string({ maxLength: 6 }))
  .map(([a, b, c]) => a + b + c);
/**
 * For a URL: a C0 control, or a lone surrogate sent as its three UTF-8-like
 * bytes (which no decoder accepts: the server sees U+FFFD or the raw
 * escapes, valid text, so only "no 5xx" is asked of those).
 */
const badUrlText = fc
  .tuple(fc.string({ maxLength: 6 }), fc.constantFrom('\u0000', '\u0001', '\u001b', '\u000b', '\ud800', '\udfff'), fc.string({ maxLength: 6 }))
  .map(([a, b, c]) => a + b + c);
// eslint-disable-next-line no-control-regex
const hasControl = (s: string) => /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(s);

describe('every route, fuzzed with invalid text in its query, path and body', () => {
  it('never answers 5xx, and refuses the request naming a bad field', async () => {
    const api = t.app.swagger() as unknown as { paths: Record<string, Record<string, Operation>> };
    const agents: [Role, Agent][] = [
      ['organisation_head', head],
      ['instance_admin', admin],
      ['network_coordinator', coord],
      ['helpline_operator', helpline],
    ];
    const agentFor = (action: string | undefined): Agent => {
      // A rule with alternatives: an agent of its first.
      const rule = action ? (policy[action]?.anyOf?.[0] ?? policy[action]) : undefined;
      if (!rule || rule.anyAuthenticated) return head;
      if (rule.organisationTypes && !rule.organisationTypes.includes('cav')) {
        if (rule.organisationTypes.includes('casa_rifugio')) return housing;
        if (rule.organisationTypes.includes('servizio_sociale') && !rule.organisationTypes.includes('pronto_soccorso')) return social;
        return sender;
      }
      const found = agents.find(([role]) => rule.roles.includes(role));
      if (!found) throw new Error(`no test agent may perform ${action}`);
      return found[1];
    };
    const knownIds: Record<string, string> = {
      '/api/organisations/:id': w.orgs.cavA,
      '/api/users/:id': w.users.operatorA.id,
      '/api/directory/networks/:id': w.network,
      '/api/directory/organisations/:id': w.orgs.cavA,
    };
    let routesTried = 0;
    let requests = 0;
    let named400 = 0;
    for (const route of t.routes) {
      if (route.method === 'HEAD') continue;
      const openapiPath = route.url.replace(/:(\w+)/g, '{$1}');
      const op: Operation = api.paths[openapiPath]?.[route.method.toLowerCase()] ?? {};
      const pathParams = [...route.url.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? '*');
      const queryParams = [...new Set([...(op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name), 'unexpected'])];
      const bodySchema = op.requestBody?.content['application/json']?.schema;
      const wantsBody = !['GET', 'DELETE'].includes(route.method);
      const agent = agentFor(route.access?.action);
      routesTried++;

      await fc.assert(
        fc.asyncProperty(
          fc.subarray(pathParams),
          fc.subarray(queryParams),
          fc.nat(),
          fc.array(badUrlText, { minLength: 4, maxLength: 4 }),
          fc.array(badText, { minLength: 4, maxLength: 4 }),
          async (badParams, badQuery, leafPick, urlValues, bodyValues) => {
            const leaves: Leaf[] = [];
            const body = wantsBody ? (bodySchema ? validBody(bodySchema, leaves) : { unexpected: 'x' }) : undefined;
            if (wantsBody && !bodySchema) leaves.push({ path: ['unexpected'] });
            const badLeaf = leaves.length ? leaves[leafPick % leaves.length] : undefined;
            if (badLeaf) setAt(body, badLeaf.path, bodyValues[0]!);
            // At least one bad value somewhere: a query parameter when nothing else was chosen.
            const query = badQuery.length || badParams.length || badLeaf ? badQuery : ['unexpected'];
            let url = route.url;
            let i = 0;
            /** The fields the answer must name: those holding a control character. */
            const named: string[] = [];
            for (const p of pathParams) {
              const raw = urlValues[i++ % 4]!;
              if (badParams.includes(p) && hasControl(raw)) named.push(`/params/${p}`);
              const value = badParams.includes(p) ? encodeLoose(raw) : (knownIds[route.url] && p === 'id' ? knownIds[route.url]! : randomUUID());
              url = url.replace(p === '*' ? '*' : `:${p}`, value);
            }
            for (const [k, q] of query.entries()) if (hasControl(urlValues[(k + 1) % 4]!)) named.push(`/querystring/${q}`);
            if (badLeaf) named.push(pointerOf(badLeaf.path));
            const qs = query.map((q, k) => `${q}=${encodeLoose(urlValues[(k + 1) % 4]!)}`).join('&');
            if (qs) url += `?${qs}`;
            requests++;
            const res = await agent.request(route.method, url, body, route.method === 'POST' && route.url === '/api/cases' ? { 'idempotency-key': randomUUID() } : {});
            const where = `${route.method} ${route.url} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
            expect(res.status, where).toBeLessThan(500);
            // The wildcard of static files answers 404 before any check: there is nothing to name.
            if (route.url.includes('*') && badParams.includes('*')) return;
            if (!named.length) return;
            expect(res.status, where).toBe(400);
            // A path that does not even decode (a lone surrogate's bytes) is refused as a whole, before any field.
            if (res.body.code === 'bad_request' && /%E[DF]/i.test(url.split('?')[0]!)) return;
            // The public page answers a bad request with itself (1522 and 112), not with JSON.
            if (route.url === '/aiuto') return;
            expect(res.body.code, where).toBe('validation_failed');
            const pointers = (res.body.errors as { pointer: string; code: string }[]).filter((e) => e.code === 'invalid_text').map((e) => e.pointer);
            for (const pointer of named) expect(pointers, where).toContain(pointer);
            named400++;
          },
        ),
        { numRuns: 3, seed: 20261206 },
      );
    }
    expect(routesTried).toBeGreaterThan(80);
    expect(requests).toBeGreaterThan(240);
    expect(named400, 'requests refused naming their bad fields').toBeGreaterThan(150);
  });
});
