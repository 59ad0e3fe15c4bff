import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityFeatures, directoryServices, publicLanguages } from '../../src/shared/directory.js';
import { ConfigError, loadConfig } from '../../src/server/platform/config.js';
import { Html, html, telHref } from '../../src/server/modules/help/help.html.js';
import { renderPage } from '../../src/server/modules/help/help.page.js';
import { type HelpTexts, helpTexts } from '../../src/server/modules/help/help.texts.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { createSportello } from '../support/directory.js';
import { insertOrganisation, setOrganisationNetworks } from '../../src/server/modules/organisations/index.js';
import { CANARIES, HELP_COMUNI as C, createHelpWorld, type HelpWorld, nextAddress } from '../support/help-world.js';

let t: TestApp;
let w: HelpWorld;

beforeAll(async () => {
  t = await buildTestApp();
  w = await createHelpWorld(t);
});
afterAll(() => t.close());

async function page(url: string) {
  const res = await t.app.inject({ method: 'GET', url, remoteAddress: nextAddress() });
  return { status: res.statusCode, headers: res.headers, text: res.body };
}
const answerUrl = (comune: string, at: string, lang = 'it') => `/aiuto?comune=${comune}&at=${encodeURIComponent(at)}&lang=${lang}`;
const MONDAY_10 = '2026-11-23T10:00:00+01:00';
const TUESDAY_10 = '2026-11-24T10:00:00+01:00';
/** The visible text of a page, roughly: tags dropped, entities kept. */
const visible = (markup: string) => markup.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');

