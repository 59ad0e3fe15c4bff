import { createHmac, timingSafeEqual } from 'node:crypto';
import { appendFileSync, existsSync, fsyncSync, mkdirSync, openSync, closeSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { desc, isNotNull } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../platform/db.js';
import { auditLog } from './audit.tables.js';
import { onAuditChained } from './audit.chain.js';
import type { AuditKeyring } from './audit.writer.js';

/**
 * Signed checkpoints of the audit chain's head, written OUTSIDE the database
 * (a JSONL file and a log line). The chain alone cannot reveal that its
 * newest rows were removed; a checkpoint names the head row (id and hash) at
 * a moment, signed with the audit key, and `audit:verify` checks the chain
 * still holds that row with that hash.
 */
export const CHECKPOINT_FILE = 'audit-checkpoints.jsonl';

export interface Checkpoint {
  v: 1;
  /** When it was taken. */
  at: string;
  /** The id of the chain's head row (the last chained, not the highest id: the chain follows commit order). */
  id: number;
  /** That row's hash. */
  hash: string;
  /** The audit key that signed it. */
  keyId: string;
  /** HMAC-SHA256 of the fields above. */
  mac: string;
}

function macOf(c: Omit<Checkpoint, 'mac'>, key: Buffer): string {
  return createHmac('sha256', key).update(JSON.stringify(['trama-audit-checkpoint', c.v, c.at, c.id, c.hash, c.keyId])).digest('hex');
}

/** A checkpoint of this head, signed with the current audit key. */
export function signCheckpoint(keys: AuditKeyring, head: { id: number; hash: string | null }, at = new Date()): Checkpoint {
  if (!head.hash) throw new Error('an unchained row cannot be checkpointed');
  const c = { v: 1 as const, at: at.toISOString(), id: head.id, hash: head.hash, keyId: keys.currentId };
  return { ...c, mac: macOf(c, keys.current) };
}

/** True when the checkpoint was signed by one of these keys. */
export function checkpointIsAuthentic(keys: AuditKeyring, c: Checkpoint): boolean {
  const key = typeof c.keyId === 'string' ? keys.key(c.keyId) : undefined;
  if (!key || typeof c.mac !== 'string' || !/^[0-9a-f]{64}$/.test(c.mac)) return false;
  return timingSafeEqual(Buffer.from(macOf(c, key), 'hex'), Buffer.from(c.mac, 'hex'));
}

export type CheckpointLine = { line: number; checkpoint: Checkpoint } | { line: number; checkpoint: null };

/** Every line of the checkpoint file (none when it does not exist); an unreadable line has checkpoint null. */
export function readCheckpoints(dir: string): CheckpointLine[] {
  const file = path.join(dir, CHECKPOINT_FILE);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((text, i) => ({ text, line: i + 1 }))
    .filter(({ text }) => text.trim() !== '')
    .map(({ text, line }) => {
      try {
        const c = JSON.parse(text) as Checkpoint;
        const valid = c && c.v === 1 && Number.isSafeInteger(c.id) && typeof c.hash === 'string' && typeof c.at === 'string';
        return { line, checkpoint: valid ? c : null };
      } catch {
        return { line, checkpoint: null };
      }
    });
}

/** Appends one checkpoint line and forces it to disk. */
export function appendCheckpoint(dir: string, c: Checkpoint): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, CHECKPOINT_FILE);
  appendFileSync(file, `${JSON.stringify(c)}\n`, { mode: 0o600 });
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The committed head of the chain (its last chained row), or null when nothing is chained. */
export async function chainHead(db: Db): Promise<{ id: number; hash: string } | null> {
  const [head] = await db.select({ id: auditLog.id, hash: auditLog.hash }).from(auditLog).where(isNotNull(auditLog.seq)).orderBy(desc(auditLog.seq)).limit(1);
  return head?.hash ? { id: head.id, hash: head.hash } : null;
}

/**
 * Writes checkpoints of one database's chain: every `everyMs` and every
 * `everyRows` chained rows (when the head moved), and on `stop()`.
 */
export class AuditCheckpointer {
  #last: { id: number; hash: string } | null = null;
  #appended = 0;
  #timer: NodeJS.Timeout | undefined;
  #unsubscribe: (() => void) | undefined;
  #running: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly keys: AuditKeyring,
    private readonly options: { dir: string; everyMs: number; everyRows: number },
    private readonly log: Logger,
  ) {}

  start(): void {
    this.#timer = setInterval(() => void this.checkpoint(), this.options.everyMs);
    this.#timer.unref();
    this.#unsubscribe = onAuditChained((n) => {
      this.#appended += n;
      if (this.#appended >= this.options.everyRows) setImmediate(() => void this.checkpoint());
    });
  }

  /** Writes a checkpoint if the head moved since the last one; returns it (or null). Failures are logged, never thrown. */
  checkpoint(): Promise<Checkpoint | null> {
    const run = this.#running.then(async () => {
      try {
        const head = await chainHead(this.db);
        this.#appended = 0;
        if (!head || (this.#last && this.#last.id === head.id && this.#last.hash === head.hash)) return null;
        const c = signCheckpoint(this.keys, head);
        appendCheckpoint(this.options.dir, c);
        this.#last = head;
        this.log.info({ auditCheckpoint: c }, 'audit checkpoint');
        return c;
      } catch (err) {
        this.log.error({ err }, 'audit checkpoint failed');
        return null;
      }
    });
    this.#running = run.then(() => undefined);
    return run;
  }

  /** Stops the timer and writes a last checkpoint (shutdown). */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#unsubscribe?.();
    await this.checkpoint();
  }
}
