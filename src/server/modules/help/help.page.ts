import type { AccessibilityFeature, DirectoryService, PublicLanguage } from '../../../shared/directory.js';
import type { OrganisationType } from '../../../shared/domain.js';
import type { ComuneMatch } from '../directory/index.js';
import type { DayHours, HelpView, PublicSportello } from './help.service.js';
import { HELPLINE_CHAT } from './help.service.js';
import { type HelpTexts, fill, helpTexts, languageNames, rtlLanguages } from './help.texts.js';
import { Html, formatDay, formatEnd, formatTime, html, languageName, telHref } from './help.html.js';
import { helplineLanguages, publicLanguages } from '../../../shared/directory.js';

/**
 * The server-rendered "Trova aiuto" page: complete without JavaScript (the
 * answer is in the HTML), neutral title, quick exit first in the page, no
 * inline script or style (the CSP allows only our own files), every value
 * escaped by the `html` tag.
 */

export const PAGE_PATH = '/aiuto';
export const CSS_PATH = '/aiuto/assets/help.css';
export const JS_PATH = '/aiuto/assets/help.js';

export type PageState =
  | { kind: 'start' }
  | { kind: 'results'; matches: ComuneMatch[] }
  | { kind: 'tooShort' }
  | { kind: 'notFound' }
  | { kind: 'invalid' }
  | { kind: 'limited' }
  | { kind: 'unavailable' }
  | { kind: 'answer'; view: HelpView };

export interface PageInput {
  lang: PublicLanguage;
  quickExitUrl: string;
  /** The page's own query parameters (kept by the language switch). */
  params: { q?: string; comune?: string; at?: string };
  state: PageState;
}

/**
 * Where the answer starts (the heading of the results, the answer or the
 * notice): links and the search form point at it, so after choosing her
 * comune she lands on it, not ~900 px above it (help.js also focuses it).
 */
export const RESULTS_ID = 'risultati';

function pageUrl(params: Record<string, string | undefined>, anchor?: string): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
  const s = search.toString();
  return (s ? `${PAGE_PATH}?${s}` : PAGE_PATH) + (anchor ? `#${anchor}` : '');
}

const resultsHeading = (text: string) => html`<h2 id="${RESULTS_ID}" class="results-heading" tabindex="-1">${text}</h2>`;
const notice = (text: string) => html`<p id="${RESULTS_ID}" class="notice" role="status" tabindex="-1">${text}</p>`;

const numberFormats = new Map<PublicLanguage, Intl.NumberFormat>();
function km(value: number, lang: PublicLanguage): string {
  let f = numberFormats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(lang, { maximumFractionDigits: 1, numberingSystem: 'latn' });
    numberFormats.set(lang, f);
  }
  return f.format(value);
}

function when(date: Date, t: HelpTexts, lang: PublicLanguage): string {
  return fill(t.dayAtTime, { day: formatDay(date, lang), time: formatTime(date, lang) });
}

/** In person: open (until when), closed (next opening), or nothing known. */
function inPerson(s: PublicSportello, t: HelpTexts, lang: PublicLanguage): Html | null {
  if (s.openNow) return html`<strong>${t.openNow}</strong>${s.closesAt ? html` · ${fill(t.closesAt, { time: formatTime(s.closesAt, lang) })}` : ''}`;
  if (!s.openingHours) return null;
  return html`<strong>${t.closedNow}</strong>${s.nextOpening ? html` · ${fill(t.nextOpening, { when: when(s.nextOpening, t, lang) })}` : ''}`;
}

/** On the phone: always, now, not now (when its hours are known), or nothing known. */
function byPhone(s: PublicSportello, t: HelpTexts): string | null {
  if (!s.phones.length) return null;
  return s.h24 ? t.phone24h : s.phoneOpenNow ? t.phoneOpenNow : s.phoneHours || s.openingHours ? t.phoneClosedNow : null;
}

