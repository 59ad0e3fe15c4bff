import { readFileSync } from 'node:fs';

/**
 * The ISTAT comuni of reference/comuni.csv (CC BY 4.0, see
 * reference/README.md), for the generators of directory files (the demo
 * directory and the national-scale benchmark). The database holds the same
 * list (migration 0004); reading the file keeps the generators pure and
 * usable before any database exists.
 */
export interface ComuneRef {
  istatCode: string;
  name: string;
  provinceCode: string;
  provinceSigla: string;
  regionCode: string;
  population: number;
  lat: number;
  lon: number;
}

const HEADER = 'istat_code,name,name_alt,province_code,province_name,province_sigla,region_code,region_name,population,lat,lon,cadastral_code';

let cached: ComuneRef[] | null = null;

/** Every comune, sorted by ISTAT code (read once). */
export function readComuni(): ComuneRef[] {
  if (cached) return cached;
  const csv = readFileSync(new URL('../../reference/comuni.csv', import.meta.url), 'utf8');
  const [header, ...lines] = csv.trimEnd().split('\n');
  if (header !== HEADER) throw new Error('reference/comuni.csv: unexpected header');
  cached = lines.map((line, i) => {
    // The file needs no quoting today (reference/README.md): refuse to guess if that changes.
    const f = line.split(',');
    if (line.includes('"') || f.length !== 12) throw new Error(`reference/comuni.csv: line ${i + 2} is not a plain 12-field row`);
    const [istatCode, name, , provinceCode, , provinceSigla, regionCode, , population, lat, lon] = f as string[];
    return { istatCode: istatCode!, name: name!, provinceCode: provinceCode!, provinceSigla: provinceSigla!, regionCode: regionCode!, population: Number(population), lat: Number(lat), lon: Number(lon) };
  });
  return cached;
}

/** The comuni of one province (ISTAT historical province code, e.g. "016" Bergamo). */
export function comuniOfProvince(provinceCode: string): ComuneRef[] {
  return readComuni().filter((c) => c.provinceCode === provinceCode);
}

let byCode: Map<string, ComuneRef> | null = null;

/** One comune by ISTAT code; throws when the code is not in the list (a typo in a generator). */
export function comune(istatCode: string): ComuneRef {
  byCode ??= new Map(readComuni().map((c) => [c.istatCode, c]));
  const c = byCode.get(istatCode);
  if (!c) throw new Error(`no comune ${istatCode} in reference/comuni.csv`);
  return c;
}

const EARTH_KM = 6371;
/** Great-circle distance in km (same formula as the directory's). */
export function km(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
