import { timingSafeEqual } from 'node:crypto';
import { and, asc, gt, isNotNull, sql } from 'drizzle-orm';
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
  | 'truncated'
  /** A row committed longer ago than `maxUnchainedSeconds` is still unchained: the chainer stopped (or is held back). */
  | 'unchained';

export type VerifyResult =
  /** `unchained`: rows committed too recently to be chained yet (absent when none). */
  | { ok: true; rows: number; checkpoints: number; unchained?: number }
  | { ok: false; rows: number; brokenId: number; reason: BrokenReason }
  /** A line of the checkpoint file is unreadable or not signed by any configured audit key. */
  | { ok: false; rows: number; checkpointLine: number; reason: 'checkpoint_invalid' };

/**
 * No committed row may wait longer than this to be chained (the chainer runs
 * every second): past it, `audit:verify` fails (`unchained`) and the
 * administrator's activity page warns.
 */
export const MAX_UNCHAINED_SECONDS = 60;

export interface VerifyOptions {
  /** The audit keys (default: the process's, from the configuration). */
  keys?: AuditKeyring;
  /** The checkpoints written outside the database (audit.checkpoint readCheckpoints). */
  checkpoints?: readonly CheckpointLine[];
  batch?: number;
  /** An unchained row older than this breaks the verification (default 60 s: the chainer runs every second). */
  maxUnchainedSeconds?: number;
}

const sameHex = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Walks the audit chain in its order (`seq`: commit order) and names the
 * first row whose content does not match its HMAC (or, for the rows written
 * before the chain was keyed, its SHA-256), whose link to the previous row
 * is broken, or that contradicts a signed checkpoint; then checks that
 * every checkpointed row was met (a missing one followed by a met one was
 * removed; one after the last met is past the end: truncation), and that
 * no committed row has waited more than `maxUnchainedSeconds` to be chained.
 */
export async function verifyAuditChain(db: Db, options: VerifyOptions = {}): Promise<VerifyResult> {
  const keys = options.keys ?? auditKeys();
  const batch = options.batch ?? 2000;
  const checkpoints: Checkpoint[] = [];
  for (const l of options.checkpoints ?? []) {
    if (!l.checkpoint || !checkpointIsAuthentic(keys, l.checkpoint)) return { ok: false, rows: 0, checkpointLine: l.line, reason: 'checkpoint_invalid' };
    checkpoints.push(l.checkpoint);
  }
  // Checkpoints in the order they were taken: the chain's order, whatever their rows' ids.
  checkpoints.sort((a, b) => a.at.localeCompare(b.at));
  const wanted = new Map<number, string[]>();
  for (const c of checkpoints) wanted.set(c.id, [...(wanted.get(c.id) ?? []), c.hash]);
  const met = new Set<number>();

  let prev = GENESIS_HASH;
  let lastSeq = -1;
  let rows = 0;
  let keyedSeen = false;
  for (;;) {
    const page = await db
      .select()
      .from(auditLog)
      .where(and(isNotNull(auditLog.seq), gt(auditLog.seq, lastSeq)))
      .orderBy(asc(auditLog.seq))
      .limit(batch);
    if (page.length === 0) break;
    for (const r of page) {
      const hash = r.hash ?? '';
      if (r.prevHash !== prev) return { ok: false, rows, brokenId: r.id, reason: 'chain_broken' };
      let expected: string;
      if (r.alg === KEYED) {
        const key = r.keyId ? keys.key(r.keyId) : undefined;
        if (!key) return { ok: false, rows, brokenId: r.id, reason: 'unknown_key' };
        expected = keyedRowHash(r, key);
        keyedSeen = true;
      } else if (r.alg === UNKEYED && !keyedSeen) {
        expected = rowHash(r);
      } else {
        return { ok: false, rows, brokenId: r.id, reason: 'downgraded' };
      }
      if (!sameHex(expected, hash)) return { ok: false, rows, brokenId: r.id, reason: 'content_changed' };
      for (const h of wanted.get(r.id) ?? []) if (!sameHex(h, hash)) return { ok: false, rows, brokenId: r.id, reason: 'checkpoint_mismatch' };
      if (wanted.has(r.id)) met.add(r.id);
      prev = hash;
      lastSeq = r.seq!;
      rows++;
    }
  }
  // A checkpointed row never met: gone from the middle when a later checkpoint's row was met, else past the end.
  const lastMet = checkpoints.findLastIndex((c) => met.has(c.id));
  const missing = checkpoints.findIndex((c) => !met.has(c.id));
  if (missing !== -1) return { ok: false, rows, brokenId: checkpoints[missing]!.id, reason: missing < lastMet ? 'checkpoint_mismatch' : 'truncated' };

  // Rows committed and not yet chained: a few are the chainer's lag; one older than the limit means it stopped.
  const { rows: waiting } = await db.execute<{ n: number; oldest: string | null; age: number | null }>(sql`
    select count(*)::int as n,
           (select id::text from audit_log where seq is null order by at, id limit 1) as oldest,
           extract(epoch from now() - min(at))::float8 as age
    from audit_log where seq is null`);
  const unchained = Number(waiting[0]?.n ?? 0);
  if (unchained && Number(waiting[0]!.age) > (options.maxUnchainedSeconds ?? MAX_UNCHAINED_SECONDS)) {
    return { ok: false, rows, brokenId: Number(waiting[0]!.oldest), reason: 'unchained' };
  }
  return unchained ? { ok: true, rows, checkpoints: checkpoints.length, unchained } : { ok: true, rows, checkpoints: checkpoints.length };
}
