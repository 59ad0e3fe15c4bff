import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type RiskLevel, highRiskLevels, planActionTypes } from '../../../shared/cases.js';
import type { FieldIssue } from '../../../shared/problems.js';
import type { AssessmentCreate, assessmentOut, instrumentListItem, riskSummaryOut } from '../../../shared/risk.api.js';
import { type Answers, assess, checkAnswers, finalLevel } from '../../../shared/risk/assess.js';
import { type Instrument, levelRank, levelsOf, parseInstrument } from '../../../shared/risk/instrument.js';
import { users } from '../../access/access.tables.js';
import type { Scope } from '../../access/scope.js';
import { actedBy, writeAudit } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { type DbOrTx, type Tx, writeTransaction } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { romeToday } from '../../platform/rome.js';
import { networkMembers, networks, organisations } from '../organisations/index.js';
import { cases, deriveEmergency, emergencyPurpose, inOrder, markChanged, notifyTeamOf, onCase, planActions, planGoals, seal, unseal } from '../cases/index.js';
import { reassessmentOf } from './risk.due.js';
import { riskAssessments, riskInstruments } from './risk.tables.js';

/**
 * Risk assessment (issue 12, docs/risk.md): the instruments a network
 * loads, and the assessments of a case — scored by the server with the
 * shared engine, stored append-only with answers and reason sealed, the
 * case's level set from them, and a rise to a high level answered, in the
 * same transaction, by protective actions on the plan and a notice to the
 * case team of the owning organisation.
 */

const invalid = (...errors: FieldIssue[]) => new AppError('validation_failed', { errors });

// ---- Instruments ---------------------------------------------------------

/** The networks whose instruments she reads: her organisation's (staff), those it leads (a coordinator), all (the instance admin). */
async function readableNetworks(db: DbOrTx, scope: Scope): Promise<'all' | string[]> {
  const { principal } = scope;
  if (principal.isInstanceAdmin) return 'all';
  if (!principal.organisation) return [];
  const coordinator = principal.organisationRole === 'network_coordinator';
  const rows = await db
    .select({ id: networkMembers.networkId })
    .from(networkMembers)
    .where(and(eq(networkMembers.organisationId, principal.organisation.id), coordinator ? eq(networkMembers.isCapofila, true) : undefined));
  return rows.map((r) => r.id);
}

/** The networks whose instruments she manages: the instance admin any, a coordinator those her organisation leads. */
async function managedNetworks(db: DbOrTx, scope: Scope): Promise<'all' | string[]> {
  if (scope.principal.isInstanceAdmin) return 'all';
  if (scope.principal.organisationRole !== 'network_coordinator') return [];
  return readableNetworks(db, scope);
}

const within = (networksOf: 'all' | string[]) => (networksOf === 'all' ? undefined : networksOf.length ? inArray(riskInstruments.networkId, networksOf) : sql`false`);

type InstrumentRow = typeof riskInstruments.$inferSelect;
const instrumentColumns = { instrument: riskInstruments, network: { id: networks.id, name: networks.name }, loadedBy: users.displayName };

function presentInstrument(row: { instrument: InstrumentRow; network: { id: string; name: string }; loadedBy: string | null }): z.output<typeof instrumentListItem> {
  const { instrument: i } = row;
  const d = i.definition;
  return {
    id: i.id,
    network: row.network,
    code: i.code,
    version: i.version,
    title: d.name,
    example: d.example,
    notice: d.notice ?? null,
    rule: d.scoring.rule,
    items: d.sections.reduce((n, s) => n + s.items.length, 0),
    loadedAt: i.loadedAt,
    loadedBy: row.loadedBy,
    retiredAt: i.retiredAt,
  };
}

function selectInstruments(db: DbOrTx) {
  return db.select(instrumentColumns).from(riskInstruments).innerJoin(networks, eq(networks.id, riskInstruments.networkId)).leftJoin(users, eq(users.id, riskInstruments.loadedBy));
}

export async function listInstruments(ctx: AppContext, scope: Scope, q: { retired: boolean }) {
  const db = ctx.database.db;
  const rows = await selectInstruments(db)
    .where(and(within(await readableNetworks(db, scope)), q.retired ? undefined : isNull(riskInstruments.retiredAt)))
    .orderBy(asc(networks.name), asc(riskInstruments.code), desc(riskInstruments.version));
  return rows.map(presentInstrument);
}

export async function getInstrument(ctx: AppContext, scope: Scope, id: string) {
  const db = ctx.database.db;
  const [row] = await selectInstruments(db).where(and(eq(riskInstruments.id, id), within(await readableNetworks(db, scope))));
  if (!row) throw new AppError('not_found');
  return { ...presentInstrument(row), definition: row.instrument.definition };
}

