import { eq } from 'drizzle-orm';
import type { AppContext } from '../../src/server/context.js';
import { createConsent, createEvent } from '../../src/server/modules/cases/cases.parts.service.js';
import { changeStage, createCase } from '../../src/server/modules/cases/cases.service.js';
import { autonomyEquipes, autonomyProgrammes } from '../../src/server/modules/autonomy/autonomy.tables.js';
import { createAction } from '../../src/server/modules/autonomy/actions.service.js';
import { createExpense, moveExpense } from '../../src/server/modules/autonomy/expenses.service.js';
import { createIntake, decideIntake } from '../../src/server/modules/autonomy/intakes.service.js';
import { programmeActor } from '../../src/server/modules/autonomy/programmes.access.js';
import { createProgramme, setBudgets, setEquipes, setPartners, setResults, updateProgramme } from '../../src/server/modules/autonomy/programmes.service.js';
import { createProject, moveProject, putBudget } from '../../src/server/modules/autonomy/projects.service.js';
import { saveReddito } from '../../src/server/modules/autonomy/reddito.service.js';
import { addParticipant, addSession, createActivity, putAttendance } from '../../src/server/modules/autonomy/workshops.service.js';
import { networks } from '../../src/server/modules/organisations/index.js';
import type { Tx } from '../../src/server/platform/db.js';
import { lia2Frame, lia2Programme, lia2Results } from '../../src/shared/autonomy.frames.js';
import { redditoFields } from '../../src/shared/autonomy.reddito.api.js';
import { type AutonomyKit, CAV_ORG, type Cav, autonomyKit } from './autonomy.kit.js';
import { DEMO_PROJECTS, type DemoMove, type DemoProject, VALIDATOR } from './autonomy.projects.js';
import { loadDemoFunds } from './autonomy.funds.js';
import { drawWoman, randomFirstName } from './cases.profile.js';
import { CREMONA_NETWORK_ID } from './directory.cremona.js';
import { addDays, prng, romeInstant } from './random.js';

/**
 * DEMO DATA — issue 14 on the Cremona-like network (docs/autonomy.md): a
 * programme modelled on L.I.A. 2 (its frame, caps and expected results)
 * run by the Comune di Cremona's coordinator with the province's three
 * CAV as partners, budgets per axis and partner, one équipe
 * multidisciplinare; pathways of the three CAV referred to it (admitted,
 * one not, one awaiting), the 14 projects of autonomy.projects.ts taken
 * through the approval chain, their expenses and actions; the group work
 * its expected results count; two Reddito di libertà applications; the network's regional funds year
 * (autonomy.funds.ts). Everything goes through the module's services as
 * the demo people, in the demo load's transaction: caps checked, history
 * and audit rows written, personal fields sealed as in use.
 */

const rid = (what: string) => `demo-load-autonomy-${what}`;
const COMUNE: Record<Cav, string> = { cremona: '019036', crema: '019035', casalmaggiore: '019021' };
/** The programme runs two years, as L.I.A. 2 did, and started early enough for the oldest project's expenses. */
const STARTED_DAYS_AGO = 420;

export const DEMO_PROGRAMME = { name: `${lia2Programme.name} (DEMO)`, totalCents: 6_000_000 } as const;

export async function loadDemoAutonomy(ctx: AppContext, tx: Tx, now = new Date()): Promise<{ programmeId: string; projects: number }> {
  const kit = await autonomyKit(ctx, tx, now);
  const { programmeId, equipeId } = await setUpProgramme(kit);

  let n = 0;
  const openCase = async (cav: Cav, since: number) => {
    n++;
    const random = prng(1400 + n);
    const contactOn = kit.ago(since);
    const { profile } = drawWoman(random, 'cav', contactOn, kit.today);
    const scope = await kit.scope(cav);
    const adult = profile.ageBand === 'lt18' ? { ...profile, ageBand: '30_39' as const, employment: 'disoccupata' as const, living: 'con_figli' as const } : profile;
    const r = rid(`case-${n}`);
    const created = await createCase(kit.inTx, scope, { contactOn, emergency: false, comuneCode: COMUNE[cav], identity: { firstName: randomFirstName(random) }, profile: adult }, r);
    await createEvent(kit.inTx, scope, created.id, { at: romeInstant(contactOn, 10, 0), channel: 'di_persona', type: 'ascolto', durationMinutes: 60 }, r);
    const [received, taken] = [addDays(contactOn, 2), addDays(contactOn, 10)];
    const { version } = await changeStage(kit.inTx, scope, created.id, created.version, { stage: 'accoglienza', on: received }, r);
    await createConsent(kit.inTx, scope, created.id, { purpose: 'statistiche_anonime', givenOn: received, form: 'scritto', sections: [] }, r);
    await changeStage(kit.inTx, scope, created.id, version, { stage: 'presa_in_carico', on: taken }, r);
    await createConsent(kit.inTx, scope, created.id, { purpose: 'presa_in_carico', givenOn: taken, form: 'scritto', sections: [] }, r);
    // The longest pathways agreed to be contacted after the end: their follow-ups may be done.
    if (since >= 300) await createConsent(kit.inTx, scope, created.id, { purpose: 'contatto', givenOn: taken, form: 'scritto', sections: [], channel: 'telefono' }, r);
    return created.id;
  };
  const refer = async (cav: Cav, caseId: string, note: string) => createIntake(kit.inTx, await kit.scope(cav), { programmeId, equipeId, caseId, note }, rid('intake'));

  const caseIds: string[] = [];
  for (const [i, plan] of DEMO_PROJECTS.entries()) {
    const caseId = await openCase(plan.cav, plan.since);
    caseIds.push(caseId);
    const intake = await refer(plan.cav, caseId, 'Segnalata per un percorso di autonomia lavorativa e abitativa (testo di prova).');
    await decideIntake(kit.inTx, await kit.scope(VALIDATOR[plan.cav]), intake.id, intake.version, { decision: 'ammessa' }, rid('intake'));
    await runProject(kit, plan, caseId, intake.id, i);
  }
  // One referral not admitted (another measure fits her better), one awaiting the équipe.
  const refused = await refer('casalmaggiore', await openCase('casalmaggiore', 50), 'Chiede un sostegno economico per la casa (testo di prova).');
  await decideIntake(kit.inTx, await kit.scope('cremona'), refused.id, refused.version, { decision: 'non_ammessa', reason: 'altra_misura_piu_adatta' }, rid('intake'));
  await refer('crema', await openCase('crema', 40), 'Segnalata per un tirocinio di inclusione (testo di prova).');

  await groupWork(kit, programmeId, caseIds);
  await redditoApplications(kit, caseIds);
  await loadDemoFunds(kit);
  return { programmeId, projects: DEMO_PROJECTS.length };
}

