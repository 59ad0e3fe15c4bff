import type { StructureAddress } from '../../../shared/shelters.structures.api.js';
import type { CryptoService } from '../../platform/crypto.js';
import type { DbOrTx } from '../../platform/db.js';

/**
 * A structure's address (docs/shelters.md rule 1): it exists only sealed
 * with the owning organisation's key, bound to the structure's id, so a
 * sealed value copied onto another structure (or another organisation's)
 * does not open. Opened only by structures.service.ts, for that
 * organisation's own staff.
 */
const context = (structureId: string) => `shelter.address:${structureId}`;

export function sealAddress(crypto: CryptoService, db: DbOrTx, organisationId: string, structureId: string, address: StructureAddress): Promise<string> {
  // Only the known keys, in a fixed order: nothing else the body carried is kept.
  const { street, comuneIstat, postcode, notes } = address;
  return crypto.encrypt(db, organisationId, JSON.stringify({ street, comuneIstat, postcode, ...(notes ? { notes } : {}) }), context(structureId));
}

export async function openAddress(crypto: CryptoService, db: DbOrTx, structureId: string, sealed: string): Promise<StructureAddress> {
  return JSON.parse(await crypto.decrypt(db, sealed, context(structureId))) as StructureAddress;
}
