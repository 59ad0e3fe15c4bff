import { comuniOfProvince } from './comuni.js';
import { type NetworkInput, type OrganisationInput, type SportelloInput, fakeEmail, fakePhone, fakeWebsite, near, partitionByAnchors } from './directory.kit.js';

/**
 * The Bergamo-like province of the demo (modelled on ATS Bergamo's 2024
 * description of its networks, ../shared/seeds): five networks over the
 * real comuni of the province of Bergamo, each led by a comune (one by a
 * comunità montana); two CAV shared between networks (Filo Rosso serves
 * three, Voce di Donna two) with a main seat and desks in several towns;
 * shelters whose address is secret; social services, police, emergency
 * rooms, job centres, housing, health. Every organisation and person is
 * fictitious; names carry "(DEMO)"; contacts are unreachable (see kit).
 */

const BERGAMO_PATRON = { kind: 'annual', month: 8, day: 26, label: "Sant'Alessandro, patrono di Bergamo" } as const;
const WINTER_BREAK = { kind: 'once', from: '2026-12-21', to: '2027-01-08', label: 'Chiusura invernale dello sportello' } as const;

const CAV_SERVICES = [
  'ascolto',
  'accoglienza',
  'valutazione_rischio',
  'consulenza_legale',
  'consulenza_psicologica',
  'supporto_sociale',
  'gruppi_auto_aiuto',
  'orientamento_lavoro',
  'orientamento_abitativo',
  'supporto_minori',
  'accompagnamento',
] as const;
const DESK_SERVICES = ['ascolto', 'accoglienza', 'valutazione_rischio', 'consulenza_legale'] as const;

type Net = 'orizzonti' | 'pianura' | 'valli' | 'est' | 'isola';
const ALL: Net[] = ['orizzonti', 'pianura', 'valli', 'est', 'isola'];
export const bergamoNetworkId = (n: Net) => `demo-bg-rete-${n}`;

/**
 * Anchor towns of each network: every comune of the province joins the
 * network of its nearest anchor, which follows the real ambiti closely
 * enough for a demo (Bergamo+Dalmine; Treviglio+Romano; Valle Brembana,
 * Valle Imagna and Villa d'Almè; Bergamo Est from Seriate to the Val di
 * Scalve; Isola Bergamasca and Bassa Val San Martino).
 */
const ANCHORS: Record<Net, string[]> = {
  orizzonti: ['016024', '016091', '016207', '016153', '016202', '016123', '016016', '016089'],
  pianura: ['016219', '016053', '016183', '016133', '016096', '016044', '016079', '016101'],
  valli: ['016190', '016246', '016164', '016036', '016188', '016252', '016006', '016239', '016229', '016210', '016199'],
  est: ['016198', '016004', '016077', '016128', '016193', '016120', '016218', '016058', '016111', '016195', '016243', '016223', '016012', '016064', '016093', '016144', '016194', '016043'],
  isola: ['016213', '016170', '016046', '016074', '016052', '016171', '016051', '016030', '016037', '016132', '016215'],
};

/** Alto Sebino: 1522 transfers these comuni to the Lovere desk rather than the network's phone line. */
const LOVERE_AREA = ['016128', '016086', '016182', '016065', '016162'];

export function bergamoNetworks(): NetworkInput[] {
  const comuni = partitionByAnchors(comuniOfProvince('016'), ANCHORS);
  for (const code of LOVERE_AREA) if (!comuni.est.includes(code)) throw new Error(`demo: ${code} is not in the Bergamo Est network`);
  return [
    { externalId: bergamoNetworkId('orizzonti'), name: 'Rete antiviolenza Orizzonti — Ambiti di Bergamo e Dalmine (DEMO)', capofila: 'demo-bg-comune-bergamo', comuni: comuni.orizzonti, referent: 'demo-bg-vd-bergamo' },
    { externalId: bergamoNetworkId('pianura'), name: 'Rete antiviolenza Pianura — Ambiti di Treviglio e Romano di Lombardia (DEMO)', capofila: 'demo-bg-comune-treviglio', comuni: comuni.pianura, referent: 'demo-bg-fr-treviglio' },
    { externalId: bergamoNetworkId('valli'), name: "Rete antiviolenza Le Valli — Valle Brembana, Valle Imagna e Villa d'Almè (DEMO)", capofila: 'demo-bg-cm-valle-brembana', comuni: comuni.valli, referent: 'demo-bg-fr-san-pellegrino' },
    {
      externalId: bergamoNetworkId('est'),
      name: 'Rete antiviolenza Bergamo Est (DEMO)',
      capofila: 'demo-bg-comune-seriate',
      comuni: comuni.est,
      referent: 'demo-bg-vd-linea',
      referentOverrides: LOVERE_AREA.map((comune) => ({ comune, referent: 'demo-bg-vd-lovere' })),
    },
    { externalId: bergamoNetworkId('isola'), name: 'Rete antiviolenza Isola e Val San Martino (DEMO)', capofila: 'demo-bg-comune-terno', comuni: comuni.isola, referent: 'demo-bg-fr-terno' },
  ];
}

