import { comuniOfProvince } from './comuni.js';
import { type NetworkInput, type OrganisationInput, type SportelloInput, fakeEmail, fakePhone, near } from './directory.kit.js';

/**
 * The Cremona-like network of the demo (issue 14, docs/autonomy.md): the
 * Comune di Cremona as ente capofila over the 113 comuni of the province,
 * the province's three CAV (in Cremona, Crema and Casalmaggiore), a casa
 * rifugio, the social service and the centro per l'impiego — the network
 * that runs the demo's L.I.A. 2-like programme (seeds/demo/autonomy.ts)
 * and its regional funds (autonomy.funds.ts). All fictitious, names marked
 * "(DEMO)", contacts unreachable, the three CAV registered in the Albo.
 */

export const CREMONA_NETWORK_ID = 'demo-cr-rete-cremona';
const CREMA = '019035';
const CASALMAGGIORE = '019021';
const CREMONA = '019036';

/** externalIds of the Cremona organisations the demo's autonomy data uses. */
export const CREMONA_ORGANISATIONS = {
  capofila: 'demo-cr-comune-cremona',
  cavCremona: 'demo-cr-cav-la-tela',
  cavCrema: 'demo-cr-cav-il-filo',
  cavCasalmaggiore: 'demo-cr-cav-argine',
  rifugio: 'demo-cr-rifugio-la-ginestra',
  sociale: 'demo-cr-ss-cremona',
  cpi: 'demo-cr-cpi-cremona',
} as const;

export function cremonaNetworks(): NetworkInput[] {
  return [
    {
      externalId: CREMONA_NETWORK_ID,
      name: 'Rete antiviolenza della provincia di Cremona (DEMO)',
      capofila: CREMONA_ORGANISATIONS.capofila,
      comuni: comuniOfProvince('019').map((c) => c.istatCode),
      referent: 'demo-cr-tela-cremona',
      referentOverrides: [
        { comune: CREMA, referent: 'demo-cr-filo-crema' },
        { comune: CASALMAGGIORE, referent: 'demo-cr-argine-casalmaggiore' },
      ],
    },
  ];
}

export function cremonaOrganisations(): OrganisationInput[] {
  const member = (externalId: string, name: string, type: OrganisationInput['type'], extra: Partial<OrganisationInput> = {}): OrganisationInput => ({
    externalId,
    name,
    type,
    networks: [CREMONA_NETWORK_ID],
    ...extra,
  });
  const cav = (): Partial<OrganisationInput> => ({ services: ['ascolto', 'accoglienza', 'consulenza_legale', 'consulenza_psicologica', 'orientamento_lavoro', 'accompagnamento'], languages: ['it', 'en'], womenOnlyStaff: true });
  const O = CREMONA_ORGANISATIONS;
  return [
    member(O.capofila, 'Comune di Cremona — ente capofila (DEMO)', 'ente_capofila', { email: fakeEmail('pariopportunita', 'comune-cremona-demo') }),
    member(O.cavCremona, 'CAV La Tela (DEMO)', 'cav', { ...cav(), albo: { status: 'iscritta', date: '2023-06-12' }, email: fakeEmail('accoglienza', 'la-tela-demo'), phone: fakePhone('0372', 1101) }),
    member(O.cavCrema, 'CAV Il Filo di Crema (DEMO)', 'cav', { ...cav(), albo: { status: 'iscritta', date: '2023-06-12' }, email: fakeEmail('info', 'il-filo-demo'), phone: fakePhone('0373', 1201) }),
    member(O.cavCasalmaggiore, 'CAV Argine — Casalasco (DEMO)', 'cav', { ...cav(), albo: { status: 'iscritta', date: '2024-02-05' }, email: fakeEmail('info', 'argine-demo'), phone: fakePhone('0375', 1301) }),
    member(O.rifugio, 'Casa rifugio La Ginestra (DEMO)', 'casa_rifugio', { albo: { status: 'iscritta', date: '2023-06-12' }, services: ['ospitalita_protetta', 'supporto_minori'] }),
    member(O.sociale, 'Servizio sociale del Comune di Cremona (DEMO)', 'servizio_sociale'),
    member(O.cpi, "Centro per l'impiego di Cremona (DEMO)", 'cpi'),
  ];
}

function desk(key: string, org: string, name: string, comuneCode: string, slot: number, fields: Partial<SportelloInput>): SportelloInput {
  const pos = fields.visibility === 'secret' ? {} : near(comuneCode, slot);
  return { externalId: `demo-cr-${key}`, organisation: org, name, comuneCode, ...pos, ...fields };
}

export function cremonaSportelli(): SportelloInput[] {
  const O = CREMONA_ORGANISATIONS;
  return [
    desk('tela-cremona', O.cavCremona, 'Sede di Cremona', CREMONA, 0, { address: 'Via della Prova 12 (indirizzo di prova)', phones: [fakePhone('0372', 1101)], openingHours: 'Mo-Fr 09:00-13:00; Tu,Th 14:30-17:30' }),
    desk('filo-crema', O.cavCrema, 'Sede di Crema', CREMA, 0, { address: "Via dell'Esempio 3 (indirizzo di prova)", phones: [fakePhone('0373', 1201)], openingHours: 'Mo,We,Fr 09:00-13:00' }),
    desk('argine-casalmaggiore', O.cavCasalmaggiore, 'Sede di Casalmaggiore', CASALMAGGIORE, 0, { address: 'Piazza della Prova 1 (indirizzo di prova)', phones: [fakePhone('0375', 1301)], openingHours: 'Tu,Th 09:00-12:30' }),
    desk('ginestra-casa', O.rifugio, 'Casa rifugio', CREMONA, 0, { visibility: 'secret', address: 'Via Segreta 8 (indirizzo di prova)', ...near(CREMONA, 9), phones: [fakePhone('0372', 3101)], h24: true, services: ['ospitalita_protetta', 'supporto_minori'] }),
    desk('ss-cremona', O.sociale, 'Segretariato sociale', CREMONA, 1, { address: 'Via Fittizia 21 (indirizzo di prova)', phones: [fakePhone('0372', 5101)], openingHours: 'Mo-Fr 09:00-12:00', services: ['supporto_sociale'] }),
    desk('cpi-cremona', O.cpi, 'Sportello lavoro', CREMONA, 2, { address: 'Via della Prova 40 (indirizzo di prova)', phones: [fakePhone('0372', 8101)], openingHours: 'Mo-Fr 09:00-12:00', services: ['orientamento_lavoro'] }),
  ];
}