/**
 * Whether she can go or call now, as one line. "Hours not given: call" is
 * said only when nothing at all is known, so it never sits next to "the
 * phone is not answered now".
 */
function availability(s: PublicSportello, t: HelpTexts, lang: PublicLanguage): Html {
  const visit = inPerson(s, t, lang);
  const phone = byPhone(s, t);
  const kind = s.openNow ? ' status-open' : visit ? ' status-closed' : '';
  if (!visit && !phone) return html`<p class="status">${t.hoursUnknown}</p>`;
  return html`<p class="status${kind}">${visit}${visit && phone ? ' · ' : ''}${phone}</p>`;
}

function week(days: DayHours[] | undefined, t: HelpTexts, lang: PublicLanguage): Html | null {
  if (!days) return null;
  return html`<details class="week"><summary>${t.week}</summary><ul>${days.map(
    (d) =>
      html`<li><span class="day">${formatDay(d.day, lang)}</span> <span class="hours">${
        d.intervals.length
          ? d.intervals.map((i, n) => html`${n ? ', ' : ''}<span dir="ltr">${formatTime(i.from, lang)}–${formatEnd(i.to, lang)}</span>${i.comment ? ` (${i.comment})` : ''}`)
          : t.closedDay
      }</span></li>`,
  )}</ul></details>`;
}

/**
 * One point of access. The first centre shown (`main`) gets one big call
 * button with its first number; its other numbers stay plain links.
 */
function place(s: PublicSportello, view: HelpView, t: HelpTexts, lang: PublicLanguage, main = false): Html {
  const services = s.services.map((c) => t.serviceLabels[c as DirectoryService] ?? c);
  const access = s.accessibility.map((c) => t.accessibilityLabels[c as AccessibilityFeature] ?? c);
  const where = [s.address, s.comune.name].filter(Boolean).join(', ');
  const [first, ...rest] = s.phones;
  const call = main && first ? html`<a class="call-button call-centre" href="${telHref(first)}">${t.callCentre} <span dir="ltr">${first}</span></a>` : null;
  const phones = call ? rest : s.phones;
  return html`<article class="place${main ? ' place-main' : ''}">
<h4>${s.name}</h4>
<p class="org">${s.organisation.name}</p>
${availability(s, t, lang)}
${call}
<dl>
<dt>${t.address}</dt><dd>${where} <span class="distance">(${fill(t.distance, { km: km(s.distanceKm, lang) })})</span></dd>
${phones.length ? html`<dt>${t.phone}</dt><dd>${phones.map((p) => html`<a class="tel" href="${telHref(p)}" dir="ltr">${p}</a> `)}</dd>` : null}
${s.email ? html`<dt>${t.email}</dt><dd><a href="mailto:${s.email}">${s.email}</a></dd>` : null}
${s.languages.length ? html`<dt>${t.spokenLanguages}</dt><dd>${s.languages.map((l) => languageName(l, lang)).join(', ')}</dd>` : null}
${services.length ? html`<dt>${t.services}</dt><dd>${services.join(', ')}</dd>` : null}
${access.length ? html`<dt>${t.accessibility}</dt><dd>${access.join(', ')}</dd>` : null}
</dl>
${week(view.weeks.get(s), t, lang)}
</article>`;
}

/** Organisations whose points are anti-violence centres; every other kind (job centre, housing, lawyers…) is "Altri servizi". */
const antiViolence: ReadonlySet<OrganisationType> = new Set(['cav', 'casa_rifugio']);
const isCentre = (s: PublicSportello) => antiViolence.has(s.organisation.type);

const placeList = (list: PublicSportello[], view: HelpView, t: HelpTexts, lang: PublicLanguage, mainFirst = false) =>
  html`<ul class="places">${list.map((s, i) => html`<li>${place(s, view, t, lang, mainFirst && i === 0)}</li>`)}</ul>`;

