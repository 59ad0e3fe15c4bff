import { count, inArray, isNull, notLike, or } from 'drizzle-orm';
import type { MembershipRole } from '../../src/shared/domain.js';
import type { AppContext } from '../../src/server/context.js';
import { users } from '../../src/server/access/access.tables.js';
import { writeAudit } from '../../src/server/audit/audit.writer.js';
import { systemCreateAccount } from '../../src/server/modules/accounts/index.js';
import { importDirectory } from '../../src/server/modules/directory/index.js';
import { DEMO_SETTING, isDemoInstance } from '../../src/server/modules/instance/instance.routes.js';
import { networks, organisations } from '../../src/server/modules/organisations/index.js';
import { instanceSettings } from '../../src/server/platform/platform.tables.js';
import { DEMO_CASES_REFERENCE, DEMO_CASE_COUNTS } from './cases.js';
import { loadDemoCalls } from './calls.load.js';
import { loadDemoCases } from './cases.load.js';
import { loadDemoReferrals } from './referrals.js';
import { loadDemoIntake } from './intake.js';
import { loadDemoReviews } from './reviews.js';
import { loadDemoShelters } from './shelters.js';
import { DEMO_PROJECTS } from './autonomy.projects.js';
import { loadDemoAutonomy } from './autonomy.js';
import { DEMO_EXTERNAL_PREFIX, DEMO_ORGANISATIONS, buildDemoDirectory } from './directory.js';

/**
 * The demo instance: the demo directory (seeds/demo/directory.ts: a
 * Bergamo-like province with five networks, a Bari-like network, the 1522
 * helpline and a regional observatory, a Cremona-like network) loaded
 * through the directory import, thirteen accounts of fictitious people,
 * the caseload of the CAV and the shelter they work for (cases.ts), and
 * the Cremona network's autonomy programme and funds (autonomy.ts). The password and the
 * TOTP secret are fixed and public (they are in the README): demo only,
 * never for real data.
 */
export const DEMO_PASSWORD = 'Trama-Prova-Sicura-2026';
export const DEMO_TOTP_SECRET = 'TRAMADEMOTOTPSECRETFORDEMOONLYAA';

type OrgKey = keyof typeof DEMO_ORGANISATIONS;

const people: { username: string; displayName: string; admin?: boolean; roles: [OrgKey, MembershipRole][] }[] = [
  { username: 'admin', displayName: 'Amministratrice Istanza', admin: true, roles: [] },
  { username: 'coordinatrice', displayName: 'Carla Valli', roles: [['capofila', 'network_coordinator']] },
  { username: 'responsabile.cav', displayName: 'Rita Ferri', roles: [['cav', 'organisation_head']] },
  { username: 'operatrice.cav', displayName: 'Sara Conti', roles: [['cav', 'operator']] },
  { username: 'operatrice.rifugio', displayName: 'Luisa Moro', roles: [['rifugio', 'operator'], ['cav', 'operator']] },
  // The casa rifugio's head: her structures and their place map, the proposals put to them, the stays (docs/shelters.md).
  { username: 'responsabile.rifugio', displayName: 'Elena Riva', roles: [['rifugio', 'organisation_head']] },
  { username: 'assistente.sociale', displayName: 'Paola Neri', roles: [['sociale', 'social_worker']] },
  { username: 'operatrice.1522', displayName: 'Irene Galli', roles: [['helpline', 'helpline_operator']] },
  { username: 'analista', displayName: 'Marta Greco', roles: [['osservatorio', 'observatory_analyst']] },
  // The Cremona-like network's autonomy programme (issue 14, seeds/demo/autonomy.ts): its coordinator approves, the CAV run the projects and report the funds.
  { username: 'coordinatrice.cremona', displayName: 'Chiara Amati', roles: [['capofilaCremona', 'network_coordinator']] },
  { username: 'operatrice.cav.cremona', displayName: 'Laura Stradi', roles: [['cavCremona', 'operator']] },
  { username: 'responsabile.cav.crema', displayName: 'Beatrice Soldi', roles: [['cavCrema', 'organisation_head']] },
  { username: 'responsabile.cav.casalmaggiore', displayName: 'Nadia Porro', roles: [['cavCasalmaggiore', 'organisation_head']] },
];

/** Usernames of the demo accounts. */
export const DEMO_USERNAMES = people.map((p) => p.username);

export interface DemoResult {
  accounts: { username: string; roles: string }[];
  banner: string;
}

function result(names: ReadonlyMap<string, string>, directory: { networks: number; organisations: number; sportelli: number }): DemoResult {
  const accounts = people.map((p) => ({
    username: p.username,
    roles: [p.admin ? 'instance_admin' : '', ...p.roles.map(([key, role]) => `${role} @ ${names.get(DEMO_ORGANISATIONS[key]) ?? key}`)].filter(Boolean).join(', '),
  }));
  const banner = [
    '',
    '=== DEMO network loaded: fictitious organisations and people only — do not enter real data ===',
    `Demo directory: ${directory.networks} networks, ${directory.organisations} organisations, ${directory.sportelli} sportelli (unreachable phone numbers, addresses "di prova")`,
    `Demo caseload: ${DEMO_CASE_COUNTS.cav + DEMO_CASE_COUNTS.rifugio} fictitious pathways (${names.get(DEMO_ORGANISATIONS.cav) ?? 'cav'}: ${DEMO_CASE_COUNTS.cav}, ${names.get(DEMO_ORGANISATIONS.rifugio) ?? 'rifugio'}: ${DEMO_CASE_COUNTS.rifugio}), first contacts in the year up to ${DEMO_CASES_REFERENCE}; a year of fictitious 1522 calls`,
    `Demo autonomy (issue 14): the Cremona network's L.I.A. 2-like programme with ${DEMO_PROJECTS.length} personalised projects in every state, two Reddito di libertà applications and a regional funds year`,
    `Password of every demo account: ${DEMO_PASSWORD}`,
    `TOTP secret of every demo account (add it to an authenticator app, or: npm run trama -- demo:code): ${DEMO_TOTP_SECRET}`,
    ...accounts.map((a) => `  ${a.username.padEnd(20)} ${a.roles}`),
    '',
  ].join('\n');
  return { accounts, banner };
}

