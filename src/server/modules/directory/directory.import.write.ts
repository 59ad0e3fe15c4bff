import { eq, and, sql } from 'drizzle-orm';
import type { CryptoService } from '../../platform/crypto.js';
import type { Tx } from '../../platform/db.js';
import { networkMembers, networks, organisations } from '../organisations/index.js';
import { type ChangeEntry, diffFields } from './directory.changes.js';
import { type Plan, type PlannedSportello, type Viewer, opensLocationOf } from './directory.import.check.js';
import { type Link, deleteLinks, deleteTerritories, territoriesOf } from './directory.import.load.js';
import { directoryChanges, networkComuni, sportelli } from './directory.tables.js';
import { type SecretLocation, openLocation, sealLocation } from './sportello.location.js';

/**
 * Applies a checked plan inside the import's transaction: creates what is
 * new, updates in place what differs (version and updatedAt bumped only
 * then), leaves the rest untouched, and keeps the change history. Writes
 * go in batches: a national file is a few dozen statements, not thousands.
 */

export interface Counts {
  networks: number;
  organisations: number;
  sportelli: number;
}
export interface ImportReport {
  created: Counts;
  updated: Counts;
  unchanged: Counts;
}

type Fields = Record<string, unknown>;
type Change = { fields: ReturnType<typeof diffFields>; entry: Omit<ChangeEntry, 'actorUserId' | 'source'>; change: 'create' | 'update' };

const CHUNK = 500;
async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

/** Values compared as JSON with sorted keys: jsonb gives object keys back in its own order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Fields)[k])]));
  }
  return value;
}

const zero = (): Counts => ({ networks: 0, organisations: 0, sportelli: 0 });
const sorted = (values: Iterable<string>) => [...values].sort();
const bump = { version: sql`version + 1`, updatedAt: sql`now()` };

/** Secret sportello whose location this actor may not open: compared and kept as stored. */
const UNOPENED: SecretLocation = { address: null, lat: null, lon: null };

export async function applyPlan(tx: Tx, crypto: CryptoService, plan: Plan, viewer: Viewer): Promise<{ report: ImportReport; changes: Change[] }> {
  const report: ImportReport = { created: zero(), updated: zero(), unchanged: zero() };
  const changes: Change[] = [];
  /** Classifies one item; returns whether it must be written. */
  const classify = (kind: keyof Counts, isNew: boolean, fields: Change['fields'], entry: Change['entry']) => {
    if (isNew) report.created[kind]++;
    else if (fields.length) report.updated[kind]++;
    else report.unchanged[kind]++;
    if (fields.length) changes.push({ fields, entry, change: isNew ? 'create' : 'update' });
    return fields.length > 0;
  };
  const networksOf = (links: Link[], organisationId: string) => sorted(links.filter((l) => l.organisationId === organisationId).map((l) => l.networkId));

  // Organisations.
  const newOrgs: (typeof organisations.$inferInsert)[] = [];
  for (const o of plan.organisations) {
    const { item, existing } = o;
    const row = {
      name: item.name,
      type: item.type,
      legalName: item.legalName,
      alboStatus: item.albo?.status ?? null,
      alboDate: item.albo?.date ?? null,
      email: item.email,
      phone: item.phone,
      website: item.website,
      services: item.services,
      languages: item.languages,
      accessibility: item.accessibility,
      lineLinkedEmergencyRoom: item.lineLinkedEmergencyRoom,
      lineLinkedPolice: item.lineLinkedPolice,
      womenOnlyStaff: item.womenOnlyStaff,
    };
    const before: Fields | null = existing && {
      ...Object.fromEntries(Object.keys(row).map((k) => [k, existing[k as keyof typeof row]])),
      networks: networksOf(plan.linksBefore, o.id),
    };
    const after: Fields = { ...row, networks: networksOf(plan.linksAfter, o.id), ...(existing ? {} : { externalId: item.externalId }) };
    const write = classify('organisations', !existing, diffFields(before, after), { entityType: 'organisation', entityId: o.id, organisationId: o.id, networkId: null });
    if (!existing) newOrgs.push({ ...row, id: o.id, externalId: item.externalId });
    else if (write) await tx.update(organisations).set({ ...row, ...bump }).where(eq(organisations.id, o.id));
  }
  await inChunks(newOrgs, (chunk) => tx.insert(organisations).values(chunk));

  // Sportelli.
  const newSps: (typeof sportelli.$inferInsert)[] = [];
  for (const s of plan.sportelli) {
    const { row, fields } = await sportelloRow(tx, crypto, s, viewer);
    const write = classify('sportelli', !s.existing, fields, {
      entityType: 'sportello',
      entityId: s.id,
      organisationId: s.organisationId,
      networkId: null,
    });
    if (!s.existing) newSps.push({ ...row, id: s.id, organisationId: s.organisationId, externalId: s.item.externalId });
    else if (write) await tx.update(sportelli).set({ ...row, ...bump }).where(eq(sportelli.id, s.id));
  }
  await inChunks(newSps, (chunk) => tx.insert(sportelli).values(chunk));

  // Networks, their territory and 1522 referents.
  const stored = await territoriesOf(tx, plan.networks.filter((n) => n.existing).map((n) => n.id));
  const newNets: (typeof networks.$inferInsert)[] = [];
  const redraw: string[] = [];
  for (const n of plan.networks) {
    const { item, existing } = n;
    const territory = stored.filter((t) => t.networkId === n.id).sort((a, b) => a.istatCode.localeCompare(b.istatCode));
    const overrides = (rows: { istatCode: string; referentSportelloId: string | null }[]) =>
      rows.filter((t) => t.referentSportelloId).map((t) => ({ comune: t.istatCode, referent: t.referentSportelloId }));
    const before: Fields | null = existing && {
      name: existing.name,
      capofila: plan.linksBefore.find((l) => l.networkId === n.id && l.isCapofila)?.organisationId ?? null,
      referent: existing.referentSportelloId,
      comuni: territory.map((t) => t.istatCode),
      referentOverrides: overrides(territory),
    };
    const after: Fields = {
      name: item.name,
      capofila: n.capofilaId,
      referent: n.referentId,
      comuni: n.territory.map((t) => t.istatCode),
      referentOverrides: overrides(n.territory),
      ...(existing ? {} : { externalId: item.externalId }),
    };
    const fields = diffFields(before, after);
    const write = classify('networks', !existing, fields, { entityType: 'network', entityId: n.id, organisationId: n.capofilaId, networkId: n.id });
    const row = { name: item.name, referentSportelloId: n.referentId };
    if (!existing) newNets.push({ ...row, id: n.id, externalId: item.externalId });
    else if (write) await tx.update(networks).set({ ...row, ...bump }).where(eq(networks.id, n.id));
    if (!existing || fields.some((f) => f.field === 'comuni' || f.field === 'referentOverrides')) redraw.push(n.id);
  }
  await inChunks(newNets, (chunk) => tx.insert(networks).values(chunk));

  await writeLinks(tx, plan.linksBefore, plan.linksAfter);

  // All the old territories go before any new one is written: a comune may move between networks of the file.
  await deleteTerritories(tx, redraw);
  const rows = plan.networks
    .filter((n) => redraw.includes(n.id))
    .flatMap((n) => n.territory.map((t) => ({ networkId: n.id, istatCode: t.istatCode, referentSportelloId: t.referentSportelloId })));
  await inChunks(rows, (chunk) => tx.insert(networkComuni).values(chunk));

  return { report, changes };
}