/** The other services, folded: the centres come first and stay in view. */
function otherServices(list: PublicSportello[], view: HelpView, t: HelpTexts, lang: PublicLanguage): Html | null {
  if (!list.length) return null;
  return html`<details class="other-services"><summary>${t.otherServices} (${list.length})</summary>${placeList(list, view, t, lang)}</details>`;
}

/** The public sportelli but the referent (already shown above it): centres, then the other services folded. */
function others(list: PublicSportello[], hasReferent: boolean, view: HelpView, t: HelpTexts, lang: PublicLanguage): Html | null {
  const centres = list.filter(isCentre);
  const more = otherServices(list.filter((s) => !isCentre(s)), view, t, lang);
  if (!centres.length) return html`${hasReferent ? null : html`<h3>${t.sportelliTitle}</h3><p>${t.noSportelli}</p>`}${more}`;
  // Without a public referent, the nearest centre gets the call button.
  return html`<h3>${t.sportelliTitle}</h3>${placeList(centres, view, t, lang, !hasReferent)}${more}`;
}

function answerSection(view: HelpView, t: HelpTexts, lang: PublicLanguage): Html {
  const a = view.answer;
  const comune = `${a.comune.name} (${a.comune.provinceSigla})`;
  const networkText = a.network
    ? html`<p>${fill(t.networkCovers, { comune: a.comune.name, network: a.network.name })}</p>`
    : html`<p>${fill(t.notCovered, { comune: a.comune.name })}</p>${
        a.nearestNetwork ? html`<p>${fill(t.nearestNetwork, { network: a.nearestNetwork.name, km: km(a.nearestNetwork.distanceKm, lang) })}</p>` : null
      }`;
  const referent = a.referent
    ? place(a.referent, view, t, lang, true)
    : html`<p>${t.referentNotPublic}</p>${
        a.nextOpening ? html`<p class="status status-closed">${fill(t.nextOpening, { when: when(a.nextOpening.at, t, lang) })}: ${a.nextOpening.sportello.name}</p>` : null
      }`;
  const centres = a.sportelli.filter(isCentre);
  // The centre first (its call button in view), then the network it belongs to, then the rest.
  return html`<section class="answer" aria-labelledby="${RESULTS_ID}">
${resultsHeading(fill(t.answerTitle, { comune }))}
<p class="evaluated">${fill(t.evaluatedAt, { when: when(a.at, t, lang) })}</p>
${a.network ? html`<h3>${t.referentTitle}</h3>${referent}` : null}
${
  // Outside every network: the nearest network's public centres, never called "of reference" and
  // without the big call button (hundreds of kilometres away, 1522 is the number she should call).
  !a.network && centres.length ? html`<h3>${t.nearestTitle}</h3>${placeList(centres, view, t, lang)}` : null
}
<h3>${t.networkTitle}</h3>
${networkText}
${a.network ? others(a.sportelli.filter((s) => s !== a.referent), !!a.referent, view, t, lang) : otherServices(a.sportelli.filter((s) => !isCentre(s)), view, t, lang)}
<p class="call-again"><strong>${t.phone}:</strong> <a class="tel" href="tel:1522" dir="ltr">1522</a> — ${t.helplineText}</p>
<p><a data-nav href="${pageUrl({ lang })}">${t.searchAgain}</a></p>
</section>`;
}

function stateSection(input: PageInput, t: HelpTexts): Html | null {
  const { state, lang } = input;
  switch (state.kind) {
    case 'start':
      return null;
    case 'answer':
      return answerSection(state.view, t, lang);
    case 'results':
      if (!state.matches.length) return notice(t.searchNoResults);
      return html`<section aria-labelledby="${RESULTS_ID}">${resultsHeading(t.searchResults)}<ul class="results">${state.matches.map(
        (m) =>
          html`<li><a data-nav href="${pageUrl({ comune: m.istatCode, lang }, RESULTS_ID)}">${m.name}${m.nameAlt ? ` / ${m.nameAlt}` : ''} (${m.provinceSigla})</a> <span class="region">${m.regionName}</span></li>`,
      )}</ul></section>`;
    case 'tooShort':
      return notice(t.searchTooShort);
    case 'notFound':
      return notice(t.comuneNotFound);
    case 'invalid':
      return notice(t.badRequest);
    case 'limited':
      return notice(t.tooManyRequests);
    case 'unavailable':
      return notice(t.unavailable);
  }
}

