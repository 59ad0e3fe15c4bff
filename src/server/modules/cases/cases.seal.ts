import { CaseErasedError, type CryptoService, caseKeyIdOf } from '../../platform/crypto.js';
import type { DbOrTx } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';

/**
 * Identifying data of a case exist only as ciphertexts under the case's own
 * data key, itself wrapped by the owning organisation's key (docs/security.md):
 * destroying it (cases.shred.ts) erases them everywhere. Each ciphertext is
 * bound to its record and field (`context`): copied to another record or
 * field, it does not decrypt.
 */
export type SealedField =
  | 'case.identity'
  | 'case.safe_contact'
  | 'case_event.notes'
  | 'case_child.details'
  | 'case_author.details'
  | 'case_minor.details'
  | 'case_break_glass.reason'
  | 'plan_goal.description'
  | 'plan_action.description'
  | 'plan_review.notes'
  | 'case_meeting.minutes'
  | 'case_document.name'
  | 'case_document.content'
  | 'safety_plan.content'
  | 'risk_assessment.answers'
  | 'risk_assessment.reason'
  | 'referral.note'
  | 'referral.decline_note'
  // The autonomy records (docs/autonomy.md): sealed under the case key, so a shredded case takes them along.
  | 'autonomy_intake.note'
  | 'autonomy_project.content'
  | 'autonomy_step.comment'
  | 'autonomy_expense.note'
  | 'autonomy_action.details';

const context = (field: SealedField, id: string) => `${field}:${id}`;

/** The case a value belongs to (a case row will do): its key is the one sealing it. */
export interface SealOwner {
  /** The case's id. */
  id: string;
  organisationId: string;
}

/** Seals a value of the case under her key; an erased case takes nothing new (410 `case_erased`). */
export async function seal(crypto: CryptoService, db: DbOrTx, owner: SealOwner, field: SealedField, id: string, value: unknown): Promise<string | null> {
  if (value === null || value === undefined) return null;
  try {
    return await crypto.encryptForCase(db, { caseId: owner.id, organisationId: owner.organisationId }, JSON.stringify(value), context(field, id));
  } catch (error) {
    if (error instanceof CaseErasedError) throw new AppError('case_erased');
    throw error;
  }
}

/**
 * Opens a sealed value. A value of an erased case (its key destroyed)
 * reads as absent: lists that hold such a case still answer, and nothing
 * of her can come back.
 */
export async function unseal<T>(crypto: CryptoService, db: DbOrTx, field: SealedField, id: string, sealed: string | null): Promise<T | null> {
  if (!sealed) return null;
  try {
    return JSON.parse(await crypto.decrypt(db, sealed, context(field, id))) as T;
  } catch (error) {
    if (error instanceof CaseErasedError) return null;
    throw error;
  }
}

/** Reads, in one query, the case keys these ciphertexts need (before unsealing a list of cases). */
export async function preloadKeys(crypto: CryptoService, db: DbOrTx, sealed: readonly (string | null | undefined)[]): Promise<void> {
  await crypto.cases.preload(db, sealed.map(caseKeyIdOf).filter((id): id is string => !!id));
}

/** Re-exported for the data step and tests: the AAD context of one sealed field of one record. */
export const sealContext = context;

/**
 * Maps one item after the other. Unsealing may read a data key: on one
 * transaction's connection, queries must not overlap (node-postgres refuses
 * it from version 9), so lists are opened in order, not with Promise.all.
 */
export async function inOrder<T, R>(items: readonly T[], fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const [i, item] of items.entries()) out.push(await fn(item, i));
  return out;
}
