import type { DbOrTx } from '../../platform/db.js';
import type { AppContext } from '../../context.js';
import { seal, unseal } from '../cases/index.js';

/**
 * The autonomy records' sealed values (docs/autonomy.md): each under the
 * case key, bound to its record and field like the cases' own (cases.seal.ts),
 * so a shredded case takes them along and a value copied elsewhere does not
 * open.
 */
export type AutonomySealedField = 'autonomy_intake.note' | 'autonomy_project.content' | 'autonomy_step.comment' | 'autonomy_expense.note';

type SealField = Parameters<typeof seal>[3];

export const sealFor = (ctx: AppContext, db: DbOrTx, caseRow: { id: string; organisationId: string }, field: AutonomySealedField, id: string, value: unknown) =>
  // The cases' seal takes its own fields' names; these bind the same way (`field:id`).
  seal(ctx.crypto, db, caseRow, field as unknown as SealField, id, value);

export const unsealFor = <T>(ctx: AppContext, db: DbOrTx, field: AutonomySealedField, id: string, sealed: string | null) =>
  unseal<T>(ctx.crypto, db, field as unknown as SealField, id, sealed);
