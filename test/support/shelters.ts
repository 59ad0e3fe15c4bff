import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { MembershipRole, OrganisationType } from '../../src/shared/domain.js';
import type { StructureCreate } from '../../src/shared/shelters.structures.api.js';
import { placementProposals, placementRequests, shelterPlaces } from '../../src/server/modules/shelters/index.js';
import { insertOrganisation, setOrganisationNetworks } from '../../src/server/modules/organisations/index.js';
import { requestCode } from '../../src/server/modules/shelters/requests.common.js';
import type { TestApp } from './app.js';
import { COMUNI } from './directory.js';
import { createUser, createWorld } from './world.js';

/**
 * A shelters world (issue 13): the test network of createWorld (capofila,
 * CAV A in it, CAV B outside, the casa rifugio in it) plus the casa
 * rifugio's head and operator, and a second housing organisation in the
 * network (another casa rifugio, its head and operator): the foreign
 * organisation whose structures must stay out of reach.
 */
export async function createShelterWorld(t: TestApp) {
  const w = await createWorld(t);
  const org = async (type: OrganisationType, networks: string[]) => {
    const id = await insertOrganisation(t.db, { name: `${type}-${randomBytes(4).toString('hex')}`, type });
    if (networks.length) await setOrganisationNetworks(t.db, id, networks);
    return id;
  };
  const shelter2 = await org('casa_rifugio', [w.network]);
  const member = (organisationId: string, role: MembershipRole) => ({ memberships: [{ organisationId, role }] });
  return {
    ...w,
    orgs: { ...w.orgs, shelter2 },
    users: {
      ...w.users,
      shelterHead: await createUser(t, member(w.orgs.shelter, 'organisation_head')),
      shelterOperator: await createUser(t, member(w.orgs.shelter, 'operator')),
      shelter2Head: await createUser(t, member(shelter2, 'organisation_head')),
      shelter2Operator: await createUser(t, member(shelter2, 'operator')),
    },
  };
}
export type ShelterWorld = Awaited<ReturnType<typeof createShelterWorld>>;

/** A valid structure body: a casa rifugio in Bergamo serving `networkIds`. */
export function structureBody(networkIds: string[], over: Partial<StructureCreate> = {}): StructureCreate {
  return {
    name: `Casa ${randomBytes(3).toString('hex')}`,
    level: 'casa_rifugio',
    acceptsChildren: true,
    maxChildren: 3,
    boysMaxAge: 14,
    petsAllowed: false,
    wheelchairAccessible: true,
    languages: ['it', 'en'],
    staffed24h: true,
    protectionLevel: 'alta',
    dailyFeeCents: 8500,
    contributionCents: null,
    address: { street: 'Via delle Rose 3', comuneIstat: COMUNI.bergamo, postcode: '24121' },
    networkIds,
    ...over,
  };
}

/**
 * Holds a place as an accepted proposal would (holds.service.ts does it
 * through the API): a request and an accepted proposal written directly,
 * the place `trattenuto` naming it. Returns the proposal's id.
 */
export async function holdPlace(t: TestApp, requestingOrganisationId: string, structureId: string, placeId: string): Promise<string> {
  const requestId = randomUUID();
  const proposalId = randomUUID();
  await t.db.insert(placementRequests).values({ id: requestId, code: requestCode(), requestingOrganisationId, urgency: 'urgente', state: 'accettata' });
  await t.db.insert(placementProposals).values({ id: proposalId, requestId, structureId, state: 'accettata', holdExpiresAt: new Date(Date.now() + 3_600_000) });
  await t.db.update(shelterPlaces).set({ state: 'trattenuto', proposalId }).where(eq(shelterPlaces.id, placeId));
  return proposalId;
}

/** Frees a place held by holdPlace. */
export async function releasePlace(t: TestApp, placeId: string): Promise<void> {
  await t.db.update(shelterPlaces).set({ state: 'libero', proposalId: null }).where(eq(shelterPlaces.id, placeId));
}
