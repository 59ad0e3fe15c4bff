import { addDays, formatISO, parseISO } from 'date-fns';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { users } from '../../src/server/access/access.tables.js';
import { loadPrincipal } from '../../src/server/access/principal.js';
import { type Scope, buildScope } from '../../src/server/access/scope.js';
import type { AppContext } from '../../src/server/context.js';
import type { Db, Tx } from '../../src/server/platform/db.js';
import { romeToday } from '../../src/server/platform/rome.js';
import { caseMembers, cases, networkMembers } from '../../src/server/schema.js';
import { createAction, updateAction } from '../../src/server/modules/reviews/reviews.actions.js';
import { bringCase } from '../../src/server/modules/reviews/reviews.agenda.js';
import { createReview, updateReview } from '../../src/server/modules/reviews/reviews.service.js';

/**
 * One past multi-agency case review of the demo network (docs/reviews.md),
 * made through the reviews services as the demo people would: called by
 * the coordinator, a high-risk pathway of the CAV brought by its operator
 * with a legal basis to protect her life (fictitious reason and brief),
 * three actions — one done, two still open (one overdue) — and the minutes.
 * The next review the coordinator calls starts from the two open actions.
 */

type Org = 'capofila' | 'cav' | 'rifugio' | 'sociale';

const shift = (day: string, days: number) => formatISO(addDays(parseISO(day), days), { representation: 'date' });

export async function loadDemoReviews(ctx: AppContext, tx: Tx, organisationIds: Record<Org, string>, now = new Date()): Promise<number> {
  const inTx: AppContext = { ...ctx, database: { ...ctx.database, db: tx as unknown as Db } };
  const ids = new Map((await tx.select({ id: users.id, username: users.username }).from(users).where(inArray(users.username, ['coordinatrice', 'operatrice.cav', 'operatrice.rifugio']))).map((u) => [u.username, u.id]));
  const scopeOf = async (username: string, org: Org): Promise<Scope> => {
    const principal = await loadPrincipal(tx, { userId: ids.get(username)!, organisationId: organisationIds[org], mfaVerified: true, idHash: 'demo-load', csrfToken: '' });
    if (principal?.organisation?.id !== organisationIds[org]) throw new Error(`demo account ${username} does not belong to the demo ${org}`);
    return buildScope(tx, principal);
  };
  // The network the capofila leads and the CAV belongs to.
  const [network] = await tx
    .select({ id: networkMembers.networkId })
    .from(networkMembers)
    .where(and(eq(networkMembers.organisationId, organisationIds.capofila), eq(networkMembers.isCapofila, true)))
    .limit(1);
  if (!network) return 0;
  const members = new Set((await tx.select({ id: networkMembers.organisationId }).from(networkMembers).where(eq(networkMembers.networkId, network.id))).map((m) => m.id));
  const participants = (['cav', 'rifugio', 'sociale'] as const).map((k) => organisationIds[k]).filter((id) => members.has(id));
  if (!participants.includes(organisationIds.cav)) return 0;

  // A high-risk pathway of the CAV its operator is on the team of.
  const [high] = await tx
    .select({ id: cases.id })
    .from(cases)
    .innerJoin(caseMembers, and(eq(caseMembers.caseId, cases.id), eq(caseMembers.userId, ids.get('operatrice.cav')!)))
    .where(and(eq(cases.organisationId, organisationIds.cav), inArray(cases.riskLevel, ['elevato', 'imminente'])))
    .orderBy(desc(cases.updatedAt))
    .limit(1);

  const today = romeToday(now);
  const heldOn = shift(today, -14);
  const coordinator = await scopeOf('coordinatrice', 'capofila');
  const review = await createReview(inTx, coordinator, { networkId: network.id, heldOn, mode: 'mista', place: 'Sala riunioni della capofila (prova)', chairOrganisationId: null, participantOrganisationIds: participants }, 'demo-load-review');

  let itemId: string | null = null;
  if (high) {
    const operator = await scopeOf('operatrice.cav', 'cav');
    itemId = (
      await bringCase(
        inTx,
        operator,
        review.id,
        {
          caseId: high.id,
          basis: 'tutela_vita',
          legalBasis: 'interesse_pubblico_rilevante',
          reason: 'Dati di prova: rischio elevato dopo la separazione, protocollo di rete.',
          brief: 'Dati di prova. Rischio elevato: minacce ripetute dopo la separazione, figli minori. Serve un posto protetto e il raccordo con i servizi sociali.',
        },
        'demo-load-review',
      )
    ).id;
  }
  const shelter = participants.includes(organisationIds.rifugio) ? organisationIds.rifugio : organisationIds.cav;
  const social = participants.includes(organisationIds.sociale) ? organisationIds.sociale : organisationIds.cav;
  const actions = [
    { text: 'Verificare la disponibilità di un posto in casa rifugio (prova)', ownerOrganisationId: shelter, dueOn: shift(today, -3), itemId },
    { text: 'Convocare un incontro con i servizi sociali per i figli (prova)', ownerOrganisationId: social, dueOn: shift(today, 7), itemId },
    { text: 'Aggiornare la valutazione del rischio e il piano di sicurezza (prova)', ownerOrganisationId: organisationIds.cav, dueOn: shift(today, -7), itemId },
  ];
  const created: string[] = [];
  for (const action of actions) created.push((await createAction(inTx, coordinator, review.id, action, 'demo-load-review')).id);
  // The CAV did its part.
  await updateAction(inTx, coordinator, review.id, created[2]!, 1, 'fatta', 'demo-load-review');
  await updateReview(
    inTx,
    coordinator,
    review.id,
    1,
    { status: 'held', minutes: 'Verbale di prova. Presenti le organizzazioni partecipanti. Esaminato un percorso ad alto rischio; decise tre azioni (vedi elenco).' },
    'demo-load-review',
  );
  return 1;
}