/**
 * Loads an instrument into a network: checked by the shared engine (400
 * `validation_failed` with each issue's pointer under `/body` and its code), stored as parsed.
 * The same code and version twice in a network: `duplicate` at `/body/version`.
 */
export async function loadInstrument(ctx: AppContext, scope: Scope, networkId: string, body: unknown, requestId: string) {
  const parsed = parseInstrument(body);
  if (!parsed.ok) throw invalid(...parsed.issues.map((i) => ({ ...i, pointer: `/body${i.pointer}` })));
  const definition = parsed.instrument;
  const id = await writeTransaction(
    ctx.database.db,
    async (tx) => {
      const managed = await managedNetworks(tx, scope);
      const audit = actedBy(scope, requestId, 'network.risk_instrument_load', { type: 'network', id: networkId });
      if (managed !== 'all' && !managed.includes(networkId)) {
        await writeAudit(tx, { ...audit, outcome: 'denied' });
        return null;
      }
      const [network] = await tx.select({ id: networks.id }).from(networks).where(eq(networks.id, networkId));
      if (!network) return null;
      const [taken] = await tx
        .select({ id: riskInstruments.id })
        .from(riskInstruments)
        .where(and(eq(riskInstruments.networkId, networkId), eq(riskInstruments.code, definition.id), eq(riskInstruments.version, definition.version)));
      if (taken) throw invalid({ pointer: '/body/version', code: 'duplicate' });
      const [row] = await tx
        .insert(riskInstruments)
        .values({ networkId, code: definition.id, version: definition.version, definition, loadedBy: scope.principal.userId })
        .returning({ id: riskInstruments.id });
      await writeAudit(tx, { ...audit, purpose: `${definition.id}:${definition.version}` });
      return row!.id;
    },
    () => invalid({ pointer: '/body/version', code: 'duplicate' }),
  );
  if (!id) throw new AppError('not_found');
  return getInstrument(ctx, scope, id);
}

/** Retires an instrument: no new assessment uses it; those made with it keep it. */
export async function retireInstrument(ctx: AppContext, scope: Scope, id: string, requestId: string) {
  const done = await ctx.database.db.transaction(async (tx) => {
    const managed = await managedNetworks(tx, scope);
    const [row] = await tx
      .update(riskInstruments)
      .set({ retiredAt: new Date() })
      .where(and(eq(riskInstruments.id, id), within(managed), isNull(riskInstruments.retiredAt)))
      .returning({ id: riskInstruments.id, networkId: riskInstruments.networkId });
    await writeAudit(tx, { ...actedBy(scope, requestId, 'network.risk_instrument_retire', { type: 'risk_instrument', id }), outcome: row ? 'success' : 'denied' });
    return !!row;
  });
  if (!done) throw new AppError('not_found');
}

// ---- Assessments ---------------------------------------------------------

type Out = z.output<typeof assessmentOut>;

async function assessmentsOf(ctx: AppContext, tx: DbOrTx, caseId: string): Promise<Out[]> {
  const rows = await tx
    .select({ a: riskAssessments, definition: riskInstruments.definition, assessor: users.displayName, organisation: { id: organisations.id, name: organisations.name } })
    .from(riskAssessments)
    .innerJoin(riskInstruments, eq(riskInstruments.id, riskAssessments.instrumentId))
    .innerJoin(organisations, eq(organisations.id, riskAssessments.assessorOrganisationId))
    .leftJoin(users, eq(users.id, riskAssessments.assessorUserId))
    .where(eq(riskAssessments.caseId, caseId))
    .orderBy(desc(riskAssessments.assessedOn), desc(riskAssessments.createdAt));
  return inOrder(rows, async ({ a, definition, assessor, organisation }) => {
    const answers = (await unseal<Answers>(ctx.crypto, tx, 'risk_assessment.answers', a.id, a.answersSealed)) ?? {};
    // What the engine reports besides the stored score (critical, missing, unknown): recomputed from the stored answers.
    const result = assess(definition, answers);
    return {
      id: a.id,
      instrument: { id: a.instrumentId, code: a.instrumentCode, version: a.instrumentVersion, title: definition.name, example: definition.example },
      answers,
      score: a.score,
      maxScore: result.maxScore,
      computedLevel: a.computedLevel,
      judgementLevel: a.judgementLevel,
      finalLevel: a.finalLevel,
      lowered: a.lowered,
      reason: await unseal<string>(ctx.crypto, tx, 'risk_assessment.reason', a.id, a.reasonSealed),
      critical: result.critical,
      missing: result.missing,
      unknown: result.unknown,
      tooManyUnknown: result.tooManyUnknown,
      occasion: a.occasion,
      assessedOn: a.assessedOn,
      assessor: { displayName: assessor, organisation },
      createdAt: a.createdAt,
    };
  });
}