const nets = (...n: Net[]) => n.map(bergamoNetworkId);

export function bergamoOrganisations(): OrganisationInput[] {
  const capofila = (key: string, name: string, net: Net, domain: string): OrganisationInput => ({
    externalId: `demo-bg-${key}`,
    name,
    type: 'ente_capofila',
    networks: nets(net),
    email: fakeEmail('rete.antiviolenza', domain),
    website: fakeWebsite(domain),
  });
  const member = (key: string, name: string, type: OrganisationInput['type'], networks: Net[], extra: Partial<OrganisationInput> = {}): OrganisationInput => ({
    externalId: `demo-bg-${key}`,
    name,
    type,
    networks: nets(...networks),
    ...extra,
  });
  return [
    capofila('comune-bergamo', 'Comune di Bergamo — ente capofila (DEMO)', 'orizzonti', 'comune-bergamo-demo'),
    capofila('comune-treviglio', 'Comune di Treviglio — ente capofila (DEMO)', 'pianura', 'comune-treviglio-demo'),
    capofila('cm-valle-brembana', 'Comunità montana Valle Brembana — ente capofila (DEMO)', 'valli', 'cm-brembana-demo'),
    capofila('comune-seriate', 'Comune di Seriate — ente capofila (DEMO)', 'est', 'comune-seriate-demo'),
    capofila('comune-terno', "Comune di Terno d'Isola — ente capofila (DEMO)", 'isola', 'comune-terno-demo'),
    member('cav-filo-rosso', 'CAV Filo Rosso (DEMO)', 'cav', ['pianura', 'valli', 'isola'], {
      legalName: 'Associazione Filo Rosso ODV (DEMO)',
      albo: { status: 'iscritta', date: '2024-03-15' },
      email: fakeEmail('accoglienza', 'filorosso-demo'),
      phone: fakePhone('0363', 1101),
      website: fakeWebsite('filorosso-demo'),
      services: [...CAV_SERVICES],
      languages: ['it', 'en', 'fr', 'es', 'ar'],
      accessibility: ['step_free', 'easy_read'],
      lineLinkedEmergencyRoom: true,
      lineLinkedPolice: true,
      womenOnlyStaff: true,
    }),
    member('cav-voce-di-donna', 'CAV Voce di Donna (DEMO)', 'cav', ['orizzonti', 'est'], {
      legalName: 'Cooperativa sociale Voce di Donna (DEMO)',
      albo: { status: 'iscritta', date: '2024-02-01' },
      email: fakeEmail('info', 'vocedidonna-demo'),
      phone: fakePhone('035', 1201),
      website: fakeWebsite('vocedidonna-demo'),
      services: [...CAV_SERVICES, 'mediazione_linguistica'],
      languages: ['it', 'en', 'ro', 'sq', 'uk'],
      accessibility: ['step_free', 'accessible_toilet'],
      lineLinkedEmergencyRoom: true,
      lineLinkedPolice: true,
      womenOnlyStaff: true,
    }),
    member('rifugio-il-faro', 'Casa rifugio Il Faro (DEMO)', 'casa_rifugio', ['pianura', 'valli', 'isola'], {
      albo: { status: 'iscritta', date: '2024-03-15' },
      services: ['ospitalita_protetta', 'supporto_minori', 'accompagnamento'],
      languages: ['it', 'en', 'fr'],
    }),
    member('pronto-intervento-la-soglia', 'Pronto intervento La Soglia (DEMO)', 'casa_rifugio', ['orizzonti', 'est'], {
      albo: { status: 'iscritta', date: '2024-02-01' },
      services: ['ospitalita_emergenza', 'supporto_minori'],
    }),
    member('autonomia-il-ponte', "Appartamenti per l'autonomia Il Ponte (DEMO)", 'casa_rifugio', ['orizzonti', 'est'], {
      albo: { status: 'in_istruttoria', date: '2025-10-01' },
      services: ['seconda_accoglienza', 'orientamento_lavoro', 'orientamento_abitativo'],
    }),
    member('ss-bergamo', 'Servizio sociale Ambito di Bergamo (DEMO)', 'servizio_sociale', ['orizzonti']),
    member('ss-dalmine', 'Servizio sociale Ambito di Dalmine (DEMO)', 'servizio_sociale', ['orizzonti']),
    member('ss-treviglio', 'Servizio sociale Ambito di Treviglio (DEMO)', 'servizio_sociale', ['pianura']),
    member('ss-romano', 'Servizio sociale Ambito di Romano di Lombardia (DEMO)', 'servizio_sociale', ['pianura']),
    member('ss-valle-brembana', 'Servizio sociale Ambito Valle Brembana (DEMO)', 'servizio_sociale', ['valli']),
    member('ss-seriate', 'Servizio sociale Ambito di Seriate (DEMO)', 'servizio_sociale', ['est']),
    member('ss-valle-seriana', 'Servizio sociale Ambito Valle Seriana (DEMO)', 'servizio_sociale', ['est']),
    member('ss-isola', 'Servizio sociale Ambito Isola Bergamasca (DEMO)', 'servizio_sociale', ['isola']),
    member('questura', 'Questura di Bergamo (DEMO)', 'forze_ordine', ALL),
    member('carabinieri-treviglio', 'Compagnia Carabinieri di Treviglio (DEMO)', 'forze_ordine', ['pianura']),
    member('polizia-locale-bergamo', 'Polizia locale di Bergamo (DEMO)', 'forze_ordine', ['orizzonti']),
    member('ps-bergamo', 'Pronto soccorso di Bergamo — percorso rosa (DEMO)', 'pronto_soccorso', ['orizzonti', 'est']),
    member('ps-treviglio', 'Pronto soccorso di Treviglio (DEMO)', 'pronto_soccorso', ['pianura']),
    member('ps-san-giovanni-bianco', 'Pronto soccorso di San Giovanni Bianco (DEMO)', 'pronto_soccorso', ['valli']),
    member('ps-ponte-san-pietro', 'Pronto soccorso di Ponte San Pietro (DEMO)', 'pronto_soccorso', ['isola']),
    member('ats', 'ATS Bergamo — ufficio reti antiviolenza (DEMO)', 'sanita', ALL),
    member('consultorio-valle-seriana', 'Consultorio familiare Valle Seriana (DEMO)', 'sanita', ['est']),
    member('cpi-bergamo', "Centro per l'impiego di Bergamo (DEMO)", 'cpi', ['orizzonti', 'est']),
    member('cpi-treviglio', "Centro per l'impiego di Treviglio (DEMO)", 'cpi', ['pianura', 'isola']),
    member('cpi-zogno', "Centro per l'impiego di Zogno (DEMO)", 'cpi', ['valli']),
    member('agenzia-casa', 'Agenzia per la casa di Bergamo (DEMO)', 'ente_casa', ALL),
    member('prefettura', 'Prefettura di Bergamo (DEMO)', 'prefettura', ALL),
    member('procura', 'Procura della Repubblica di Bergamo (DEMO)', 'giustizia', ALL),
    member('ufficio-scolastico', 'Ufficio scolastico territoriale di Bergamo (DEMO)', 'scuola', ALL),
    member('ordine-avvocati', 'Ordine degli avvocati di Bergamo (DEMO)', 'ordine_professionale', ALL),
    member('cuav-cambiamenti', 'CUAV Cambiamenti (DEMO)', 'cuav', ['orizzonti']),
    member('donne-in-cammino', 'Associazione Donne in cammino (DEMO)', 'terzo_settore', ['est']),
  ];
}

