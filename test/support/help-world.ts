import { insertNetwork, insertOrganisation, setOrganisationNetworks } from '../../src/server/modules/organisations/index.js';
import type { TestApp } from './app.js';
import { COMUNI, createSportello, setTerritory } from './directory.js';
import { createWorld } from './world.js';

/** More real comuni for the public help tests (ISTAT 2026). */
export const HELP_COMUNI = { ...COMUNI, modugno: '072027', trieste: '032006', muggia: '032003' } as const;

/**
 * Strings that must never reach a public answer, a public page or a log:
 * reserved and secret sportelli (names, addresses, phones) and every
 * transfer number, in the forms a page could show them (as written and as a
 * tel: link).
 */
export const CANARIES = [
  'Sportello Riservato Zeta',
  'Via Riservata 99',
  '080 555 0099',
  '0805550099',
  'Casa Segreta Omega',
  'Vicolo Segreto 13',
  '080 555 0013',
  '0805550013',
  '41.1333',
  '16.8555',
  'Riservato Milano Kappa',
  'Via Nascosta 7',
  '02 555 0007',
  '025550007',
  'Riservato Trieste Sigma',
  '040 555 0040',
  // transfer numbers
  '080 777 0001',
  '0807770001',
  '080 777 0002',
  '0807770002',
  '080 777 0003',
  '0807770003',
  '02 777 0004',
  '027770004',
  '040 777 0005',
  '0407770005',
] as const;

/**
 * The public-help world, on top of the usual test world:
 * - network A (createWorld's) covers Bari and Modugno; its referent is a
 *   Bari-like public CAV open Mo,We,Fr 09:00-13:00 (phone Mo-Fr 09:00-18:00),
 *   plus a public sportello in Modugno, a reserved one in Bari and a secret
 *   shelter;
 * - network M covers Milano with a reserved referent and one public sportello;
 * - network T covers Trieste with only a reserved referent (so Muggia, outside
 *   every network, has a nearest network with nothing public).
 */
export async function createHelpWorld(t: TestApp) {
  const w = await createWorld(t);
  const referent = await createSportello(t, w.orgs.cavA, {
    name: 'CAV Bari Centro',
    comuneCode: HELP_COMUNI.bari,
    address: 'Via Fittizia 1',
    lat: 41.1177,
    lon: 16.8719,
    phones: ['080 000 1111'],
    email: 'cav.bari@example.org',
    transferPhone: '080 777 0001',
    openingHours: 'Mo,We,Fr 09:00-13:00',
    phoneHours: 'Mo-Fr 09:00-18:00',
    languages: ['it', 'en', 'ar'],
    services: ['ascolto', 'consulenza_legale'],
    accessibility: ['step_free'],
  });
  await createSportello(t, w.orgs.cavA, {
    name: 'Sportello Modugno',
    comuneCode: HELP_COMUNI.modugno,
    address: 'Piazza Prova 2',
    lat: 41.0838,
    lon: 16.7849,
    phones: ['080 000 2222'],
    transferPhone: '080 777 0002',
    openingHours: 'Tu,Th 15:00-18:00',
  });
  await createSportello(t, w.orgs.cavA, {
    name: 'Sportello Riservato Zeta',
    visibility: 'reserved',
    comuneCode: HELP_COMUNI.bari,
    address: 'Via Riservata 99',
    lat: 41.1201,
    lon: 16.8702,
    phones: ['080 555 0099'],
    transferPhone: '080 777 0003',
    openingHours: 'Mo-Su 00:00-24:00',
  });
  await createSportello(t, w.orgs.shelter, {
    name: 'Casa Segreta Omega',
    visibility: 'secret',
    comuneCode: HELP_COMUNI.bari,
    address: 'Vicolo Segreto 13',
    lat: 41.1333,
    lon: 16.8555,
    phones: ['080 555 0013'],
    h24: true,
  });
  await setTerritory(t, w.network, [HELP_COMUNI.bari, HELP_COMUNI.modugno], referent);

  const capofilaM = await insertOrganisation(t.db, { name: 'Comune di Prova Milano', type: 'ente_capofila' });
  const networkM = await insertNetwork(t.db, { name: 'Rete Milanese di Prova', capofilaOrganisationId: capofilaM });
  await setOrganisationNetworks(t.db, w.orgs.cavB, [networkM]);
  const reservedM = await createSportello(t, w.orgs.cavB, {
    name: 'Riservato Milano Kappa',
    visibility: 'reserved',
    comuneCode: HELP_COMUNI.milano,
    address: 'Via Nascosta 7',
    phones: ['02 555 0007'],
    transferPhone: '02 777 0004',
    openingHours: 'Mo-Fr 09:00-17:00',
  });
  await createSportello(t, w.orgs.cavB, {
    name: 'Sportello Milano Pubblico',
    comuneCode: HELP_COMUNI.milano,
    address: 'Corso Aperto 3',
    phones: ['02 000 3333'],
    openingHours: 'Mo-Fr 09:00-17:00',
  });
  await setTerritory(t, networkM, [HELP_COMUNI.milano], reservedM);

  const capofilaT = await insertOrganisation(t.db, { name: 'Comune di Prova Trieste', type: 'ente_capofila' });
  const cavT = await insertOrganisation(t.db, { name: 'CAV Prova Trieste', type: 'cav' });
  const networkT = await insertNetwork(t.db, { name: 'Rete Giuliana Nascosta', capofilaOrganisationId: capofilaT });
  await setOrganisationNetworks(t.db, cavT, [networkT]);
  const reservedT = await createSportello(t, cavT, {
    name: 'Riservato Trieste Sigma',
    visibility: 'reserved',
    comuneCode: HELP_COMUNI.trieste,
    phones: ['040 555 0040'],
    transferPhone: '040 777 0005',
    openingHours: 'Mo-Fr 09:00-17:00',
  });
  await setTerritory(t, networkT, [HELP_COMUNI.trieste], reservedT);
  return { ...w, networkM, networkT };
}
export type HelpWorld = Awaited<ReturnType<typeof createHelpWorld>>;

/** A fresh client address per request, so that only the rate-limit tests meet the limit. */
let address = 0;
export const nextAddress = () => `10.77.${Math.floor(++address / 250) % 250}.${(address % 250) + 1}`;
