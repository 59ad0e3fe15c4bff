import { createHash, createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AuditOutcome } from '../../shared/domain.js';
import type { Db, Tx } from '../platform/db.js';
import { auditLog } from './audit.tables.js';
import type { AuditAction } from './catalogue.js';

export const GENESIS_HASH = '0'.repeat(64);

/** One audit event: who, for which organisation, did what to which resource, why, with what outcome. */
export interface AuditEvent {
  action: AuditAction;
  outcome: AuditOutcome;
  actorUserId?: string | null;
  actorOrganisationId?: string | null;
  resourceType?: string | null;
  resourceId?: string | null;
  purpose?: string | null;
  requestId?: string | null;
  /** The cases a list showed (`case.listed`): one row for the list, each case found by the index on them. */
  subjectIds?: readonly string[] | null;
}

export interface AuditRow extends Required<Omit<AuditEvent, 'action' | 'outcome' | 'subjectIds'>> {
  id: number;
  at: Date;
  action: string;
  outcome: string;
  prevHash: string;
  hash: string;
  /** 'hmac-sha256' (keyed by `keyId`) or 'sha256' (rows written before the chain was keyed). */
  alg: string;
  keyId: string | null;
  subjectIds: readonly string[] | null;
}

export const KEYED = 'hmac-sha256';
export const UNKEYED = 'sha256';

/** The audit keys: the current one signs new rows and checkpoints; every one verifies. */
export class AuditKeyring {
  readonly currentId: string;
  readonly #keys = new Map<string, Buffer>();
  constructor(current: Buffer, previous: readonly Buffer[] = []) {
    this.currentId = auditKeyId(current);
    for (const k of [current, ...previous]) this.#keys.set(auditKeyId(k), k);
  }
  /** The key with this id, or undefined when it is not (or no longer) configured. */
  key(id: string): Buffer | undefined {
    return this.#keys.get(id);
  }
  get current(): Buffer {
    return this.#keys.get(this.currentId)!;
  }
  toJSON(): string {
    return '[audit keys]';
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '[audit keys]';
  }
}

/** A public, stable name of an audit key (a hash of it: the key cannot be derived from it). */
export function auditKeyId(key: Buffer): string {
  return createHash('sha256').update('trama-audit-key-id\0').update(key).digest('hex').slice(0, 16);
}

let keyring: AuditKeyring | undefined;
/**
 * The process's audit keys, set once from the configuration when the
 * application context is built (one process serves one instance). Writing
 * an audit row before this is an error, never an unkeyed row.
 */
export function useAuditKeys(keys: AuditKeyring): void {
  keyring = keys;
}
export function auditKeys(): AuditKeyring {
  if (!keyring) throw new Error('audit keys not configured (createContext sets them)');
  return keyring;
}