function expectSafePage(res: { status: number; headers: Record<string, unknown>; text: string }) {
  expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(res.headers['set-cookie']).toBeUndefined();
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  expect(res.headers['x-robots-tag']).toBe('noindex, nofollow');
  expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
  const body = res.text;
  expect(body).toContain('<meta name="robots" content="noindex, nofollow, noarchive">');
  expect(body).toMatch(/<a id="quick-exit" class="quick-exit" href="https:\/\/www\.google\.com\/search\?q=meteo" rel="noreferrer">/);
  // The quick exit comes before everything but the skip link; 1522 and 112 before the search.
  expect(body.indexOf('id="quick-exit"')).toBeLessThan(body.indexOf('<main'));
  expect(body.indexOf('href="tel:1522"')).toBeGreaterThan(0);
  expect(body.indexOf('href="tel:1522"')).toBeLessThan(body.indexOf('<form'));
  expect(body.indexOf('href="tel:112"')).toBeLessThan(body.indexOf('<form'));
  // Only our own script and stylesheet; nothing inline, nothing from elsewhere.
  expect(body.match(/<script\b[^>]*>/g)).toEqual(['<script src="/aiuto/assets/help.js" defer>']);
  expect(body.match(/<link\b[^>]*>/g)).toEqual(['<link rel="stylesheet" href="/aiuto/assets/help.css">']);
  expect(body).not.toMatch(/<style|\sstyle=|\son[a-z]+=|<iframe|<img|src="http/i);
  for (const canary of CANARIES) expect(body, canary).not.toContain(canary);
  expect(body).not.toMatch(/undefined|NaN|Invalid Date|\{[a-z]+\}/);
}

describe('GET /aiuto', () => {
  it('serves the start page: neutral title, quick exit, 1522 and 112, the search form, the safety note; no cookie', async () => {
    const res = await page('/aiuto');
    expect(res.status).toBe(200);
    expectSafePage(res);
    expect(res.text).toMatch(/^<!doctype html>\n<html lang="it" dir="ltr">/);
    expect(res.text).toContain('<title>Informazioni utili</title>');
    expect(res.text).toContain('<a class="skip-link" href="#main">Vai al contenuto</a>');
    expect(res.text).toContain('<main id="main" tabindex="-1">');
    expect(res.text).toContain('<label for="q">Il tuo comune</label>');
    expect(res.text).toContain('>Esci subito</a>');
    expect(res.text).toContain('Come navigare in sicurezza');
    expect(res.text).toContain('Questa pagina non usa cookie');
    expect(t.routes.filter((r) => r.url.startsWith('/aiuto')).map((r) => `${r.method} ${r.url} ${r.access?.public}`).sort()).toEqual([
      'GET /aiuto true',
      'GET /aiuto/assets/help.css true',
      'GET /aiuto/assets/help.js true',
    ]);
  });

  it('lists the comuni matching a name as links to their answer, which open at the answer', async () => {
    const res = await page('/aiuto?q=forl');
    expect(res.status).toBe(200);
    expectSafePage(res);
    // The list's heading is where the page opens: the anchor every link and the form point at, focusable by help.js.
    expect(res.text).toContain('<h2 id="risultati" class="results-heading" tabindex="-1">Scegli il tuo comune</h2>');
    expect(res.text).toMatch(/<a data-nav href="\/aiuto\?comune=\d{6}&amp;lang=it#risultati">Forlì \(FC\)<\/a>/);
    expect(res.text).toMatch(/<a data-nav href="\/aiuto\?comune=\d{6}&amp;lang=it#risultati">Forlimpopoli \(FC\)<\/a>/);
    expect(res.text).toContain('<form id="search" class="search" method="get" action="/aiuto#risultati" role="search">');
    expect(res.text).toContain('value="forl"');
    const none = await page('/aiuto?q=zzzzqq&lang=en');
    expect(none.status).toBe(200);
    expect(none.text).toContain('No comune found with this name');
    const short = await page('/aiuto?q=a');
    expect(short.status).toBe(400);
    expectSafePage(short);
    expect(short.text).toContain('Scrivi almeno 2 lettere');
    expect(short.text).toContain('<p id="risultati" class="notice" role="status" tabindex="-1">Scrivi almeno 2 lettere');
  });

  it('goes straight to the answer when the name leaves no doubt, and keeps her comune in the box', async () => {
    // Exactly the name of one comune (Forlì, though Forlimpopoli and Forlì del Sannio also match), accents ignored.
    const exact = await page('/aiuto?q=forli');
    expect(exact.status).toBe(200);
    expectSafePage(exact);
    expect(exact.text).toContain('<h2 id="risultati" class="results-heading" tabindex="-1">Aiuto vicino a Forlì (FC)</h2>');
    expect(exact.text).not.toContain('Scegli il tuo comune');
    expect(exact.text).toContain('<input id="q" name="q" type="search" value="Forlì"');
    // The only comune that matches at all.
    const only = await page('/aiuto?q=modug');
    expect(only.text).toContain('Aiuto vicino a Modugno (BA)');
    expect(only.text).toContain('value="Modugno"');
    // Chosen from the list (by code): her comune's name is in the box, not an empty field.
    const chosen = await page(answerUrl(C.bari, MONDAY_10));
    expect(chosen.text).toContain('<input id="q" name="q" type="search" value="Bari"');
    expect(chosen.text).toContain('<section class="answer" aria-labelledby="risultati">');
  });

  it('renders the answer without JavaScript: open now, closes at 13:00, the week, the public sportelli', async () => {
    const res = await page(answerUrl(C.bari, MONDAY_10));
    expect(res.status).toBe(200);
    expectSafePage(res);
    const text = visible(res.text);
    expect(text).toContain('Aiuto vicino a Bari (BA)');
    expect(text).toContain('Aperture calcolate per lunedì 23 novembre alle 10:00, ora italiana.');
    expect(text).toContain('CAV Bari Centro');
    expect(text).toContain('Aperto ora · Chiude alle 13:00');
    expect(text).toContain('Al telefono risponde ora');
    // Her centre first, with one big call button; the network comes after it.
    expect(res.text).toContain('<a class="call-button call-centre" href="tel:0800001111">Chiama il centro <span dir="ltr">080 000 1111</span></a>');
    expect(res.text.match(/class="call-button call-centre"/g)).toHaveLength(1);
    expect(res.text.indexOf('call-centre')).toBeLessThan(res.text.indexOf('La rete antiviolenza del tuo territorio'));
    expect(res.text).toContain('<a class="tel" href="tel:0800002222" dir="ltr">080 000 2222</a>');
    expect(res.text).toContain('<a href="mailto:cav.bari@example.org">cav.bari@example.org</a>');
    expect(text).toContain('Consulenza legale');
    expect(text).toContain('Accesso senza gradini');
    expect(text).toMatch(/Lingue parlate\s+italiano, inglese, arabo/);
    expect(text).toMatch(/lunedì 23 novembre\s+9:00–13:00/);
    expect(text).toMatch(/martedì 24 novembre\s+chiuso/);
    expect(text).toMatch(/mercoledì 25 novembre\s+9:00–13:00/);
    expect(text).toContain('Sportello Modugno');
    expect(text).toMatch(/martedì 24 novembre\s+15:00–18:00/);
    expect(res.text.indexOf('CAV Bari Centro')).toBeLessThan(res.text.indexOf('Sportello Modugno'));
  });

  it('names the eleven languages 1522 answers in, and is itself readable in them and in Romanian and Chinese', async () => {
    const start = visible((await page('/aiuto')).text);
    expect(start).toContain('Il 1522 risponde in: italiano, inglese, francese, spagnolo, arabo, persiano, albanese, russo, ucraino, portoghese, polacco.');
    const en = visible((await page('/aiuto?lang=en')).text);
    expect(en).toContain('1522 answers in: Italian, English, French, Spanish, Arabic, Persian, Albanian, Russian, Ukrainian, Portuguese, Polish.');
    expect([...publicLanguages].sort()).toEqual(['ar', 'en', 'es', 'fa', 'fr', 'it', 'pl', 'pt', 'ro', 'ru', 'sq', 'uk', 'zh']);
    const fa = await page('/aiuto?lang=fa');
    expect(fa.text).toMatch(/^<!doctype html>\n<html lang="fa" dir="rtl">/);
    expect(fa.text).toContain('href="tel:112"');
  });

  it('says when she can go next: "Prossima apertura mercoledì 25 novembre alle 9:00", in every language', async () => {
    const it = visible((await page(answerUrl(C.bari, TUESDAY_10))).text);
    expect(it).toContain('Chiuso ora · Prossima apertura mercoledì 25 novembre alle 9:00');
    const en = visible((await page(answerUrl(C.bari, TUESDAY_10, 'en'))).text);
    expect(en).toContain('Closed now · Next opening Wednesday 25 November at 9:00');
    const fr = visible((await page(answerUrl(C.bari, TUESDAY_10, 'fr'))).text);
    expect(fr).toContain('Prochaine ouverture : mercredi 25 novembre à 9:00');
    // Farsi: the Gregorian calendar she lives by in Italy (25 November), not the Solar Hijri one.
    const fa = visible((await page(answerUrl(C.bari, TUESDAY_10, 'fa'))).text);
    expect(fa).toContain('بازگشایی بعدی: چهارشنبه 25 نوامبر، ساعت 9:00');
  });

  it('renders every language completely, with its lang and dir attributes and the language switch', async () => {
    for (const lang of publicLanguages) {
      for (const url of [`/aiuto?lang=${lang}`, answerUrl(C.bari, TUESDAY_10, lang), answerUrl(C.palermo, MONDAY_10, lang), answerUrl(C.milano, TUESDAY_10, lang)]) {
        const res = await page(url);
        expect(res.status, url).toBe(200);
        expectSafePage(res);
        expect(res.headers['content-language']).toBe(lang);
        expect(res.text).toContain(`<html lang="${lang}" dir="${lang === 'ar' || lang === 'fa' ? 'rtl' : 'ltr'}">`);
        expect(res.text).toContain(`<title>${helpTexts[lang].title}</title>`);
        expect(res.text).toContain(`>${helpTexts[lang].quickExit}</a>`);
        for (const other of publicLanguages) expect(res.text, `${url} → ${other}`).toMatch(new RegExp(`<a data-nav href="[^"]*lang=${other}" lang="${other}" hreflang="${other}"`));
        expect(res.text).toContain(' aria-current="true">');
      }
    }
  });

  it('keeps the neutral title neutral in every language', () => {
    for (const lang of publicLanguages) expect(helpTexts[lang].title).not.toMatch(/violen|violên|aiut|help|abus|1522|112|насил|عنف|خشونت|暴力|dhun|przemoc|pomoc|ajuda|ayuda|помощ|کمک/i);
  });

  it('shows the uncovered, nearest-network and reserved-referent cases without leaking', async () => {
    const palermo = visible((await page(answerUrl(C.palermo, MONDAY_10))).text);
    expect(palermo).toContain('Per Palermo non risulta ancora una rete antiviolenza');
    expect(palermo).toMatch(/La rete più vicina è .+, a circa \d+(,\d)? km\./);
    // Hundreds of kilometres away is not "di riferimento"; and there is always a number to call.
    expect(palermo).not.toContain('di riferimento');
    expect(palermo).toContain('Centri antiviolenza più vicini, fuori dal tuo territorio');
    const palermoPage = (await page(answerUrl(C.palermo, MONDAY_10))).text;
    const answer = palermoPage.slice(palermoPage.indexOf('<section class="answer"'));
    expect(answer).toContain('href="tel:1522"');
    expect(answer).not.toContain('call-centre');
    const milano = visible((await page(answerUrl(C.milano, '2026-11-28T10:00:00+01:00'))).text);
    expect(milano).toContain('I recapiti del centro di riferimento non sono pubblici');
    expect(milano).toContain('Prossima apertura lunedì 30 novembre alle 9:00: Sportello Milano Pubblico');
    const muggia = await page(answerUrl(C.muggia, MONDAY_10));
    expectSafePage(muggia);
    expect(muggia.text).not.toContain('Rete Giuliana Nascosta');
    expect(muggia.text).not.toContain('Il centro antiviolenza di riferimento');
  });

  it('answers bad input with the page itself (1522 and 112 still there), never a 500', async () => {
    const cases: [string, number, string][] = [
      ['/aiuto?comune=999999', 404, 'Comune non trovato'],
      ['/aiuto?comune=abc', 400, 'La richiesta non è valida'],
      [`/aiuto?comune=${C.bari}&at=garbage`, 400, 'La richiesta non è valida'],
      [`/aiuto?comune=${C.bari}&at=2026-02-30T10:00:00Z`, 400, 'La richiesta non è valida'],
      ['/aiuto?lang=xx', 200, 'Trova aiuto vicino a te'],
      [`/aiuto?comune=${C.bari}&comune=${C.milano}&at=${encodeURIComponent(MONDAY_10)}`, 200, 'Aiuto vicino a Bari'],
      [`/aiuto?q=${'x'.repeat(500)}`, 400, 'Scrivi almeno 2 lettere'],
    ];
    for (const [url, status, text] of cases) {
      const res = await page(url);
      expect(res.status, url).toBe(status);
      expectSafePage(res);
      expect(res.text, url).toContain(text);
    }
  });

  it('shows the centres first and folds the other services under "Altri servizi", with one consistent availability line each', async () => {
    const cpi = await insertOrganisation(t.db, { name: 'Centro per l’impiego di Prova', type: 'cpi' });
    await setOrganisationNetworks(t.db, cpi, [w.network]);
    // Phone hours known (closed on Monday morning), opening hours not given: once this read
    // "Orari non indicati: chiama per informazioni" next to "Al telefono ora non risponde".
    await createSportello(t, cpi, { name: 'Sportello Lavoro Prova', comuneCode: C.bari, address: 'Via Lavoro 5', phones: ['080 000 5555'], phoneHours: 'Sa 09:00-12:00', services: ['orientamento_lavoro'] });
    const res = await page(answerUrl(C.bari, MONDAY_10));
    expect(res.status).toBe(200);
    expectSafePage(res);
    const folded = res.text.slice(res.text.indexOf('<details class="other-services">'));
    expect(folded).toMatch(/^<details class="other-services"><summary>Altri servizi \(1\)<\/summary>/);
    expect(folded).toContain('Sportello Lavoro Prova');
    // The centres are above the fold, the job centre only inside it.
    expect(res.text.indexOf('Sportello Modugno')).toBeLessThan(res.text.indexOf('<details class="other-services">'));
    expect(res.text.indexOf('Sportello Lavoro Prova')).toBeGreaterThan(res.text.indexOf('<details class="other-services">'));
    // One availability line per place, never "call" beside "not answered now".
    const articles = res.text.split('<article class="place').slice(1);
    expect(articles.length).toBe(3);
    for (const a of articles) {
      expect(a.match(/<p class="status/g), a.slice(0, 80)).toHaveLength(1);
      expect(a.includes(helpTexts.it.hoursUnknown) && a.includes(helpTexts.it.phoneClosedNow)).toBe(false);
    }
    expect(visible(folded)).toContain('Sportello Lavoro Prova');
    expect(folded).toContain('<p class="status">Al telefono ora non risponde</p>');
    expect(visible(res.text)).toContain('Chiuso ora · Prossima apertura martedì 24 novembre alle 15:00 · Al telefono ora non risponde');
    // Nothing at all known: the one line says to call.
    await createSportello(t, cpi, { name: 'Sportello Casa Prova', comuneCode: C.bari, phones: ['080 000 6666'] });
    const again = await page(answerUrl(C.bari, MONDAY_10, 'en'));
    expect(again.text).toContain('<summary>Other services (2)</summary>');
    expect(again.text).toContain('<p class="status">Opening times not given: call for information.</p>');
  });

  it('escapes every value it prints', async () => {
    await createSportello(t, w.orgs.cavA, {
      name: '<script>alert("x")</script> & "Q"',
      comuneCode: C.modugno,
      address: '<img src=x onerror=alert(1)>',
      phones: ['080 000 4444'],
      openingHours: 'Mo 09:00-10:00 "<b>su appuntamento</b>"',
    });
    const res = await page(answerUrl(C.bari, '2026-11-23T09:30:00+01:00'));
    expect(res.status).toBe(200);
    expect(res.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Q&quot;');
    expect(res.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(res.text).toContain('(&lt;b&gt;su appuntamento&lt;/b&gt;)');
    expect(res.text).not.toContain('<script>alert');
    expect(res.text).not.toContain('<img');
    expect(res.text).not.toContain('<b>');
    const reflected = await page(`/aiuto?q=${encodeURIComponent('"><script>alert(1)</script>')}&lang=en`);
    expect(reflected.text).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(reflected.text).not.toContain('<script>alert(1)');
  });

  it('serves its own CSS and JS, never cached, no cookie', async () => {
    const css = await page('/aiuto/assets/help.css');
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['cache-control']).toBe('no-store');
    expect(css.headers['set-cookie']).toBeUndefined();
    expect(css.text).not.toMatch(/@import|url\(|https?:/); // no fonts or images from anywhere
    const js = await page('/aiuto/assets/help.js');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('no-store');
    expect(js.text).toContain('location.replace');
    expect(js.text).toContain("'Shift'");
    expect(js.text).not.toMatch(/innerHTML|https?:\/\//);
    expect(js.text).toContain("getElementById('risultati')");
    // The triple-Shift hint is for keyboards only: hidden on touch screens.
    expect(css.text).toMatch(/@media \(pointer: coarse\) \{ \.shift-hint \{ display: none !important; \} \}/);
  });

  it('keeps only the exit in the sticky bar: the Shift hint waits for JavaScript, the languages are a folded list of plain links', async () => {
    for (const lang of publicLanguages) {
      const res = await page(answerUrl(C.bari, MONDAY_10, lang));
      const t = helpTexts[lang];
      const header = res.text.slice(res.text.indexOf('<header class="top">'), res.text.indexOf('</header>'));
      expect(header, lang).toContain('id="quick-exit"');
      expect(header, lang).toContain(`<p id="quick-exit-hint" class="hint shift-hint" hidden>${t.quickExitShift}</p>`);
      expect(header, lang).not.toContain('hreflang');
      // Without JavaScript the exit is a plain link that stays in the history: the line beside it says what to do.
      expect(res.text, lang).toContain(`</header>\n<p class="exit-note">${t.quickExitHistory}</p>`);
      const nav = res.text.slice(res.text.indexOf('<nav class="languages"'), res.text.indexOf('</nav>'));
      expect(nav, lang).toMatch(/^<nav class="languages" aria-label="[^"]+">\n<details><summary>/);
      expect(nav, lang).not.toContain('<details open');
      expect(nav.match(/<a data-nav href="/g), lang).toHaveLength(publicLanguages.length);
      expect(nav, lang).toContain(`>${t.languages}: <span lang="${lang}">`);
      expect(res.text.indexOf('<nav class="languages"'), lang).toBeLessThan(res.text.indexOf('<main'));
    }
    expect(helpTexts.it.quickExitHistory).toMatch(/cronologia.*navigazione privata/);
    expect(helpTexts.en.quickExitHistory).toMatch(/history.*private/);
  });

});

describe('help texts', () => {
  const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  const flat = (texts: HelpTexts): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(texts)) {
      if (typeof v === 'string') out[k] = v;
      else for (const [k2, v2] of Object.entries(v as Record<string, string>)) out[`${k}.${k2}`] = v2;
    }
    return out;
  };
  const italian = flat(helpTexts.it);

  it('has every text in every language, with the same placeholders and the numbers 1522 and 112', () => {
    expect(Object.keys(helpTexts).sort()).toEqual([...publicLanguages].sort());
    expect(Object.keys(helpTexts.it.serviceLabels).sort()).toEqual([...directoryServices].sort());
    expect(Object.keys(helpTexts.it.accessibilityLabels).sort()).toEqual([...accessibilityFeatures].sort());
    // The Italian texts that carry each number: every translation carries it in the same texts.
    const carrying = (number: string) => Object.keys(italian).filter((key) => italian[key]!.includes(number));
    expect(carrying('1522').length).toBeGreaterThan(2);
    expect(carrying('112').length).toBeGreaterThan(0);
    for (const lang of publicLanguages) {
      const texts = flat(helpTexts[lang]);
      expect(Object.keys(texts).sort(), lang).toEqual(Object.keys(italian).sort());
      for (const [key, value] of Object.entries(texts)) {
        expect(value.trim(), `${lang}.${key}`).toBe(value);
        expect(value.length, `${lang}.${key}`).toBeGreaterThan(0);
        expect(placeholders(value), `${lang}.${key}`).toEqual(placeholders(italian[key]!));
      }
      for (const number of ['1522', '112']) for (const key of carrying(number)) expect(texts[key], `${lang}.${key}`).toContain(number);
    }
  });

  it('is translated, not copied from Italian', () => {
    for (const lang of publicLanguages.filter((l) => l !== 'it')) {
      const texts = flat(helpTexts[lang]);
      const same = Object.keys(italian).filter((k) => texts[k] === italian[k] && !/^[\d\s–-]+$/.test(italian[k]!));
      // Only words that are the same in both languages ("Email", "Servizi"…) may match.
      expect(same.length, `${lang}: ${same.join(', ')}`).toBeLessThanOrEqual(3);
    }
  });
});

describe('page building blocks', () => {
  it('the html tag escapes values and keeps nested fragments', () => {
    expect(html`<p title="${`"'<>&\``}">${'<b>'}</p>`.value).toBe('<p title="&quot;&#39;&lt;&gt;&amp;&#96;">&lt;b&gt;</p>');
    expect(html`<ul>${['a<', 'b'].map((x) => html`<li>${x}</li>`)}</ul>`.value).toBe('<ul><li>a&lt;</li><li>b</li></ul>');
    expect(html`${null}${undefined}${false}${0}`.value).toBe('0');
    expect(html`${new Html('<i>ok</i>')}`.value).toBe('<i>ok</i>');
    expect(telHref('+39 080 000.11/11')).toBe('tel:+390800001111');
    expect(telHref('080 000 1111')).toBe('tel:0800001111');
  });

  it('takes the quick-exit address from QUICK_EXIT_URL, an http(s) URL only', () => {
    const base = { NODE_ENV: 'test', SESSION_SECRET: randomBytes(32).toString('base64url'), TRAMA_MASTER_KEY: randomBytes(32).toString('base64'), AUDIT_HMAC_KEY: randomBytes(32).toString('base64'), DATA_DIR: '/nonexistent' };
    expect(loadConfig(base).quickExitUrl).toBe('https://www.google.com/search?q=meteo');
    expect(loadConfig({ ...base, QUICK_EXIT_URL: 'https://www.ilmeteo.it/' }).quickExitUrl).toBe('https://www.ilmeteo.it/');
    for (const bad of ['javascript:alert(1)', 'ftp://example.org/', 'not a url', '/relative']) {
      expect(() => loadConfig({ ...base, QUICK_EXIT_URL: bad }), bad).toThrow(ConfigError);
    }
    const markup = renderPage({ lang: 'en', quickExitUrl: 'https://example.org/a?b=1&c="2"', params: {}, state: { kind: 'start' } });
    expect(markup).toContain('<a id="quick-exit" class="quick-exit" href="https://example.org/a?b=1&amp;c=&quot;2&quot;" rel="noreferrer">Quick exit</a>');
  });
});
