import { comuniOfProvince } from './comuni.js';
import { type NetworkInput, type OrganisationInput, type SportelloInput, fakeEmail, fakePhone, fakeWebsite, near } from './directory.kit.js';

/**
 * The Bari-like network of the demo, modelled on the 2011 protocol between
 * the Dipartimento Pari Opportunità and the Provincia di Bari
 * (../shared/seeds): one network over the 41 comuni of the metropolitan
 * city; 1522 transfers calls to the local CAV on Monday, Wednesday and
 * Friday from 9 to 13 only, and the CAV closes on San Nicola (8 May). The
 * comuni of the south-east coast go to a second CAV in Mola di Bari. All
 * fictitious, names marked "(DEMO)", contacts unreachable.
 */

const SAN_NICOLA = { kind: 'annual', month: 5, day: 8, label: 'San Nicola, patrono di Bari' } as const;
export const BARI_NETWORK_ID = 'demo-ba-rete-terra-di-bari';

/** Mola di Bari and its neighbours: 1522 transfers them to the Mola CAV. */
const SOUTH_EAST = ['072028', '072030', '072035', '072019', '072037'];

export function bariNetworks(): NetworkInput[] {
  return [
    {
      externalId: BARI_NETWORK_ID,
      name: 'Rete antiviolenza Terra di Bari (DEMO)',
      capofila: 'demo-ba-citta-metropolitana',
      comuni: comuniOfProvince('072').map((c) => c.istatCode),
      referent: 'demo-ba-med-bari',
      referentOverrides: SOUTH_EAST.map((comune) => ({ comune, referent: 'demo-ba-se-mola' })),
    },
  ];
}

export function bariOrganisations(): OrganisationInput[] {
  const member = (key: string, name: string, type: OrganisationInput['type'], extra: Partial<OrganisationInput> = {}): OrganisationInput => ({
    externalId: `demo-ba-${key}`,
    name,
    type,
    networks: [BARI_NETWORK_ID],
    ...extra,
  });
  return [
    member('citta-metropolitana', 'Città metropolitana di Bari — ente capofila (DEMO)', 'ente_capofila', { email: fakeEmail('pariopportunita', 'cm-bari-demo'), website: fakeWebsite('cm-bari-demo') }),
    member('cav-mediterranea', 'CAV Mediterranea (DEMO)', 'cav', {
      legalName: 'Associazione Mediterranea Onlus (DEMO)',
      albo: { status: 'iscritta', date: '2023-11-20' },
      email: fakeEmail('accoglienza', 'mediterranea-demo'),
      phone: fakePhone('080', 1301),
      website: fakeWebsite('mediterranea-demo'),
      services: ['ascolto', 'accoglienza', 'valutazione_rischio', 'consulenza_legale', 'consulenza_psicologica', 'gruppi_auto_aiuto', 'orientamento_lavoro', 'accompagnamento'],
      languages: ['it', 'en', 'ar', 'sq'],
      accessibility: ['step_free'],
      lineLinkedEmergencyRoom: true,
      lineLinkedPolice: true,
      womenOnlyStaff: true,
    }),
    member('cav-sud-est', 'CAV Sud-Est Barese (DEMO)', 'cav', {
      albo: { status: 'iscritta', date: '2024-01-10' },
      email: fakeEmail('info', 'cav-sudest-demo'),
      phone: fakePhone('080', 1401),
      services: ['ascolto', 'accoglienza', 'consulenza_legale', 'consulenza_psicologica'],
      languages: ['it', 'en'],
      // Declares the police link only: the standards page (and the coordinator's home) flag the missing emergency-room link.
      lineLinkedPolice: true,
      womenOnlyStaff: true,
    }),
    member('rifugio-le-rondini', 'Casa rifugio Le Rondini (DEMO)', 'casa_rifugio', { albo: { status: 'iscritta', date: '2023-11-20' }, services: ['ospitalita_protetta', 'ospitalita_emergenza', 'supporto_minori'] }),
    member('ss-bari', 'Servizio sociale del Comune di Bari (DEMO)', 'servizio_sociale'),
    member('questura', 'Questura di Bari (DEMO)', 'forze_ordine'),
    member('ps-bari', 'Pronto soccorso di Bari (DEMO)', 'pronto_soccorso'),
    member('consultori', 'Consultori familiari ASL Bari (DEMO)', 'sanita'),
    member('cpi-bari', "Centro per l'impiego di Bari (DEMO)", 'cpi'),
    member('tribunale-minorenni', 'Tribunale per i minorenni di Bari (DEMO)', 'giustizia'),
  ];
}

function desk(key: string, org: string, name: string, comuneCode: string, slot: number, fields: Partial<SportelloInput>): SportelloInput {
  const pos = fields.visibility === 'secret' || fields.address === null ? {} : near(comuneCode, slot);
  return { externalId: `demo-ba-${key}`, organisation: `demo-ba-${org}`, name, comuneCode, ...pos, ...fields };
}

