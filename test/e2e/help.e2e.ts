/**
 * Browser journey of the public "Trova aiuto" page, on a phone screen, in
 * Debian's Chromium driven by playwright-core: search a comune by name, open
 * the answer, 1522 and 112 in view, axe (WCAG 2.1 AA) on every screen, the
 * quick exit (button and Shift three times) leaving no history entry, the
 * page without JavaScript — and no request leaving localhost: every request
 * to another origin is aborted and recorded (the quick-exit site is answered
 * locally by the test, standing in for the neutral site).
 * Run: npm run test:e2e (node's test runner).
 */
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../seeds/demo/demo.js';
import { type E2EServer, it, seriousViolations, startE2E, totpCode } from './harness.js';

const PORT = Number(process.env.E2E_HELP_PORT ?? 3932);
const base = `http://localhost:${PORT}`;
/** The quick-exit site: never reached, the test answers it (see `exitSite`). */
const EXIT_ORIGIN = 'https://meteo.example';
const EXIT_URL = `${EXIT_ORIGIN}/oggi`;
const PHONE = { width: 390, height: 844 };
let e2e: E2EServer;

/** A small directory for a comune no demo network covers: Pontremoli, Mulazzo and Zeri (Massa-Carrara). */
const directory = {
  format: 'trama-directory/1',
  networks: [{ externalId: 'e2e-rete-lunigiana', name: 'Rete antiviolenza Lunigiana E2E (DEMO)', capofila: 'e2e-capofila', comuni: ['045014', '045012', '045017'], referent: 'e2e-cav-pontremoli' }],
  organisations: [
    { externalId: 'e2e-capofila', name: 'Comune capofila Lunigiana E2E (DEMO)', type: 'ente_capofila', networks: ['e2e-rete-lunigiana'] },
    { externalId: 'e2e-cav', name: 'CAV La Spola E2E (DEMO)', type: 'cav', networks: ['e2e-rete-lunigiana'] },
  ],
  sportelli: [
    {
      externalId: 'e2e-cav-pontremoli',
      organisation: 'e2e-cav',
      name: 'Sportello La Spola Pontremoli (DEMO)',
      comuneCode: '045014',
      address: 'Via di Prova 1',
      phones: ['0187 000 111'],
      transferPhone: '0187 999 777',
      openingHours: 'Mo-Fr 09:00-13:00',
      languages: ['it', 'en'],
    },
    {
      externalId: 'e2e-cav-riservato',
      organisation: 'e2e-cav',
      name: 'Sportello Riservato Lunigiana E2E',
      visibility: 'reserved',
      comuneCode: '045012',
      address: 'Via Riservata E2E 9',
      phones: ['0187 555 999'],
      openingHours: 'Mo-Fr 09:00-13:00',
    },
  ],
};
const NEVER_SHOWN = ['Sportello Riservato Lunigiana E2E', 'Via Riservata E2E 9', '0187 555 999', '0187 999 777', '0187999777'];

interface Visit {
  context: BrowserContext;
  page: Page;
  /** Requests to any origin but ours and the stand-in exit site: aborted, so they never leave. */
  outside: string[];
  /** Requests the stand-in exit site answered. */
  exits: string[];
  /** Answers of our server that tried to set a cookie. */
  cookies: string[];
}

const DESKTOP = { width: 1280, height: 800 };

/** A visit on a phone (touch, 390×844) unless `desktop` (mouse and keyboard). */
async function visit(options: { javaScriptEnabled?: boolean; locale?: string; desktop?: boolean } = {}): Promise<Visit> {
  const screen = options.desktop ? { viewport: DESKTOP } : { viewport: PHONE, isMobile: true, hasTouch: true };
  const context = await e2e.browser.newContext({ locale: options.locale ?? 'it-IT', ...screen, javaScriptEnabled: options.javaScriptEnabled ?? true });
  const v: Visit = { context, page: await context.newPage(), outside: [], exits: [], cookies: [] };
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(`${base}/`)) return route.continue();
    if (url.startsWith(`${EXIT_ORIGIN}/`)) {
      v.exits.push(url);
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><html lang="it"><title>Meteo</title><h1>Previsioni meteo</h1></html>' });
    }
    v.outside.push(url);
    return route.abort();
  });
  v.page.on('response', async (response) => {
    if (response.url().startsWith(base) && (await response.headerValue('set-cookie'))) v.cookies.push(response.url());
  });
  return v;
}