export function renderPage(input: PageInput): string {
  const { lang, params } = input;
  const t = helpTexts[lang];
  const languageLinks = publicLanguages.map(
    (l) =>
      html`<li><a data-nav href="${pageUrl({ ...params, lang: l })}" lang="${l}" hreflang="${l}"${rtlLanguages.has(l) ? html` dir="rtl"` : ''}${l === lang ? html` aria-current="true"` : ''}>${languageNames[l]}</a></li>`,
  );
  const page = html`<!doctype html>
<html lang="${lang}" dir="${rtlLanguages.has(lang) ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow, noarchive">
<meta name="referrer" content="no-referrer">
<title>${t.title}</title>
<link rel="stylesheet" href="${CSS_PATH}">
<script src="${JS_PATH}" defer></script>
</head>
<body>
<a class="skip-link" href="#main">${t.skipLink}</a>
<header class="top">
<a id="quick-exit" class="quick-exit" href="${input.quickExitUrl}" rel="noreferrer">${t.quickExit}</a>
<p id="quick-exit-hint" class="hint shift-hint" hidden>${t.quickExitShift}</p>
</header>
<p class="exit-note">${t.quickExitHistory}</p>
<nav class="languages" aria-label="${t.languages}">
<details><summary>${t.languages}: <span lang="${lang}">${languageNames[lang]}</span>${
    lang === 'en' ? null : html` <span lang="en">(Language)</span>`
  }</summary><ul>${languageLinks}</ul></details>
</nav>
<main id="main" tabindex="-1">
<h1>${t.heading}</h1>
<p class="intro">${t.intro}</p>
<section class="calls" aria-label="1522 · 112">
<div class="call call-1522">
<h2>${t.helplineTitle}</h2>
<p>${t.helplineText}</p>
<p class="helpline-languages">${fill(t.helplineLanguages, { languages: helplineLanguages.map((l) => languageName(l, lang)).join(', ') })}</p>
<a class="call-button" href="tel:1522">${t.helplineCall}</a>
<p class="chat"><a href="${HELPLINE_CHAT}" rel="noreferrer">${t.helplineChat}</a></p>
</div>
<div class="call call-112">
<h2>${t.emergencyTitle}</h2>
<p>${t.emergencyText}</p>
<a class="call-button" href="tel:112">${t.emergencyCall}</a>
</div>
</section>
<form id="search" class="search" method="get" action="${PAGE_PATH}#${RESULTS_ID}" role="search">
<label for="q">${t.searchLabel}</label>
<p id="q-hint" class="hint">${t.searchHint}</p>
<div class="search-row">
<input id="q" name="q" type="search" value="${input.state.kind === 'answer' ? input.state.view.answer.comune.name : (params.q ?? '')}" maxlength="100" autocomplete="off" spellcheck="false" aria-describedby="q-hint">
<input type="hidden" name="lang" value="${lang}">
<button type="submit">${t.searchButton}</button>
</div>
<div id="suggestions" class="suggestions" aria-live="polite" data-label="${t.suggestions}" data-lang="${lang}"></div>
</form>
${stateSection(input, t)}
<section class="safety" aria-labelledby="h-safety">
<h2 id="h-safety">${t.safetyTitle}</h2>
<ul>
<li>${t.safetyPrivate}</li>
<li>${t.safetyHistory}</li>
<li>${t.safetyNoCookies}</li>
<li>${t.safetyExit}</li>
</ul>
</section>
</main>
</body>
</html>
`;
  return page.value;
}
