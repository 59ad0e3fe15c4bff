/**
 * A national-scale directory for the benchmark (format trama-directory/1):
 * 27 networks, 400 organisations, 1,000 sportelli over the real ISTAT
 * comuni, generated deterministically (seeded PRNG: the same file on every
 * run and machine). Every name is marked "(BENCH)"; phone numbers have
 * "000" after the area code and mail addresses are under example.org, as in
 * the demo: nothing in it is reachable.
 *
 * Territory: the provinces of Bergamo and Bari belong to the demo directory
 * (the benchmark loads the demo too, for its accounts) and are left out;
 * every fifth remaining province is left uncovered, so that the public
 * answer and the 1522 routing also take their "nearest network" path; the
 * other comuni are shared among 27 networks, at least one per region and
 * the rest in proportion, each a contiguous run of its region's comuni
 * ordered by province and longitude.
 *
 * Organisations per network: the capofila, two CAV, two shelters, three
 * social services, police, an emergency room, a health service, a job
 * centre; some CAV also serve the next network (as in Bergamo), and third-
 * sector associations fill the count to 400. Sportelli: the CAV main seat
 * (the 1522 referent, with a transfer number) and desks in other comuni,
 * a secret house and a reserved duty phone per shelter, reserved offices,
 * public desks with hours drawn from a varied palette (24/7 included),
 * local closures, per-comune referent overrides.
 *
 *   node --import tsx bench/national.ts > national.json   # the file alone
 */
import { pathToFileURL } from 'node:url';
import { type ComuneRef, readComuni } from '../seeds/demo/comuni.js';
import { type DirectoryInput, type NetworkInput, type OrganisationInput, type SportelloInput, fakeEmail, fakePhone, near } from '../seeds/demo/directory.kit.js';
import { prng } from '../seeds/demo/random.js';

export const NATIONAL = { networks: 27, organisations: 400, sportelli: 1000 } as const;
/** Provinces held by the demo directory (Bergamo, Bari). */
const DEMO_PROVINCES = new Set(['016', '072']);

const SEAT_HOURS = ['Mo-Fr 09:00-13:00,14:00-18:00', 'Mo-Fr 09:00-17:00; Sa 09:00-12:00', 'Mo-Sa 08:30-12:30; Tu,Th 14:00-18:00', 'Mo,We,Fr 09:00-13:00', 'Mo-Fr 09:00-18:00'];
const PHONE_HOURS = ['Mo-Fr 08:30-20:00; Sa,Su 09:00-13:00', 'Mo-Su 08:00-22:00', 'Mo-Sa 09:00-19:00', 'Mo-Fr 09:00-18:00'];
const DESK_HOURS = [
  'Tu 14:00-17:00',
  'Th 09:30-12:30',
  'Mo,We 09:00-12:30; Fr 14:00-17:00',
  'We 15:00-18:00; Sa 09:00-12:00 unknown "solo su appuntamento"',
  'Mo,Th 09:00-13:00',
  'Fr 20:00-02:00',
  'Tu,Th 09:00-12:30; We 14:00-17:00',
  'Mo-Fr 09:00-12:00',
  'Sa 09:00-12:00; Su 10:00-12:00',
  'week 1-53/2 Mo 14:00-18:00',
];
const OFFICE_HOURS = ['Mo-Fr 09:00-12:30', 'Mo-Fr 08:30-12:30; Tu,Th 14:00-16:30', 'Mo,We,Fr 09:00-12:00', 'Mo-Fr 09:00-13:00; Th 14:00-17:00'];

interface Net {
  index: number;
  externalId: string;
  comuni: ComuneRef[];
  /** Area code for the network's fictitious numbers. */
  area: string;
}

/**
 * The 27 territories: each region gets at least one network and the rest
 * in proportion to its covered comuni; inside a region, contiguous runs of
 * its comuni ordered by province and longitude.
 */
function territories(): { nets: Net[]; uncovered: ComuneRef[] } {
  const all = readComuni().filter((c) => !DEMO_PROVINCES.has(c.provinceCode));
  const provinces = [...new Set(all.map((c) => c.provinceCode))].sort();
  const uncoveredProvinces = new Set(provinces.filter((_, i) => i % 5 === 4));
  const byRegion = new Map<string, ComuneRef[]>();
  for (const c of all) if (!uncoveredProvinces.has(c.provinceCode)) byRegion.set(c.regionCode, [...(byRegion.get(c.regionCode) ?? []), c]);
  const regions = [...byRegion.keys()].sort();
  const total = regions.reduce((n, r) => n + byRegion.get(r)!.length, 0);
  // Largest remainder over what is left after one network per region.
  const spare = NATIONAL.networks - regions.length;
  const share = regions.map((r) => ({ r, exact: (byRegion.get(r)!.length / total) * spare }));
  const count = new Map(share.map(({ r, exact }) => [r, 1 + Math.floor(exact)]));
  let left = NATIONAL.networks - [...count.values()].reduce((a, b) => a + b, 0);
  for (const { r } of [...share].sort((a, b) => (b.exact % 1) - (a.exact % 1) || a.r.localeCompare(b.r))) {
    if (left-- <= 0) break;
    count.set(r, count.get(r)! + 1);
  }
  const nets: Net[] = [];
  for (const r of regions) {
    const comuni = byRegion.get(r)!.sort((a, b) => a.provinceCode.localeCompare(b.provinceCode) || a.lon - b.lon);
    const k = count.get(r)!;
    for (let j = 0; j < k; j++) {
      const i = nets.length;
      const run = comuni.slice(Math.floor((j * comuni.length) / k), Math.floor(((j + 1) * comuni.length) / k));
      nets.push({ index: i, externalId: `bench-net-${String(i + 1).padStart(2, '0')}`, comuni: run, area: `0${11 + i * 3}` });
    }
  }
  return { nets, uncovered: all.filter((c) => uncoveredProvinces.has(c.provinceCode)) };
}

