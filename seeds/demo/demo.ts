import { count } from 'drizzle-orm';
import type { MembershipRole, OrganisationType } from '../../src/shared/domain.js';
import type { AppContext } from '../../src/server/context.js';
import { users } from '../../src/server/access/access.tables.js';
import { writeAudit } from '../../src/server/audit/audit.writer.js';
import { systemCreateAccount } from '../../src/server/modules/accounts/index.js';
import { DEMO_SETTING, isDemoInstance } from '../../src/server/modules/instance/instance.routes.js';
import { insertNetwork, insertOrganisation, organisations, setOrganisationNetworks } from '../../src/server/modules/organisations/index.js';
import { instanceSettings } from '../../src/server/platform/platform.tables.js';

/**
 * The demo network: fictitious organisations and people only, every name
 * marked DEMO. The password and the TOTP secret are fixed and public (they
 * are in the README): demo only, never for real data.
 */
export const DEMO_PASSWORD = 'Trama-Prova-Sicura-2026';
export const DEMO_TOTP_SECRET = 'TRAMADEMOTOTPSECRETFORDEMOONLYAA';

const orgs: { key: string; name: string; type: OrganisationType; networks: ('valle' | 'pianura')[] }[] = [
  { key: 'capofila', name: 'Comune di Borgofittizio (DEMO)', type: 'ente_capofila', networks: ['valle'] },
  { key: 'cav', name: 'CAV Filo Rosso (DEMO)', type: 'cav', networks: ['valle', 'pianura'] },
  { key: 'rifugio', name: 'Casa rifugio Il Faro (DEMO)', type: 'casa_rifugio', networks: ['valle', 'pianura'] },
  { key: 'sociale', name: 'Servizio sociale Ambito Val Fittizia (DEMO)', type: 'servizio_sociale', networks: ['valle'] },
  { key: 'carabinieri', name: 'Stazione Carabinieri Borgofittizio (DEMO)', type: 'forze_ordine', networks: ['valle'] },
  { key: 'ps', name: 'Pronto soccorso Ospedale di Borgofittizio (DEMO)', type: 'pronto_soccorso', networks: ['valle'] },
  { key: 'cpi', name: "Centro per l'impiego Borgofittizio (DEMO)", type: 'cpi', networks: ['valle'] },
  { key: 'cuav', name: 'CUAV Cambiamenti (DEMO)', type: 'cuav', networks: ['valle'] },
  { key: 'capofila2', name: 'Comune di Pianafinta (DEMO)', type: 'ente_capofila', networks: ['pianura'] },
  { key: 'helpline', name: 'Servizio 1522 (DEMO)', type: 'helpline', networks: [] },
  { key: 'osservatorio', name: 'Osservatorio regionale (DEMO)', type: 'osservatorio', networks: [] },
];

const people: { username: string; displayName: string; admin?: boolean; roles: [string, MembershipRole][] }[] = [
  { username: 'admin', displayName: 'Amministratrice Istanza', admin: true, roles: [] },
  { username: 'coordinatrice', displayName: 'Carla Valli', roles: [['capofila', 'network_coordinator']] },
  { username: 'responsabile.cav', displayName: 'Rita Ferri', roles: [['cav', 'organisation_head']] },
  { username: 'operatrice.cav', displayName: 'Sara Conti', roles: [['cav', 'operator']] },
  { username: 'operatrice.rifugio', displayName: 'Luisa Moro', roles: [['rifugio', 'operator'], ['cav', 'operator']] },
  { username: 'assistente.sociale', displayName: 'Paola Neri', roles: [['sociale', 'social_worker']] },
  { username: 'operatrice.1522', displayName: 'Irene Galli', roles: [['helpline', 'helpline_operator']] },
  { username: 'analista', displayName: 'Marta Greco', roles: [['osservatorio', 'observatory_analyst']] },
];

export interface DemoResult {
  accounts: { username: string; roles: string }[];
  banner: string;
}

/** Loads the demo network in one transaction (all or nothing). */
export async function loadDemo(ctx: AppContext): Promise<DemoResult> {
  const { db } = ctx.database;
  await db.transaction(async (tx) => {
    const ids = new Map<string, string>();
    for (const o of orgs) ids.set(o.key, await insertOrganisation(tx, { name: o.name, type: o.type }));
    const valle = await insertNetwork(tx, { name: 'Rete antiviolenza Val Fittizia (DEMO)', capofilaOrganisationId: ids.get('capofila') });
    const pianura = await insertNetwork(tx, { name: 'Rete antiviolenza Pianura Finta (DEMO)', capofilaOrganisationId: ids.get('capofila2') });
    for (const o of orgs) {
      const capofila = o.key === 'capofila' || o.key === 'capofila2';
      if (!capofila) await setOrganisationNetworks(tx, ids.get(o.key)!, o.networks.map((n) => (n === 'valle' ? valle : pianura)));
    }
    for (const p of people) {
      await systemCreateAccount(tx, ctx.crypto, {
        username: p.username,
        displayName: p.displayName,
        password: DEMO_PASSWORD,
        isInstanceAdmin: p.admin ?? false,
        totpSecret: DEMO_TOTP_SECRET,
        memberships: p.roles.map(([key, role]) => ({ organisationId: ids.get(key)!, role })),
      });
    }
    await tx.insert(instanceSettings).values({ key: DEMO_SETTING, value: true }).onConflictDoUpdate({ target: instanceSettings.key, set: { value: true } });
    await writeAudit(tx, { action: 'demo.load', outcome: 'success' });
  });
  const accounts = people.map((p) => ({
    username: p.username,
    roles: [p.admin ? 'instance_admin' : '', ...p.roles.map(([k, r]) => `${r}@${k}`)].filter(Boolean).join(', '),
  }));
  const banner = [
    '',
    '=== DEMO network loaded: fictitious organisations and people only — do not enter real data ===',
    `Password of every demo account: ${DEMO_PASSWORD}`,
    `TOTP secret of every demo account (add it to an authenticator app, or: npm run trama -- demo:code): ${DEMO_TOTP_SECRET}`,
    ...accounts.map((a) => `  ${a.username.padEnd(20)} ${a.roles}`),
    '',
  ].join('\n');
  return { accounts, banner };
}

/** On an empty database only (no organisation and no account yet). */
export async function loadDemoIfEmpty(ctx: AppContext): Promise<DemoResult | null> {
  const { db } = ctx.database;
  if (await isDemoInstance(db)) return null;
  const [o] = await db.select({ n: count() }).from(organisations);
  const [u] = await db.select({ n: count() }).from(users);
  if ((o?.n ?? 0) > 0 || (u?.n ?? 0) > 0) return null;
  return loadDemo(ctx);
}
