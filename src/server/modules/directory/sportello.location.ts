import type { CryptoService } from '../../platform/crypto.js';
import type { DbOrTx } from '../../platform/db.js';

/** Where a secret sportello is: stored only encrypted with its organisation's data key. */
export interface SecretLocation {
  address: string | null;
  lat: number | null;
  lon: number | null;
}

const context = (sportelloId: string) => `sportello:${sportelloId}:location`;

export function sealLocation(crypto: CryptoService, db: DbOrTx, organisationId: string, sportelloId: string, location: SecretLocation) {
  return crypto.encrypt(db, organisationId, JSON.stringify(location), context(sportelloId));
}

export async function openLocation(crypto: CryptoService, db: DbOrTx, sportelloId: string, sealed: string): Promise<SecretLocation> {
  return JSON.parse(await crypto.decrypt(db, sealed, context(sportelloId))) as SecretLocation;
}
