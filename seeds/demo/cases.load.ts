import { eq, inArray } from 'drizzle-orm';
import example from '../../src/shared/risk-instruments/example.json' with { type: 'json' };
import { users } from '../../src/server/access/access.tables.js';
import { loadPrincipal } from '../../src/server/access/principal.js';
import { type Scope, buildScope } from '../../src/server/access/scope.js';
import type { AppContext } from '../../src/server/context.js';
import { createConsent, createEvent, saveAuthor, saveChild } from '../../src/server/modules/cases/cases.parts.service.js';
import { saveMinor } from '../../src/server/modules/cases/minors.service.js';
import { caseMinors } from '../../src/server/modules/cases/minors.tables.js';
import { addMember, changeStage, createCase, reopenCase } from '../../src/server/modules/cases/cases.service.js';
import { networkMembers } from '../../src/server/modules/organisations/index.js';
import { createAssessment, loadInstrument } from '../../src/server/modules/risk/index.js';
import type { Db, Tx } from '../../src/server/platform/db.js';
import { saveSafetyPlan } from '../../src/server/modules/cases/safety-plan.service.js';
import { safetyPlanFields } from '../../src/shared/safety-plan.api.js';
import { type DemoActor, type DemoStep, DEMO_RISK_ANSWERS, demoSafetyPlan, planDemoCases } from './cases.js';

/**
 * Runs the demo caseload (cases.ts) through the cases services, as the demo
 * operators, so that every field is sealed and every action audited exactly
 * as when an operator does it. Each service call runs as a savepoint of the
 * caller's transaction (the demo load's): the caseload commits with the
 * demo accounts and the demo flag, or not at all, and a load interrupted
 * half-way leaves nothing to tidy up.
 *
 * The steps of all cases run in date order, so the caseload is ordered as
 * if the year had been lived (last touched on top).
 */
