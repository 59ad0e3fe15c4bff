import { inArray } from 'drizzle-orm';
import { users } from '../../src/server/access/access.tables.js';
import { loadPrincipal } from '../../src/server/access/principal.js';
import { type Scope, buildScope } from '../../src/server/access/scope.js';
import type { AppContext } from '../../src/server/context.js';
import { organisations } from '../../src/server/modules/organisations/index.js';
import type { Db, Tx } from '../../src/server/platform/db.js';
import { romeToday } from '../../src/server/platform/rome.js';
import { CREMONA_ORGANISATIONS } from './directory.cremona.js';
import { addDays } from './random.js';

/**
 * What the demo's autonomy loaders share (autonomy.ts, autonomy.projects.ts,
 * autonomy.funds.ts): the Cremona organisations' ids, the scopes of the
 * demo people acting there — each a principal loaded as at sign-in, so
 * that the services decide and audit exactly as for a request — and days
 * counted back from the load.
 */

export type CremonaOrg = keyof typeof CREMONA_ORGANISATIONS;
/** The three CAV, by the comune they sit in. */
export type Cav = 'cremona' | 'crema' | 'casalmaggiore';
/** Who acts: the network's coordinator, or the staff account of one CAV. */
export type Who = 'coordinatrice' | Cav;

/** The demo accounts of the Cremona network (listed with the others in demo.ts and the README). */
export const CREMONA_ACCOUNTS: Record<Who, { username: string; org: CremonaOrg }> = {
  coordinatrice: { username: 'coordinatrice.cremona', org: 'capofila' },
  cremona: { username: 'operatrice.cav.cremona', org: 'cavCremona' },
  crema: { username: 'responsabile.cav.crema', org: 'cavCrema' },
  casalmaggiore: { username: 'responsabile.cav.casalmaggiore', org: 'cavCasalmaggiore' },
};
export const CAV_ORG: Record<Cav, CremonaOrg> = { cremona: 'cavCremona', crema: 'cavCrema', casalmaggiore: 'cavCasalmaggiore' };

export interface AutonomyKit {
  /** The services' context, its handle the demo load's transaction (each service call a savepoint of it). */
  inTx: AppContext;
  tx: Tx;
  org: (key: CremonaOrg) => string;
  scope: (who: Who) => Promise<Scope>;
  /** The day n days before the load (Europe/Rome). */
  ago: (days: number) => string;
  today: string;
}

export async function autonomyKit(ctx: AppContext, tx: Tx, now: Date): Promise<AutonomyKit> {
  const inTx: AppContext = { ...ctx, database: { ...ctx.database, db: tx as unknown as Db } };
  const orgRows = await tx.select({ id: organisations.id, externalId: organisations.externalId }).from(organisations).where(inArray(organisations.externalId, Object.values(CREMONA_ORGANISATIONS)));
  const orgIds = new Map(orgRows.map((r) => [r.externalId!, r.id]));
  const org = (key: CremonaOrg) => {
    const id = orgIds.get(CREMONA_ORGANISATIONS[key]);
    if (!id) throw new Error(`demo organisation ${CREMONA_ORGANISATIONS[key]} missing`);
    return id;
  };
  const userRows = await tx.select({ id: users.id, username: users.username }).from(users).where(inArray(users.username, Object.values(CREMONA_ACCOUNTS).map((a) => a.username)));
  const scopes = new Map<Who, Scope>();
  const scope = async (who: Who) => {
    const known = scopes.get(who);
    if (known) return known;
    const { username, org: key } = CREMONA_ACCOUNTS[who];
    const userId = userRows.find((u) => u.username === username)?.id;
    if (!userId) throw new Error(`demo account ${username} missing`);
    const principal = await loadPrincipal(tx, { userId, organisationId: org(key), mfaVerified: true, idHash: 'demo-load', csrfToken: '' });
    if (principal?.organisation?.id !== org(key)) throw new Error(`demo account ${username} does not belong to ${CREMONA_ORGANISATIONS[key]}`);
    const built = await buildScope(tx, principal);
    scopes.set(who, built);
    return built;
  };
  const today = romeToday(now);
  return { inTx, tx, org, scope, ago: (days) => addDays(today, -days), today };
}
