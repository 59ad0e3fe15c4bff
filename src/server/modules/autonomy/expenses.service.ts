import { randomUUID } from 'node:crypto';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { capsOfCategory, categoriesOfAreas } from '../../../shared/autonomy.api.js';
import type { ExpenseCreate, ExpenseMove, ProjectOut } from '../../../shared/autonomy.projects.api.js';
import type { Scope } from '../../access/scope.js';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { resourceNotFound } from '../../audit/audit.denied.js';
import { type IdempotencyClaim, earlierResult, recordResult } from '../../platform/idempotency.js';
import { caseDocuments } from '../cases/index.js';
import { autonomyBudgets, autonomyExpenses, autonomyPartners } from './autonomy.tables.js';
import { spendable } from './projects.present.js';
import { budgetExceeded, capExceeded, getProject, onProject } from './projects.service.js';
import { sealFor } from './projects.seal.js';

/**
 * Expenses of a project (docs/autonomy.md, "Caps"). Caps are enforced by
 * the database transaction: the project row is held `for update`
 * (onProject), then the partner's budget row for the category's axis; only
 * then are the non-cancelled expenses summed for every cap the category
 * falls under and for the partner's share, so two expenses written at the
 * same time are summed one after the other and can never together go over.
 */

const invalid = (pointer: string, code: 'unknown_item' | 'unknown_organisation' | 'unknown_document' | 'invalid_value') =>
  new AppError('validation_failed', { errors: [{ pointer, code }] });

const sumOf = async (tx: Tx, where: ReturnType<typeof and>) =>
  Number(
    (
      await tx
        .select({ cents: sql<string>`coalesce(sum(${autonomyExpenses.amountCents}), 0)` })
        .from(autonomyExpenses)
        .where(where)
    )[0]?.cents ?? 0,
  );

export async function createExpense(ctx: AppContext, scope: Scope, projectId: string, input: ExpenseCreate, requestId: string, claim: IdempotencyClaim | null = null): Promise<ProjectOut> {
  const earlier = claim ? await earlierResult(ctx.database.db, claim) : null;
  if (earlier) return getProject(ctx, scope, projectId, requestId);
  const id = randomUUID();
  await onProject(ctx, scope, projectId, requestId, 'autonomy.expense.create', null, (a) => a.spends, async (tx, a, r) => {
    const { project, programme } = a;
    if (!spendable(project.state)) throw new AppError('autonomy_project_state');
    const frame = programme.frame;
    const category = categoriesOfAreas(frame, project.areas).find((c) => c.code === input.categoryCode);
    if (!category) throw invalid('/body/categoryCode', 'unknown_item');
    const [partner] = await tx
      .select({ id: autonomyPartners.organisationId })
      .from(autonomyPartners)
      .where(and(eq(autonomyPartners.programmeId, programme.id), eq(autonomyPartners.organisationId, input.partnerOrganisationId)));
    if (!partner) throw invalid('/body/partnerOrganisationId', 'unknown_organisation');
    if (input.documentId) {
      const [doc] = await tx
        .select({ id: caseDocuments.id })
        .from(caseDocuments)
        .where(and(eq(caseDocuments.id, input.documentId), eq(caseDocuments.caseId, project.caseId)));
      if (!doc) throw invalid('/body/documentId', 'unknown_document');
    }
    if (input.committedOn < programme.startsOn || input.committedOn > programme.endsOn) throw invalid('/body/committedOn', 'invalid_value');
    // The partner's share of this axis, held: expenses of other projects paid from it wait here.
    const [share] = await tx
      .select({ amountCents: autonomyBudgets.amountCents })
      .from(autonomyBudgets)
      .where(and(eq(autonomyBudgets.programmeId, programme.id), eq(autonomyBudgets.axisCode, category.axis), eq(autonomyBudgets.organisationId, partner.id)))
      .for('update');
    const live = ne(autonomyExpenses.state, 'annullata');
    for (const cap of capsOfCategory(frame, category.code)) {
      const used = await sumOf(tx, and(eq(autonomyExpenses.projectId, project.id), inArray(autonomyExpenses.axisCode, cap.axes), live));
      if (used + input.amountCents > cap.amountCents) throw capExceeded('/body/amountCents', cap.code, cap.amountCents, used, Math.max(0, cap.amountCents - used));
    }
    const shareCents = share?.amountCents ?? 0;
    const usedShare = await sumOf(
      tx,
      and(eq(autonomyExpenses.programmeId, programme.id), eq(autonomyExpenses.partnerOrganisationId, partner.id), eq(autonomyExpenses.axisCode, category.axis), live),
    );
    if (usedShare + input.amountCents > shareCents) throw budgetExceeded('/body/amountCents', category.axis, shareCents, usedShare, Math.max(0, shareCents - usedShare));
    await tx.insert(autonomyExpenses).values({
      id,
      projectId: project.id,
      programmeId: programme.id,
      axisCode: category.axis,
      categoryCode: category.code,
      partnerOrganisationId: partner.id,
      amountCents: input.amountCents,
      committedOn: input.committedOn,
      documentId: input.documentId ?? null,
      noteSealed: input.note ? await sealFor(ctx, tx, { id: project.caseId, organisationId: r.caseOrganisationId }, 'autonomy_expense.note', id, input.note) : null,
      createdBy: scope.principal.userId,
    });
    if (claim) await recordResult(tx, claim, id);
    return { value: null, purpose: `expense:${id};${category.code};partner:${partner.id};${input.amountCents}` };
  });
  return getProject(ctx, scope, projectId, requestId);
}

/** Paid (`paga`, its date) or cancelled (`annulla`): from `impegnata` only; If-Match on the expense's version. */
export async function moveExpense(ctx: AppContext, scope: Scope, projectId: string, expenseId: string, expected: number, input: ExpenseMove, requestId: string): Promise<ProjectOut> {
  await onProject(ctx, scope, projectId, requestId, 'autonomy.expense.move', null, (a) => a.spends, async (tx) => {
    const [e] = await tx
      .select()
      .from(autonomyExpenses)
      .where(and(eq(autonomyExpenses.id, expenseId), eq(autonomyExpenses.projectId, projectId)))
      .for('update');
    // Another project's expense (or none): 404, audited as denied.
    if (!e) throw resourceNotFound('autonomy_expense', expenseId);
    if (e.state !== 'impegnata') throw new AppError('autonomy_expense_state');
    if (e.version !== expected) throw new AppError('precondition_failed');
    if (input.move === 'paga' && input.paidOn < e.committedOn) throw invalid('/body/paidOn', 'invalid_value');
    await tx
      .update(autonomyExpenses)
      .set(input.move === 'paga' ? { state: 'pagata', paidOn: input.paidOn, version: e.version + 1 } : { state: 'annullata', version: e.version + 1 })
      .where(eq(autonomyExpenses.id, expenseId));
    return { value: null, purpose: `expense:${expenseId};${input.move}` };
  });
  return getProject(ctx, scope, projectId, requestId);
}
