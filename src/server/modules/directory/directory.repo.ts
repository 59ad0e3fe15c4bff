import { and, asc, count, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Visibility } from '../../../shared/directory.js';
import type { DbOrTx } from '../../platform/db.js';
import { type PageQuery, likePattern, pageOffset } from '../../platform/paging.js';
import { networkMembers, networks, organisations } from '../organisations/index.js';
import { comuni, networkComuni, sportelli } from './directory.tables.js';
import { type Viewer, visibleSportelli, writableSportelli } from './directory.viewer.js';

/**
 * Sportelli queries. Every read goes through `visibleSportelli(viewer)`:
 * a sportello the viewer may not see is simply absent (404, never counted).
 */

/**
 * A function, not a constant: this module is reached while the organisations
 * module is still loading (schema.ts → routing.tables → directory index), so
 * its tables may only be touched at call time.
 */
const columns = () => ({
  id: sportelli.id,
  organisationId: sportelli.organisationId,
  organisationName: organisations.name,
  organisationType: organisations.type,
  externalId: sportelli.externalId,
  name: sportelli.name,
  visibility: sportelli.visibility,
  address: sportelli.address,
  comuneCode: sportelli.comuneCode,
  comuneName: comuni.name,
  provinceSigla: comuni.provinceSigla,
  lat: sportelli.lat,
  lon: sportelli.lon,
  secretLocation: sportelli.secretLocation,
  phones: sportelli.phones,
  email: sportelli.email,
  transferPhone: sportelli.transferPhone,
  openingHours: sportelli.openingHours,
  phoneHours: sportelli.phoneHours,
  h24: sportelli.h24,
  closures: sportelli.closures,
  languages: sportelli.languages,
  services: sportelli.services,
  accessibility: sportelli.accessibility,
  notes: sportelli.notes,
  version: sportelli.version,
  updatedAt: sportelli.updatedAt,
});

export type SportelloRow = Omit<Awaited<ReturnType<typeof selectRows>>[number], 'visibility'> & { visibility: Visibility };

function selectRows(db: DbOrTx, where: SQL | undefined) {
  return db
    .select(columns())
    .from(sportelli)
    .innerJoin(organisations, eq(organisations.id, sportelli.organisationId))
    .innerJoin(comuni, eq(comuni.istatCode, sportelli.comuneCode))
    .where(where);
}

export interface SportelliQuery extends PageQuery {
  network?: string | undefined;
  organisation?: string | undefined;
  comune?: string | undefined;
  q?: string | undefined;
  visibility?: Visibility | undefined;
}

const membersOf = (db: DbOrTx, networkId: string) =>
  db.select({ id: networkMembers.organisationId }).from(networkMembers).where(eq(networkMembers.networkId, networkId));

export async function listSportelli(db: DbOrTx, v: Viewer, q: SportelliQuery): Promise<{ rows: SportelloRow[]; total: number }> {
  const where = and(
    visibleSportelli(v),
    q.network ? inArray(sportelli.organisationId, membersOf(db, q.network)) : undefined,
    q.organisation ? eq(sportelli.organisationId, q.organisation) : undefined,
    q.comune ? eq(sportelli.comuneCode, q.comune) : undefined,
    q.visibility ? eq(sportelli.visibility, q.visibility) : undefined,
    q.q ? or(ilike(sportelli.name, likePattern(q.q)), ilike(organisations.name, likePattern(q.q))) : undefined,
  );
  const rows = await selectRows(db, where)
    .orderBy(asc(organisations.name), asc(sportelli.name), asc(sportelli.id))
    .limit(q.pageSize)
    .offset(pageOffset(q));
  const [total] = await db
    .select({ n: count() })
    .from(sportelli)
    .innerJoin(organisations, eq(organisations.id, sportelli.organisationId))
    .where(where);
  return { rows: rows as SportelloRow[], total: total?.n ?? 0 };
}

/** One sportello the viewer may see (null: absent for her). */
export async function findSportello(db: DbOrTx, v: Viewer, id: string): Promise<SportelloRow | null> {
  const [row] = await selectRows(db, and(eq(sportelli.id, id), visibleSportelli(v)));
  return (row as SportelloRow | undefined) ?? null;
}

/** One sportello the viewer may change, locked for the rest of the transaction (null: absent for her). */
export async function findWritableSportello(db: DbOrTx, v: Viewer, id: string): Promise<SportelloRow | null> {
  const [row] = await selectRows(db, and(eq(sportelli.id, id), visibleSportelli(v), writableSportelli(v))).for('update', { of: sportelli });
  return (row as SportelloRow | undefined) ?? null;
}

/**
 * One sportello by id, whatever its visibility: only for answering the
 * person who just wrote it (the presenter still opens a secret location for
 * its own staff alone). Never for lookups on behalf of a reader.
 */
export async function systemFindSportello(db: DbOrTx, id: string): Promise<SportelloRow | null> {
  const [row] = await selectRows(db, eq(sportelli.id, id));
  return (row as SportelloRow | undefined) ?? null;
}

/** Visible sportelli per organisation (secret ones count only for their own staff). */
export async function countVisibleSportelli(db: DbOrTx, v: Viewer, organisationIds: string[]): Promise<Map<string, number>> {
  if (!organisationIds.length) return new Map();
  const rows = await db
    .select({ organisationId: sportelli.organisationId, n: count() })
    .from(sportelli)
    .where(and(inArray(sportelli.organisationId, organisationIds), visibleSportelli(v)))
    .groupBy(sportelli.organisationId);
  return new Map(rows.map((r) => [r.organisationId, r.n]));
}

export async function comuneExists(db: DbOrTx, istatCode: string): Promise<boolean> {
  const [row] = await db.select({ istatCode: comuni.istatCode }).from(comuni).where(eq(comuni.istatCode, istatCode));
  return Boolean(row);
}

export type SportelloValues = Omit<typeof sportelli.$inferInsert, 'id' | 'organisationId' | 'version' | 'createdAt' | 'updatedAt' | 'externalId'>;

export async function insertSportello(db: DbOrTx, id: string, organisationId: string, values: SportelloValues): Promise<void> {
  await db.insert(sportelli).values({ ...values, id, organisationId });
}

/** Writes the new values when the version is still the one read; false when someone else changed it meanwhile. */
export async function updateSportello(db: DbOrTx, id: string, version: number, values: SportelloValues): Promise<boolean> {
  const done = await db
    .update(sportelli)
    .set({ ...values, version: version + 1, updatedAt: new Date() })
    .where(and(eq(sportelli.id, id), eq(sportelli.version, version)))
    .returning({ id: sportelli.id });
  return done.length === 1;
}

export async function deleteSportello(db: DbOrTx, id: string, version: number): Promise<boolean> {
  const done = await db
    .delete(sportelli)
    .where(and(eq(sportelli.id, id), eq(sportelli.version, version)))
    .returning({ id: sportelli.id });
  return done.length === 1;
}

/** Whether 1522 routes calls to this sportello: a network's referent or a comune's override. */
export async function isReferent(db: DbOrTx, sportelloId: string): Promise<boolean> {
  const [row] = await db.execute<{ used: boolean }>(sql`
    select exists (select 1 from ${networks} where ${networks.referentSportelloId} = ${sportelloId})
        or exists (select 1 from ${networkComuni} where ${networkComuni.referentSportelloId} = ${sportelloId}) as used`).then((r) => r.rows);
  return Boolean(row?.used);
}
