import type { CryptoService } from '../../platform/crypto.js';
import type { DbOrTx } from '../../platform/db.js';

/**
 * Identifying data of a case exist only as ciphertexts under the owning
 * organisation's data key. Each ciphertext is bound to its record and field
 * (`context`): copied to another record or field, it does not decrypt.
 */
export type SealedField =
  | 'case.identity'
  | 'case.safe_contact'
  | 'case_event.notes'
  | 'case_child.details'
  | 'case_author.details'
  | 'case_break_glass.reason'
  | 'plan_goal.description'
  | 'plan_action.description'
  | 'plan_review.notes'
  | 'case_meeting.minutes'
  | 'case_document.name'
  | 'case_document.content';

const context = (field: SealedField, id: string) => `${field}:${id}`;

export async function seal(crypto: CryptoService, db: DbOrTx, organisationId: string, field: SealedField, id: string, value: unknown): Promise<string | null> {
  if (value === null || value === undefined) return null;
  return crypto.encrypt(db, organisationId, JSON.stringify(value), context(field, id));
}

export async function unseal<T>(crypto: CryptoService, db: DbOrTx, field: SealedField, id: string, sealed: string | null): Promise<T | null> {
  if (!sealed) return null;
  return JSON.parse(await crypto.decrypt(db, sealed, context(field, id))) as T;
}

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
