import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { FieldIssue } from '../../../shared/problems.js';
import type {
  PlaceCreate,
  PlaceUpdate,
  StructureCreate,
  StructureListOut,
  StructureOut,
  StructureUpdate,
  UnitCreate,
  UnitUpdate,
} from '../../../shared/shelters.structures.api.js';
import type { Scope } from '../../access/scope.js';
import { resourceNotFound } from '../../audit/audit.denied.js';
import { type AuditEvent, writeAudit, writeAuditAlone } from '../../audit/audit.writer.js';
import type { AuditAction } from '../../audit/catalogue.js';
import type { AppContext } from '../../context.js';
import { type DbOrTx, type Tx, isUniqueViolation, readHandle } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { networkMembers } from '../organisations/index.js';
import { sealAddress } from './structures.address.js';
import { type StructureActor, type StructureRow, presentStructure, selectStructureList } from './structures.present.js';
import { areaOfComune } from './shelters.geo.js';
import { HOUSING_ORGANISATION_TYPES } from './shelters.policy.js';
import { shelterPlaces, shelterStructureNetworks, shelterStructures, shelterUnits } from './shelters.tables.js';

/**
 * Structures, units and places, for the housing organisation's own staff
 * (docs/shelters.md, "Structures and places"). Every function takes the
 * actor (her organisation decides which structures exist for her: another
 * organisation's are 404, audited as denied, nothing written) and, for
 * writes, a database or a transaction: a seed calls them inside its own.
 * Place states held or occupied belong to the holds and the stays; here a
 * place only goes out of service from free and comes back to free.
 */

const invalid = (...errors: FieldIssue[]) => new AppError('validation_failed', { errors });

/** The actor of a request: her organisation, if it runs structures at all (the policy says the same). */
export function structureActor(scope: Scope, requestId: string): StructureActor {
  const { organisation, isInstanceAdmin, organisationRole, userId } = scope.principal;
  if (!organisation || isInstanceAdmin) throw new AppError('organisation_required');
  if (!(HOUSING_ORGANISATION_TYPES as readonly string[]).includes(organisation.type)) throw new AppError('forbidden');
  return { userId, organisationId: organisation.id, manage: organisationRole === 'organisation_head', requestId };
}

const event = (actor: StructureActor, action: AuditAction, structureId: string, purpose: string | null = null): AuditEvent => ({
  action,
  outcome: 'success',
  actorUserId: actor.userId,
  actorOrganisationId: actor.organisationId,
  resourceType: 'shelter_structure',
  resourceId: structureId,
  purpose,
  requestId: actor.requestId,
});

/** A write in one transaction (a savepoint inside a seed's); a duplicate name or label is 409. */
async function write<T>(db: DbOrTx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(fn);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('conflict');
    throw err;
  }
}

/** The structure, locked, when it is the actor's; else 404 (audited as denied by the error hook). */
async function ownStructure(tx: Tx, actor: StructureActor, id: string, lock: 'update' | 'share' = 'update'): Promise<StructureRow> {
  if (!actor.manage) throw new AppError('forbidden');
  const [row] = await tx
    .select()
    .from(shelterStructures)
    .where(and(eq(shelterStructures.id, id), eq(shelterStructures.organisationId, actor.organisationId)))
    .for(lock);
  if (!row) throw resourceNotFound('shelter_structure', id);
  return row;
}

/** The networks of `ids` her organisation is not a member of, as field errors. */
async function checkNetworks(tx: Tx, organisationId: string, ids: readonly string[], pointer: string): Promise<FieldIssue[]> {
  if (new Set(ids).size !== ids.length) return [{ pointer, code: 'duplicate' }];
  if (!ids.length) return [];
  const mine = await tx
    .select({ id: networkMembers.networkId })
    .from(networkMembers)
    .where(and(eq(networkMembers.organisationId, organisationId), inArray(networkMembers.networkId, [...ids])));
  return mine.length === ids.length ? [] : [{ pointer, code: 'unknown_network' }];
}

