import type { MatchExplanation, MatchItem } from '../../../shared/shelters.requests.api.js';
import type { ChildSex, CriterionLevel, DistanceBand, PlacementCriterion, ProtectionLevel, StructureLevel } from '../../../shared/shelters.js';
import { areaDistanceKm, distanceBand } from './shelters.geo.js';

/**
 * The matching's ranking, pure (docs/shelters.md, "Matching"): a request's
 * need against candidate structures with their free places per unit. Each
 * structure gets a score and the list of reasons behind it, as codes and
 * params the web words — never an address, a comune or a distance finer
 * than a band.
 *
 * Hard constraints (the household fits in one unit, children accepted and
 * how many, boys' age, wheelchair access) do not drop a structure: it is
 * ranked after every other, `excluded`, with the failing reasons shown —
 * the requester sees why a structure she expected is not proposable.
 */

export interface MatchNeed {
  adults: number;
  children: readonly { age: number; sex: ChildSex }[];
  level: StructureLevel | null;
  wheelchair: boolean;
  pets: boolean;
  languages: readonly string[];
  criteria: Partial<Record<PlacementCriterion, CriterionLevel>>;
  avoid: { provinceCode: string; lat: number; lon: number } | null;
  minDistanceKm: number | null;
}

export interface Candidate {
  id: string;
  name: string;
  level: StructureLevel;
  protectionLevel: ProtectionLevel;
  provinceCode: string;
  areaLat: number;
  areaLon: number;
  acceptsChildren: boolean;
  maxChildren: number | null;
  boysMaxAge: number | null;
  petsAllowed: boolean;
  wheelchairAccessible: boolean;
  languages: readonly string[];
  staffed24h: boolean;
  units: readonly { id: string; wheelchairAccessible: boolean; free: number }[];
}

/** Levels near each other: asking for one, the other fits in part (an emergency house for a casa rifugio, a community for either). */
const NEAR: Partial<Record<StructureLevel, readonly StructureLevel[]>> = {
  pronto_intervento: ['casa_rifugio', 'non_dedicata'],
  casa_rifugio: ['pronto_intervento', 'comunita'],
  comunita: ['casa_rifugio', 'seconda_accoglienza'],
  seconda_accoglienza: ['comunita'],
  non_dedicata: ['pronto_intervento'],
};
const PROTECTED: readonly StructureLevel[] = ['pronto_intervento', 'casa_rifugio'];

interface Scored {
  explanation: MatchExplanation[];
  score: number;
  excluded: boolean;
}

