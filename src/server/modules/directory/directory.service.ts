import { randomUUID } from 'node:crypto';
import type { Scope } from '../../access/scope.js';
import { actedBy, writeAudit } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { type Tx, writeTransaction } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { resourceNotFound } from '../../audit/audit.denied.js';
import type { FieldIssue } from '../../../shared/problems.js';
import { findOrganisation } from '../organisations/index.js';
import { recordChange } from './directory.changes.js';
import { locationOf, presentSportelli } from './directory.present.js';
import * as repo from './directory.repo.js';
import type { SportelloFields, SportelloOut, SportelloPatch } from '../../../shared/directory.api.js';
import { administers, viewerOf, type Viewer } from './directory.viewer.js';
import { sealLocation } from './sportello.location.js';

/**
 * Sportelli use cases: each read or write in one transaction with its audit
 * rows and, for writes, its change-history entry.
 */

const write = <T>(ctx: AppContext, fn: (tx: Tx) => Promise<T>) => writeTransaction(ctx.database.db, fn, () => new AppError('conflict'));

const invalid = (...errors: FieldIssue[]) => new AppError('validation_failed', { errors });

export function listSportelli(ctx: AppContext, scope: Scope, query: repo.SportelliQuery, at: Date, requestId: string) {
  return write(ctx, async (tx) => {
    const v = await viewerOf(tx, scope);
    const { rows, total } = await repo.listSportelli(tx, v, query);
    return { items: await presentSportelli(ctx, tx, v, rows, at, requestId), total };
  });
}

export function getSportello(ctx: AppContext, scope: Scope, id: string, at: Date, requestId: string): Promise<SportelloOut> {
  return write(ctx, async (tx) => {
    const v = await viewerOf(tx, scope);
    const row = await repo.findSportello(tx, v, id);
    if (!row) throw resourceNotFound('sportello', id);
    return (await presentSportelli(ctx, tx, v, [row], at, requestId))[0]!;
  });
}

/** The fields the change history follows (location values are redacted there when the sportello is or was secret). */
function tracked(f: SportelloFields): SportelloFields {
  const { name, visibility, address, comuneCode, lat, lon, phones, email, transferPhone, openingHours, phoneHours, h24, closures, languages, services, accessibility, notes } = f;
  return { name, visibility, address, comuneCode, lat, lon, phones, email, transferPhone, openingHours, phoneHours, h24, closures, languages, services, accessibility, notes };
}

/** Checks that need the database or several fields at once; every problem reported together. */
async function validate(tx: Tx, f: SportelloFields): Promise<void> {
  const errors: FieldIssue[] = [];
  if (!(await repo.comuneExists(tx, f.comuneCode))) {
    errors.push({ pointer: '/body/comuneCode', code: 'unknown_comune' });
  }
  if ((f.lat === null) !== (f.lon === null)) {
    const missing = f.lat === null ? 'lat' : 'lon';
    errors.push({ pointer: `/body/${missing}`, code: 'coordinates_pair' });
  }
  if (errors.length) throw invalid(...errors);
}

/** The stored form: a secret sportello's location sealed with its organisation's key, the plain columns empty. */
async function stored(ctx: AppContext, tx: Tx, organisationId: string, id: string, f: SportelloFields): Promise<repo.SportelloValues> {
  const { address, lat, lon, ...rest } = f;
  if (f.visibility !== 'secret') return { ...rest, address, lat, lon, secretLocation: null };
  const secretLocation = await sealLocation(ctx.crypto, tx, organisationId, id, { address, lat, lon });
  return { ...rest, address: null, lat: null, lon: null, secretLocation };
}

const changeEntry = (scope: Scope, organisationId: string, id: string) =>
  ({ actorUserId: scope.principal.userId, source: 'user', entityType: 'sportello', entityId: id, organisationId, networkId: null }) as const;

/**
 * The answer to a write. Read without the visibility filter on purpose: a
 * coordinator who just made a sportello secret gets its public fields back,
 * never its location (locationOf opens it for its own staff only).
 */