async function finish(v: Visit) {
  assert.deepEqual(v.outside, [], 'no request left localhost');
  assert.deepEqual(v.cookies, [], 'no answer set a cookie');
  assert.deepEqual(await v.context.cookies(), [], 'the browser holds no cookie');
  await v.context.close();
}

/**
 * The tab's history length, read once the page has loaded. A navigation
 * starting meanwhile (the exit's location.replace) destroys the context the
 * read ran in: wait for that page to load and read again.
 */
async function historyLength(page: Page): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    await page.waitForLoadState('load');
    try {
      return await page.evaluate(() => window.history.length);
    } catch (err) {
      if (attempt >= 3 || !/context was destroyed|navigation/i.test(String(err))) throw err;
    }
  }
}

/** She lands on the heading of what she asked: focused, on screen, not under the sticky bar. */
async function assertLandedOn(page: Page, name: string | RegExp) {
  const heading = page.getByRole('heading', { name, level: 2 });
  await heading.waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'risultati');
  assert.equal(await heading.getAttribute('id'), 'risultati', 'the focused element is this heading');
  const box = await heading.boundingBox();
  const bar = await page.locator('header.top').boundingBox();
  assert.ok(box && bar, 'heading and bar are rendered');
  const viewport = page.viewportSize()!;
  assert.ok(box.y >= bar.y + bar.height - 1, `heading below the sticky bar (heading at ${box.y}, bar ends at ${bar.y + bar.height})`);
  assert.ok(box.y + box.height <= viewport.height, `heading within the screen (bottom at ${box.y + box.height} of ${viewport.height})`);
}

