import { TZDate } from '@date-fns/tz';
import { eq, inArray } from 'drizzle-orm';
import { users } from '../../src/server/access/access.tables.js';
import { loadPrincipal } from '../../src/server/access/principal.js';
import { buildScope } from '../../src/server/access/scope.js';
import type { AppContext } from '../../src/server/context.js';
import { networkComuni } from '../../src/server/modules/directory/index.js';
import { networks } from '../../src/server/modules/organisations/index.js';
import { recordCall, transferAnswer } from '../../src/server/modules/routing/routing.service.js';
import type { Db, Tx } from '../../src/server/platform/db.js';
import type { CallOutcome } from '../../src/shared/directory.js';
import { DEMO_CASES_REFERENCE } from './cases.js';
import { readComuni } from './comuni.js';
import { DEMO_EXTERNAL_PREFIX } from './directory.js';
import { addDays, between, chance, oneOf, prng, weighted } from './random.js';

/** Fictitious 1522 calls of the demo year, about 1.6 a day: enough for the counts page to say something. */
export const DEMO_CALL_DAYS = 365;
const CALLS_PER_DAY = { 0: 2, 1: 4, 2: 3, 3: 1 } as const;
/** Calls by hour of the day: few at night, most in the morning and early evening. */
const HOURS: Partial<Record<string, number>> = { '0': 1, '2': 1, '7': 2, '9': 5, '10': 6, '11': 6, '12': 5, '14': 4, '15': 5, '16': 5, '18': 6, '19': 5, '20': 4, '22': 3 };
const LANGUAGES = { it: 88, en: 3, ar: 3, ro: 2, es: 1, fr: 1, uk: 1, sq: 1 } as const;

/**
 * A year of fictitious 1522 calls up to the demo caseload's reference day,
 * through the routing service as the demo 1522 operator: each call's
 * outcome is what the routing answered at that hour (transferred while the
 * referent desk's phone was open, otherwise informed of its hours), with a
 * few calls that needed the police or something else. Most come from the
 * demo networks' comuni, some from elsewhere (the nearest network). Same
 * draws on every machine. Runs inside the demo load's transaction.
 */
export async function loadDemoCalls(ctx: AppContext, tx: Tx, helplineOrganisationId: string): Promise<number> {
  const inTx: AppContext = { ...ctx, database: { ...ctx.database, db: tx as unknown as Db } };
  const [operator] = await tx.select({ id: users.id }).from(users).where(eq(users.username, 'operatrice.1522'));
  if (!operator) throw new Error('demo account operatrice.1522 missing');
  const principal = await loadPrincipal(tx, { userId: operator.id, organisationId: helplineOrganisationId, mfaVerified: true, idHash: 'demo-load', csrfToken: '' });
  if (!principal) throw new Error('demo 1522 operator has no principal');
  const scope = await buildScope(tx, principal);

  const covered = (
    await tx
      .select({ istatCode: networkComuni.istatCode })
      .from(networkComuni)
      .innerJoin(networks, eq(networks.id, networkComuni.networkId))
      .where(inArray(networks.externalId, await demoNetworkIds(tx)))
  ).map((r) => r.istatCode);
  if (covered.length === 0) throw new Error('the demo networks cover no comune');
  // Elsewhere: comuni of the same regions (Lombardia, Puglia) that no demo network covers.
  const taken = new Set(covered);
  const elsewhere = readComuni()
    .filter((c) => (c.regionCode === '03' || c.regionCode === '16') && !taken.has(c.istatCode))
    .map((c) => c.istatCode);

  const random = prng(1522);
  const first = addDays(DEMO_CASES_REFERENCE, -(DEMO_CALL_DAYS - 1));
  let recorded = 0;
  for (let d = 0; d < DEMO_CALL_DAYS; d++) {
    const day = addDays(first, d);
    const calls = Number(weighted(random, CALLS_PER_DAY));
    for (let c = 0; c < calls; c++) {
      const [y, m, dd] = day.split('-').map(Number) as [number, number, number];
      const at = new TZDate(y, m - 1, dd, Number(weighted(random, HOURS)), between(random, 0, 59), 'Europe/Rome');
      const comune = chance(random, 0.85) ? oneOf(random, covered) : oneOf(random, elsewhere);
      const answer = await transferAnswer(inTx, scope, { comune, at }, `demo-calls-${d}-${c}`);
      const outcome: CallOutcome = chance(random, 0.03) ? 'police_alerted' : chance(random, 0.03) ? 'other' : answer.action === 'transfer' ? 'transferred' : 'informed';
      const sportelloId = outcome === 'transferred' ? answer.referent?.id : undefined;
      await recordCall(inTx, scope, { at, comune, outcome, language: weighted(random, LANGUAGES), sportelloId }, `demo-calls-${d}-${c}`);
      recorded++;
    }
  }
  return recorded;
}

async function demoNetworkIds(tx: Tx): Promise<string[]> {
  const rows = await tx.select({ externalId: networks.externalId }).from(networks);
  return rows.map((r) => r.externalId).filter((id): id is string => !!id && id.startsWith(DEMO_EXTERNAL_PREFIX));
}