export function bariSportelli(): SportelloInput[] {
  return [
    desk('med-bari', 'cav-mediterranea', 'Sede di Bari', '072006', 0, {
      address: "Via dell'Esempio 308 (indirizzo di prova)",
      phones: [fakePhone('080', 1301)],
      email: fakeEmail('bari', 'mediterranea-demo'),
      transferPhone: fakePhone('080', 9301),
      // The hours of the 2011 protocol: 1522 transfers only then.
      openingHours: 'Mo,We,Fr 09:00-13:00',
      closures: [SAN_NICOLA],
      services: ['ascolto', 'accoglienza', 'valutazione_rischio', 'consulenza_legale', 'consulenza_psicologica', 'accompagnamento'],
      languages: ['it', 'en', 'ar', 'sq'],
      accessibility: ['step_free'],
      notes: 'Referente locale del 1522: trasferimento di chiamata lunedì, mercoledì e venerdì 9-13.',
    }),
    desk('med-bitonto', 'cav-mediterranea', 'Sportello di Bitonto', '072011', 1, { address: 'Piazza della Prova 2 (indirizzo di prova)', phones: [fakePhone('080', 1302)], openingHours: 'Tu 09:00-12:00', services: ['ascolto', 'accoglienza'] }),
    desk('med-altamura', 'cav-mediterranea', 'Sportello di Altamura', '072004', 2, { address: 'Via Fittizia 10 (indirizzo di prova)', phones: [fakePhone('080', 1303)], openingHours: 'Th 15:00-18:00', services: ['ascolto', 'accoglienza'] }),
    desk('med-ospedale', 'cav-mediterranea', 'Sportello in pronto soccorso — accesso per la rete', '072006', 3, {
      visibility: 'reserved',
      address: "Piazza dell'Esempio 5 (indirizzo di prova)",
      phones: [fakePhone('080', 1304)],
      openingHours: 'Mo-Fr 09:00-13:00',
      closures: [SAN_NICOLA],
      notes: 'Per il personale del pronto soccorso che accompagna una donna.',
    }),
    desk('se-mola', 'cav-sud-est', 'Sede di Mola di Bari', '072028', 0, {
      address: 'Via della Prova 11 (indirizzo di prova)',
      phones: [fakePhone('080', 1401)],
      transferPhone: fakePhone('080', 9401),
      openingHours: 'Mo,Tu,Th 09:00-13:00; We 15:00-18:00',
      phoneHours: 'Mo-Fr 09:00-18:00',
      services: ['ascolto', 'accoglienza', 'consulenza_legale', 'consulenza_psicologica'],
    }),
    desk('se-monopoli', 'cav-sud-est', 'Sportello di Monopoli', '072030', 1, { address: "Via dell'Esempio 4 (indirizzo di prova)", phones: [fakePhone('080', 1402)], openingHours: 'Fr 09:00-12:00' }),
    desk('rondini-casa', 'rifugio-le-rondini', 'Casa rifugio', '072029', 0, {
      visibility: 'secret',
      address: 'Via Segreta 3 (indirizzo di prova)',
      ...near('072029', 9),
      phones: [fakePhone('080', 3401)],
      h24: true,
      services: ['ospitalita_protetta', 'supporto_minori'],
    }),
    desk('rondini-reperibilita', 'rifugio-le-rondini', 'Reperibilità per gli inserimenti', '072006', 4, { visibility: 'reserved', address: null, phones: [fakePhone('080', 3400)], h24: true }),
    desk('ufficio-rete', 'citta-metropolitana', 'Ufficio pari opportunità — coordinamento della rete', '072006', 5, { visibility: 'reserved', address: 'Via della Prova 19 (indirizzo di prova)', phones: [fakePhone('080', 4001)], openingHours: 'Mo-Fr 09:00-13:00', closures: [SAN_NICOLA] }),
    desk('ss-bari', 'ss-bari', 'Segretariato sociale', '072006', 6, { address: 'Via Fittizia 33 (indirizzo di prova)', phones: [fakePhone('080', 5001)], openingHours: 'Mo-Fr 09:00-12:00; Tu,Th 15:30-17:30', closures: [SAN_NICOLA], services: ['supporto_sociale'] }),
    desk('ss-bari-pis', 'ss-bari', 'Pronto intervento sociale', '072006', 7, { visibility: 'reserved', address: null, phones: [fakePhone('080', 5002)], h24: true, services: ['supporto_sociale', 'ospitalita_emergenza'] }),
    desk('questura', 'questura', 'Ufficio denunce — reati contro la persona', '072006', 8, { address: "Via dell'Esempio 19 (indirizzo di prova)", phones: [fakePhone('080', 6001)], openingHours: '24/7', h24: true }),
    desk('ps-bari', 'ps-bari', 'Pronto soccorso', '072006', 9, { address: "Piazza dell'Esempio 6 (indirizzo di prova)", phones: [fakePhone('080', 7001)], openingHours: '24/7', h24: true }),
    desk('consultori', 'consultori', 'Consultorio familiare di Bari', '072006', 10, { address: 'Via Fittizia 7 (indirizzo di prova)', phones: [fakePhone('080', 8001)], openingHours: 'Mo-Fr 08:30-13:00; Tu,Th 15:00-18:00', closures: [SAN_NICOLA], services: ['consulenza_psicologica'] }),
    desk('cpi-bari', 'cpi-bari', 'Sportello lavoro', '072006', 11, { address: 'Via della Prova 27 (indirizzo di prova)', phones: [fakePhone('080', 8101)], openingHours: 'Mo-Fr 09:00-12:00', closures: [SAN_NICOLA], services: ['orientamento_lavoro'] }),
  ];
}
