import type { DbOrTx } from '../../platform/db.js';
import type { AppContext } from '../../context.js';
import { type SealedField, seal, unseal } from '../cases/index.js';

/**
 * The autonomy records' sealed values (docs/autonomy.md): each under the
 * case key, bound to its record and field like the cases' own (cases.seal.ts),
 * so a shredded case takes them along and a value copied elsewhere does not
 * open.
 */
export type AutonomySealedField = Extract<SealedField, `autonomy_${string}`>;

export const sealFor = (ctx: AppContext, db: DbOrTx, caseRow: { id: string; organisationId: string }, field: AutonomySealedField, id: string, value: unknown) =>
  seal(ctx.crypto, db, caseRow, field, id, value);

export const unsealFor = <T>(ctx: AppContext, db: DbOrTx, field: AutonomySealedField, id: string, sealed: string | null) => unseal<T>(ctx.crypto, db, field, id, sealed);
