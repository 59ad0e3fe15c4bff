import { and, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { users } from '../../access/access.tables.js';
import type { Scope } from '../../access/scope.js';
import { actedBy, writeAudit } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { type DbOrTx, writeTransaction } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { type PageQuery, pageOffset } from '../../platform/paging.js';
import { networkMembers } from '../organisations/index.js';
import { directoryChanges } from './directory.tables.js';
import { historyNames } from './directory.history.names.js';
import { presentField } from './directory.present.js';
import { weeklySchedule } from './hours.week.js';
import { type Viewer, scopeCondition, viewerOf } from './directory.viewer.js';

/**
 * The directory's change history as its readers may see it: a coordinator
 * the entries of the organisations in her scope and of the networks she
 * leads; a head her own organisation's; the admin all. Entries about a
 * sportello that is or ever was secret are shown to its own organisation's
 * staff only — for everybody else they do not exist, like the sportello.
 */

export interface HistoryQuery extends PageQuery {
  entityType?: 'network' | 'organisation' | 'sportello' | undefined;
  entityId?: string | undefined;
  network?: string | undefined;
}

/** SQL: the entry is about a sportello that is secret now or was at any time (its history says so). */
const aboutSecretSportello = () => sql`(${directoryChanges.entityType} = 'sportello' and (
  exists (select 1 from sportelli s where s.id = ${directoryChanges.entityId} and s.visibility = 'secret')
  or exists (select 1 from directory_changes d2
             where d2.entity_type = 'sportello' and d2.entity_id = ${directoryChanges.entityId}
               and (d2.fields @> '[{"field":"visibility","to":"secret"}]'::jsonb
                    or d2.fields @> '[{"field":"visibility","from":"secret"}]'::jsonb))))`;

function readable(v: Viewer): SQL | undefined {
  const inScope =
    v.scope.organisationIds === 'all'
      ? undefined
      : or(scopeCondition(v, directoryChanges.organisationId), v.ledNetworks.length ? inArray(directoryChanges.networkId, [...v.ledNetworks]) : undefined);
  const secret = v.own ? or(sql`not ${aboutSecretSportello()}`, eq(directoryChanges.organisationId, v.own)) : sql`not ${aboutSecretSportello()}`;
  return and(inScope, secret);
}

/** Fields holding an `opening_hours` expression. */
const HOURS_FIELDS = new Set(['openingHours', 'phoneHours']);

/**
 * A field of an entry as the reader gets it. Hours come with their week
 * (as of the change), so the page says them in words; an expression whose
 * week changes (seasons, dates) has none and is shown as written, as the
 * exports do.
 */
function historyField(f: { field: string; from: unknown; to: unknown }, at: Date) {
  const field = presentField(f);
  if (!HOURS_FIELDS.has(f.field) || field.redacted) return field;
  const week = (v: unknown) => (typeof v === 'string' && v ? weeklySchedule(v, at) : null);
  return { ...field, fromSchedule: week(f.from), toSchedule: week(f.to) };
}

async function listHistory(db: DbOrTx, v: Viewer, q: HistoryQuery) {
  const where = and(
    readable(v),
    q.entityType ? eq(directoryChanges.entityType, q.entityType) : undefined,
    q.entityId ? eq(directoryChanges.entityId, q.entityId) : undefined,
    q.network
      ? or(
          eq(directoryChanges.networkId, q.network),
          inArray(directoryChanges.organisationId, db.select({ id: networkMembers.organisationId }).from(networkMembers).where(eq(networkMembers.networkId, q.network))),
        )
      : undefined,
  );
  const rows = await db
    .select({
      id: directoryChanges.id,
      at: directoryChanges.at,
      actorId: users.id,
      actorName: users.displayName,
      source: directoryChanges.source,
      entityType: directoryChanges.entityType,
      entityId: directoryChanges.entityId,
      change: directoryChanges.change,
      fields: directoryChanges.fields,
    })
    .from(directoryChanges)
    .leftJoin(users, eq(users.id, directoryChanges.actorUserId))
    .where(where)
    .orderBy(desc(directoryChanges.at), desc(directoryChanges.id))
    .limit(q.pageSize)
    .offset(pageOffset(q));
  const [total] = await db.select({ n: count() }).from(directoryChanges).where(where);
  const names = await historyNames(db, v, rows);
  return {
    names,
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actorId && r.actorName ? { id: r.actorId, displayName: r.actorName } : null,
      source: r.source,
      entityType: r.entityType as 'network' | 'organisation' | 'sportello',
      entityId: r.entityId,
      entityName: names[r.entityId] ?? null,
      change: r.change as 'create' | 'update' | 'delete',
      fields: r.fields.map((f) => historyField(f, r.at)),
    })),
    total: total?.n ?? 0,
  };
}

/** A page of history, newest first; the browsing itself is audited (which entity, never values). */
export function readHistory(ctx: AppContext, scope: Scope, q: HistoryQuery, requestId: string) {
  return writeTransaction(
    ctx.database.db,
    async (tx) => {
      const page = await listHistory(tx, await viewerOf(tx, scope), q);
      const resource = q.entityId ? { type: q.entityType ?? 'directory_entry', id: q.entityId } : { type: 'directory_history', id: q.network ?? null };
      await writeAudit(tx, actedBy(scope, requestId, 'directory.history_read', resource));
      return page;
    },
    () => new AppError('conflict'),
  );
}