/** The assessments of a case, the latest first: the `risk` section only (else 404, audited as denied). */
export function listAssessments(ctx: AppContext, scope: Scope, caseId: string, requestId: string) {
  return onCase(ctx, scope, caseId, requestId, 'case.risk_read', 'risk', (tx) => assessmentsOf(ctx, tx, caseId));
}

/** The risk of a case: the latest assessment, the trend (oldest first) and the next re-assessment. */
export function riskSummary(ctx: AppContext, scope: Scope, caseId: string, requestId: string): Promise<z.output<typeof riskSummaryOut>> {
  return onCase(ctx, scope, caseId, requestId, 'case.risk_read', 'risk', async (tx) => {
    const all = await assessmentsOf(ctx, tx, caseId);
    const due = await reassessmentOf(tx, ctx.config.riskReassessWeeks, caseId);
    return {
      latest: all[0] ?? null,
      history: all
        .map((a) => ({
          id: a.id,
          assessedOn: a.assessedOn,
          occasion: a.occasion,
          instrumentCode: a.instrument.code,
          instrumentVersion: a.instrument.version,
          score: a.score,
          maxScore: a.maxScore,
          computedLevel: a.computedLevel,
          finalLevel: a.finalLevel,
          lowered: a.lowered,
        }))
        .reverse(),
      reassessmentDueOn: due?.dueOn ?? null,
      reassessmentReason: due?.reason ?? null,
      reassessWeeks: ctx.config.riskReassessWeeks,
    };
  });
}

const isHigh = (level: RiskLevel | null | undefined) => !!level && (highRiskLevels as readonly string[]).includes(level);

/** The plan actions a rise to a high level sets off, in this order (docs/risk.md). */
export const highRiskActionTypes = ['piano_sicurezza', 'valutare_casa_rifugio', 'proporre_revisione_multiagenzia'] as const satisfies readonly (typeof planActionTypes)[number][];

/** The open `sicurezza` goal of the plan, created when there is none. */
async function safetyGoal(tx: Tx, caseId: string, userId: string): Promise<string> {
  const [open] = await tx
    .select({ id: planGoals.id })
    .from(planGoals)
    .where(and(eq(planGoals.caseId, caseId), eq(planGoals.area, 'sicurezza'), eq(planGoals.status, 'aperto')))
    .orderBy(asc(planGoals.createdAt))
    .limit(1);
  if (open) return open.id;
  const [goal] = await tx.insert(planGoals).values({ caseId, area: 'sicurezza', status: 'aperto', createdBy: userId }).returning({ id: planGoals.id });
  return goal!.id;
}

/**
 * The high-risk response, in the assessment's transaction: the three
 * actions on the `sicurezza` goal, owned by the owning organisation and due
 * today; and a notice to the case team's members of the owning
 * organisation (the case code is all the notice shows). Nothing leaves it.
 */
async function respondToHighRisk(tx: Tx, scope: Scope, row: { id: string; organisationId: string }, level: RiskLevel, createActions: boolean): Promise<string[]> {
  const actionIds: string[] = [];
  if (createActions) {
    const goalId = await safetyGoal(tx, row.id, scope.principal.userId);
    const dueOn = romeToday();
    for (const type of highRiskActionTypes) {
      const [action] = await tx
        .insert(planActions)
        .values({ caseId: row.id, goalId, type, ownerOrganisationId: row.organisationId, dueOn, status: 'prevista', createdBy: scope.principal.userId })
        .returning({ id: planActions.id });
      actionIds.push(action!.id);
    }
  }
  await notifyTeamOf(tx, row.id, row.organisationId, {
    kind: 'risk_high',
    params: { level },
    target: { type: 'case', caseId: row.id, tab: 'risk', section: 'risk' },
    actorUserId: scope.principal.userId,
  });
  return actionIds;
}

/** Maps the engine's judgement pointers to this API's flat fields. */
const judgementPointer = (pointer: string) => pointer.replace('/body/judgement/reason', '/body/reason').replace(/\/body\/judgement(\/level)?$/, '/body/judgementLevel');

