import { and, eq } from 'drizzle-orm';
import { fundsActor } from '../../src/server/modules/autonomy/funds.access.js';
import * as funds from '../../src/server/modules/autonomy/funds.service.js';
import { fundsAllocations, fundsApplications, fundsYears } from '../../src/server/modules/autonomy/funds.tables.js';
import { networks } from '../../src/server/modules/organisations/index.js';
import type { FundsExpenseIn } from '../../src/shared/autonomy.funds.api.js';
import type { AutonomyKit, CremonaOrg, Who } from './autonomy.kit.js';
import { CREMONA_NETWORK_ID } from './directory.cremona.js';

/**
 * DEMO DATA — the Cremona network's regional funds for one year
 * (docs/autonomy.md, "Regional funds"), through the funds services as the
 * capofila's coordinator and the CAV's staff: the regional contribution
 * (€ 120,000), co-financing in money and in kind, governance costs under
 * the 10 % limit (€ 10,700 of € 12,000), the call and an application of
 * each CAV and the shelter (all registered in the Albo) reviewed, the
 * allocation plan shared with the ATS and sent to the Region, and the
 * rendicontazione of each partner in a different state: in progress,
 * submitted, verified, not started. Days count back from the load.
 */

export const DEMO_FUNDS = { contributionCents: 12_000_000, governanceCents: [750_000, 320_000] } as const;

/** Allocations, and what each partner reports: its expenses, then `presenta` (its head) and `verifica` (the capofila). */
const PARTNERS: { org: CremonaOrg; asked: number; allocated: number; by?: Who; expenses?: FundsExpenseIn[]; report?: ('presenta' | 'verifica')[] }[] = [
  { org: 'cavCremona', asked: 4_500_000, allocated: 4_000_000, by: 'cremona', expenses: [{ category: 'personale', amountCents: 1_200_000, spentOn: '', documentRef: 'Cedolini operatrici, trimestre 1 (prova)' }, { category: 'beni_servizi', amountCents: 180_000, spentOn: '', documentRef: 'Fattura n. 14 (prova)' }] },
  {
    org: 'cavCrema',
    asked: 3_500_000,
    allocated: 3_500_000,
    by: 'crema',
    expenses: [
      { category: 'personale', amountCents: 2_400_000, spentOn: '', documentRef: 'Cedolini operatrici, semestre (prova)' },
      { category: 'formazione', amountCents: 350_000, spentOn: '', documentRef: 'Fattura n. 7 (prova)' },
      { category: 'spese_generali', amountCents: 250_000, spentOn: '', documentRef: 'Utenze della sede, protocollo 112 (prova)' },
    ],
    report: ['presenta'],
  },
  {
    org: 'cavCasalmaggiore',
    asked: 2_800_000,
    allocated: 2_500_000,
    by: 'casalmaggiore',
    expenses: [
      { category: 'personale', amountCents: 2_000_000, spentOn: '', documentRef: 'Cedolini operatrici, anno (prova)' },
      { category: 'comunicazione', amountCents: 500_000, spentOn: '', documentRef: 'Fattura n. 3 (prova)' },
    ],
    report: ['presenta', 'verifica'],
  },
  { org: 'rifugio', asked: 2_000_000, allocated: 1_900_000 },
];

export async function loadDemoFunds(kit: AutonomyKit): Promise<string> {
  const { tx, org, ago } = kit;
  const capofila = fundsActor(await kit.scope('coordinatrice'), 'demo-load-autonomy-funds');
  const [network] = await tx.select({ id: networks.id }).from(networks).where(eq(networks.externalId, CREMONA_NETWORK_ID));
  const id = await funds.createYear(tx, capofila, { networkId: network!.id, year: Number(ago(150).slice(0, 4)), contributionCents: DEMO_FUNDS.contributionCents });
  const version = async () => (await tx.select({ v: fundsYears.version }).from(fundsYears).where(eq(fundsYears.id, id)))[0]!.v;
  await funds.updateYear(tx, capofila, id, await version(), { callOpensOn: ago(150), callClosesOn: ago(120), callReference: 'Avviso pubblico per i centri antiviolenza e le case rifugio della rete, prot. 1234 (prova)' });
  await funds.addCofinancing(tx, capofila, id, { kind: 'denaro', description: 'Quota del bilancio comunale (prova)', organisationId: org('capofila'), amountCents: 1_000_000 });
  await funds.addCofinancing(tx, capofila, id, { kind: 'personale', description: 'Ore di un’assistente sociale dedicate alla rete (prova)', organisationId: org('sociale'), amountCents: 600_000 });
  await funds.addCofinancing(tx, capofila, id, { kind: 'locali', description: 'Sala per il laboratorio di empowerment (prova)', organisationId: org('capofila'), amountCents: 300_000 });
  const [coordination, secretariat] = DEMO_FUNDS.governanceCents;
  await funds.addGovernance(tx, capofila, id, { description: 'Coordinamento della rete: tavoli e cabina di regia (prova)', amountCents: coordination, incurredOn: ago(140) });
  await funds.addGovernance(tx, capofila, id, { description: 'Segreteria tecnica e rendicontazione (prova)', amountCents: secretariat, incurredOn: ago(60) });

  for (const p of PARTNERS) {
    await funds.addApplication(tx, capofila, id, { organisationId: org(p.org), requestedCents: p.asked, submittedOn: ago(125) });
    const [app] = await tx.select().from(fundsApplications).where(and(eq(fundsApplications.yearId, id), eq(fundsApplications.organisationId, org(p.org))));
    await funds.reviewApplication(tx, capofila, id, app!.id, app!.version, { outcome: 'ammessa', proposedCents: p.allocated, reviewedOn: ago(110) });
  }
  await funds.setPlan(tx, capofila, id, await version(), { allocations: PARTNERS.map((p) => ({ organisationId: org(p.org), amountCents: p.allocated })) });
  await funds.movePlan(tx, capofila, id, await version(), { move: 'condividi', on: ago(100) });
  await funds.movePlan(tx, capofila, id, await version(), { move: 'invia', on: ago(95), protocol: 'Prot. 5678/DEMO' });

  for (const p of PARTNERS) {
    if (!p.by) continue;
    const partner = fundsActor(await kit.scope(p.by), 'demo-load-autonomy-funds');
    const allocation = async () => (await tx.select().from(fundsAllocations).where(and(eq(fundsAllocations.yearId, id), eq(fundsAllocations.organisationId, org(p.org)))))[0]!;
    for (const [i, e] of (p.expenses ?? []).entries()) await funds.addExpense(tx, partner, id, (await allocation()).id, { ...e, spentOn: ago(80 - 20 * i) });
    for (const move of p.report ?? []) {
      const a = await allocation();
      await funds.moveReport(tx, move === 'presenta' ? partner : capofila, id, a.id, a.version, { move, on: ago(move === 'presenta' ? 10 : 3) });
    }
  }
  return id;
}