/** A sportello of a Bergamo organisation; public unless told otherwise. */
function desk(key: string, org: string, name: string, comuneCode: string, slot: number, fields: Partial<SportelloInput>): SportelloInput {
  const pos = fields.visibility === 'secret' || fields.address === null ? {} : near(comuneCode, slot);
  return { externalId: `demo-bg-${key}`, organisation: `demo-bg-${org}`, name, comuneCode, ...pos, ...fields };
}

export function bergamoSportelli(): SportelloInput[] {
  const fr = (key: string, name: string, comuneCode: string, slot: number, fields: Partial<SportelloInput>) =>
    desk(`fr-${key}`, 'cav-filo-rosso', name, comuneCode, slot, { services: [...DESK_SERVICES], languages: ['it', 'en'], ...fields });
  const vd = (key: string, name: string, comuneCode: string, slot: number, fields: Partial<SportelloInput>) =>
    desk(`vd-${key}`, 'cav-voce-di-donna', name, comuneCode, slot, { services: [...DESK_SERVICES], languages: ['it', 'en'], closures: comuneCode === '016024' ? [BERGAMO_PATRON] : [], ...fields });
  return [
    // CAV Filo Rosso: main seat in Treviglio, desks across three networks (one outside the province, in Rivolta d'Adda, CR).
    fr('treviglio', 'Sede di Treviglio', '016219', 0, {
      address: "Via dell'Esempio 12 (indirizzo di prova)",
      phones: [fakePhone('0363', 1101)],
      email: fakeEmail('treviglio', 'filorosso-demo'),
      transferPhone: fakePhone('0363', 9101),
      openingHours: 'Mo-Fr 09:00-13:00,14:00-18:00; Sa 09:00-12:00',
      phoneHours: 'Mo-Fr 08:30-19:00; Sa,Su 09:00-13:00',
      services: [...CAV_SERVICES],
      languages: ['it', 'en', 'fr', 'es', 'ar'],
      accessibility: ['step_free', 'easy_read'],
    }),
    fr('brignano', "Sportello di Brignano Gera d'Adda", '016040', 1, { address: 'Piazza della Prova 3 (indirizzo di prova)', phones: [fakePhone('0363', 1102)], openingHours: 'Tu 14:00-17:00' }),
    fr('castel-rozzone', 'Sportello di Castel Rozzone', '016063', 2, { address: 'Via Fittizia 8 (indirizzo di prova)', phones: [fakePhone('0363', 1103)], openingHours: 'Th 09:30-12:30', closures: [WINTER_BREAK] }),
    fr('romano', 'Sportello di Romano di Lombardia', '016183', 3, { address: "Via dell'Esempio 40 (indirizzo di prova)", phones: [fakePhone('0363', 1104)], openingHours: 'Mo,We 09:00-12:30; Fr 14:00-17:00', accessibility: ['step_free'] }),
    fr('rivolta', "Sportello di Rivolta d'Adda", '019084', 4, {
      address: 'Vicolo della Prova 1 (indirizzo di prova)',
      phones: [fakePhone('0363', 1105)],
      openingHours: 'We 15:00-18:00; Sa 09:00-12:00 unknown "solo su appuntamento"',
    }),
    fr('san-pellegrino', 'Sportello di San Pellegrino Terme', '016190', 0, {
      address: 'Via Fittizia 21 (indirizzo di prova)',
      phones: [fakePhone('0345', 1106)],
      transferPhone: fakePhone('0345', 9103),
      openingHours: 'Mo,Th 09:00-13:00',
    }),
    fr('sant-omobono', "Sportello di Sant'Omobono Terme", '016252', 1, { address: 'Piazza della Prova 9 (indirizzo di prova)', phones: [fakePhone('035', 1107)], openingHours: 'Tu 09:00-12:00; Fr 14:00-16:00' }),
    fr('almenno', 'Sportello di Almenno San Bartolomeo', '016006', 2, { address: "Via dell'Esempio 5 (indirizzo di prova)", phones: [fakePhone('035', 1108)], openingHours: 'Fr 14:30-17:30' }),
    fr('terno', "Sportello di Terno d'Isola", '016213', 3, {
      address: 'Via Fittizia 14 (indirizzo di prova)',
      phones: [fakePhone('035', 1109)],
      transferPhone: fakePhone('035', 9105),
      openingHours: 'Mo-We 09:00-13:00; Th 14:00-18:00',
      accessibility: ['step_free', 'accessible_toilet'],
    }),
    fr('linea', 'Linea telefonica di ascolto', '016219', 5, {
      address: null,
      phones: [fakePhone('0363', 1100)],
      transferPhone: fakePhone('0363', 9100),
      phoneHours: 'Mo-Fr 08:30-20:00; Sa,Su 09:00-13:00',
      languages: ['it', 'en', 'fr', 'es', 'ar'],
      services: ['ascolto', 'valutazione_rischio'],
    }),
    fr('reperibilita', 'Reperibilità h24 per la rete', '016219', 6, {
      visibility: 'reserved',
      address: null,
      phones: [fakePhone('0363', 2424)],
      h24: true,
      services: ['valutazione_rischio', 'accompagnamento'],
      notes: 'Per forze dell’ordine, pronto soccorso e servizi della rete: non va comunicato alle donne.',
    }),

    // CAV Voce di Donna: main seat in Bergamo (closed on Sant'Alessandro), desks in two networks, a phone line and a public h24 number.
    vd('bergamo', 'Sede di Bergamo', '016024', 0, {
      address: 'Via della Prova 25 (indirizzo di prova)',
      phones: [fakePhone('035', 1201)],
      email: fakeEmail('bergamo', 'vocedidonna-demo'),
      transferPhone: fakePhone('035', 9201),
      openingHours: 'Mo-Fr 09:00-18:00',
      phoneHours: 'Mo-Sa 09:00-18:00',
      services: [...CAV_SERVICES, 'mediazione_linguistica'],
      languages: ['it', 'en', 'ro', 'sq', 'uk'],
      accessibility: ['step_free', 'accessible_toilet'],
    }),
    vd('dalmine', 'Sportello di Dalmine', '016091', 1, { address: 'Via Fittizia 2 (indirizzo di prova)', phones: [fakePhone('035', 1202)], openingHours: 'Tu,Th 09:00-12:30; We 14:00-17:00' }),
    vd('seriate', 'Sportello di Seriate', '016198', 2, { address: "Via dell'Esempio 18 (indirizzo di prova)", phones: [fakePhone('035', 1203)], openingHours: 'Mo,We,Fr 09:00-12:30' }),
    vd('vigano', 'Sportello di Vigano San Martino', '016236', 3, { address: 'Piazza della Prova 1 (indirizzo di prova)', phones: [fakePhone('035', 1204)], openingHours: 'Tu 14:00-17:00' }),
    vd('clusone', 'Sportello di Clusone', '016077', 4, { address: 'Via Fittizia 30 (indirizzo di prova)', phones: [fakePhone('0346', 1205)], openingHours: 'Th 09:00-12:00; Sa 09:00-11:00' }),
    vd('lovere', 'Sportello di Lovere', '016128', 5, {
      address: "Via dell'Esempio 6 (indirizzo di prova)",
      phones: [fakePhone('035', 1206)],
      transferPhone: fakePhone('035', 9206),
      openingHours: 'We 14:00-18:00',
    }),
    vd('linea', 'Linea telefonica Voce di Donna', '016024', 6, {
      address: null,
      phones: [fakePhone('035', 1200)],
      transferPhone: fakePhone('035', 9200),
      phoneHours: 'Mo-Sa 08:00-20:00',
      languages: ['it', 'en', 'ro', 'sq', 'uk'],
      services: ['ascolto', 'valutazione_rischio', 'mediazione_linguistica'],
    }),
    vd('emergenza', 'Numero di emergenza h24', '016024', 7, {
      address: null,
      phones: [fakePhone('035', 2424)],
      h24: true,
      closures: [],
      services: ['ascolto', 'valutazione_rischio'],
      notes: 'Risponde giorno e notte, festivi compresi.',
    }),

    // Shelters: the address of a casa rifugio exists only sealed (secret); their duty phones are for the network (reserved).
    desk('faro-casa', 'rifugio-il-faro', 'Casa rifugio', '016133', 0, {
      visibility: 'secret',
      address: 'Via Segreta 1 (indirizzo di prova)',
      ...near('016133', 9),
      phones: [fakePhone('0363', 3101)],
      h24: true,
      services: ['ospitalita_protetta', 'supporto_minori'],
    }),
    desk('faro-reperibilita', 'rifugio-il-faro', 'Reperibilità per gli inserimenti', '016219', 7, {
      visibility: 'reserved',
      address: null,
      phones: [fakePhone('0363', 3100)],
      h24: true,
      notes: 'Inserimenti concordati con il servizio sociale competente; in emergenza anche da CAV, pronto soccorso, 1522 e forze dell’ordine.',
    }),
    desk('soglia-casa', 'pronto-intervento-la-soglia', 'Struttura di pronto intervento', '016024', 0, {
      visibility: 'secret',
      address: 'Via Segreta 2 (indirizzo di prova)',
      ...near('016024', 12),
      phones: [fakePhone('035', 3201)],
      h24: true,
      services: ['ospitalita_emergenza'],
    }),
    desk('soglia-reperibilita', 'pronto-intervento-la-soglia', 'Reperibilità pronto intervento 7/7', '016024', 9, { visibility: 'reserved', address: null, phones: [fakePhone('035', 3200)], h24: true }),
    desk('ponte-ufficio', 'autonomia-il-ponte', 'Ufficio accoglienza', '016198', 4, {
      visibility: 'reserved',
      address: 'Via della Prova 50 (indirizzo di prova)',
      phones: [fakePhone('035', 3301)],
      openingHours: 'Mo-Fr 09:00-17:00',
      services: ['seconda_accoglienza', 'orientamento_abitativo'],
    }),

    // The network: capofila offices (reserved), social services, police, emergency rooms, health, work, housing, justice.
    desk('ufficio-rete-bergamo', 'comune-bergamo', 'Ufficio di coordinamento della rete', '016024', 10, { visibility: 'reserved', address: 'Piazza della Prova 2 (indirizzo di prova)', phones: [fakePhone('035', 4001)], openingHours: 'Mo-Fr 09:00-12:30', closures: [BERGAMO_PATRON] }),
    desk('ufficio-rete-treviglio', 'comune-treviglio', 'Ufficio di coordinamento della rete', '016219', 8, { visibility: 'reserved', address: 'Piazza della Prova 4 (indirizzo di prova)', phones: [fakePhone('0363', 4002)], openingHours: 'Mo-Fr 09:00-12:30; Th 14:00-16:00' }),
    desk('ufficio-rete-valli', 'cm-valle-brembana', 'Ufficio di coordinamento della rete', '016164', 1, { visibility: 'reserved', address: 'Via Fittizia 1 (indirizzo di prova)', phones: [fakePhone('0345', 4003)], openingHours: 'Mo,We,Fr 09:00-12:00' }),
    desk('ufficio-rete-seriate', 'comune-seriate', 'Ufficio di coordinamento della rete', '016198', 5, { visibility: 'reserved', address: 'Piazza della Prova 6 (indirizzo di prova)', phones: [fakePhone('035', 4004)], openingHours: 'Mo-Fr 09:00-12:30' }),
    desk('ufficio-rete-terno', 'comune-terno', 'Ufficio di coordinamento della rete', '016213', 4, { visibility: 'reserved', address: 'Piazza della Prova 8 (indirizzo di prova)', phones: [fakePhone('035', 4005)], openingHours: 'Tu,Th 09:00-12:00' }),
    desk('ss-bergamo', 'ss-bergamo', 'Segretariato sociale', '016024', 11, { address: "Via dell'Esempio 3 (indirizzo di prova)", phones: [fakePhone('035', 5001)], openingHours: 'Mo-Fr 08:45-12:15; Tu,Th 14:00-16:00', closures: [BERGAMO_PATRON], services: ['supporto_sociale', 'orientamento_abitativo'] }),
    desk('ss-dalmine', 'ss-dalmine', 'Segretariato sociale', '016091', 2, { address: 'Via della Prova 4 (indirizzo di prova)', phones: [fakePhone('035', 5002)], openingHours: 'Mo,We,Fr 09:00-12:00', services: ['supporto_sociale'] }),
    desk('ss-treviglio', 'ss-treviglio', 'Segretariato sociale', '016219', 9, { address: 'Via Fittizia 11 (indirizzo di prova)', phones: [fakePhone('0363', 5003)], openingHours: 'Mo-Fr 09:00-12:00; Th 14:00-17:00', services: ['supporto_sociale'] }),
    desk('ss-treviglio-tutela', 'ss-treviglio', 'Servizio tutela minori — accesso per la rete', '016219', 10, { visibility: 'reserved', address: 'Via Fittizia 11 (indirizzo di prova)', phones: [fakePhone('0363', 5004)], openingHours: 'Mo-Fr 08:30-16:30', services: ['supporto_minori'] }),
    desk('ss-romano', 'ss-romano', 'Segretariato sociale', '016183', 5, { address: "Via dell'Esempio 9 (indirizzo di prova)", phones: [fakePhone('0363', 5005)], openingHours: 'Tu,Th 09:00-12:30', services: ['supporto_sociale'] }),
    desk('ss-valle-brembana', 'ss-valle-brembana', 'Segretariato sociale', '016246', 0, { address: 'Via della Prova 7 (indirizzo di prova)', phones: [fakePhone('0345', 5006)], openingHours: 'Mo-Fr 09:00-12:00', services: ['supporto_sociale'] }),
    desk('ss-seriate', 'ss-seriate', 'Segretariato sociale', '016198', 6, { address: 'Via Fittizia 19 (indirizzo di prova)', phones: [fakePhone('035', 5007)], openingHours: 'Mo-Fr 09:00-12:30', services: ['supporto_sociale'] }),
    desk('ss-valle-seriana', 'ss-valle-seriana', 'Segretariato sociale', '016004', 0, { address: "Via dell'Esempio 22 (indirizzo di prova)", phones: [fakePhone('035', 5008)], openingHours: 'Mo,We,Fr 09:00-12:00', services: ['supporto_sociale'] }),
    desk('ss-valle-seriana-equipe', 'ss-valle-seriana', 'Équipe territoriale violenza — accesso per la rete', '016004', 1, { visibility: 'reserved', address: "Via dell'Esempio 22 (indirizzo di prova)", phones: [fakePhone('035', 5009)], openingHours: 'Tu,Th 09:00-13:00', services: ['supporto_sociale', 'supporto_minori'] }),
    desk('ss-isola', 'ss-isola', 'Segretariato sociale', '016170', 0, { address: 'Piazza della Prova 12 (indirizzo di prova)', phones: [fakePhone('035', 5010)], openingHours: 'Mo-Fr 09:00-12:00', services: ['supporto_sociale'] }),
    desk('questura', 'questura', 'Ufficio denunce — reati contro la persona', '016024', 13, { address: 'Via della Prova 60 (indirizzo di prova)', phones: [fakePhone('035', 6001)], openingHours: '24/7', h24: true }),
    desk('carabinieri-treviglio', 'carabinieri-treviglio', 'Comando di compagnia', '016219', 11, { address: "Via dell'Esempio 70 (indirizzo di prova)", phones: [fakePhone('0363', 6002)], openingHours: '24/7', h24: true }),
    desk('polizia-locale-bergamo', 'polizia-locale-bergamo', 'Nucleo tutela donne e minori', '016024', 14, { address: 'Via Fittizia 44 (indirizzo di prova)', phones: [fakePhone('035', 6003)], openingHours: 'Mo-Fr 08:00-19:00; Sa 08:00-13:00', closures: [BERGAMO_PATRON] }),
    desk('ps-bergamo', 'ps-bergamo', 'Pronto soccorso — percorso rosa', '016024', 15, { address: "Piazza dell'Esempio 1 (indirizzo di prova)", phones: [fakePhone('035', 7001)], openingHours: '24/7', h24: true, accessibility: ['step_free', 'accessible_toilet'] }),
    desk('ps-treviglio', 'ps-treviglio', 'Pronto soccorso', '016219', 12, { address: "Piazza dell'Esempio 2 (indirizzo di prova)", phones: [fakePhone('0363', 7002)], openingHours: '24/7', h24: true }),
    desk('ps-san-giovanni-bianco', 'ps-san-giovanni-bianco', 'Pronto soccorso', '016188', 0, { address: "Piazza dell'Esempio 3 (indirizzo di prova)", phones: [fakePhone('0345', 7003)], openingHours: '24/7', h24: true }),
    desk('ps-ponte-san-pietro', 'ps-ponte-san-pietro', 'Pronto soccorso', '016170', 1, { address: "Piazza dell'Esempio 4 (indirizzo di prova)", phones: [fakePhone('035', 7004)], openingHours: '24/7', h24: true }),
    desk('ats', 'ats', 'Ufficio reti antiviolenza', '016024', 16, { visibility: 'reserved', address: 'Via della Prova 80 (indirizzo di prova)', phones: [fakePhone('035', 8001)], openingHours: 'Mo-Fr 09:00-16:00', closures: [BERGAMO_PATRON] }),
    desk('consultorio-valle-seriana', 'consultorio-valle-seriana', 'Consultorio familiare', '016111', 0, { address: 'Via Fittizia 5 (indirizzo di prova)', phones: [fakePhone('035', 8002)], openingHours: 'Mo-Fr 09:00-13:00; Tu,Th 14:00-17:00', services: ['consulenza_psicologica', 'supporto_minori'] }),
    desk('cpi-bergamo', 'cpi-bergamo', 'Sportello lavoro e fragilità', '016024', 17, { address: "Via dell'Esempio 90 (indirizzo di prova)", phones: [fakePhone('035', 8101)], openingHours: 'Mo-Fr 09:00-12:30; Th 14:00-16:00', closures: [BERGAMO_PATRON], services: ['orientamento_lavoro'] }),
    desk('cpi-treviglio', 'cpi-treviglio', 'Sportello lavoro', '016219', 13, { address: 'Via della Prova 15 (indirizzo di prova)', phones: [fakePhone('0363', 8102)], openingHours: 'Mo-Fr 09:00-12:30', services: ['orientamento_lavoro'] }),
    desk('cpi-zogno', 'cpi-zogno', 'Sportello lavoro', '016246', 1, { address: 'Via Fittizia 27 (indirizzo di prova)', phones: [fakePhone('0345', 8103)], openingHours: 'Tu,Th 09:00-12:00', services: ['orientamento_lavoro'] }),
    desk('agenzia-casa', 'agenzia-casa', 'Sportello alloggi', '016024', 18, { address: 'Via della Prova 33 (indirizzo di prova)', phones: [fakePhone('035', 8201)], openingHours: 'Mo,We 09:00-12:00; Th 14:00-16:30', closures: [BERGAMO_PATRON], services: ['orientamento_abitativo'] }),
    desk('prefettura', 'prefettura', 'Area ordine e sicurezza pubblica', '016024', 19, { visibility: 'reserved', address: "Via dell'Esempio 100 (indirizzo di prova)", phones: [fakePhone('035', 8301)], openingHours: 'Mo-Fr 09:00-13:00' }),
    desk('procura', 'procura', 'Segreteria fasce deboli', '016024', 20, { visibility: 'reserved', address: 'Piazza della Prova 20 (indirizzo di prova)', phones: [fakePhone('035', 8401)], openingHours: 'Mo-Sa 09:00-12:00' }),
    desk('ordine-avvocati', 'ordine-avvocati', 'Sportello patrocinio a spese dello Stato', '016024', 21, { address: 'Piazza della Prova 21 (indirizzo di prova)', phones: [fakePhone('035', 8501)], openingHours: 'We 15:00-17:00', closures: [BERGAMO_PATRON], services: ['consulenza_legale'] }),
    desk('cuav-cambiamenti', 'cuav-cambiamenti', 'Sede del programma', '016024', 22, { address: 'Via Fittizia 60 (indirizzo di prova)', phones: [fakePhone('035', 8601)], openingHours: 'Mo 17:00-20:00; Th 14:00-18:00', closures: [BERGAMO_PATRON] }),
    desk('donne-in-cammino', 'donne-in-cammino', 'Gruppo di auto mutuo aiuto', '016218', 0, { address: "Via dell'Esempio 2 (indirizzo di prova)", phones: [fakePhone('035', 8701)], openingHours: 'Tu 20:30-22:30', services: ['gruppi_auto_aiuto'] }),
  ];
}