export async function loadDemoCases(ctx: AppContext, tx: Tx, organisationIds: Record<DemoActor['org'], string>): Promise<number> {
  const inTx: AppContext = { ...ctx, database: { ...ctx.database, db: tx as unknown as Db } };
  const usernames: (DemoActor['username'] | 'admin')[] = ['operatrice.cav', 'operatrice.rifugio', 'responsabile.cav', 'assistente.sociale', 'admin'];
  const userIds = new Map((await tx.select({ id: users.id, username: users.username }).from(users).where(inArray(users.username, usernames))).map((u) => [u.username, u.id]));
  const idOf = (username: string) => {
    const id = userIds.get(username);
    if (!id) throw new Error(`demo account ${username} missing`);
    return id;
  };

  const scopes = new Map<string, Scope>();
  const scopeOf = async (actor: DemoActor) => {
    const key = `${actor.username}@${actor.org}`;
    let scope = scopes.get(key);
    if (!scope) {
      const session = { userId: idOf(actor.username), organisationId: organisationIds[actor.org], mfaVerified: true, idHash: 'demo-load', csrfToken: '' };
      const principal = await loadPrincipal(tx, session);
      if (principal?.organisation?.id !== organisationIds[actor.org]) throw new Error(`demo account ${actor.username} does not belong to the demo ${actor.org}`);
      scope = await buildScope(tx, principal);
      scopes.set(key, scope);
    }
    return scope;
  };

  const instruments = await loadDemoInstruments(inTx, tx, idOf('admin'), organisationIds);
  const plans = planDemoCases();
  const queue = plans.flatMap((plan, n) => [
    { on: plan.create.contactOn, n, k: -1, step: null as DemoStep | null },
    ...plan.steps.map((step, k) => ({ on: step.on, n, k, step })),
  ]);
  queue.sort((a, b) => a.on.localeCompare(b.on) || a.n - b.n || a.k - b.k);

  const ids: string[] = [];
  const versions: number[] = [];
  for (const { n, step } of queue) {
    const requestId = `demo-load-${n + 1}`;
    if (!step) {
      const created = await createCase(inTx, await scopeOf(plans[n]!.by), plans[n]!.create, requestId);
      ids[n] = created.id;
      versions[n] = created.version;
      continue;
    }
    const scope = await scopeOf(step.by);
    const id = ids[n]!;
    switch (step.kind) {
      case 'stage':
        versions[n] = (await changeStage(inTx, scope, id, versions[n]!, step.change, requestId)).version;
        break;
      case 'reopen':
        versions[n] = (await reopenCase(inTx, scope, id, versions[n]!, { on: step.on, stage: step.stage }, requestId)).version;
        break;
      case 'event':
        await createEvent(inTx, scope, id, step.event, requestId);
        break;
      case 'consent': {
        // A minor's consent names the holder who gave it (by relation in the plan: the record gives its id).
        const [minor] = step.holder ? await tx.select({ holders: caseMinors.holders }).from(caseMinors).where(eq(caseMinors.caseId, id)) : [];
        const holderId = minor?.holders.find((h) => h.relation === step.holder)?.id;
        await createConsent(inTx, scope, id, { ...step.consent, ...(step.recipient ? { recipientOrganisationId: organisationIds[step.recipient] } : {}), ...(holderId ? { holderId } : {}) }, requestId);
        break;
      }
      case 'minor':
        await saveMinor(inTx, scope, id, 0, step.minor, requestId);
        break;
      case 'child':
        await saveChild(inTx, scope, id, null, step.child, requestId);
        break;
      case 'author':
        await saveAuthor(inTx, scope, id, null, step.author, requestId);
        break;
      case 'member':
        await addMember(inTx, scope, id, { userId: idOf(step.member), referente: false }, requestId);
        break;
      case 'assessment': {
        const instrumentId = instruments.get(organisationIds[plans[n]!.by.org]);
        if (!instrumentId) throw new Error(`no demo risk instrument for the demo ${plans[n]!.by.org}`);
        await createAssessment(inTx, scope, id, { instrumentId, answers: DEMO_RISK_ANSWERS[step.level], occasion: step.occasion, assessedOn: step.on }, requestId);
        break;
      }
      case 'safetyPlan':
        await saveSafetyPlan(inTx, scope, id, 0, safetyPlanFields.parse(demoSafetyPlan(step.agreedOn, step.nextReviewOn, scope.principal.userId)), requestId);
        break;
    }
  }
  return plans.length;
}

/**
 * The example risk instrument, loaded by the instance admin into every
 * network of the demo organisations that hold cases, through the service
 * (checked and audited as a coordinator's load). Returns, per organisation,
 * the instrument of its first network: the one its assessments use.
 */
async function loadDemoInstruments(inTx: AppContext, tx: Tx, adminId: string, organisationIds: Record<DemoActor['org'], string>): Promise<Map<string, string>> {
  const principal = await loadPrincipal(tx, { userId: adminId, organisationId: null, mfaVerified: true, idHash: 'demo-load', csrfToken: '' });
  if (!principal?.isInstanceAdmin) throw new Error('demo account admin missing');
  const admin = await buildScope(tx, principal);
  const holders = [organisationIds.cav, organisationIds.rifugio];
  const links = await tx.select().from(networkMembers).where(inArray(networkMembers.organisationId, holders)).orderBy(networkMembers.networkId);
  const byNetwork = new Map<string, string>();
  for (const networkId of new Set(links.map((l) => l.networkId))) byNetwork.set(networkId, (await loadInstrument(inTx, admin, networkId, example, 'demo-load-risk')).id);
  const out = new Map<string, string>();
  for (const organisationId of holders) {
    const [first] = await tx.select({ networkId: networkMembers.networkId }).from(networkMembers).where(eq(networkMembers.organisationId, organisationId)).orderBy(networkMembers.networkId).limit(1);
    if (first) out.set(organisationId, byNetwork.get(first.networkId)!);
  }
  return out;
}