type AppendListener = (rows: number) => void;
const listeners = new Set<AppendListener>();
/** Called after rows were appended (in a transaction that may still roll back); returns the unsubscribe. */
export function onAuditAppended(listener: AppendListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** What a row's hash covers: every column but the hash itself (and its place `seq`: the links order the chain). */
export type HashedContent = Omit<AuditRow, 'hash' | 'prevHash' | 'alg'> & { prevHash: string | null; alg: string | null };

/** The canonical content of a row. */
function canonical(r: HashedContent, keyed: boolean): string {
  const content = [
    r.id,
    r.at.toISOString(),
    r.actorUserId,
    r.actorOrganisationId,
    r.action,
    r.resourceType,
    r.resourceId,
    r.purpose,
    r.outcome,
    r.requestId,
    r.prevHash,
  ];
  // The listed cases only where there are some: the rows written before the column hash as they did.
  if (r.subjectIds) content.push(r.subjectIds.join(','));
  return JSON.stringify(keyed ? [r.alg, r.keyId, ...content] : content);
}

/**
 * The HMAC of a row, keyed by a secret outside the database: its content
 * (algorithm and key id included) and its predecessor's hash, so any change,
 * removal or recomputation without the key breaks the chain.
 */
export function keyedRowHash(r: HashedContent, key: Buffer): string {
  return createHmac('sha256', key).update(canonical(r, true)).digest('hex');
}

/** The unkeyed hash of the rows written before the chain was keyed (verification only). */
export function rowHash(r: HashedContent): string {
  return createHash('sha256').update(canonical(r, false)).digest('hex');
}

/**
 * Appends an event inside the caller's transaction, so the audit row and
 * the action it records commit or roll back together.
 */
export async function writeAudit(tx: Tx, event: AuditEvent): Promise<void> {
  await appendAudit(tx, [event]);
}

/** Appends several events at once, in order, inside the caller's transaction. */
export async function writeAudits(tx: Tx, events: readonly AuditEvent[]): Promise<void> {
  if (events.length) await appendAudit(tx, events);
}

/**
 * Appends events, in order, inside the caller's transaction: unchained
 * (seq, hashes, key null), so no lock is held and no head is read on the
 * request's path; the chainer (audit.chain.ts) links them once committed.
 */
async function appendAudit(tx: Tx | Db, events: readonly AuditEvent[]): Promise<void> {
  // Writing before the keys are configured is an error: a row is never left for an unkeyed chain.
  auditKeys();
  const at = new Date().toISOString();
  // One array a column, whatever the number of rows: one statement text (prepared once per connection),
  // eleven parameters instead of ten a row (the query builder's cost was per value). A row's listed
  // cases travel as one comma-separated text (unnest takes no ragged arrays), split back in SQL.
  const column = (pick: (e: AuditEvent) => string | null | undefined) => sql.param(events.map((e) => pick(e) ?? null));
  await tx.execute(sql`
    insert into ${auditLog} (at, actor_user_id, actor_organisation_id, action, resource_type, resource_id, purpose, outcome, request_id, subject_ids)
    select ${at}::timestamptz, u.actor, u.organisation, u.action, u.rtype, u.rid, u.purpose, u.outcome, u.request, string_to_array(u.subjects, ',')::uuid[] from unnest(
      ${column((e) => e.actorUserId)}::uuid[], ${column((e) => e.actorOrganisationId)}::uuid[], ${column((e) => e.action)}::text[],
      ${column((e) => e.resourceType)}::text[], ${column((e) => e.resourceId)}::text[], ${column((e) => e.purpose)}::text[],
      ${column((e) => e.outcome)}::text[], ${column((e) => e.requestId)}::text[], ${column((e) => e.subjectIds?.join(','))}::text[]
    ) with ordinality as u(actor, organisation, action, rtype, rid, purpose, outcome, request, subjects, n)
    order by u.n`);
  for (const listener of listeners) listener(events.length);
}

interface Waiting {
  event: AuditEvent;
  settle: (error?: unknown) => void;
}
/** Events of stand-alone writes waiting for the next group commit, per database. */
const waiting = new WeakMap<Db, Waiting[]>();
/** A group larger than this waits for the next commit (bounded statement size). */
const MAX_GROUP = 200;

/**
 * For events with no surrounding action (a denial, a failed login, a read):
 * their own commit, resolved once the rows are committed. Events that
 * arrive while a commit is under way share the next one (group commit): under
 * load the round trip and the commit are paid once per group, not once
 * per request. A group is one INSERT statement, atomic on its own, so it
 * runs without BEGIN and COMMIT (two round trips fewer: on a quiet server,
 * every read paid them). A failed group is retried event by event, so one
 * bad event cannot fail the others.
 */
export function writeAuditAlone(db: Db, event: AuditEvent): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: unknown) => (error === undefined ? resolve() : reject(error as Error));
    const queue = waiting.get(db);
    if (queue) {
      queue.push({ event, settle });
      return;
    }
    waiting.set(db, [{ event, settle }]);
    // After the current turn: the other events written in it (a list's rows, another request's) join this group.
    queueMicrotask(() => void drain(db));
  });
}

/** Several events of one request in the next group commit (a list's rows): resolved once all are committed. */
export async function writeAuditsAlone(db: Db, events: readonly AuditEvent[]): Promise<void> {
  await Promise.all(events.map((event) => writeAuditAlone(db, event)));
}

async function drain(db: Db): Promise<void> {
  const queue = waiting.get(db)!;
  while (queue.length) {
    const group = queue.splice(0, MAX_GROUP);
    try {
      await appendAudit(db, group.map((w) => w.event));
      for (const w of group) w.settle();
    } catch (error) {
      if (group.length === 1) group[0]!.settle(error);
      else for (const w of group) await appendAudit(db, [w.event]).then(() => w.settle(), w.settle);
    }
  }
  waiting.delete(db);
}

/** An event done by the scope's principal, for the organisation she acts for, on one resource. */
export function actedBy(
  scope: { principal: { userId: string; organisation: { id: string } | null } },
  requestId: string,
  action: AuditAction,
  resource?: { type: string; id: string | null },
): AuditEvent {
  return {
    action,
    outcome: 'success',
    actorUserId: scope.principal.userId,
    actorOrganisationId: scope.principal.organisation?.id,
    resourceType: resource?.type ?? null,
    resourceId: resource?.id ?? null,
    requestId,
  };
}
