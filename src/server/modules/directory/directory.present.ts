import type { OrganisationType } from '../../../shared/domain.js';
import type { Closure } from '../../../shared/directory.js';
import { actedBy, writeAudit } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../platform/db.js';
import type { SportelloOut } from '../../../shared/directory.api.js';
import type { SportelloRow } from './directory.repo.js';
import type { Viewer } from './directory.viewer.js';
import { seesTransferPhone } from './directory.viewer.js';
import { Hours, type HoursState } from './hours.js';
import { type SecretLocation, openLocation } from './sportello.location.js';

/**
 * Presenters: explicit output fields, decided per viewer. The only place a
 * secret sportello's location is decrypted for output — and only for its
 * own organisation's staff, each read audited.
 */

/** The state at an instant; null when there are no hours (or, defensively, when a stored expression no longer parses). */
function stateOf(expression: string | null, closures: readonly Closure[], at: Date): HoursState | null {
  if (!expression) return null;
  try {
    return Hours.of(expression, closures).state(at);
  } catch {
    return null;
  }
}

/** In person, and by phone (an h24 line: 24/7; else phone hours, else the in-person hours). */
export function sportelloNow(s: { openingHours: string | null; phoneHours: string | null; h24: boolean; closures: readonly Closure[] }, at: Date) {
  return {
    at,
    inPerson: stateOf(s.openingHours, s.closures, at),
    phone: s.h24 ? stateOf('24/7', [], at) : stateOf(s.phoneHours ?? s.openingHours, s.closures, at),
  };
}

const NO_LOCATION: SecretLocation = { address: null, lat: null, lon: null };

/**
 * The location of a row as stored: plain columns, or for a secret
 * sportello the sealed blob opened (the repository only ever returns a
 * secret row to its own staff; anything else gets no location at all).
 */
export async function locationOf(ctx: AppContext, tx: Tx, v: Viewer, row: SportelloRow): Promise<SecretLocation> {
  if (row.visibility !== 'secret') return { address: row.address, lat: row.lat, lon: row.lon };
  if (row.organisationId !== v.own || !row.secretLocation) return NO_LOCATION;
  return openLocation(ctx.crypto, tx, row.id, row.secretLocation);
}

export function presentSportello(v: Viewer, row: SportelloRow, location: SecretLocation, at: Date): SportelloOut {
  return {
    id: row.id,
    externalId: row.externalId,
    organisation: { id: row.organisationId, name: row.organisationName, type: row.organisationType as OrganisationType },
    name: row.name,
    visibility: row.visibility,
    address: location.address,
    comune: { istatCode: row.comuneCode, name: row.comuneName, provinceSigla: row.provinceSigla },
    lat: location.lat,
    lon: location.lon,
    phones: row.phones,
    email: row.email,
    transferPhone: seesTransferPhone(v, row.organisationId) ? row.transferPhone : null,
    openingHours: row.openingHours,
    phoneHours: row.phoneHours,
    h24: row.h24,
    closures: row.closures,
    languages: row.languages,
    services: row.services,
    accessibility: row.accessibility,
    notes: row.notes,
    version: row.version,
    updatedAt: row.updatedAt,
    now: sportelloNow(row, at),
  };
}

/**
 * Presents sportelli. Each secret one shown to its own staff has its
 * location decrypted and leaves a `directory.sportello_read_secret`
 * audit row in the caller's transaction.
 */
export async function presentSportelli(ctx: AppContext, tx: Tx, v: Viewer, rows: SportelloRow[], at: Date, requestId: string): Promise<SportelloOut[]> {
  const out: SportelloOut[] = [];
  for (const row of rows) {
    const location = await locationOf(ctx, tx, v, row);
    if (row.visibility === 'secret' && row.organisationId === v.own) {
      await writeAudit(tx, actedBy(v.scope, requestId, 'directory.sportello_read_secret', { type: 'sportello', id: row.id }));
    }
    out.push(presentSportello(v, row, location, at));
  }
  return out;
}

/** A history field as shown: redacted values are stored as null → null, which no real change can be. */
export function presentField(f: { field: string; from: unknown; to: unknown }) {
  const redacted = f.from === null && f.to === null;
  return { field: f.field, from: f.from, to: f.to, redacted };
}
