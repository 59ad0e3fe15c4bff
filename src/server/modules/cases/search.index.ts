import { createHmac } from 'node:crypto';
import { and, asc, eq, gt, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Identity } from '../../../shared/cases.api.js';
import type { AppContext } from '../../context.js';
import type { DbOrTx, Tx } from '../../platform/db.js';
import { runIfAsked } from '../../platform/start-steps.js';
import { inOrder, preloadKeys, unseal } from './cases.seal.js';
import { cases } from './cases.tables.js';
import { nameKeys, phoneKey } from './search.fold.js';
import { caseSearchTokens } from './search.tables.js';

/**
 * The blind index: what is stored for a case is, for each folded name word
 * (search.fold.ts), its prefix and each phone number, the HMAC-SHA256 of
 * [kind, owning organisation, value] under a key derived from the
 * instance's data key. Equal names in two organisations give unrelated
 * tokens; without the key a token says nothing (with it, a name can be
 * tried: the key never leaves the server).
 */
export type TokenKind = 'name' | 'prefix' | 'phone';

export function blindToken(key: Buffer, organisationId: string, kind: TokenKind, value: string): string {
  return createHmac('sha256', key).update(JSON.stringify(['trama-case-search', kind, organisationId, value])).digest('hex').slice(0, 32);
}

/** Every token of one identity (none for an anonymous woman). */
export function identityTokens(key: Buffer, organisationId: string, identity: Pick<Identity, 'firstName' | 'lastName' | 'phones'> | null): string[] {
  if (!identity) return [];
  const { exact, prefix } = nameKeys(identity);
  const phones = (identity.phones ?? []).map(phoneKey).filter((p): p is string => !!p);
  const tokens = [
    ...exact.map((w) => blindToken(key, organisationId, 'name', w)),
    ...prefix.map((w) => blindToken(key, organisationId, 'prefix', w)),
    ...phones.map((p) => blindToken(key, organisationId, 'phone', p)),
  ];
  return [...new Set(tokens)];
}

/** The index key of this instance. */
export const searchKey = (ctx: Pick<AppContext, 'crypto'>, db: DbOrTx) => ctx.crypto.derivedKey(db, 'case-search-index');

/**
 * Replaces the tokens of one case with those of her identity (null: erased
 * or anonymous). Call it in the transaction that writes the identity, so
 * the index never disagrees with it.
 */
export async function indexIdentity(ctx: Pick<AppContext, 'crypto'>, tx: Tx, c: { id: string; organisationId: string }, identity: Identity | null | undefined): Promise<void> {
  const tokens = identityTokens(await searchKey(ctx, tx), c.organisationId, identity ?? null);
  await tx.delete(caseSearchTokens).where(eq(caseSearchTokens.caseId, c.id));
  if (tokens.length) await tx.insert(caseSearchTokens).values(tokens.map((token) => ({ caseId: c.id, token })));
}

const REBUILD_SETTING = 'case_search.rebuild';
const BATCH = 500;

/**
 * Rebuilds the index of every case holding an identity, in batches of one
 * transaction each (a crash leaves each case either indexed anew or as it
 * was). Returns how many cases were read.
 */
export async function rebuildSearchIndex(ctx: Pick<AppContext, 'crypto' | 'database'>): Promise<number> {
  const { db } = ctx.database;
  let after = '00000000-0000-0000-0000-000000000000';
  let total = 0;
  // Tokens of an identity since erased would otherwise stay.
  await db.delete(caseSearchTokens).where(inArray(caseSearchTokens.caseId, db.select({ id: cases.id }).from(cases).where(isNull(cases.identitySealed))));
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const rows = await tx
        .select({ id: cases.id, organisationId: cases.organisationId, identitySealed: cases.identitySealed })
        .from(cases)
        .where(and(isNotNull(cases.identitySealed), gt(cases.id, after)))
        .orderBy(asc(cases.id))
        .limit(BATCH);
      if (!rows.length) return 0;
      const key = await searchKey(ctx, tx);
      await preloadKeys(ctx.crypto, tx, rows.map((r) => r.identitySealed));
      const tokens = (
        await inOrder(rows, async (r) => identityTokens(key, r.organisationId, await unseal<Identity>(ctx.crypto, tx, 'case.identity', r.id, r.identitySealed)).map((token) => ({ caseId: r.id, token })))
      ).flat();
      await tx.delete(caseSearchTokens).where(inArray(caseSearchTokens.caseId, rows.map((r) => r.id)));
      for (let i = 0; i < tokens.length; i += 5000) await tx.insert(caseSearchTokens).values(tokens.slice(i, i + 5000));
      after = rows.at(-1)!.id;
      return rows.length;
    });
    total += done;
    if (done < BATCH) return total;
  }
}

/**
 * At start: builds the index once when a migration asked for it (the cases
 * that existed before the index did), then clears the request. Null when
 * there was nothing to do.
 */
export function rebuildSearchIndexIfAsked(ctx: Pick<AppContext, 'crypto' | 'database'>): Promise<number | null> {
  return runIfAsked(ctx.database.db, REBUILD_SETTING, () => rebuildSearchIndex(ctx));
}