/** The coordinator creates the programme from the L.I.A. 2 frame and sets partners, budgets, the équipe and the results, then opens it. */
async function setUpProgramme(kit: AutonomyKit): Promise<{ programmeId: string; equipeId: string }> {
  const { inTx, tx, org } = kit;
  const actor = programmeActor(await kit.scope('coordinatrice'), rid('programme'));
  const [network] = await tx.select({ id: networks.id }).from(networks).where(eq(networks.externalId, CREMONA_NETWORK_ID));
  const startsOn = `${kit.ago(STARTED_DAYS_AGO).slice(0, 7)}-01`;
  const endsOn = addDays(`${String(Number(startsOn.slice(0, 4)) + 2)}${startsOn.slice(4)}`, -1);
  const id = await createProgramme(inTx, tx, actor, {
    networkId: network!.id,
    name: DEMO_PROGRAMME.name,
    acronym: lia2Programme.acronym,
    decreeRef: `${lia2Programme.decreeRef} (modello per la demo)`,
    startsOn,
    endsOn,
    totalCents: DEMO_PROGRAMME.totalCents,
    frame: lia2Frame,
  });
  const version = async () => (await tx.select({ v: autonomyProgrammes.version }).from(autonomyProgrammes).where(eq(autonomyProgrammes.id, id)))[0]!.v;
  const cavs = [org('cavCremona'), org('cavCrema'), org('cavCasalmaggiore')] as const;
  await setPartners(inTx, tx, actor, id, await version(), { capofilaOrganisationId: org('capofila'), partnerOrganisationIds: [...cavs] });
  // Axis I to the capofila (the workshop, the training) and a little to each CAV; II–IV to the CAV. € 53,000 of € 60,000 allocated.
  const split: [string, number, number, number, number][] = [
    // organisation, I, II, III, IV (cents)
    [org('capofila'), 1_000_000, 0, 0, 0],
    [cavs[0], 200_000, 800_000, 300_000, 400_000],
    [cavs[1], 200_000, 700_000, 300_000, 300_000],
    [cavs[2], 100_000, 500_000, 200_000, 300_000],
  ];
  const budgets = split.flatMap(([organisationId, ...amounts]) =>
    (['I', 'II', 'III', 'IV'] as const).flatMap((axisCode, i) => (amounts[i]! > 0 ? [{ axisCode, organisationId, amountCents: amounts[i]! }] : [])),
  );
  await setBudgets(inTx, tx, actor, id, await version(), { budgets });
  await setEquipes(inTx, tx, actor, id, await version(), {
    equipes: [{ name: 'Équipe multidisciplinare territoriale di Cremona (DEMO)', organisationIds: [...cavs, org('sociale'), org('cpi'), org('capofila')] }],
  });
  await setResults(inTx, tx, actor, id, await version(), { results: lia2Results.map((r) => ({ ...r, manualActual: null })) });
  await updateProgramme(inTx, tx, actor, id, await version(), { state: 'attivo' });
  const [equipe] = await tx.select({ id: autonomyEquipes.id }).from(autonomyEquipes).where(eq(autonomyEquipes.programmeId, id));
  return { programmeId: id, equipeId: equipe!.id };
}