async function demoOrganisationNames(ctx: AppContext): Promise<Map<string, string>> {
  const rows = await ctx.database.db
    .select({ externalId: organisations.externalId, name: organisations.name })
    .from(organisations)
    .where(inArray(organisations.externalId, Object.values(DEMO_ORGANISATIONS)));
  return new Map(rows.map((r) => [r.externalId!, r.name]));
}

/**
 * Loads the demo. The directory goes through the import (its own
 * transaction, idempotent by externalId), then the accounts, the caseload,
 * the demo flag and the audit row in a second transaction (all or nothing:
 * the caseload goes through the cases services, each call a savepoint of
 * it). Safe to run again: on a demo instance it changes nothing; after an
 * interruption between the two steps it completes the load. Refused,
 * before anything is written, when an account with a demo username already
 * exists.
 */
export async function loadDemo(ctx: AppContext): Promise<DemoResult> {
  const { db } = ctx.database;
  const file = buildDemoDirectory();
  const sizes = { networks: file.networks?.length ?? 0, organisations: file.organisations?.length ?? 0, sportelli: file.sportelli?.length ?? 0 };
  if (await isDemoInstance(db)) return result(await demoOrganisationNames(ctx), sizes);

  const taken = await db.select({ username: users.username }).from(users).where(inArray(users.username, DEMO_USERNAMES));
  if (taken.length) throw new Error(`The demo cannot be loaded: ${taken.length} demo username(s) already exist on this instance.`);

  await importDirectory(ctx, { kind: 'system' }, file);

  const names = await demoOrganisationNames(ctx);
  await db.transaction(async (tx) => {
    const ids = new Map((await tx.select({ externalId: organisations.externalId, id: organisations.id }).from(organisations).where(inArray(organisations.externalId, Object.values(DEMO_ORGANISATIONS)))).map((r) => [r.externalId!, r.id]));
    for (const p of people) {
      await systemCreateAccount(tx, ctx.crypto, {
        username: p.username,
        displayName: p.displayName,
        password: DEMO_PASSWORD,
        isInstanceAdmin: p.admin ?? false,
        totpSecret: DEMO_TOTP_SECRET,
        memberships: p.roles.map(([key, role]) => {
          const organisationId = ids.get(DEMO_ORGANISATIONS[key]);
          if (!organisationId) throw new Error(`demo organisation ${DEMO_ORGANISATIONS[key]} missing after the import`);
          return { organisationId, role };
        }),
      });
    }
    const orgId = (key: 'cav' | 'rifugio' | 'sociale') => ids.get(DEMO_ORGANISATIONS[key])!;
    await loadDemoCases(ctx, tx, { cav: orgId('cav'), rifugio: orgId('rifugio'), sociale: orgId('sociale') });
    await loadDemoReferrals(ctx, tx, { cav: orgId('cav'), rifugio: orgId('rifugio'), sociale: orgId('sociale') });
    await loadDemoIntake(ctx, tx, { cav: orgId('cav'), sociale: orgId('sociale'), helpline: ids.get(DEMO_ORGANISATIONS.helpline)! });
    await loadDemoReviews(ctx, tx, { capofila: ids.get(DEMO_ORGANISATIONS.capofila)!, cav: orgId('cav'), rifugio: orgId('rifugio'), sociale: orgId('sociale') });
    await loadDemoShelters(ctx, tx);
    await loadDemoCalls(ctx, tx, ids.get(DEMO_ORGANISATIONS.helpline)!);
    await loadDemoAutonomy(ctx, tx);
    await tx.insert(instanceSettings).values({ key: DEMO_SETTING, value: true }).onConflictDoUpdate({ target: instanceSettings.key, set: { value: true } });
    await writeAudit(tx, { action: 'demo.load', outcome: 'success' });
  });
  return result(names, sizes);
}

const notDemo = (externalId: typeof organisations.externalId | typeof networks.externalId) => or(isNull(externalId), notLike(externalId, `${DEMO_EXTERNAL_PREFIX}%`));

/**
 * On an empty database only: no account, and no organisation or network
 * other than the demo directory's own (left by an interrupted demo load,
 * which this completes). A demo instance is left as it is.
 */
export async function loadDemoIfEmpty(ctx: AppContext): Promise<DemoResult | null> {
  if (!(await demoWouldLoad(ctx.database.db))) return null;
  return loadDemo(ctx);
}

/** True when loadDemoIfEmpty would load the demo: not a demo instance yet, and empty. */
export async function demoWouldLoad(db: AppContext['database']['db']): Promise<boolean> {
  if (await isDemoInstance(db)) return false;
  const [u] = await db.select({ n: count() }).from(users);
  const [o] = await db.select({ n: count() }).from(organisations).where(notDemo(organisations.externalId));
  const [n] = await db.select({ n: count() }).from(networks).where(notDemo(networks.externalId));
  return (u?.n ?? 0) === 0 && (o?.n ?? 0) === 0 && (n?.n ?? 0) === 0;
}