async function answer(ctx: AppContext, tx: Tx, v: Viewer, id: string, requestId: string): Promise<SportelloOut> {
  const row = await repo.systemFindSportello(tx, id);
  if (!row) throw new AppError('not_found');
  return (await presentSportelli(ctx, tx, v, [row], new Date(), requestId))[0]!;
}

export function createSportello(ctx: AppContext, scope: Scope, input: SportelloFields & { organisationId: string }, requestId: string) {
  return write(ctx, async (tx) => {
    const v = await viewerOf(tx, scope);
    const { organisationId, ...fields } = input;
    // An organisation out of her scope does not exist for her.
    if (!administers(v, organisationId) || !(await findOrganisation(tx, scope, organisationId))) throw resourceNotFound('organisation', organisationId);
    await validate(tx, fields);
    const id = randomUUID();
    await repo.insertSportello(tx, id, organisationId, await stored(ctx, tx, organisationId, id, fields));
    await recordChange(tx, changeEntry(scope, organisationId, id), 'create', null, tracked(fields), fields.visibility === 'secret');
    await writeAudit(tx, actedBy(scope, requestId, 'directory.sportello_create', { type: 'sportello', id }));
    return answer(ctx, tx, v, id, requestId);
  });
}

/** A row as the fields it was written from (location opened when secret: the writer is its own staff). */
async function fieldsOf(ctx: AppContext, tx: Tx, v: Viewer, row: repo.SportelloRow): Promise<SportelloFields> {
  const location = await locationOf(ctx, tx, v, row);
  // The row carries every field of SportelloFields (codes as plain strings): `tracked` keeps exactly those.
  return { ...tracked(row as unknown as SportelloFields), ...location };
}

export function updateSportello(ctx: AppContext, scope: Scope, id: string, version: number, patch: SportelloPatch, requestId: string) {
  return write(ctx, async (tx) => {
    const v = await viewerOf(tx, scope);
    const row = await repo.findWritableSportello(tx, v, id);
    if (!row) throw resourceNotFound('sportello', id);
    if (row.version !== version) throw new AppError('precondition_failed');
    const before = await fieldsOf(ctx, tx, v, row);
    const after: SportelloFields = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) };
    await validate(tx, after);
    if (after.visibility === 'secret' && row.visibility !== 'secret' && (await repo.isReferent(tx, id))) {
      // A secret sportello is never a 1522 referent: the network would silently lose its transfer target.
      throw invalid({ pointer: '/body/visibility', code: 'referent_in_use' });
    }
    if (!(await repo.updateSportello(tx, id, version, await stored(ctx, tx, row.organisationId, id, after)))) throw new AppError('precondition_failed');
    const secret = row.visibility === 'secret' || after.visibility === 'secret';
    await recordChange(tx, changeEntry(scope, row.organisationId, id), 'update', tracked(before), tracked(after), secret);
    await writeAudit(tx, actedBy(scope, requestId, 'directory.sportello_update', { type: 'sportello', id }));
    return answer(ctx, tx, v, id, requestId);
  });
}

/**
 * Removes a sportello. A 1522 referent (of a network or of a comune) is
 * refused, not cleared: calls would otherwise stop being transferred
 * without anyone deciding it; the coordinator names another referent first.
 */
export function deleteSportello(ctx: AppContext, scope: Scope, id: string, version: number, requestId: string) {
  return write(ctx, async (tx) => {
    const v = await viewerOf(tx, scope);
    const row = await repo.findWritableSportello(tx, v, id);
    if (!row) throw resourceNotFound('sportello', id);
    if (row.version !== version) throw new AppError('precondition_failed');
    if (await repo.isReferent(tx, id)) {
      throw invalid({ pointer: '/params/id', code: 'referent_in_use' });
    }
    const before = await fieldsOf(ctx, tx, v, row);
    if (!(await repo.deleteSportello(tx, id, version))) throw new AppError('precondition_failed');
    await recordChange(tx, changeEntry(scope, row.organisationId, id), 'delete', tracked(before), null, row.visibility === 'secret');
    await writeAudit(tx, actedBy(scope, requestId, 'directory.sportello_delete', { type: 'sportello', id }));
  });
}
