import type { DbOrTx } from '../../platform/db.js';
import { directoryChanges } from './directory.tables.js';

/**
 * Fields whose values the history never keeps, only that they changed: the
 * reserved transfer number, and anything locating a secret sportello.
 */
const REDACTED = new Set(['transferPhone', 'secretLocation', 'address', 'lat', 'lon']);

export interface ChangeEntry {
  actorUserId: string | null;
  source: 'user' | 'import';
  entityType: 'network' | 'organisation' | 'sportello';
  entityId: string;
  organisationId: string | null;
  networkId: string | null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The fields that differ between two versions of an entry, values kept
 * except where redacted (always for reserved fields; every location field
 * when the entry is or was secret).
 */
export function diffFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null, secret = false) {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const out: { field: string; from: unknown; to: unknown }[] = [];
  for (const field of [...keys].sort()) {
    const from = before?.[field] ?? null;
    const to = after?.[field] ?? null;
    if (same(from, to)) continue;
    const hide = REDACTED.has(field) && (secret || field === 'transferPhone' || field === 'secretLocation');
    out.push(hide ? { field, from: null, to: null } : { field, from, to });
  }
  return out;
}

/** Appends a change of the directory (nothing when no field changed). Returns whether a row was written. */
export async function recordChange(
  db: DbOrTx,
  entry: ChangeEntry,
  change: 'create' | 'update' | 'delete',
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  secret = false,
): Promise<boolean> {
  const fields = diffFields(before, after, secret);
  if (!fields.length) return false;
  await db.insert(directoryChanges).values({ ...entry, change, fields });
  return true;
}
