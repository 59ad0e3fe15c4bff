import { index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases.tables.js';

/**
 * The blind index of her identity (search.index.ts): keyed hashes of the
 * folded words of her name and of her phone numbers, never the words or
 * the numbers. A token is meaningless without the instance's derived key,
 * and the owning organisation is inside it, so equal names in two
 * organisations give unrelated tokens. Rewritten with her identity, in the
 * same transaction; gone with the case.
 */
export const caseSearchTokens = pgTable(
  'case_search_tokens',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    /** HMAC-SHA256, first 128 bits, hex. */
    token: text('token').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.token] }), index('case_search_tokens_token_idx').on(t.token, t.caseId)],
);
