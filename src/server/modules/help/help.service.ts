import type { OrganisationType } from '../../../shared/domain.js';
import { type HelplineLanguage, type PublicLanguage, helplineLanguages } from '../../../shared/directory.js';
import type { DbOrTx } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { Hours, type SportelloState, territoryAt } from '../directory/index.js';
import { publicClosures } from './help.repo.js';
import { helpTexts } from './help.texts.js';

/**
 * The public answer for a comune at an instant: 1522 and 112 always, then
 * what the directory may show to anyone. Only `public` sportelli appear
 * (territoryAt already leaves secret ones out; reserved ones are dropped
 * here), never a transfer number or an internal id but the network's.
 *
 * Decisions:
 * - The referent is shown only when its sportello is public; a reserved
 *   referent gives `referent: null` (1522 knows it).
 * - `openNow`, `closesAt`, `nextOpening` are about going there in person;
 *   `phoneOpenNow` says whether its phone is answered.
 * - `nextOpening` (top level): when the public referent is closed, its next
 *   opening; without a public referent, the earliest next opening among the
 *   public sportelli, unless one of them is open now (then null). It is the
 *   in-person opening (`kind: "in_person"`; the 1522 routing answer gives the
 *   phone line's, `kind: "phone"`).
 * - A comune outside every network: `network: null` and the nearest network
 *   as `nearestNetwork: { id, name, distanceKm }` — the same shape as the
 *   1522 routing answer. Its public points (its referent among them, if
 *   public) are listed by distance, but `referent` stays null: a centre
 *   hundreds of kilometres away is not her centre "of reference". Given only
 *   if it has at least one public point of access, and the distance is to
 *   the nearest public one — a distance to a reserved place would help
 *   locate it. `helpline` (1522) is always the number to call.
 * - `helpline.languages` are the eleven languages 1522 answers in, not the
 *   page's languages.
 */

export interface PublicSportello {
  name: string;
  organisation: { name: string; type: OrganisationType };
  address: string | null;
  comune: { istatCode: string; name: string };
  lat: number | null;
  lon: number | null;
  distanceKm: number;
  phones: string[];
  email: string | null;
  openingHours: string | null;
  phoneHours: string | null;
  h24: boolean;
  openNow: boolean;
  closesAt: Date | null;
  nextOpening: Date | null;
  phoneOpenNow: boolean;
  languages: string[];
  services: string[];
  accessibility: string[];
}

export interface HelpAnswer {
  comune: { istatCode: string; name: string; provinceSigla: string };
  at: Date;
  lang: PublicLanguage;
  helpline: { number: '1522'; free: true; h24: true; anonymous: true; languages: HelplineLanguage[]; chat: string; text: string };
  emergency: { number: '112'; text: string };
  network: { id: string; name: string } | null;
  nearestNetwork: { id: string; name: string; distanceKm: number } | null;
  referent: PublicSportello | null;
  nextOpening: { at: Date; sportello: { name: string }; kind: 'in_person' } | null;
  sportelli: PublicSportello[];
}

/** One day of in-person opening hours (for the page's week view). */
export interface DayHours {
  /** Local midnight (Europe/Rome) of the day. */
  day: Date;
  intervals: { from: Date; to: Date; comment: string | null }[];
}

export interface HelpView {
  answer: HelpAnswer;
  /** In-person hours of the next 7 days of each sportello shown (only when asked). */
  weeks: Map<PublicSportello, DayHours[]>;
}

export const HELPLINE_CHAT = 'https://www.1522.eu';

function present(s: SportelloState): PublicSportello {
  const inPerson = s.inPerson;
  return {
    name: s.name,
    organisation: { name: s.organisation.name, type: s.organisation.type },
    address: s.address,
    comune: { istatCode: s.comune.istatCode, name: s.comune.name },
    lat: s.lat,
    lon: s.lon,
    distanceKm: s.distanceKm,
    phones: [...s.phones],
    email: s.email,
    openingHours: s.openingHours,
    phoneHours: s.phoneHours,
    h24: s.h24,
    openNow: !!inPerson?.open,
    closesAt: inPerson?.open ? inPerson.closesAt : null,
    nextOpening: inPerson && !inPerson.open ? inPerson.nextOpening : null,
    phoneOpenNow: !!s.phone?.open,
    languages: [...s.languages],
    services: [...s.services],
    accessibility: [...s.accessibility],
  };
}