/** The history rows of an import (many at a time; same content as `recordChange` writes one by one). */
export async function writeChanges(tx: Tx, changes: Change[], actorUserId: string | null) {
  const rows = changes.map((c) => ({ ...c.entry, actorUserId, source: 'import' as const, change: c.change, fields: c.fields }));
  await inChunks(rows, (chunk) => tx.insert(directoryChanges).values(chunk));
}

async function writeLinks(tx: Tx, before: Link[], after: Link[]) {
  const key = (l: Link) => `${l.networkId}|${l.organisationId}`;
  const old = new Map(before.map((l) => [key(l), l]));
  const next = new Map(after.map((l) => [key(l), l]));
  await deleteLinks(tx, before.filter((l) => !next.has(key(l))));
  await inChunks(after.filter((l) => !old.has(key(l))), (chunk) => tx.insert(networkMembers).values(chunk));
  for (const l of after) {
    const was = old.get(key(l));
    if (was && was.isCapofila !== l.isCapofila) {
      await tx
        .update(networkMembers)
        .set({ isCapofila: l.isCapofila })
        .where(and(eq(networkMembers.networkId, l.networkId), eq(networkMembers.organisationId, l.organisationId)));
    }
  }
}

/**
 * A sportello's row to write and its changed fields for the history. A secret
 * one's location is sealed (plain columns null); compared with the stored
 * one only when this actor may open it — otherwise it stays as stored, so a
 * coordinator can neither overwrite a shelter's address once it exists nor
 * learn anything about it from the report.
 */
async function sportelloRow(tx: Tx, crypto: CryptoService, s: PlannedSportello, viewer: Viewer) {
  const { item, existing } = s;
  const secret = item.visibility === 'secret';
  const opens = opensLocationOf(viewer, s.organisationId);
  let was: SecretLocation | null = null;
  if (existing) {
    if (existing.visibility !== 'secret') was = { address: existing.address, lat: existing.lat, lon: existing.lon };
    else if (opens && existing.secretLocation) was = await openLocation(crypto, tx, existing.id, existing.secretLocation);
    else was = UNOPENED;
  }
  const keepSealed = existing?.visibility === 'secret' && secret && !opens;
  const location: SecretLocation = keepSealed ? UNOPENED : { address: item.address, lat: item.lat, lon: item.lon };
  const common = {
    name: item.name,
    visibility: item.visibility,
    comuneCode: item.comuneCode,
    phones: item.phones,
    email: item.email,
    transferPhone: item.transferPhone === undefined ? (existing?.transferPhone ?? null) : item.transferPhone,
    openingHours: item.openingHours,
    phoneHours: item.phoneHours,
    h24: item.h24,
    closures: item.closures,
    languages: item.languages,
    services: item.services,
    accessibility: item.accessibility,
    notes: item.notes,
  };
  const pick = (from: Fields) => Object.fromEntries(Object.keys(common).map((k) => [k, canonical(from[k])]));
  const before = existing && { ...pick(existing), ...was };
  const after = { ...pick(common), ...location, ...(existing ? {} : { externalId: item.externalId, organisationId: s.organisationId }) };
  const wasSecret = existing?.visibility === 'secret';
  const fields = diffFields(before, after, secret || wasSecret);
  const moved = !existing || fields.some((f) => f.field === 'address' || f.field === 'lat' || f.field === 'lon' || f.field === 'visibility');
  let secretLocation: string | null = null;
  if (secret) {
    secretLocation = wasSecret && (keepSealed || !moved) ? existing!.secretLocation : await sealLocation(crypto, tx, s.organisationId, s.id, location);
  }
  const row = {
    ...common,
    address: secret ? null : location.address,
    lat: secret ? null : location.lat,
    lon: secret ? null : location.lon,
    secretLocation,
  };
  return { row, fields };
}