export interface NationalDirectory {
  file: DirectoryInput;
  /** Comuni covered by a network of this file, and comuni outside every network (for the queries). */
  covered: string[];
  uncovered: string[];
}

export function buildNationalDirectory(seed = 1522): NationalDirectory {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const { nets, uncovered } = territories();
  const organisations: OrganisationInput[] = [];
  const sportelli: SportelloInput[] = [];
  const networks: NetworkInput[] = [];
  let phoneNo = 1000;
  const phone = (net: Net) => fakePhone(net.area, phoneNo++);
  const biggest = (net: Net) => net.comuni.reduce((a, b) => (b.population > a.population ? b : a));
  const closures = (): SportelloInput['closures'] => {
    const r = random();
    if (r < 0.3) return [{ kind: 'annual', month: 1 + Math.floor(random() * 12), day: 1 + Math.floor(random() * 28), label: 'Santo patrono' }];
    if (r < 0.4) return [{ kind: 'once', from: '2026-12-21', to: '2027-01-06', label: 'Chiusura invernale' }];
    return [];
  };
  const add = (o: OrganisationInput) => (organisations.push(o), o.externalId);
  const desk = (s: Omit<SportelloInput, 'externalId'> & { key: string }) => {
    const { key, ...rest } = s;
    sportelli.push({ externalId: `bench-sp-${key}`, ...rest });
    return `bench-sp-${key}`;
  };

  // Per network: the organisations and their first sportelli.
  const cavsOf = new Map<number, string[]>();
  for (const net of nets) {
    const tag = String(net.index + 1).padStart(2, '0');
    const seat = biggest(net);
    const id = (kind: string, n = 1) => `bench-n${tag}-${kind}-${n}`;
    const capofila = add({ externalId: id('capofila'), name: `Comune di ${seat.name} — ente capofila rete ${tag} (BENCH)`, type: 'ente_capofila', networks: [net.externalId] });
    desk({ key: `${capofila}-ufficio`, organisation: capofila, name: 'Ufficio di coordinamento della rete', visibility: 'reserved', comuneCode: seat.istatCode, address: 'Piazza della Prova 1', ...near(seat.istatCode, 1), phones: [phone(net)], openingHours: pick(OFFICE_HOURS) });
    const cavs: string[] = [];
    for (let k = 1; k <= 2; k++) {
      const town = k === 1 ? seat : pick(net.comuni);
      const cav = add({ externalId: id('cav', k), name: `CAV ${town.name} ${tag}-${k} (BENCH)`, type: 'cav', networks: [net.externalId], albo: { status: 'iscritta', date: '2024-01-15' }, services: ['ascolto', 'accoglienza', 'valutazione_rischio', 'consulenza_legale'], languages: ['it', 'en'] });
      cavs.push(cav);
      desk({
        key: `${cav}-sede`,
        organisation: cav,
        name: `Sede di ${town.name}`,
        comuneCode: town.istatCode,
        address: "Via dell'Esempio 10",
        ...near(town.istatCode, 2),
        phones: [phone(net)],
        email: fakeEmail(`sede${tag}${k}`, 'bench'),
        transferPhone: phone(net),
        openingHours: pick(SEAT_HOURS),
        phoneHours: pick(PHONE_HOURS),
        closures: closures(),
        services: ['ascolto', 'accoglienza', 'valutazione_rischio'],
        languages: ['it', 'en'],
      });
    }
    cavsOf.set(net.index, cavs);
    for (let k = 1; k <= 2; k++) {
      const town = pick(net.comuni);
      const shelter = add({ externalId: id('rifugio', k), name: `Casa rifugio ${tag}-${k} (BENCH)`, type: 'casa_rifugio', networks: [net.externalId], services: ['ospitalita_protetta'] });
      desk({ key: `${shelter}-casa`, organisation: shelter, name: 'Casa rifugio', visibility: 'secret', comuneCode: town.istatCode, address: 'Via Segreta 1', ...near(town.istatCode, 9), phones: [phone(net)], h24: true });
      desk({ key: `${shelter}-reperibilita`, organisation: shelter, name: 'Reperibilità per gli inserimenti', visibility: 'reserved', comuneCode: seat.istatCode, phones: [phone(net)], h24: true });
    }
    const single = (kind: string, n: number, name: string, type: OrganisationInput['type'], fields: Partial<SportelloInput>) => {
      const town = n === 1 ? seat : pick(net.comuni);
      const org = add({ externalId: id(kind, n), name: `${name} ${town.name} ${tag}-${n} (BENCH)`, type, networks: [net.externalId] });
      desk({ key: `${org}-1`, organisation: org, name, comuneCode: town.istatCode, address: 'Via della Prova 3', ...near(town.istatCode, 3 + n), phones: [phone(net)], closures: closures(), ...fields });
    };
    for (let n = 1; n <= 3; n++) single('sociale', n, 'Servizio sociale', 'servizio_sociale', { openingHours: pick(OFFICE_HOURS), visibility: n === 3 ? 'reserved' : 'public' });
    single('polizia', 1, 'Polizia', 'forze_ordine', { openingHours: '24/7', h24: true, closures: [] });
    single('ps', 1, 'Pronto soccorso', 'pronto_soccorso', { openingHours: '24/7', h24: true, closures: [] });
    single('sanita', 1, 'Consultorio', 'sanita', { openingHours: pick(OFFICE_HOURS) });
    single('cpi', 1, "Centro per l'impiego", 'cpi', { openingHours: pick(OFFICE_HOURS) });
  }

  // CAV of every third network also serve the next one (shared CAV, as in Bergamo).
  for (const net of nets) {
    if (net.index % 3 !== 0 || net.index + 1 >= nets.length) continue;
    const shared = organisations.find((o) => o.externalId === cavsOf.get(net.index)![1])!;
    shared.networks = [...shared.networks!, nets[net.index + 1]!.externalId];
  }

  // Third-sector associations up to the organisation count.
  for (let n = 0; organisations.length < NATIONAL.organisations; n++) {
    const net = nets[n % nets.length]!;
    const town = pick(net.comuni);
    const org = add({ externalId: `bench-assoc-${n + 1}`, name: `Associazione ${town.name} ${n + 1} (BENCH)`, type: 'terzo_settore', networks: [net.externalId] });
    desk({ key: `${org}-1`, organisation: org, name: 'Sportello di ascolto', comuneCode: town.istatCode, address: 'Via Fittizia 5', ...near(town.istatCode, 5), phones: [phone(net)], openingHours: pick(DESK_HOURS), closures: closures() });
  }

  // CAV desks in other comuni of their network up to the sportello count.
  const desksOf = new Map<number, { id: string; comune: string }[]>();
  for (let n = 0; sportelli.length < NATIONAL.sportelli; n++) {
    const net = nets[n % nets.length]!;
    const cav = cavsOf.get(net.index)![n % 2]!;
    const town = pick(net.comuni);
    const id = desk({
      key: `${cav}-desk-${n + 1}`,
      organisation: cav,
      name: `Sportello di ${town.name}`,
      comuneCode: town.istatCode,
      address: 'Piazza della Prova 7',
      ...near(town.istatCode, 6 + (n % 8)),
      phones: [phone(net)],
      transferPhone: n % 4 === 0 ? phone(net) : null,
      openingHours: pick(DESK_HOURS),
      phoneHours: n % 5 === 0 ? pick(PHONE_HOURS) : null,
      closures: closures(),
      visibility: n % 17 === 0 ? 'reserved' : 'public',
    });
    if (n % 4 === 0 && n % 17 !== 0) desksOf.set(net.index, [...(desksOf.get(net.index) ?? []), { id, comune: town.istatCode }]);
  }

  // Networks: the first CAV's seat is the referent; a desk takes over its own comune in some networks.
  for (const net of nets) {
    const [first] = cavsOf.get(net.index)!;
    const tag = String(net.index + 1).padStart(2, '0');
    const overrides = net.index % 3 === 1 ? [...new Map((desksOf.get(net.index) ?? []).map((d) => [d.comune, d.id])).entries()].map(([comune, referent]) => ({ comune, referent })) : [];
    networks.push({
      externalId: net.externalId,
      name: `Rete antiviolenza ${tag} — ${[...new Set(net.comuni.map((c) => c.provinceSigla))].join(', ')} (BENCH)`,
      capofila: `bench-n${tag}-capofila-1`,
      comuni: net.comuni.map((c) => c.istatCode),
      referent: `bench-sp-${first}-sede`,
      referentOverrides: overrides,
    });
  }

  return {
    file: { format: 'trama-directory/1', networks, organisations, sportelli },
    covered: nets.flatMap((n) => n.comuni.map((c) => c.istatCode)),
    uncovered: uncovered.map((c) => c.istatCode),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(`${JSON.stringify(buildNationalDirectory().file, null, 1)}\n`);
}