/** One project: drafted from the admitted referral, its budget planned, its moves, expenses and actions in order. */
async function runProject(kit: AutonomyKit, plan: DemoProject, caseId: string, intakeId: string, i: number): Promise<void> {
  const { inTx } = kit;
  const team = await kit.scope(plan.cav);
  const r = rid(`project-${i + 1}`);
  let p = await createProject(inTx, team, { intakeId, caseId, areas: plan.areas, goals: plan.goals }, r);
  if (plan.planned.length) p = await putBudget(inTx, team, p.id, p.version, { items: plan.planned.map(([categoryCode, plannedCents]) => ({ categoryCode, plannedCents })) }, r);
  const move = async (m: DemoMove) => {
    const by = m.by === 'team' ? team : await kit.scope(m.by === 'equipe' ? VALIDATOR[plan.cav] : 'coordinatrice');
    p = await moveProject(inTx, by, p.id, p.version, { move: m.move, ...(m.reason ? { reason: m.reason } : {}), ...(m.daysAgo !== undefined ? { on: kit.ago(m.daysAgo) } : {}) }, r);
  };
  for (const m of plan.moves) await move(m);
  const partnerOrganisationId = kit.org(CAV_ORG[plan.cav]);
  for (const e of plan.expenses ?? []) {
    p = await createExpense(inTx, team, p.id, { categoryCode: e.category, partnerOrganisationId, amountCents: e.cents, committedOn: kit.ago(e.committed) }, r);
    if (e.paid === undefined) continue;
    const made = p.expenses!.find((x) => x.state === 'impegnata' && x.categoryCode === e.category && x.committedOn === kit.ago(e.committed))!;
    p = await moveExpense(inTx, team, p.id, made.id, made.version, e.paid === 'annulla' ? { move: 'annulla' } : { move: 'paga', paidOn: kit.ago(e.paid) }, r);
  }
  for (const action of plan.actions ?? []) await createAction(inTx, team, p.id, action(kit.ago), r);
  for (const m of plan.after ?? []) await move(m);
}

/**
 * The programme's group work, counted by its expected results: an
 * agreement with a housing body, a training meeting of the practitioners,
 * the empowerment workshop with two sessions attended by two women of the
 * Cremona CAV (their team enrols them and records who came).
 */
async function groupWork(kit: AutonomyKit, programmeId: string, caseIds: readonly string[]): Promise<void> {
  const { inTx } = kit;
  const coordinator = await kit.scope('coordinatrice');
  const r = rid('groupwork');
  await createActivity(inTx, coordinator, programmeId, { kind: 'accordo', title: 'Protocollo per l’accesso alla casa (DEMO)', counterpart: 'Agenzia per la casa di prova (DEMO)', agreementKind: 'abitare', signedOn: kit.ago(330) }, r);
  await createActivity(inTx, coordinator, programmeId, { kind: 'incontro_formativo_operatori', title: 'Il modello laboratoriale: incontro per operatrici e operatori (DEMO)', heldOn: kit.ago(300) }, r);
  const workshop = await createActivity(inTx, coordinator, programmeId, { kind: 'laboratorio_empowerment', title: 'Laboratorio di empowerment (DEMO)' }, r);
  const facilitators = ['Operatrici dei CAV della rete (prova)'];
  await addSession(inTx, coordinator, workshop.id, { heldOn: kit.ago(60), facilitators }, r);
  const held = await addSession(inTx, coordinator, workshop.id, { heldOn: kit.ago(30), facilitators }, r);
  const team = await kit.scope('cremona');
  for (const caseId of [caseIds[7]!, caseIds[9]!]) {
    const enrolled = await addParticipant(inTx, team, workshop.id, { caseId }, r);
    const participant = enrolled.participants.find((p) => p.caseId === caseId)!;
    await putAttendance(inTx, team, workshop.id, participant.id, { sessionIds: held.sessions.map((x) => x.id) }, r);
  }
}

/**
 * Two Reddito di libertà applications (docs/autonomy.md): on the pathway of
 * the project at the autonomy cap, granted two months ago with two months
 * paid; on the housing one, filed and awaiting INPS's outcome.
 */
async function redditoApplications(kit: AutonomyKit, caseIds: readonly string[]): Promise<void> {
  const social = kit.org('sociale');
  const cremona = kit.org('cavCremona');
  const team = await kit.scope('cremona');
  const granted = redditoFields.parse({
    cavStatementOn: kit.ago(110),
    cavOrganisationId: cremona,
    socialStatementOn: kit.ago(105),
    socialOrganisationId: social,
    filedOn: kit.ago(100),
    outcome: 'accolta',
    outcomeOn: kit.ago(62),
    monthsPaid: 2,
  });
  await saveReddito(kit.inTx, team, caseIds[7]!, 0, granted, rid('reddito'));
  const filed = redditoFields.parse({ cavStatementOn: kit.ago(40), cavOrganisationId: cremona, socialStatementOn: kit.ago(35), socialOrganisationId: social, filedOn: kit.ago(20) });
  await saveReddito(kit.inTx, team, caseIds[9]!, 0, filed, rid('reddito'));
}