/** A contribution is asked only at the second level (the table's check says it too; here it is a field error). */
function checkContribution(level: string, contributionCents: number | null | undefined): FieldIssue[] {
  return contributionCents != null && level !== 'seconda_accoglienza' ? [{ pointer: '/body/contributionCents', code: 'not_allowed' }] : [];
}

// --- Reads --------------------------------------------------------------------

/**
 * Her organisation's structures with their places counted per state. Not
 * audited: it shows no address and no person — names and numbers of her
 * organisation's own structures (docs/shelters.md).
 */
export async function listStructures(ctx: AppContext, actor: StructureActor): Promise<StructureListOut> {
  return { items: await selectStructureList(ctx, readHandle(ctx.database.db), actor.organisationId) };
}

/** One structure with its opened address: audited as a read of a secret address (`shelter.structure.read`). */
export async function getStructure(ctx: AppContext, actor: StructureActor, id: string): Promise<StructureOut> {
  const db = readHandle(ctx.database.db);
  const [row] = await db
    .select()
    .from(shelterStructures)
    .where(and(eq(shelterStructures.id, id), eq(shelterStructures.organisationId, actor.organisationId)));
  if (!row) throw resourceNotFound('shelter_structure', id);
  const out = await presentStructure(ctx, db, row, actor);
  await writeAuditAlone(ctx.database.db, event(actor, 'shelter.structure.read', id, 'address'));
  return out;
}

/**
 * The structure after a write, for its answer: the head who just wrote it
 * sees the address she may edit; the write's own audit row records her act.
 */
export async function presentAfterWrite(ctx: AppContext, db: DbOrTx, actor: StructureActor, id: string): Promise<StructureOut> {
  const [row] = await db.select().from(shelterStructures).where(eq(shelterStructures.id, id));
  if (!row) throw resourceNotFound('shelter_structure', id);
  return presentStructure(ctx, db, row, actor);
}

// --- Structures -----------------------------------------------------------------

/** Creates a structure (no units yet) serving the networks given. Returns its id. */
export async function createStructure(ctx: AppContext, db: DbOrTx, actor: StructureActor, input: StructureCreate): Promise<string> {
  if (!actor.manage) throw new AppError('forbidden');
  const id = randomUUID();
  return write(db, async (tx) => {
    const area = await areaOfComune(tx, input.address.comuneIstat);
    const errors = [
      ...(area ? [] : [{ pointer: '/body/address/comuneIstat', code: 'unknown_comune' } as const]),
      ...checkContribution(input.level, input.contributionCents),
      ...(await checkNetworks(tx, actor.organisationId, input.networkIds, '/body/networkIds')),
    ];
    if (errors.length || !area) throw invalid(...errors);
    const { address, networkIds, ...fields } = input;
    await tx.insert(shelterStructures).values({
      ...fields,
      id,
      organisationId: actor.organisationId,
      addressSealed: await sealAddress(ctx.crypto, tx, actor.organisationId, id, address),
      provinceCode: area.provinceCode,
      areaLat: area.lat,
      areaLon: area.lon,
    });
    if (networkIds.length) await tx.insert(shelterStructureNetworks).values(networkIds.map((networkId) => ({ structureId: id, networkId })));
    await writeAudit(tx, event(actor, 'shelter.structure.create', id));
    return id;
  });
}