function earliestOpening(list: PublicSportello[]): HelpAnswer['nextOpening'] {
  if (list.some((s) => s.openNow)) return null;
  let best: HelpAnswer['nextOpening'] = null;
  for (const s of list) {
    if (s.nextOpening && (!best || s.nextOpening < best.at)) best = { at: s.nextOpening, sportello: { name: s.name }, kind: 'in_person' };
  }
  return best;
}

/** In-person hours from the local midnight of `at`, seven days, each interval clipped to its day. */
function weekOf(expression: string, closures: Parameters<typeof Hours.of>[1], at: Date): DayHours[] {
  const hours = Hours.of(expression, closures);
  // The process runs in Europe/Rome (Hours checks it): local dates are Rome's, DST included.
  const days = Array.from({ length: 8 }, (_, i) => new Date(at.getFullYear(), at.getMonth(), at.getDate() + i));
  const open = hours.intervals(days[0]!, days[7]!);
  return days.slice(0, 7).map((day, i) => {
    const end = days[i + 1]!;
    return {
      day,
      intervals: open
        .filter((o) => o.from < end && o.to > day)
        .map((o) => ({ from: o.from > day ? o.from : day, to: o.to < end ? o.to : end, comment: o.comment })),
    };
  });
}

export async function publicHelp(
  db: DbOrTx,
  q: { comune: string; at: Date; lang: PublicLanguage },
  options: { week?: boolean } = {},
): Promise<HelpView> {
  const territory = await territoryAt(db, q.comune, q.at);
  if (!territory) throw new AppError('comune_not_found');
  const texts = helpTexts[q.lang];
  const sources = new Map<PublicSportello, SportelloState>();
  const show = (s: SportelloState) => {
    const p = present(s);
    sources.set(p, s);
    return p;
  };

  const publicSportelli = territory.sportelli.filter((s) => s.visibility === 'public').map(show);
  const referentState = territory.referent?.visibility === 'public' ? territory.referent : null;
  // The same object when the referent is also in the list (the page shows it once).
  let referent = referentState && (publicSportelli.find((p) => sources.get(p)!.id === referentState.id) ?? show(referentState));
  let sportelli = publicSportelli;
  let nearestNetwork: HelpAnswer['nearestNetwork'] = null;
  if (territory.nearest && territory.network) {
    // Not her referent: the nearest network's public points, its referent among them, nearest first.
    sportelli = referent && !publicSportelli.includes(referent) ? [...publicSportelli, referent].sort((a, b) => a.distanceKm - b.distanceKm) : publicSportelli;
    referent = null;
    if (sportelli.length) nearestNetwork = { id: territory.network.id, name: territory.network.name, distanceKm: Math.min(...sportelli.map((s) => s.distanceKm)) };
  }
  const nextOpening: HelpAnswer['nextOpening'] = referent
    ? !referent.openNow && referent.nextOpening
      ? { at: referent.nextOpening, sportello: { name: referent.name }, kind: 'in_person' }
      : null
    : earliestOpening(sportelli);

  const answer: HelpAnswer = {
    comune: { istatCode: territory.comune.istatCode, name: territory.comune.name, provinceSigla: territory.comune.provinceSigla },
    at: q.at,
    lang: q.lang,
    helpline: { number: '1522', free: true, h24: true, anonymous: true, languages: [...helplineLanguages], chat: HELPLINE_CHAT, text: texts.helplineText },
    emergency: { number: '112', text: texts.emergencyText },
    network: territory.nearest || !territory.network ? null : { id: territory.network.id, name: territory.network.name },
    nearestNetwork,
    referent,
    nextOpening,
    sportelli,
  };

  const weeks = new Map<PublicSportello, DayHours[]>();
  if (options.week) {
    const shown = [...(referent ? [referent] : []), ...sportelli];
    const closures = await publicClosures(db, shown.map((s) => sources.get(s)!.id));
    for (const s of shown) {
      const source = sources.get(s)!;
      if (!s.openingHours || !closures.has(source.id)) continue;
      try {
        weeks.set(s, weekOf(s.openingHours, closures.get(source.id)!, q.at));
      } catch {
        // A stored expression that no longer parses or is beyond the limits (hours-limits.ts): no week shown.
      }
    }
  }
  return { answer, weeks };
}
