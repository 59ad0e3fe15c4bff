import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { emergencyNumbers, type SafetyPlanFields, type SafetyPlanOut } from '../../../shared/safety-plan.api.js';
import { users } from '../../access/access.tables.js';
import type { Scope } from '../../access/scope.js';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { romeToday } from '../../platform/rome.js';
import { markChanged, onCase } from './cases.run.js';
import { seal, unseal } from './cases.seal.js';
import { caseMembers, cases } from './cases.tables.js';
import { planActions } from './plan.tables.js';
import { safetyPlanVersions } from './safety-plan.tables.js';

/**
 * The safety plan of a case, under the case's `risk` section (with the risk
 * assessments): a member of another organisation reads and saves it only
 * if her share names that section, anyone else gets 404. Each save is a
 * new version (If-Match: the version read); nothing is ever overwritten,
 * so the history of the plan is its versions. Never printed.
 */

/** What is sealed: everything she says in the plan; the dates and who agreed it stay in the clear. */
type Sealed = Omit<SafetyPlanFields, 'agreedOn' | 'agreedWithUserId' | 'nextReviewOn'>;

const savedByUser = alias(users, 'saved_by_user');
const agreedWithUser = alias(users, 'agreed_with_user');

async function versionsOf(tx: Tx, caseId: string) {
  return tx
    .select({ row: safetyPlanVersions, savedBy: savedByUser.displayName, agreedWith: agreedWithUser.displayName })
    .from(safetyPlanVersions)
    .leftJoin(savedByUser, eq(savedByUser.id, safetyPlanVersions.savedBy))
    .leftJoin(agreedWithUser, eq(agreedWithUser.id, safetyPlanVersions.agreedWithUserId))
    .where(eq(safetyPlanVersions.caseId, caseId))
    .orderBy(desc(safetyPlanVersions.version));
}

/** The current plan, or the version asked for (404 for a version the case never had). */
export function getSafetyPlan(ctx: AppContext, scope: Scope, caseId: string, version: number | undefined, requestId: string): Promise<SafetyPlanOut> {
  return onCase(
    ctx,
    scope,
    caseId,
    requestId,
    'case.safety_plan_read',
    'risk',
    async (tx) => {
      const rows = await versionsOf(tx, caseId);
      const chosen = version === undefined ? rows[0] : rows.find((r) => r.row.version === version);
      if (version !== undefined && !chosen) throw new AppError('not_found');
      let plan: SafetyPlanOut['plan'] = null;
      if (chosen) {
        const { row } = chosen;
        const content = await unseal<Sealed>(ctx.crypto, tx, 'safety_plan.content', row.id, row.contentSealed);
        if (content) {
          plan = {
            ...content,
            agreedOn: row.agreedOn,
            nextReviewOn: row.nextReviewOn,
            agreedWith: row.agreedWithUserId ? { id: row.agreedWithUserId, name: chosen.agreedWith ?? '' } : null,
            version: row.version,
            savedAt: row.savedAt,
            savedBy: chosen.savedBy,
          };
        }
      }
      return {
        emergencyNumbers: [...emergencyNumbers],
        version: rows[0]?.row.version ?? 0,
        plan,
        history: rows.map(({ row, savedBy }) => ({ version: row.version, savedAt: row.savedAt, savedBy, agreedOn: row.agreedOn })),
      };
    },
    () => (version === undefined ? '' : `version:${version}`),
  );
}

/**
 * A plan agreed with her fulfils the plan's open `piano_sicurezza` actions
 * (the one a high risk assessment sets off, or one the team added) that
 * were there by the day it was agreed: they become `fatta`, their version
 * moves on. An action added after that day (a new high assessment) stays
 * open until a plan is agreed again.
 */
async function safetyPlanActionsDone(tx: Tx, caseId: string, agreedOn: string): Promise<number> {
  const rows = await tx
    .update(planActions)
    .set({ status: 'fatta', version: sql`${planActions.version} + 1` })
    .where(
      and(
        eq(planActions.caseId, caseId),
        eq(planActions.type, 'piano_sicurezza'),
        inArray(planActions.status, ['prevista', 'in_corso']),
        sql`(${planActions.createdAt} at time zone 'Europe/Rome')::date <= ${agreedOn}::date`,
      ),
    )
    .returning({ id: planActions.id });
  return rows.length;
}

/**
 * Saves the plan as its next version. `expected` is the version she read
 * (0 when there was none): a stale one gets 412 and writes nothing. The
 * case row is locked first, so two saves on the same version run one
 * after the other and the second finds itself stale.
 */
export function saveSafetyPlan(ctx: AppContext, scope: Scope, caseId: string, expected: number, input: SafetyPlanFields, requestId: string) {
  return onCase(
    ctx,
    scope,
    caseId,
    requestId,
    'case.safety_plan_write',
    'risk',
    async (tx, access) => {
      // Agreed with her on a day still to come is not agreed: it would close the plan's actions ahead of it.
      if (input.agreedOn && input.agreedOn > romeToday()) throw new AppError('validation_failed', { errors: [{ pointer: '/body/agreedOn', code: 'in_future' }] });
      await tx.select({ id: cases.id }).from(cases).where(eq(cases.id, caseId)).for('update');
      const [current] = await tx
        .select({ version: safetyPlanVersions.version })
        .from(safetyPlanVersions)
        .where(eq(safetyPlanVersions.caseId, caseId))
        .orderBy(desc(safetyPlanVersions.version))
        .limit(1);
      if ((current?.version ?? 0) !== expected) throw new AppError('precondition_failed');
      const { agreedOn, agreedWithUserId, nextReviewOn, ...content } = input;
      if (agreedWithUserId) {
        const [member] = await tx
          .select({ userId: caseMembers.userId })
          .from(caseMembers)
          .where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.userId, agreedWithUserId)));
        if (!member) throw new AppError('validation_failed', { errors: [{ pointer: '/body/agreedWithUserId', code: 'not_on_team' }] });
      }
      const id = randomUUID();
      const version = expected + 1;
      await tx.insert(safetyPlanVersions).values({
        id,
        caseId,
        version,
        contentSealed: await seal(ctx.crypto, tx, access.row, 'safety_plan.content', id, content satisfies Sealed),
        agreedOn,
        agreedWithUserId,
        nextReviewOn,
        savedBy: scope.principal.userId,
      });
      const done = agreedOn ? await safetyPlanActionsDone(tx, caseId, agreedOn) : 0;
      await markChanged(tx, caseId);
      // The plan's actions are the plan section's: a partner holding risk without it is not told how many there were.
      return { version, actionsDone: done, shown: access.sections.has('plan') };
    },
    ({ version, actionsDone }) => `version:${version}${actionsDone ? `;actions_done:${actionsDone}` : ''}`,
  ).then(({ version, actionsDone, shown }) => ({ version, actionsDone: shown ? actionsDone : 0 }));
}
