import { randomBytes } from 'node:crypto';
import { generate } from 'otplib';
import type { MembershipRole, OrganisationType } from '../../src/shared/domain.js';
import { systemCreateAccount } from '../../src/server/modules/accounts/index.js';
import { insertNetwork, insertOrganisation, setOrganisationNetworks } from '../../src/server/modules/organisations/index.js';
import { newTotpSecret } from '../../src/server/access/totp.js';
import type { TestApp } from './app.js';

export const PASSWORD = 'Cavallo-Pesca-Nuvola-42';

export interface TestUser {
  id: string;
  username: string;
  password: string;
  totpSecret: string;
}

let counter = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${++counter}-${randomBytes(3).toString('hex')}`;

/** Creates an account with a known password and TOTP secret (enrolled unless told otherwise). */
export async function createUser(
  t: TestApp,
  opts: { memberships?: { organisationId: string; role: MembershipRole }[]; admin?: boolean; enrolled?: boolean; displayName?: string } = {},
): Promise<TestUser> {
  const username = unique('u').toLowerCase();
  const totpSecret = newTotpSecret();
  const id = await t.db.transaction((tx) =>
    systemCreateAccount(tx, t.ctx.crypto, {
      username,
      displayName: opts.displayName ?? `Persona ${counter}`,
      password: PASSWORD,
      isInstanceAdmin: opts.admin ?? false,
      totpSecret: opts.enrolled === false ? undefined : totpSecret,
      memberships: opts.memberships ?? [],
    }),
  );
  return { id, username, password: PASSWORD, totpSecret };
}

/**
 * A fresh network per test: a capofila, two CAV (A in the network, B outside
 * it), a shelter, and one account per role in CAV A (plus an instance admin
 * and a head/operator in CAV B).
 */
export async function createWorld(t: TestApp) {
  const org = async (type: OrganisationType) => insertOrganisation(t.db, { name: unique(type), type });
  const capofila = await org('ente_capofila');
  const cavA = await org('cav');
  const cavB = await org('cav');
  const shelter = await org('casa_rifugio');
  const network = await insertNetwork(t.db, { name: unique('rete'), capofilaOrganisationId: capofila });
  await setOrganisationNetworks(t.db, cavA, [network]);
  await setOrganisationNetworks(t.db, shelter, [network]);
  const member = (organisationId: string, role: MembershipRole) => ({ memberships: [{ organisationId, role }] });
  return {
    network,
    orgs: { capofila, cavA, cavB, shelter },
    users: {
      admin: await createUser(t, { admin: true }),
      coordinator: await createUser(t, member(capofila, 'network_coordinator')),
      headA: await createUser(t, member(cavA, 'organisation_head')),
      operatorA: await createUser(t, member(cavA, 'operator')),
      socialWorkerA: await createUser(t, member(cavA, 'social_worker')),
      helpline: await createUser(t, member(cavA, 'helpline_operator')),
      analyst: await createUser(t, member(cavA, 'observatory_analyst')),
      headB: await createUser(t, member(cavB, 'organisation_head')),
      operatorB: await createUser(t, member(cavB, 'operator')),
    },
  };
}
export type World = Awaited<ReturnType<typeof createWorld>>;

/** A signed-in client: its cookie and CSRF token ride on every request. */
export interface Agent {
  cookie: string;
  csrf: string;
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
}

function cookieOf(res: { cookies: { name: string; value: string }[] }, previous = ''): string {
  const c = res.cookies.find((x) => x.name === 'trama_session');
  return c ? `trama_session=${c.value}` : previous;
}

export async function totpNow(secret: string, offsetSteps = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });
}

/** Password step only. */
export async function loginPassword(t: TestApp, user: { username: string; password: string }) {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: user.password } });
  return { res, cookie: cookieOf(res), csrf: res.json().csrfToken as string };
}

function agent(t: TestApp, cookie: string, csrf: string): Agent {
  const a: Agent = {
    cookie,
    csrf,
    async request(method, url, body, headers = {}) {
      const res = await t.app.inject({
        method: method as 'GET',
        url,
        headers: { cookie: a.cookie, 'x-csrf-token': a.csrf, ...headers },
        ...(body !== undefined ? { payload: body as object } : {}),
      });
      a.cookie = cookieOf(res, a.cookie);
      const parsed = res.body ? (() => { try { return res.json(); } catch { return res.body; } })() : null;
      return { status: res.statusCode, body: parsed, headers: res.headers };
    },
  };
  return a;
}

/** Full login (password + TOTP), optionally choosing an organisation. */
export async function login(t: TestApp, user: TestUser, organisationId?: string): Promise<Agent> {
  const step = await loginPassword(t, user);
  if (step.res.statusCode !== 200) throw new Error(`login failed: ${step.res.statusCode}`);
  const a = agent(t, step.cookie, step.csrf);
  // A code of the next time step: never the one a previous login of this user already spent.
  const mfa = await a.request('POST', '/api/auth/mfa', { code: await totpNow(user.totpSecret, nextStep(user)) });
  if (mfa.status !== 200) throw new Error(`mfa failed: ${mfa.status} ${JSON.stringify(mfa.body)}`);
  a.csrf = mfa.body.csrfToken;
  if (organisationId) {
    const sel = await a.request('POST', '/api/auth/organisation', { organisationId });
    if (sel.status !== 200) throw new Error(`organisation select failed: ${sel.status}`);
  }
  return a;
}

/**
 * Codes are single-use: successive logins of one user take the current time
 * step, then the next one (both inside the ±1 step tolerance, even if a
 * 30 s boundary passes between generating and checking the code).
 */
const used = new Map<string, number>();
function nextStep(user: TestUser): number {
  const n = used.get(user.id) ?? 0;
  if (n > 1) throw new Error('a test user can log in at most twice per test file');
  used.set(user.id, n + 1);
  return n;
}

export { agent as agentFromCookie };
