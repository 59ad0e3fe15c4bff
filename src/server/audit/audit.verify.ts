import { asc, gt } from 'drizzle-orm';
import type { Db } from '../platform/db.js';
import { auditLog } from './audit.tables.js';
import { GENESIS_HASH, rowHash } from './audit.writer.js';

export type VerifyResult =
  | { ok: true; rows: number }
  | { ok: false; rows: number; brokenId: number; reason: 'content_changed' | 'chain_broken' };

/**
 * Walks the audit chain in id order and names the first row whose content
 * does not match its hash, or whose link to the previous row is broken
 * (a row removed, inserted or reordered).
 */
export async function verifyAuditChain(db: Db, batch = 2000): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let lastId = 0;
  let rows = 0;
  for (;;) {
    const page = await db.select().from(auditLog).where(gt(auditLog.id, lastId)).orderBy(asc(auditLog.id)).limit(batch);
    if (page.length === 0) return { ok: true, rows };
    for (const r of page) {
      if (r.prevHash !== prev) return { ok: false, rows, brokenId: r.id, reason: 'chain_broken' };
      const { hash, ...rest } = r;
      if (rowHash(rest) !== hash) return { ok: false, rows, brokenId: r.id, reason: 'content_changed' };
      prev = hash;
      lastId = r.id;
      rows++;
    }
  }
}
