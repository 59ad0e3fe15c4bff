import { eq } from 'drizzle-orm';
import { networks } from '../../src/server/modules/organisations/index.js';
import { networkComuni, sportelli } from '../../src/server/modules/directory/index.js';
import { type SportelloFields } from '../../src/shared/directory.api.js';
import { checkedSportelloFields as sportelloFields } from '../../src/server/modules/directory/directory.schemas.js';
import { sealLocation } from '../../src/server/modules/directory/sportello.location.js';
import type { TestApp } from './app.js';

/** Real comuni used by the tests (ISTAT 2026). */
export const COMUNI = {
  bergamo: '016024',
  seriate: '016198',
  treviglio: '016219',
  bari: '072006',
  milano: '015146',
  /** Far from every test network. */
  palermo: '082053',
} as const;

/**
 * Inserts a sportello as the system would (fields validated by the same
 * schema as the API; a secret one's location sealed), bypassing the
 * service: for building test worlds only.
 */
export async function createSportello(
  t: TestApp,
  organisationId: string,
  fields: Partial<SportelloFields> & { name: string; comuneCode: string },
): Promise<string> {
  const f = sportelloFields.parse(fields);
  const secret = f.visibility === 'secret';
  const id = crypto.randomUUID();
  const secretLocation = secret ? await sealLocation(t.ctx.crypto, t.db, organisationId, id, { address: f.address, lat: f.lat, lon: f.lon }) : null;
  await t.db.insert(sportelli).values({
    ...f,
    id,
    organisationId,
    address: secret ? null : f.address,
    lat: secret ? null : f.lat,
    lon: secret ? null : f.lon,
    secretLocation,
  });
  return id;
}

/** Gives a network its comuni and 1522 referent (optionally a different referent for some comuni). */
export async function setTerritory(t: TestApp, networkId: string, comuni: string[], referentId: string | null, overrides: Record<string, string> = {}) {
  await t.db.update(networks).set({ referentSportelloId: referentId }).where(eq(networks.id, networkId));
  if (comuni.length) {
    await t.db.insert(networkComuni).values(comuni.map((istatCode) => ({ networkId, istatCode, referentSportelloId: overrides[istatCode] ?? null })));
  }
}
