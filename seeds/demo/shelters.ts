import { eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../src/server/context.js';
import { networkMembers, organisations } from '../../src/server/modules/organisations/index.js';
import {
  placementProposals,
  placementRequests,
  shelterAuthorisations,
  shelterPlaces,
  shelterStays,
  shelterStructures,
  shelterUnits,
} from '../../src/server/modules/shelters/index.js';
import { shelterStructureNetworks } from '../../src/server/modules/shelters/shelters.tables.js';
import { areaOfComune } from '../../src/server/modules/shelters/shelters.geo.js';
import { sealAddress } from '../../src/server/modules/shelters/structures.address.js';
import { requestCode } from '../../src/server/modules/shelters/requests.common.js';
import type { Tx } from '../../src/server/platform/db.js';
import { romeToday } from '../../src/server/platform/rome.js';
import type { ChildSex, PlacementDeclineReason, StayExitReason, StructureLevel } from '../../src/shared/shelters.js';
import { addDays, between, oneOf, prng } from './random.js';

/**
 * DEMO DATA — fictitious housing structures (docs/shelters.md) of the three
 * demo housing organisations, one at least of every level in the demo
 * network (Pianura: Casa rifugio Il Faro runs five), their units and
 * places about 85 % full, stays agreed with the social services of the
 * networks, one emergency admission of yesterday awaiting the social
 * service's authorisation, placement requests of the demo CAV in every
 * state, and one of Il Faro itself holding a flat of its second-level
 * apartments (a guest may move on into it). Addresses are sealed like any structure's and say "(indirizzo di
 * prova)"; households are sizes and ages, never people. Written in the demo
 * load's transaction, relative to the day it runs.
 */

type Housing = 'faro' | 'soglia' | 'ponte';

interface DemoStructure {
  org: Housing;
  name: string;
  level: StructureLevel;
  comune: string;
  units: number[];
  feeCents: number;
  contributionCents?: number;
  rules: { acceptsChildren: boolean; maxChildren?: number; boysMaxAge?: number; petsAllowed?: boolean; wheelchair?: boolean; staffed24h?: boolean; languages: string[]; protection: 'alta' | 'media' | 'ordinaria' };
}

export const DEMO_STRUCTURES: readonly DemoStructure[] = [
  { org: 'faro', name: 'Casa Il Faro (DEMO)', level: 'casa_rifugio', comune: '016133', units: [3, 3, 2, 4], feeCents: 7500, rules: { acceptsChildren: true, maxChildren: 3, boysMaxAge: 14, staffed24h: true, languages: ['it', 'en', 'fr'], protection: 'alta' } },
  { org: 'faro', name: 'Il Faro — accoglienza in emergenza (DEMO)', level: 'pronto_intervento', comune: '016219', units: [2, 2], feeCents: 9000, rules: { acceptsChildren: true, maxChildren: 2, boysMaxAge: 12, staffed24h: true, wheelchair: true, languages: ['it', 'en'], protection: 'alta' } },
  { org: 'faro', name: 'Comunità Il Faro (DEMO)', level: 'comunita', comune: '016133', units: [4, 4], feeCents: 6500, rules: { acceptsChildren: true, maxChildren: 3, languages: ['it', 'fr'], protection: 'media' } },
  { org: 'faro', name: 'Appartamenti Il Faro (DEMO)', level: 'seconda_accoglienza', comune: '016219', units: [3, 3], feeCents: 3500, contributionCents: 10000, rules: { acceptsChildren: true, maxChildren: 2, petsAllowed: true, languages: ['it'], protection: 'ordinaria' } },
  { org: 'faro', name: 'B&B convenzionato Pianura (DEMO)', level: 'non_dedicata', comune: '016219', units: [2], feeCents: 6000, rules: { acceptsChildren: true, maxChildren: 1, languages: ['it', 'en'], protection: 'ordinaria' } },
  { org: 'soglia', name: 'La Soglia (DEMO)', level: 'pronto_intervento', comune: '016024', units: [3, 3], feeCents: 9000, rules: { acceptsChildren: true, maxChildren: 2, staffed24h: true, wheelchair: true, languages: ['it', 'en', 'ar'], protection: 'alta' } },
  { org: 'soglia', name: 'Comunità La Soglia (DEMO)', level: 'comunita', comune: '016024', units: [4, 3, 3], feeCents: 6500, rules: { acceptsChildren: true, maxChildren: 3, boysMaxAge: 16, languages: ['it', 'ro'], protection: 'media' } },
  { org: 'ponte', name: 'Appartamenti Il Ponte (DEMO)', level: 'seconda_accoglienza', comune: '016198', units: [3, 3, 3, 3], feeCents: 3500, contributionCents: 15000, rules: { acceptsChildren: true, maxChildren: 3, petsAllowed: true, languages: ['it', 'uk'], protection: 'ordinaria' } },
];

/** Units left free, held, out of service (structure index, unit index); every other unit is occupied by one household. */
const FREE_UNITS = [[5, 1]] as const;
const OUT_OF_SERVICE = [[6, 2]] as const;
const HELD_UNIT = [1, 1] as const;
/** A flat of Il Faro's second-level apartments held for Il Faro's own request: a guest of its casa rifugio may move on into it. */
const MOVE_HELD_UNIT = [3, 1] as const;
const EMERGENCY_UNIT = [1, 0] as const;

/** The demo organisations this part uses, by externalId (seeds/demo/directory.bergamo.ts). */
const ORGS = {
  faro: 'demo-bg-rifugio-il-faro',
  soglia: 'demo-bg-pronto-intervento-la-soglia',
  ponte: 'demo-bg-autonomia-il-ponte',
  cav: 'demo-bg-cav-filo-rosso',
  /** The CAV of the networks La Soglia and Il Ponte serve (Orizzonti, Est). */
  cavOrizzonti: 'demo-bg-cav-voce-di-donna',
  /** The demo social worker's service (Pianura), and another of the same network that pays for some stays. */
  sociale: 'demo-bg-ss-treviglio',
  socialeRomano: 'demo-bg-ss-romano',
  /** The social services of Orizzonti. */
  socialeBergamo: 'demo-bg-ss-bergamo',
  socialeDalmine: 'demo-bg-ss-dalmine',
} as const;

const DAY = 86_400_000;

const household = (random: () => number, size: number): { age: number; sex: ChildSex }[] =>
  Array.from({ length: size - 1 }, () => ({ age: between(random, 0, 13), sex: oneOf(random, ['F', 'M'] as const) }));

/** Loads the demo structures, places, stays, requests and authorisations. */
export async function loadDemoShelters(ctx: AppContext, tx: Tx): Promise<void> {
  const found = new Map(
    (await tx.select({ externalId: organisations.externalId, id: organisations.id }).from(organisations).where(inArray(organisations.externalId, Object.values(ORGS)))).map((r) => [r.externalId, r.id]),
  );
  const id = (k: keyof typeof ORGS) => {
    const value = found.get(ORGS[k]);
    if (!value) throw new Error(`demo organisation ${ORGS[k]} missing`);
    return value;
  };
  const orgs = { faro: id('faro'), soglia: id('soglia'), ponte: id('ponte'), cav: id('cav') };
  // Who asks for, agrees and pays a stay in each organisation's structures: a CAV and the social services of its networks.
  const sides: Record<Housing, { cav: string; socialServices: [string, string] }> = {
    faro: { cav: id('cav'), socialServices: [id('sociale'), id('socialeRomano')] },
    soglia: { cav: id('cavOrizzonti'), socialServices: [id('socialeBergamo'), id('socialeDalmine')] },
    ponte: { cav: id('cavOrizzonti'), socialServices: [id('socialeBergamo'), id('socialeDalmine')] },
  };
  const random = prng(13);
  const today = romeToday();
  const now = Date.now();
  const orgId = (k: Housing) => orgs[k];
  const memberNetworks = async (organisationId: string) =>
    (await tx.select({ id: networkMembers.networkId }).from(networkMembers).where(eq(networkMembers.organisationId, organisationId))).map((r) => r.id);
  const [socialService] = sides.faro.socialServices;

  const unitsOf: { org: Housing; structureId: string; unitId: string; beds: string[]; level: StructureLevel; fee: number; contribution: number | null }[][] = [];
  for (const [i, s] of DEMO_STRUCTURES.entries()) {
    const area = await areaOfComune(tx, s.comune);
    if (!area) throw new Error(`demo structure ${i}: unknown comune`);
    const [structure] = await tx
      .insert(shelterStructures)
      .values({
        organisationId: orgId(s.org),
        name: s.name,
        level: s.level,
        addressSealed: 'pending',
        provinceCode: area.provinceCode,
        areaLat: area.lat,
        areaLon: area.lon,
        acceptsChildren: s.rules.acceptsChildren,
        maxChildren: s.rules.maxChildren ?? null,
        boysMaxAge: s.rules.boysMaxAge ?? null,
        petsAllowed: s.rules.petsAllowed ?? false,
        wheelchairAccessible: s.rules.wheelchair ?? false,
        languages: s.rules.languages,
        staffed24h: s.rules.staffed24h ?? false,
        protectionLevel: s.rules.protection,
        dailyFeeCents: s.feeCents,
        contributionCents: s.contributionCents ?? null,
      })
      .returning({ id: shelterStructures.id });
    const id = structure!.id;
    const address = { street: `Via della Prova ${10 + i} (indirizzo di prova)`, comuneIstat: s.comune, postcode: '24000' };
    await tx.update(shelterStructures).set({ addressSealed: await sealAddress(ctx.crypto, tx, orgId(s.org), id, address) }).where(eq(shelterStructures.id, id));
    const networkIds = await memberNetworks(orgId(s.org));
    if (networkIds.length) await tx.insert(shelterStructureNetworks).values(networkIds.map((networkId) => ({ structureId: id, networkId })));

    const units = [];
    for (const [u, beds] of s.units.entries()) {
      const [unit] = await tx
        .insert(shelterUnits)
        .values({ structureId: id, label: s.level === 'seconda_accoglienza' ? `Appartamento ${u + 1}` : `Stanza ${u + 1}`, wheelchairAccessible: (s.rules.wheelchair ?? false) && u === 0 })
        .returning({ id: shelterUnits.id });
      const places = await tx
        .insert(shelterPlaces)
        .values(Array.from({ length: beds }, (_, b) => ({ unitId: unit!.id, structureId: id, label: `Letto ${b + 1}` })))
        .returning({ id: shelterPlaces.id });
      units.push({ org: s.org, structureId: id, unitId: unit!.id, beds: places.map((p) => p.id), level: s.level, fee: s.feeCents, contribution: s.contributionCents ?? null });
    }
    unitsOf.push(units);
  }

  const is = (pair: readonly [number, number], i: number, u: number) => pair[0] === i && pair[1] === u;

  // Requests of the demo CAV, one at least in every state.
  const request = async (state: 'aperta' | 'in_attesa' | 'accettata' | 'ammessa' | 'chiusa', daysAgo: number, size: number, extra: Partial<typeof placementRequests.$inferInsert> = {}) => {
    const createdAt = new Date(now - daysAgo * DAY);
    const [row] = await tx
      .insert(placementRequests)
      .values({
        code: requestCode(createdAt),
        requestingOrganisationId: orgs.cav,
        socialServiceId: socialService,
        urgency: daysAgo < 2 ? 'emergenza' : oneOf(random, ['ordinaria', 'urgente'] as const),
        level: oneOf(random, ['casa_rifugio', 'pronto_intervento', null] as const),
        adults: 1,
        children: household(random, size),
        criteria: { rischio_recidiva: oneOf(random, ['medio', 'alto'] as const), pericolosita: oneOf(random, ['medio', 'alto'] as const), rete_supporto: 'basso' },
        minDistanceKm: 20,
        state,
        createdAt,
        updatedAt: createdAt,
        ...extra,
      })
      .returning({ id: placementRequests.id });
    return row!.id;
  };
  const proposal = async (requestId: string, structureId: string, state: 'in_attesa' | 'accettata' | 'rifiutata' | 'scaduta' | 'ritirata' | 'ammessa', hoursAgo: number, extra: Partial<typeof placementProposals.$inferInsert> = {}) => {
    const sentAt = new Date(now - hoursAgo * 3_600_000);
    const decided = state === 'in_attesa' ? {} : { decidedAt: new Date(sentAt.getTime() + 2 * 3_600_000) };
    const [row] = await tx.insert(placementProposals).values({ requestId, structureId, state, sentAt, ...decided, ...extra }).returning({ id: placementProposals.id });
    return row!.id;
  };

  const faroCasa = unitsOf[0]![0]!.structureId;
  const faroEmergency = unitsOf[1]![0]!.structureId;
  const soglia = unitsOf[5]![0]!.structureId;

  // aperta (an earlier proposal expired unanswered by her arrival), in_attesa, chiusa twice.
  const open = await request('aperta', 1, 2);
  await proposal(open, faroCasa, 'scaduta', 20, { holdExpiresAt: new Date(now - 18 * 3_600_000) });
  const waiting = await request('in_attesa', 0.2, 3);
  await proposal(waiting, faroCasa, 'in_attesa', 3);
  const withdrawn = await request('chiusa', 15, 1, { closedReason: 'ritirata', closedAt: new Date(now - 14 * DAY) });
  await proposal(withdrawn, soglia, 'ritirata', 15 * 24);
  const unmet = await request('chiusa', 40, 4, { closedReason: 'non_soddisfatta', closedAt: new Date(now - 37 * DAY) });
  for (const [k, reason] of (['no_capacity', 'not_appropriate', 'no_capacity'] as PlacementDeclineReason[]).entries()) {
    await proposal(unmet, oneOf(random, [faroCasa, soglia, faroEmergency]), 'rifiutata', (40 - k) * 24, { declineReason: reason });
  }

  // accettata: the emergency house holds a unit for her for the next hour and a half; the social service is asked to agree.
  const heldUnit = unitsOf[HELD_UNIT[0]]![HELD_UNIT[1]]!;
  const accepted = await request('accettata', 0.1, heldUnit.beds.length, { urgency: 'urgente', level: 'pronto_intervento' });
  const holdId = await proposal(accepted, heldUnit.structureId, 'accettata', 1, { holdExpiresAt: new Date(now + 80 * 60_000) });
  await tx.update(shelterPlaces).set({ state: 'trattenuto', proposalId: holdId }).where(inArray(shelterPlaces.id, heldUnit.beds));
  if (socialService) await tx.insert(shelterAuthorisations).values({ socialServiceId: socialService, requestId: accepted, requestedAt: new Date(now - 40 * 60_000) });
  // accettata, asked by the casa rifugio itself (a casa rifugio may request): its second-level flats hold a flat for one of its
  // guests to move on — the choice the stay's move form offers its head and operators (for the hold's 85 minutes).
  const moveUnit = unitsOf[MOVE_HELD_UNIT[0]]![MOVE_HELD_UNIT[1]]!;
  const moveOn = await request('accettata', 0.05, moveUnit.beds.length, { requestingOrganisationId: orgs.faro, urgency: 'ordinaria', level: 'seconda_accoglienza' });
  const moveHold = await proposal(moveOn, moveUnit.structureId, 'accettata', 0.5, { holdExpiresAt: new Date(now + 85 * 60_000) });
  await tx.update(shelterPlaces).set({ state: 'trattenuto', proposalId: moveHold }).where(inArray(shelterPlaces.id, moveUnit.beds));

  // Every other unit: one household each, admitted through a request, a proposal and the social service's agreement.
  const exits: StayExitReason[] = ['percorso_concluso', 'fine_periodo', 'abbandono', 'rientro_maltrattante', 'trasferimento', 'percorso_concluso'];
  const agreedStay = async (unit: (typeof unitsOf)[number][number], admittedOn: string, children: { age: number; sex: ChildSex }[], exit?: { exitedOn: string; reason: StayExitReason }) => {
    const side = sides[unit.org];
    const social = side.socialServices[0];
    const payer = random() < 0.8 ? social : side.socialServices[1];
    const daysAgo = (Date.parse(today) - Date.parse(admittedOn)) / DAY + 2;
    const requestId = await request('ammessa', daysAgo, children.length + 1, { requestingOrganisationId: side.cav, socialServiceId: social, children, level: unit.level });
    const proposalId = await proposal(requestId, unit.structureId, 'ammessa', daysAgo * 24);
    const requestedAt = new Date(now - (daysAgo - 0.5) * DAY);
    await tx.insert(shelterAuthorisations).values({ socialServiceId: social, requestId, state: 'autorizzata', requestedAt, decidedAt: new Date(requestedAt.getTime() + 6 * 3_600_000), payerOrganisationId: payer });
    const [stay] = await tx
      .insert(shelterStays)
      .values({
        structureId: unit.structureId,
        unitId: unit.unitId,
        requestId,
        proposalId,
        path: 'accordo',
        state: exit ? 'conclusa' : 'in_corso',
        adults: 1,
        children,
        admittedOn,
        ...(exit ? { exitedOn: exit.exitedOn, exitReason: exit.reason } : {}),
        socialServiceId: social,
        payerOrganisationId: payer,
        dailyFeeCents: unit.fee,
        contributionCents: unit.contribution,
      })
      .returning({ id: shelterStays.id });
    return stay!.id;
  };
  for (const [i, units] of unitsOf.entries()) {
    for (const [u, unit] of units.entries()) {
      if (FREE_UNITS.some((p) => is(p, i, u)) || is(HELD_UNIT, i, u) || is(MOVE_HELD_UNIT, i, u)) continue;
      if (OUT_OF_SERVICE.some((p) => is(p, i, u))) {
        await tx.update(shelterPlaces).set({ state: 'fuori_servizio' }).where(inArray(shelterPlaces.id, unit.beds));
        continue;
      }
      const emergency = is(EMERGENCY_UNIT, i, u);
      const admittedOn = emergency ? addDays(today, -1) : addDays(today, -between(random, 5, 160));
      const size = emergency || random() < 0.85 ? unit.beds.length : Math.max(1, unit.beds.length - 1);
      // One in three units had a household before this one: that stay ended, with its reason.
      if (!emergency && random() < 0.35) {
        const exitedOn = addDays(admittedOn, -between(random, 1, 20));
        await agreedStay(unit, addDays(exitedOn, -between(random, 30, 200)), household(random, between(random, 1, unit.beds.length)), { exitedOn, reason: oneOf(random, exits) });
      }
      let stayId: string;
      if (emergency) {
        // Brought at night by the police: admitted at once, the social service asked to authorise within 72 hours.
        const social = sides[unit.org].socialServices[0];
        const [stay] = await tx
          .insert(shelterStays)
          .values({ structureId: unit.structureId, unitId: unit.unitId, path: 'emergenza', state: 'in_autorizzazione', adults: 1, children: household(random, size), admittedOn, socialServiceId: social, dailyFeeCents: unit.fee, contributionCents: unit.contribution })
          .returning({ id: shelterStays.id });
        stayId = stay!.id;
        const requestedAt = new Date(now - 20 * 3_600_000);
        await tx.insert(shelterAuthorisations).values({ socialServiceId: social, stayId, requestedAt, dueAt: new Date(requestedAt.getTime() + 72 * 3_600_000) });
      } else {
        stayId = await agreedStay(unit, admittedOn, household(random, size));
      }
      await tx.update(shelterPlaces).set({ state: 'occupato', stayId }).where(inArray(shelterPlaces.id, unit.beds.slice(0, size)));
    }
  }
}