async function importDirectory() {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
  });
  assert.equal(login.status, 200, 'admin password step');
  let cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const mfa = await fetch(`${base}/api/auth/mfa`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ code: await totpCode() }),
  });
  assert.equal(mfa.status, 200, 'admin second factor');
  cookie = mfa.headers.get('set-cookie')!.split(';')[0]!;
  const me = (await mfa.json()) as { csrfToken: string };
  const imported = await fetch(`${base}/api/directory/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': me.csrfToken },
    body: JSON.stringify(directory),
  });
  assert.equal(imported.status, 200, `directory import: ${await imported.clone().text()}`);
}

before(async () => {
  e2e = await startE2E(PORT, { QUICK_EXIT_URL: EXIT_URL });
  await importDirectory();
});

after(() => e2e?.stop());

describe('public "Trova aiuto" page', () => {
  it('finds help by comune name on a phone, passes axe, and the quick exit leaves no history entry', async () => {
    const v = await visit();
    const { page } = v;
    // She arrives from another site (standing in for whatever she was reading).
    await page.goto(`${EXIT_ORIGIN}/prima`);
    await page.goto(`${base}/aiuto`);
    assert.equal(await page.title(), 'Informazioni utili', 'our page, not the web app, and a neutral title');
    await page.getByRole('link', { name: 'Chiama il 1522' }).waitFor();
    assert.ok(await page.getByRole('link', { name: 'Chiama il 112' }).isVisible());
    assert.ok(await page.getByRole('link', { name: 'Esci subito' }).isVisible());
    // A phone has no Shift key: the triple-Shift hint is for keyboards only.
    assert.equal(await page.evaluate(() => window.matchMedia('(pointer: coarse)').matches), true, 'the phone has a touch (coarse) pointer');
    assert.equal(await page.locator('#quick-exit-hint').isVisible(), false, 'no Shift hint on a phone');
    // The sticky bar holds the exit only: well under a fifth of the screen, also once she scrolls.
    const bar = (await page.locator('header.top').boundingBox())!;
    assert.ok(bar.height < PHONE.height * 0.2, `sticky bar ${bar.height}px high`);
    // The languages are one folded line, their links shown only when she opens it.
    assert.equal(await page.getByRole('link', { name: 'English' }).isVisible(), false, 'languages folded');
    assert.ok(await page.getByText('Lingua: Italiano').isVisible());
    assert.deepEqual(await seriousViolations(page), [], 'start page');
    const entries = await historyLength(page);

    // The comune field suggests comuni as she types (without accents).
    await page.getByLabel('Il tuo comune').fill('mula');
    await page.getByRole('link', { name: 'Mulazzo (MS)' }).waitFor();
    // She searches with the button instead: two comuni match, so she picks hers from the list.
    await page.getByRole('button', { name: 'Cerca' }).click();
    await assertLandedOn(page, 'Scegli il tuo comune');
    assert.deepEqual(await seriousViolations(page), [], 'results');
    await page.getByRole('link', { name: 'Mulazzo (MS)' }).click();
    await assertLandedOn(page, 'Aiuto vicino a Mulazzo (MS)');
    assert.equal(await page.getByLabel('Il tuo comune').inputValue(), 'Mulazzo', 'her comune stays in the box');
    const sticky = (await page.locator('header.top').boundingBox())!;
    assert.ok(sticky.y === 0 && sticky.height < PHONE.height * 0.2, `sticky bar scrolled: ${sticky.y}, ${sticky.height}px`);

    // Her centre first, with one big call button.
    assert.ok(await page.getByRole('heading', { name: 'Sportello La Spola Pontremoli (DEMO)' }).isVisible());
    const call = page.getByRole('link', { name: 'Chiama il centro 0187 000 111' });
    assert.equal(await call.getAttribute('href'), 'tel:0187000111');
    assert.ok(await page.getByText('Mulazzo fa parte di: Rete antiviolenza Lunigiana E2E (DEMO).').isVisible());
    assert.ok(await page.getByRole('link', { name: 'Chiama il 1522' }).isVisible(), '1522 still on the answer');
    assert.ok(await page.getByRole('link', { name: 'Chiama il 112' }).isVisible(), '112 still on the answer');
    assert.equal(await page.locator('article.place p.status').count(), 1, 'one availability line');
    assert.ok(await page.getByText(/^(Aperto ora|Chiuso ora)/).first().isVisible());
    await page.getByText('Orari dei prossimi 7 giorni').first().click();
    const content = await page.content();
    for (const s of NEVER_SHOWN) assert.ok(!content.includes(s), `never shown: ${s}`);
    assert.deepEqual(await seriousViolations(page), [], 'answer');

    // A name that leaves no doubt goes straight to the answer, no list in between.
    await page.getByLabel('Il tuo comune').fill('pontrem');
    await page.getByRole('button', { name: 'Cerca' }).click();
    await assertLandedOn(page, 'Aiuto vicino a Pontremoli (MS)');
    assert.equal(await page.getByLabel('Il tuo comune').inputValue(), 'Pontremoli');
    assert.equal(await page.getByRole('heading', { name: 'Scegli il tuo comune' }).count(), 0);
    assert.deepEqual(await seriousViolations(page), [], 'direct answer');
    assert.equal(await historyLength(page), entries, 'moving inside the page added no history entry');

    await page.getByRole('link', { name: 'Esci subito' }).click();
    await page.waitForURL(EXIT_URL);
    assert.equal(await historyLength(page), entries, 'the exit replaced the page');
    await page.goBack();
    assert.equal(page.url(), `${EXIT_ORIGIN}/prima`, 'back goes to where she was before, not to the page');
    assert.deepEqual(v.exits.slice(0, 2), [`${EXIT_ORIGIN}/prima`, EXIT_URL]);
    await finish(v);
  });

  it('leaves at once when Shift is pressed three times (a keyboard, so the hint shows)', async () => {
    const v = await visit({ desktop: true });
    await v.page.goto(`${base}/aiuto?comune=045014`);
    await v.page.getByRole('heading', { name: 'Aiuto vicino a Pontremoli (MS)' }).waitFor();
    assert.ok(await v.page.getByText('premere tre volte il tasto Maiusc').isVisible(), 'the Shift hint shows with JavaScript and a keyboard');
    const entries = await historyLength(v.page);
    // Two presses, then a letter: no exit (typing a capital is not a signal).
    await v.page.keyboard.press('Shift');
    await v.page.keyboard.press('Shift');
    await v.page.keyboard.press('a');
    await v.page.keyboard.press('Shift');
    assert.ok(v.page.url().startsWith(`${base}/aiuto`));
    await v.page.keyboard.press('Shift');
    await v.page.keyboard.press('Shift');
    // The third press navigates: wait for the exit site to have loaded before reading the history.
    await Promise.all([v.page.waitForURL(EXIT_URL, { waitUntil: 'load' }), v.page.keyboard.press('Shift')]);
    assert.equal(await historyLength(v.page), entries);
    await finish(v);
  });

  it('works without JavaScript: the answer is in the page, opened at its heading, the exit is a plain link with a note', async () => {
    const v = await visit({ javaScriptEnabled: false });
    await v.page.goto(`${base}/aiuto`);
    assert.equal(await v.page.locator('#quick-exit-hint').isVisible(), false, 'no Shift hint without JavaScript');
    assert.ok(await v.page.getByText('La visita resta nella cronologia del browser').isVisible(), 'how to clear the history, beside the exit');
    await v.page.getByLabel('Il tuo comune').fill('Pontremoli');
    await v.page.getByRole('button', { name: 'Cerca' }).click();
    const heading = v.page.getByRole('heading', { name: 'Aiuto vicino a Pontremoli (MS)', level: 2 });
    await heading.waitFor();
    assert.ok(v.page.url().endsWith('#risultati'), 'the form points at the answer');
    const box = (await heading.boundingBox())!;
    assert.ok(box.y > 0 && box.y + box.height <= PHONE.height, `answer heading on screen without JavaScript (at ${box.y})`);
    assert.ok(await v.page.getByRole('heading', { name: 'Sportello La Spola Pontremoli (DEMO)' }).isVisible());
    assert.ok(await v.page.getByRole('link', { name: 'Chiama il 1522' }).isVisible());
    assert.equal(await v.page.getByRole('link', { name: 'Chiama il 1522' }).getAttribute('href'), 'tel:1522');
    await v.page.getByRole('link', { name: 'Esci subito' }).click();
    await v.page.waitForURL(EXIT_URL);
    await finish(v);
  });

  it('passes axe in Arabic (right to left) and in English', async () => {
    const v = await visit({ locale: 'ar' });
    await v.page.goto(`${base}/aiuto?comune=045014&lang=ar`);
    assert.equal(await v.page.getAttribute('html', 'dir'), 'rtl');
    assert.equal(await v.page.getAttribute('html', 'lang'), 'ar');
    assert.ok(await v.page.getByRole('link', { name: 'اتصلي بالرقم 1522' }).isVisible());
    assert.deepEqual(await seriousViolations(v.page), [], 'Arabic answer');
    await v.page.locator('nav.languages summary').click();
    await v.page.getByRole('link', { name: 'English' }).click();
    await v.page.getByRole('heading', { name: 'Help near Pontremoli (MS)' }).waitFor();
    assert.equal(await v.page.getAttribute('html', 'dir'), 'ltr');
    assert.ok(await v.page.getByRole('link', { name: 'Quick exit' }).isVisible());
    assert.deepEqual(await seriousViolations(v.page), [], 'English answer');
    await finish(v);
  });
});