/** The reasons and score of one candidate. */
export function explain(need: MatchNeed, s: Candidate): Scored {
  const out: MatchExplanation[] = [];
  let score = 0;
  let excluded = false;
  const add = (criterion: MatchExplanation['criterion'], fits: MatchExplanation['fits'], params: MatchExplanation['params'], points: number, hard = false) => {
    out.push({ criterion, fits, params });
    score += points;
    if (hard && fits === false) excluded = true;
  };
  const needed = need.adults + need.children.length;
  const best = Math.max(0, ...s.units.map((u) => u.free));
  add('household_fits', best >= needed, { needed, bestUnit: best }, 0, true);

  const c = need.children.length;
  if (c > 0) {
    add('children_accepted', s.acceptsChildren, {}, 0, true);
    if (s.maxChildren !== null) add('children_count', c <= s.maxChildren, { children: c, max: s.maxChildren }, 0, true);
    const boys = need.children.filter((k) => k.sex === 'M').map((k) => k.age);
    if (boys.length && s.boysMaxAge !== null) {
      const oldest = Math.max(...boys);
      add('boys_age', oldest <= s.boysMaxAge, { oldestBoy: oldest, maxAge: s.boysMaxAge }, 0, true);
    }
  }
  if (need.wheelchair) {
    const accessible = s.units.some((u) => (u.wheelchairAccessible || s.wheelchairAccessible) && u.free >= needed);
    add('wheelchair', accessible, { structure: s.wheelchairAccessible }, 0, true);
  }

  if (need.level) {
    const fit = need.level === s.level ? true : NEAR[need.level]?.includes(s.level) ? 'partial' : false;
    add('level', fit, { sought: need.level, level: s.level }, fit === true ? 30 : fit === 'partial' ? 10 : -10);
  }
  const k = need.criteria;
  const danger = k.pericolosita === 'alto' || k.rischio_recidiva === 'alto' || k.autoprotezione === 'basso';
  if (danger) {
    const protectedLevel = PROTECTED.includes(s.level);
    const fit = protectedLevel && s.protectionLevel === 'alta' ? true : protectedLevel || s.protectionLevel === 'alta' ? 'partial' : false;
    add('level_for_danger', fit, { level: s.level, protection: s.protectionLevel }, fit === true ? 20 : fit === 'partial' ? 5 : -15);
  }
  if (k.autonomia === 'alto') {
    const fit = s.level === 'seconda_accoglienza' ? true : s.level === 'comunita' ? 'partial' : false;
    add('level_for_autonomy', fit, { level: s.level }, fit === true ? 15 : fit === 'partial' ? 5 : 0);
  }

  if (need.avoid) {
    const km = areaDistanceKm(need.avoid, { lat: s.areaLat, lon: s.areaLon });
    const band: DistanceBand = distanceBand(km);
    if (need.minDistanceKm !== null) {
      const far = km >= need.minDistanceKm;
      add('distance', far, { band, minKm: need.minDistanceKm }, far ? 15 : -20);
    } else {
      // Away is better: up to 10 points, flat beyond 200 km.
      add('distance', km >= 20 ? true : 'partial', { band, minKm: null }, Math.min(km, 200) / 20);
    }
    const inside = s.provinceCode === need.avoid.provinceCode;
    add('avoided_province', !inside, { province: s.provinceCode }, inside ? -25 : 0);
  }

  if (need.pets) add('pets', s.petsAllowed, {}, s.petsAllowed ? 5 : -10);
  if (need.languages.length) {
    // Italian is the staff's language everywhere: it is not listed per structure.
    const spoken = new Set(['it', ...s.languages]);
    const matched = need.languages.filter((l) => spoken.has(l)).length;
    const fit = matched === need.languages.length ? true : matched > 0 ? 'partial' : false;
    add('languages', fit, { matched, asked: need.languages.length }, fit === true ? 5 : fit === 'partial' ? 2 : -5);
  }
  if (k.pericolosita === 'alto') add('staffed_for_danger', s.staffed24h, {}, s.staffed24h ? 10 : -10);
  if (k.rete_supporto === 'basso') add('support_network', s.staffed24h ? true : 'partial', { staffed24h: s.staffed24h }, s.staffed24h ? 5 : 0);

  return { explanation: out, score: Math.round(score * 10) / 10, excluded };
}

/** Ranks candidates: proposable first by score (then name), the excluded after, each with its reasons. */
export function rank(need: MatchNeed, candidates: readonly Candidate[]): MatchItem[] {
  const scored = candidates.map((s) => ({ s, ...explain(need, s) }));
  scored.sort((a, b) => Number(a.excluded) - Number(b.excluded) || b.score - a.score || a.s.name.localeCompare(b.s.name, 'it') || a.s.id.localeCompare(b.s.id));
  return scored.map(({ s, explanation, score, excluded }, i) => ({
    rank: i + 1,
    score,
    structure: {
      id: s.id,
      name: s.name,
      level: s.level,
      provinceCode: s.provinceCode,
      protectionLevel: s.protectionLevel,
      distanceBand: need.avoid ? distanceBand(areaDistanceKm(need.avoid, { lat: s.areaLat, lon: s.areaLon })) : null,
    },
    freePlacesInUnit: Math.max(0, ...s.units.map((u) => u.free)),
    excluded,
    explanation,
  }));
}