/**
 * Records an assessment, all in one transaction: the answers checked and
 * scored by the server (nothing of a client's score is read), the final
 * level under the rule of the judgement, the row (answers and reason
 * sealed), the case's level when it is the latest assessment, and the
 * high-risk response when the level rises to elevato or imminente from a
 * lower one or none. Audited with `lowered` / `triggered` in its purpose.
 */
export function createAssessment(ctx: AppContext, scope: Scope, caseId: string, input: AssessmentCreate, requestId: string) {
  return onCase(
    ctx,
    scope,
    caseId,
    requestId,
    'case.risk_write',
    'risk',
    async (tx, access) => {
      if (input.assessedOn > romeToday()) throw invalid({ pointer: '/body/assessedOn', code: 'in_future' });
      // The case row locked first: two assessments at once run one after the other, so a rise is answered once.
      await tx.select({ id: cases.id }).from(cases).where(eq(cases.id, caseId)).for('update');
      const [instrument] = await tx
        .select({ id: riskInstruments.id, code: riskInstruments.code, version: riskInstruments.version, definition: riskInstruments.definition })
        .from(riskInstruments)
        .innerJoin(networkMembers, eq(networkMembers.networkId, riskInstruments.networkId))
        .where(and(eq(riskInstruments.id, input.instrumentId), isNull(riskInstruments.retiredAt), eq(networkMembers.organisationId, access.row.organisationId)))
        .limit(1);
      if (!instrument) throw invalid({ pointer: '/body/instrumentId', code: 'unknown_instrument' });
      const definition: Instrument = instrument.definition;
      const checked = checkAnswers(definition, input.answers, '/body/answers');
      if (!checked.ok) throw invalid(...checked.issues);
      const result = assess(definition, checked.answers);
      const judgement = input.judgementLevel ? { level: input.judgementLevel, reason: input.reason ?? null } : null;
      const final = finalLevel(result.computedLevel, judgement, levelsOf(definition), '/body');
      if (!final.ok) throw invalid(...final.issues.map((i) => ({ ...i, pointer: judgementPointer(i.pointer) })));
      const reason = final.reason ?? input.reason ?? null;

      const [previous] = await tx
        .select({ assessedOn: riskAssessments.assessedOn, finalLevel: riskAssessments.finalLevel })
        .from(riskAssessments)
        .where(eq(riskAssessments.caseId, caseId))
        .orderBy(desc(riskAssessments.assessedOn), desc(riskAssessments.createdAt))
        .limit(1);
      const id = randomUUID();
      await tx.insert(riskAssessments).values({
        id,
        caseId,
        instrumentId: instrument.id,
        instrumentCode: instrument.code,
        instrumentVersion: instrument.version,
        answersSealed: await seal(ctx.crypto, tx, access.row, 'risk_assessment.answers', id, checked.answers),
        reasonSealed: await seal(ctx.crypto, tx, access.row, 'risk_assessment.reason', id, reason),
        score: result.score,
        computedLevel: result.computedLevel,
        judgementLevel: judgement?.level ?? null,
        finalLevel: final.level,
        lowered: final.lowered,
        occasion: input.occasion,
        assessedOn: input.assessedOn,
        assessorUserId: scope.principal.userId,
        assessorOrganisationId: scope.principal.organisation!.id,
      });
      // An assessment dated before the latest one joins the history: the case's level stays the latest's.
      const latest = !previous || input.assessedOn >= previous.assessedOn;
      let actionIds: string[] = [];
      let triggered = false;
      let emergency: string | null = null;
      if (latest) {
        await tx.update(cases).set({ riskLevel: final.level }).where(eq(cases.id, caseId));
        // The case's emergency follows its latest assessment: imminente sets it, a lower level clears one an assessment set (docs/cases.md).
        const on = final.level === 'imminente';
        emergency = emergencyPurpose(await deriveEmergency(tx, caseId, on, { source: 'valutazione', id }, on ? undefined : 'valutazione'), on);
        const before = previous?.finalLevel ?? null;
        const rose = before === null || levelRank(final.level) > levelRank(before);
        if (isHigh(final.level) && rose) {
          triggered = !isHigh(before);
          // From elevato to imminente: the team hears of it again; the actions of the first rise are already on the plan.
          actionIds = await respondToHighRisk(tx, scope, access.row, final.level, triggered);
        }
      }
      await markChanged(tx, caseId);
      return { id, finalLevel: final.level, triggered, actionIds, lowered: final.lowered, emergency };
    },
    (v) => [v.lowered ? 'lowered' : null, v.triggered ? 'triggered' : null, v.emergency].filter(Boolean).join(';'),
  ).then(({ lowered: _lowered, emergency: _emergency, ...out }) => out);
}
