import { timingSafeEqual } from 'node:crypto';
import { asc, gt } from 'drizzle-orm';
import type { Db } from '../platform/db.js';
import { type Checkpoint, type CheckpointLine, checkpointIsAuthentic } from './audit.checkpoint.js';
import { auditLog } from './audit.tables.js';
import { type AuditKeyring, GENESIS_HASH, KEYED, UNKEYED, auditKeys, keyedRowHash, rowHash } from './audit.writer.js';

export type BrokenReason =
  /** The row's content does not match its hash (or HMAC: changed, or recomputed with another key). */
  | 'content_changed'
  /** The row does not link to the one before it: a row was removed, inserted or reordered. */
  | 'chain_broken'
  /** The row names an audit key that is not configured (forged, or a key dropped too early). */
  | 'unknown_key'
  /** An unkeyed row after a keyed one, or an unknown algorithm: the chain was recomputed without the key. */
  | 'downgraded'
  /** A signed checkpoint names this row with another hash, or the row is gone: the chain was rewritten. */
  | 'checkpoint_mismatch'
  /** A signed checkpoint names a row beyond the end of the chain: the newest rows were removed. */
  | 'truncated';

export type VerifyResult =
  | { ok: true; rows: number; checkpoints: number }
  | { ok: false; rows: number; brokenId: number; reason: BrokenReason }
  /** A line of the checkpoint file is unreadable or not signed by any configured audit key. */
  | { ok: false; rows: number; checkpointLine: number; reason: 'checkpoint_invalid' };

export interface VerifyOptions {
  /** The audit keys (default: the process's, from the configuration). */
  keys?: AuditKeyring;
  /** The checkpoints written outside the database (audit.checkpoint readCheckpoints). */
  checkpoints?: readonly CheckpointLine[];
  batch?: number;
}

const sameHex = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Walks the audit chain in id order and names the first row whose content
 * does not match its HMAC (or, for the rows written before the chain was
 * keyed, its SHA-256), whose link to the previous row is broken, or that
 * contradicts a signed checkpoint; then checks that no checkpoint names a
 * row past the end of the chain (truncation).
 */
export async function verifyAuditChain(db: Db, options: VerifyOptions = {}): Promise<VerifyResult> {
  const keys = options.keys ?? auditKeys();
  const batch = options.batch ?? 2000;
  const checkpoints: Checkpoint[] = [];
  for (const l of options.checkpoints ?? []) {
    if (!l.checkpoint || !checkpointIsAuthentic(keys, l.checkpoint)) return { ok: false, rows: 0, checkpointLine: l.line, reason: 'checkpoint_invalid' };
    checkpoints.push(l.checkpoint);
  }
  checkpoints.sort((a, b) => a.id - b.id);

  let prev = GENESIS_HASH;
  let lastId = 0;
  let rows = 0;
  let keyedSeen = false;
  let next = 0; // the first checkpoint not yet matched
  for (;;) {
    const page = await db.select().from(auditLog).where(gt(auditLog.id, lastId)).orderBy(asc(auditLog.id)).limit(batch);
    if (page.length === 0) break;
    for (const r of page) {
      // A checkpointed row that the walk skipped no longer exists.
      if (next < checkpoints.length && checkpoints[next]!.id < r.id) return { ok: false, rows, brokenId: checkpoints[next]!.id, reason: 'checkpoint_mismatch' };
      if (r.prevHash !== prev) return { ok: false, rows, brokenId: r.id, reason: 'chain_broken' };
      const { hash, ...rest } = r;
      let expected: string;
      if (r.alg === KEYED) {
        const key = r.keyId ? keys.key(r.keyId) : undefined;
        if (!key) return { ok: false, rows, brokenId: r.id, reason: 'unknown_key' };
        expected = keyedRowHash(rest, key);
        keyedSeen = true;
      } else if (r.alg === UNKEYED && !keyedSeen) {
        expected = rowHash(rest);
      } else {
        return { ok: false, rows, brokenId: r.id, reason: 'downgraded' };
      }
      if (!sameHex(expected, hash)) return { ok: false, rows, brokenId: r.id, reason: 'content_changed' };
      for (; next < checkpoints.length && checkpoints[next]!.id === r.id; next++) {
        if (!sameHex(checkpoints[next]!.hash, hash)) return { ok: false, rows, brokenId: r.id, reason: 'checkpoint_mismatch' };
      }
      prev = hash;
      lastId = r.id;
      rows++;
    }
  }
  if (next < checkpoints.length) return { ok: false, rows, brokenId: checkpoints[next]!.id, reason: 'truncated' };
  return { ok: true, rows, checkpoints: checkpoints.length };
}
