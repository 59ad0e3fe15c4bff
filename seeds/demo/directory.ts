import { bariNetworks, bariOrganisations, bariSportelli } from './directory.bari.js';
import { bergamoNetworks, bergamoOrganisations, bergamoSportelli } from './directory.bergamo.js';
import { CREMONA_ORGANISATIONS, cremonaNetworks, cremonaOrganisations, cremonaSportelli } from './directory.cremona.js';
import type { DirectoryInput, OrganisationInput } from './directory.kit.js';

/**
 * The demo directory: an import file of format `trama-directory/1`, loaded
 * through the same import as any network's file (`JSON.stringify` of
 * `buildDemoDirectory()` is a file `npm run trama -- directory:import`
 * accepts).
 *
 * - A Bergamo-like province (directory.bergamo.ts): five networks covering
 *   every comune of the province of Bergamo, two CAV shared between them,
 *   shelters with secret addresses, the services of a real network.
 * - A Bari-like network (directory.bari.ts): the CAV 1522 transfers to on
 *   Monday, Wednesday and Friday 9-13, closed on San Nicola.
 * - A Cremona-like network (directory.cremona.ts): the Comune di Cremona
 *   leading the province's three CAV, a shelter, the social service and
 *   the CPI — the network of the demo's autonomy programme (issue 14).
 * - Two organisations in no network: the 1522 helpline and the regional
 *   observatory (their accounts see no network's data).
 *
 * Everything is fictitious: organisation names end in "(DEMO)", addresses
 * say "(indirizzo di prova)", phone numbers have "000" after the area code
 * (never assigned in Italy) and mail addresses are under example.org.
 * Comuni and their ISTAT codes are real (reference/comuni.csv).
 */

/** externalId prefix of everything the demo directory holds. */
export const DEMO_EXTERNAL_PREFIX = 'demo-';

const outsideNetworks: OrganisationInput[] = [
  { externalId: 'demo-it-servizio-1522', name: 'Servizio 1522 (DEMO)', type: 'helpline', languages: ['it', 'en', 'fr', 'es', 'ar', 'ro', 'uk', 'sq', 'zh'] },
  { externalId: 'demo-lo-osservatorio', name: 'Osservatorio regionale (DEMO)', type: 'osservatorio' },
];

export function buildDemoDirectory(): DirectoryInput {
  return {
    format: 'trama-directory/1',
    networks: [...bergamoNetworks(), ...bariNetworks(), ...cremonaNetworks()],
    organisations: [...bergamoOrganisations(), ...bariOrganisations(), ...cremonaOrganisations(), ...outsideNetworks],
    sportelli: [...bergamoSportelli(), ...bariSportelli(), ...cremonaSportelli()],
  };
}

/** externalIds of the organisations the demo accounts belong to. */
export const DEMO_ORGANISATIONS = {
  capofila: 'demo-bg-comune-treviglio',
  cav: 'demo-bg-cav-filo-rosso',
  rifugio: 'demo-bg-rifugio-il-faro',
  sociale: 'demo-bg-ss-treviglio',
  helpline: 'demo-it-servizio-1522',
  osservatorio: 'demo-lo-osservatorio',
  capofilaCremona: CREMONA_ORGANISATIONS.capofila,
  cavCremona: CREMONA_ORGANISATIONS.cavCremona,
  cavCrema: CREMONA_ORGANISATIONS.cavCrema,
  cavCasalmaggiore: CREMONA_ORGANISATIONS.cavCasalmaggiore,
} as const;
