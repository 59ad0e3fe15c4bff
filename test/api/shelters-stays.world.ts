import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { MembershipRole, OrganisationType } from '../../src/shared/domain.js';
import type { StructureLevel } from '../../src/shared/shelters.js';
import { insertOrganisation, setOrganisationNetworks } from '../../src/server/modules/organisations/index.js';
import { placementProposals, placementRequests, shelterPlaces, shelterStructures, shelterUnits } from '../../src/server/modules/shelters/index.js';
import { shelterStructureNetworks } from '../../src/server/modules/shelters/shelters.tables.js';
import { requestCode } from '../../src/server/modules/shelters/requests.common.js';
import type { TestApp } from '../support/app.js';
import { type Agent, createUser, createWorld, login } from '../support/world.js';

/**
 * The stays' test world (written directly, not through the structures'
 * routes, so that these tests stand alone): the network of createWorld,
 * the competent social service and another one (both in the network), the
 * casa rifugio and a second housing organisation, each with a structure of
 * one unit of `places` beds serving the network, and the agents who act.
 */
export async function createStaysWorld(t: TestApp, places = 4) {
  const w = await createWorld(t);
  const org = async (type: OrganisationType, networks: string[] = [w.network]) => {
    const id = await insertOrganisation(t.db, { name: `${type}-${randomBytes(4).toString('hex')}`, type });
    if (networks.length) await setOrganisationNetworks(t.db, id, networks);
    return id;
  };
  const social = await org('servizio_sociale');
  const otherSocial = await org('servizio_sociale');
  const shelter2 = await org('ente_casa');
  const member = (organisationId: string, role: MembershipRole) => ({ memberships: [{ organisationId, role }] });
  const users = {
    shelterOp: await createUser(t, member(w.orgs.shelter, 'operator')),
    shelter2Op: await createUser(t, member(shelter2, 'operator')),
    socialWorker: await createUser(t, member(social, 'social_worker')),
    otherSocialWorker: await createUser(t, member(otherSocial, 'social_worker')),
  };
  const structure = await insertStructure(t, w.orgs.shelter, [w.network], places, 'casa_rifugio', 8500);
  const structure2 = await insertStructure(t, shelter2, [w.network], places, 'seconda_accoglienza', 3000, 15000);
  return { w, orgs: { ...w.orgs, social, otherSocial, shelter2 }, users: { ...w.users, ...users }, structure, structure2 };
}
export type StaysWorld = Awaited<ReturnType<typeof createStaysWorld>>;

/** A structure with one unit of `places` free beds. */
export async function insertStructure(t: TestApp, organisationId: string, networks: string[], places: number, level: StructureLevel, fee: number, contribution: number | null = null) {
  const id = randomUUID();
  const unitId = randomUUID();
  await t.db.insert(shelterStructures).values({
    id,
    organisationId,
    name: `Casa ${randomBytes(3).toString('hex')}`,
    level,
    addressSealed: 'not-opened-by-these-tests',
    provinceCode: 'BG',
    areaLat: 45.7,
    areaLon: 9.7,
    protectionLevel: 'alta',
    dailyFeeCents: fee,
    contributionCents: contribution,
  });
  for (const networkId of networks) await t.db.insert(shelterStructureNetworks).values({ structureId: id, networkId });
  await t.db.insert(shelterUnits).values({ id: unitId, structureId: id, label: 'A' });
  await t.db.insert(shelterPlaces).values(Array.from({ length: places }, (_, i) => ({ unitId, structureId: id, label: `P${i + 1}` })));
  return { id, unitId };
}

/** A request of `requester` accepted by the structure, holding `n` places: answers the request and the proposal. */
export async function heldRequest(t: TestApp, requester: string, structure: { id: string; unitId: string }, n = 1, socialServiceId: string | null = null) {
  const requestId = randomUUID();
  const proposalId = randomUUID();
  await t.db.insert(placementRequests).values({ id: requestId, code: requestCode(), requestingOrganisationId: requester, urgency: 'urgente', state: 'accettata', socialServiceId, adults: 1 });
  await t.db.insert(placementProposals).values({ id: proposalId, requestId, structureId: structure.id, state: 'accettata', holdExpiresAt: new Date(Date.now() + 3_600_000) });
  const free = await t.db.select({ id: shelterPlaces.id }).from(shelterPlaces).where(eq(shelterPlaces.unitId, structure.unitId));
  let held = 0;
  for (const p of free) {
    if (held === n) break;
    const [row] = await t.db.update(shelterPlaces).set({ state: 'trattenuto', proposalId }).where(and(eq(shelterPlaces.id, p.id), eq(shelterPlaces.state, 'libero'))).returning({ state: shelterPlaces.state });
    if (row) held++;
  }
  return { requestId, proposalId };
}

/** The places of a unit by state. */
export async function placeStates(t: TestApp, unitId: string): Promise<Record<string, number>> {
  const rows = await t.db.select({ state: shelterPlaces.state }).from(shelterPlaces).where(eq(shelterPlaces.unitId, unitId));
  const out: Record<string, number> = {};
  for (const r of rows) out[r.state] = (out[r.state] ?? 0) + 1;
  return out;
}

export async function agents(t: TestApp, s: StaysWorld) {
  const [shelter, shelter2, social, otherSocial, cav, coordinator, cavB] = await Promise.all([
    login(t, s.users.shelterOp),
    login(t, s.users.shelter2Op),
    login(t, s.users.socialWorker),
    login(t, s.users.otherSocialWorker),
    login(t, s.users.operatorA),
    login(t, s.users.coordinator),
    login(t, s.users.operatorB),
  ]);
  return { shelter, shelter2, social, otherSocial, cav, coordinator, cavB } satisfies Record<string, Agent>;
}