/** Edits what the body names (If-Match: `expected`). A new address is sealed again and its area recomputed. */
export async function updateStructure(ctx: AppContext, db: DbOrTx, actor: StructureActor, id: string, expected: number, input: StructureUpdate): Promise<void> {
  await write(db, async (tx) => {
    const row = await ownStructure(tx, actor, id);
    if (row.version !== expected) throw new AppError('precondition_failed');
    const { address, ...fields } = input;
    const area = address ? await areaOfComune(tx, address.comuneIstat) : null;
    const level = fields.level ?? row.level;
    const contribution = fields.contributionCents !== undefined ? fields.contributionCents : row.contributionCents;
    const errors = [...(address && !area ? [{ pointer: '/body/address/comuneIstat', code: 'unknown_comune' } as const] : []), ...checkContribution(level, contribution)];
    if (errors.length) throw invalid(...errors);
    await tx
      .update(shelterStructures)
      .set({
        ...fields,
        ...(address && area
          ? { addressSealed: await sealAddress(ctx.crypto, tx, row.organisationId, id, address), provinceCode: area.provinceCode, areaLat: area.lat, areaLon: area.lon }
          : {}),
        version: row.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(shelterStructures.id, id));
    // Which fields changed, by name only (never a value): the address is named, never shown.
    await writeAudit(tx, event(actor, 'shelter.structure.update', id, Object.keys(input).sort().join(',')));
  });
}

/** The networks it serves: replaced by `networkIds`, each one her organisation belongs to (If-Match). */
export async function setStructureNetworks(ctx: AppContext, db: DbOrTx, actor: StructureActor, id: string, expected: number, networkIds: readonly string[]): Promise<void> {
  await write(db, async (tx) => {
    const row = await ownStructure(tx, actor, id);
    if (row.version !== expected) throw new AppError('precondition_failed');
    const errors = await checkNetworks(tx, actor.organisationId, networkIds, '/body/networkIds');
    if (errors.length) throw invalid(...errors);
    await tx.delete(shelterStructureNetworks).where(eq(shelterStructureNetworks.structureId, id));
    if (networkIds.length) await tx.insert(shelterStructureNetworks).values(networkIds.map((networkId) => ({ structureId: id, networkId })));
    await tx.update(shelterStructures).set({ version: row.version + 1, updatedAt: new Date() }).where(eq(shelterStructures.id, id));
    await writeAudit(tx, event(actor, 'shelter.structure.networks', id, `${networkIds.length} networks`));
  });
}

/**
 * Takes a structure off the board (`active` false) or back. Deactivating
 * needs no place held or occupied: a hold or a stay would lose its
 * structure. The structure's row is locked, so a deactivation and a hold
 * that reads it `for share` (holds.service.ts) cannot cross.
 */
export async function setStructureActive(ctx: AppContext, db: DbOrTx, actor: StructureActor, id: string, expected: number, active: boolean): Promise<void> {
  await write(db, async (tx) => {
    const row = await ownStructure(tx, actor, id);
    if (row.version !== expected) throw new AppError('precondition_failed');
    if (!active) {
      const [busy] = await tx
        .select({ id: shelterPlaces.id })
        .from(shelterPlaces)
        .where(and(eq(shelterPlaces.structureId, id), inArray(shelterPlaces.state, ['trattenuto', 'occupato'])))
        .limit(1);
      if (busy) throw new AppError('shelter_structure_in_use');
    }
    await tx.update(shelterStructures).set({ active, version: row.version + 1, updatedAt: new Date() }).where(eq(shelterStructures.id, id));
    await writeAudit(tx, event(actor, active ? 'shelter.structure.reactivate' : 'shelter.structure.deactivate', id));
  });
}

// --- Units and places -------------------------------------------------------------

/** Adds a unit and its places, labelled 1…n, all free. Returns the unit's id. */
export async function addUnit(_ctx: AppContext, db: DbOrTx, actor: StructureActor, id: string, input: UnitCreate): Promise<string> {
  return write(db, async (tx) => {
    await ownStructure(tx, actor, id, 'share');
    const unitId = randomUUID();
    await tx.insert(shelterUnits).values({ id: unitId, structureId: id, label: input.label, wheelchairAccessible: input.wheelchairAccessible });
    await tx.insert(shelterPlaces).values(Array.from({ length: input.places }, (_, i) => ({ unitId, structureId: id, label: String(i + 1) })));
    await writeAudit(tx, event(actor, 'shelter.unit.create', id, `unit:${unitId} places:${input.places}`));
    return unitId;
  });
}

/** The unit, when it is of this structure (else 404). */
async function unitOf(tx: Tx, structureId: string, unitId: string) {
  const [unit] = await tx
    .select()
    .from(shelterUnits)
    .where(and(eq(shelterUnits.id, unitId), eq(shelterUnits.structureId, structureId)))
    .for('update');
  if (!unit) throw resourceNotFound('shelter_unit', unitId);
  return unit;
}

/** Renames a unit or changes its access (If-Match: the unit's version). */
export async function updateUnit(_ctx: AppContext, db: DbOrTx, actor: StructureActor, id: string, unitId: string, expected: number, input: UnitUpdate): Promise<void> {
  await write(db, async (tx) => {
    await ownStructure(tx, actor, id, 'share');
    const unit = await unitOf(tx, id, unitId);
    if (unit.version !== expected) throw new AppError('precondition_failed');
    await tx
      .update(shelterUnits)
      .set({ ...input, version: unit.version + 1 })
      .where(eq(shelterUnits.id, unitId));
    await writeAudit(tx, event(actor, 'shelter.unit.update', id, `unit:${unitId}`));
  });
}

/** Adds one free place to a unit. Returns its id. */
export async function addPlace(_ctx: AppContext, db: DbOrTx, actor: StructureActor, id: string, unitId: string, input: PlaceCreate): Promise<string> {
  return write(db, async (tx) => {
    await ownStructure(tx, actor, id, 'share');
    await unitOf(tx, id, unitId);
    const placeId = randomUUID();
    await tx.insert(shelterPlaces).values({ id: placeId, unitId, structureId: id, label: input.label });
    await writeAudit(tx, event(actor, 'shelter.place.create', id, `place:${placeId}`));
    return placeId;
  });
}

/** The place, locked, when it is of this structure (else 404). */
async function placeOf(tx: Tx, structureId: string, placeId: string) {
  const [place] = await tx
    .select()
    .from(shelterPlaces)
    .where(and(eq(shelterPlaces.id, placeId), eq(shelterPlaces.structureId, structureId)))
    .for('update');
  if (!place) throw resourceNotFound('shelter_place', placeId);
  return place;
}

/** Renames a place (If-Match: the place's version); its state is untouched. */
export async function renamePlace(_ctx: AppContext, db: DbOrTx, actor: StructureActor, id: string, placeId: string, expected: number, input: PlaceUpdate): Promise<void> {
  await write(db, async (tx) => {
    await ownStructure(tx, actor, id, 'share');
    const place = await placeOf(tx, id, placeId);
    if (place.version !== expected) throw new AppError('precondition_failed');
    await tx
      .update(shelterPlaces)
      .set({ label: input.label, version: sql`${shelterPlaces.version} + 1`, updatedAt: new Date() })
      .where(eq(shelterPlaces.id, placeId));
    await writeAudit(tx, event(actor, 'shelter.place.update', id, `place:${placeId}`));
  });
}

/**
 * Takes a free place out of service, or puts an out-of-service one back to
 * free (If-Match: the place's version). A held or occupied place belongs to
 * a hold or a stay and is never touched here (409): the update is
 * conditional on the state, so a hold taking the place at the same moment
 * wins or loses whole.
 */
export async function setPlaceService(_ctx: AppContext, db: DbOrTx, actor: StructureActor, id: string, placeId: string, expected: number, outOfService: boolean): Promise<void> {
  const from = outOfService ? 'libero' : 'fuori_servizio';
  const to = outOfService ? 'fuori_servizio' : 'libero';
  await write(db, async (tx) => {
    await ownStructure(tx, actor, id, 'share');
    const place = await placeOf(tx, id, placeId);
    if (place.state !== from) throw new AppError('shelter_place_state');
    if (place.version !== expected) throw new AppError('precondition_failed');
    const [moved] = await tx
      .update(shelterPlaces)
      .set({ state: to, version: sql`${shelterPlaces.version} + 1`, updatedAt: new Date() })
      .where(and(eq(shelterPlaces.id, placeId), eq(shelterPlaces.state, from)))
      .returning({ id: shelterPlaces.id });
    if (!moved) throw new AppError('shelter_place_state');
    await writeAudit(tx, event(actor, 'shelter.place.service', id, `place:${placeId} ${to}`));
  });
}
