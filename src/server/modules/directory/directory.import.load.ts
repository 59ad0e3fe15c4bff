import { type AnyColumn, type SQL, and, eq, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db.js';
import { networkMembers, networks, organisations } from '../organisations/index.js';
import { comuni, networkComuni, sportelli } from './directory.tables.js';

/**
 * The bulk reads of an import: everything the file names, in a handful of
 * queries whatever its size (a national file names 7,895 comuni and
 * thousands of items). Lists travel as one JSON parameter, not one
 * parameter per value.
 */

export type NetworkRow = typeof networks.$inferSelect;
export type OrganisationRow = typeof organisations.$inferSelect;
export type SportelloRow = typeof sportelli.$inferSelect;
export interface Link {
  networkId: string;
  organisationId: string;
  isCapofila: boolean;
}

/**
 * `trama:<uuid>` names an item that has no externalId of its own (created
 * in the screens): the JSON export writes it so that the export can be
 * imported back.
 */
export const TRAMA_ID = /^trama:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
export const exportedId = (row: { id: string; externalId: string | null }) => row.externalId ?? `trama:${row.id}`;

/** `column in (the list)`, the list as one JSON parameter. */
function inList(column: AnyColumn, values: readonly string[], cast: 'text' | 'uuid' = 'text'): SQL {
  const list = sql`select (jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))::${sql.raw(cast)}`;
  return sql`${column} in (${list})`;
}

type Keyed = typeof networks | typeof organisations | typeof sportelli;

/** Rows named by the file's identifiers (externalIds, or `trama:<id>` for rows without one), by identifier. */
async function byKeys<T extends { id: string; externalId: string | null }>(db: DbOrTx, table: Keyed, keys: Iterable<string>): Promise<Map<string, T>> {
  const external: string[] = [];
  const internal: string[] = [];
  for (const key of new Set(keys)) {
    const m = TRAMA_ID.exec(key);
    if (m) internal.push(m[1]!);
    else external.push(key);
  }
  const found = new Map<string, T>();
  if (!external.length && !internal.length) return found;
  const where = or(
    external.length ? inList(table.externalId, external) : undefined,
    internal.length ? and(isNull(table.externalId), inList(table.id, internal, 'uuid')) : undefined,
  );
  const rows = (await db.select().from(table).where(where)) as unknown as T[];
  for (const row of rows) found.set(exportedId(row), row);
  return found;
}

export const networksByKeys = (db: DbOrTx, keys: Iterable<string>) => byKeys<NetworkRow>(db, networks, keys);
export const organisationsByKeys = (db: DbOrTx, keys: Iterable<string>) => byKeys<OrganisationRow>(db, organisations, keys);
export const sportelliByKeys = (db: DbOrTx, keys: Iterable<string>) => byKeys<SportelloRow>(db, sportelli, keys);

/** Memberships touching these networks or these organisations. */
export async function linksOf(db: DbOrTx, networkIds: string[], organisationIds: string[]): Promise<Link[]> {
  if (!networkIds.length && !organisationIds.length) return [];
  return db
    .select({ networkId: networkMembers.networkId, organisationId: networkMembers.organisationId, isCapofila: networkMembers.isCapofila })
    .from(networkMembers)
    .where(
      or(
        networkIds.length ? inList(networkMembers.networkId, networkIds, 'uuid') : undefined,
        organisationIds.length ? inList(networkMembers.organisationId, organisationIds, 'uuid') : undefined,
      ),
    );
}

/** The ISTAT codes of this list that exist (one query for all of them). */
export async function knownComuni(db: DbOrTx, codes: string[]): Promise<Set<string>> {
  if (!codes.length) return new Set();
  const rows = await db.select({ code: comuni.istatCode }).from(comuni).where(inList(comuni.istatCode, codes));
  return new Set(rows.map((r) => r.code));
}

/** Which network covers each of these comuni today. */
export async function coverageOf(db: DbOrTx, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await db
    .select({ code: networkComuni.istatCode, networkId: networkComuni.networkId })
    .from(networkComuni)
    .where(inList(networkComuni.istatCode, codes));
  return new Map(rows.map((r) => [r.code, r.networkId]));
}

/** The territory of these networks as stored. */
export async function territoriesOf(db: DbOrTx, networkIds: string[]) {
  if (!networkIds.length) return [];
  return db.select().from(networkComuni).where(inList(networkComuni.networkId, networkIds, 'uuid'));
}

/** Ids of the organisations and networks already holding these names (names are unique). */
export async function organisationsNamed(db: DbOrTx, names: string[]): Promise<Map<string, string>> {
  if (!names.length) return new Map();
  const rows = await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inList(organisations.name, names));
  return new Map(rows.map((r) => [r.name, r.id]));
}

export async function networksNamed(db: DbOrTx, names: string[]): Promise<Map<string, string>> {
  if (!names.length) return new Map();
  const rows = await db.select({ id: networks.id, name: networks.name }).from(networks).where(inList(networks.name, names));
  return new Map(rows.map((r) => [r.name, r.id]));
}

/** The networks an organisation leads as capofila. */
export async function ledBy(db: DbOrTx, organisationId: string): Promise<Set<string>> {
  const rows = await db
    .select({ id: networkMembers.networkId })
    .from(networkMembers)
    .where(and(eq(networkMembers.organisationId, organisationId), eq(networkMembers.isCapofila, true)));
  return new Set(rows.map((r) => r.id));
}

/** Removes these memberships (one statement). */
export async function deleteLinks(db: DbOrTx, pairs: { networkId: string; organisationId: string }[]) {
  if (!pairs.length) return;
  const json = JSON.stringify(pairs.map((p) => [p.networkId, p.organisationId]));
  await db.execute(sql`delete from network_members where (network_id, organisation_id) in
    (select (x->>0)::uuid, (x->>1)::uuid from jsonb_array_elements(${json}::jsonb) x)`);
}

/** Removes the stored territory of these networks (before writing the file's). */
export async function deleteTerritories(db: DbOrTx, networkIds: string[]) {
  if (networkIds.length) await db.delete(networkComuni).where(inList(networkComuni.networkId, networkIds, 'uuid'));
}
