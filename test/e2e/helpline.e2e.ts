/**
 * Browser journey of the 1522 screens on the demo network: the helpline
 * operator finds a comune with the keyboard, reads the answer (transfer or
 * inform, 112 always), records the outcome in one click and is ready for
 * the next call; the coordinator and the observatory open the quarterly
 * counts. Axe (WCAG 2.1 AA) on every state: zero serious or critical
 * violations; no request leaves localhost.
 * Run: npm run test:e2e (node's test runner, Debian's Chromium).
 */
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { type E2EServer, it, newPage, seriousViolations, signIn, startE2E } from './harness.js';
import { expectFocus } from './cases.helpers.js';

const PORT = Number(process.env.E2E_HELPLINE_PORT ?? 3933);
const base = `http://localhost:${PORT}`;
/** Bergamo: in the demo's Bergamo-like province. */
const BERGAMO = '016024';
let e2e: E2EServer;

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? null);

before(async () => {
  e2e = await startE2E(PORT);
});

after(() => e2e?.stop());

describe('1522 routing', () => {
  it('lets the operator find a comune by keyboard, read the answer and record the outcome in one click', async () => {
    const { page, external } = await newPage(e2e);
    await signIn(page, base, 'operatrice.1522', { home: true });
    await page.getByRole('link', { name: 'Instradamento 1522' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Instradamento 1522' }).waitFor();
    // The call starts with the comune: the field has the focus as the screen opens.
    await page.waitForFunction(() => document.activeElement?.id === 'routing-comune');
    assert.ok(await page.getByTestId('routing-emergency').getByText('112').first().isVisible(), '112 is visible before any search');
    // The 1522 emergency procedure: she alerts the police herself and keeps the woman on the line.
    assert.match(await page.getByTestId('routing-emergency').innerText(), /attiva subito tu le forze dell'ordine \(112\) e tienila in linea/);
    assert.deepEqual(await seriousViolations(page), [], 'empty screen');

    // The combobox: type, move with the arrows, choose with Enter.
    const field = page.getByRole('combobox', { name: 'Comune da cui chiama' });
    await field.click();
    const suggestions = page.waitForResponse((r) => r.url().endsWith('/api/comuni?q=bergam'));
    await field.pressSequentially('bergam');
    assert.equal((await suggestions).status(), 200);
    const option = page.getByRole('option', { name: /^Bergamo \(BG\)/ });
    await option.waitFor();
    assert.equal(await field.getAttribute('aria-expanded'), 'true');
    assert.deepEqual(await seriousViolations(page), [], 'suggestions open');
    await field.press('ArrowDown');
    assert.equal(await field.getAttribute('aria-activedescendant'), await page.getByRole('option').first().getAttribute('id'));
    // The first suggestion of "bergam" is Bergamo itself (the largest comune).
    assert.equal(await page.getByRole('option').first().getAttribute('aria-selected'), 'true');
    const lookup = page.waitForResponse((r) => r.url().includes('/api/routing/transfer?'));
    await field.press('Enter');
    assert.equal((await lookup).status(), 200);

    // The answer takes the focus; its action is in words; 112 still on screen.
    const heading = page.getByRole('heading', { level: 2, name: 'Risposta per Bergamo (BG)' });
    await heading.waitFor();
    // The answer takes the focus in an effect after it is drawn: waited for.
    await expectFocus(page, 'routing-answer-title');
    assert.equal(await field.inputValue(), 'Bergamo (BG)');
    assert.match(await page.getByTestId('routing-action').innerText(), /^(TRASFERISCI a\s+[\d +]+|INFORMA)/);
    assert.ok(await page.getByTestId('routing-emergency').isVisible());
    assert.ok(await page.locator('blockquote[lang="it"]').isVisible(), 'the Italian message to read out');
    // Hours in Italian words, never the OpenStreetMap syntax.
    for (const id of ['routing-phone-hours', 'routing-opening-hours']) {
      const hours = await page.getByTestId(id).innerText();
      assert.match(hours, /\b(lun|mar|mer|gio|ven|sab|dom|tutti i giorni)\b|24 ore su 24/, hours);
      assert.doesNotMatch(hours, /\b(Mo|Tu|We|Th|Fr|Sa|Su|PH)\b|\d{2}:\d{2}-/, hours);
    }
    assert.deepEqual(await seriousViolations(page), [], 'answer');

    // The caller speaks Arabic: the message comes in Arabic too, written right to left, without a new lookup.
    const lookups: string[] = [];
    const countLookups = (r: { url: () => string }) => {
      if (r.url().includes('/api/routing/transfer?')) lookups.push(r.url());
    };
    page.on('request', countLookups);
    await page.getByLabel('Lingua di chi chiama').selectOption('ar');
    await page.locator('blockquote[lang="ar"][dir="rtl"]').waitFor();
    assert.ok(await page.locator('blockquote[lang="it"]').isVisible(), 'and still in Italian');
    assert.equal(await page.locator('blockquote').count(), 2, 'Italian and hers only');
    page.off('request', countLookups);
    assert.deepEqual(lookups, [], 'the language changed without asking again');
    assert.deepEqual(await seriousViolations(page), [], 'answer in two languages');

    // One click records comune, language and outcome, and the screen is ready for the next call.
    const recorded = page.waitForResponse((r) => r.url().endsWith('/api/routing/calls') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Informata' }).click();
    const response = await recorded;
    assert.equal(response.status(), 201);
    // Only comune, language, outcome (and the referent sportello): nothing about the caller.
    const body = response.request().postDataJSON() as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).filter((k) => !['comune', 'language', 'outcome', 'sportelloId'].includes(k)), []);
    assert.deepEqual([body.comune, body.outcome, body.language], [BERGAMO, 'informed', 'ar']);
    await page.getByTestId('route-announcer').getByText('Chiamata registrata: Informata, Bergamo (BG). Pronta per la prossima chiamata.').waitFor();
    assert.equal(await focusedId(page), 'routing-comune');
    assert.equal(await field.inputValue(), '');
    assert.equal(await page.getByLabel('Lingua di chi chiama').inputValue(), 'it');
    assert.equal(await page.getByRole('heading', { level: 2, name: /^Risposta per/ }).count(), 0);
    assert.match(await page.getByTestId('routing-last').innerText(), /Informata, Bergamo \(BG\)/);

    // A wrong button: undone within the minute, the same call comes back (comune, language, answer) for the right outcome.
    const withdrawn = page.waitForResponse((r) => /\/api\/routing\/calls\/\d+$/.test(r.url()) && r.request().method() === 'DELETE');
    await page.getByRole('button', { name: 'Annulla questo esito' }).click();
    assert.equal((await withdrawn).status(), 204);
    await page.getByTestId('route-announcer').getByText('Esito annullato: Informata, Bergamo (BG). Scegli l\'esito giusto.').waitFor();
    await heading.waitFor();
    assert.equal(await field.inputValue(), 'Bergamo (BG)');
    assert.equal(await page.getByLabel('Lingua di chi chiama').inputValue(), 'ar');
    assert.equal(await page.getByRole('button', { name: 'Annulla questo esito' }).count(), 0);
    assert.deepEqual(await seriousViolations(page), [], 'after undo');
    const again = page.waitForResponse((r) => r.url().endsWith('/api/routing/calls') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Informata' }).click();
    assert.equal((await again).status(), 201);
    await page.getByRole('button', { name: 'Annulla questo esito' }).waitFor();
    assert.equal(await field.inputValue(), '');

    // The next caller gives the ISTAT code; a code that does not exist is a clear problem. A code
    // pasted over a highlighted suggestion is the code, never the suggestion.
    await field.pressSequentially('san gio');
    await page.getByRole('option').first().waitFor();
    await field.press('ArrowDown');
    await field.fill('999999');
    await field.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Comune non trovato.' }).waitFor();
    await field.fill(BERGAMO);
    await field.press('Enter');
    await heading.waitFor();
    // The code becomes the name in an effect after the answer is drawn: waited for.
    await page.waitForFunction(() => (document.getElementById('routing-comune') as HTMLInputElement | null)?.value === 'Bergamo (BG)', undefined, { timeout: 5000 }).catch(() => undefined);
    assert.equal(await field.inputValue(), 'Bergamo (BG)');
    const second = page.waitForResponse((r) => r.url().endsWith('/api/routing/calls') && r.request().method() === 'POST');
    await page.getByRole('button', { name: "Emergenza: forze dell'ordine attivate" }).click();
    assert.equal((await second).status(), 201);
    await page.getByTestId('route-announcer').getByText(/Chiamata registrata: Emergenza: forze dell'ordine attivate/).waitFor();

    // Enter on the exact name is enough; Escape closes the suggestions, then empties the field.
    const exact = page.waitForResponse((r) => r.url().endsWith('/api/comuni?q=Bergamo'));
    await field.fill('Bergamo');
    await exact;
    await page.getByRole('option', { name: /^Bergamo \(BG\)/ }).waitFor();
    await field.press('Enter');
    await heading.waitFor();
    await field.fill('Berg');
    await page.getByRole('option').first().waitFor();
    assert.equal(await page.getByRole('heading', { level: 2, name: /^Risposta per/ }).count(), 0, 'the answer went with the comune');
    await field.press('Escape');
    assert.equal(await field.getAttribute('aria-expanded'), 'false');
    await field.press('Escape');
    assert.equal(await field.inputValue(), '');

    // The form checks with the API's own schema before asking anything: a code of five digits is
    // named in the error summary, whose link leads to the field, and no lookup is sent.
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/routing/')) asked.push(r.url());
    });
    const summary = page.getByRole('alert').filter({ hasText: 'Controlla questi campi' });
    await field.fill('12345');
    await page.getByRole('button', { name: 'Trova' }).click();
    const codeError = summary.getByRole('link', { name: 'Comune da cui chiama: Codice ISTAT: 6 cifre.' });
    await codeError.waitFor();
    // The summary takes the focus in an effect after it is drawn: waited for.
    await expectFocus(page, 'routing-errors');
    await codeError.click();
    assert.equal(await focusedId(page), 'routing-comune');
    assert.deepEqual(asked, [], 'nothing was sent');

    // A name that is not chosen from the list is not guessed.
    const choose = "Scegli un comune dall'elenco dei suggerimenti, oppure scrivi il codice ISTAT di 6 cifre.";
    await field.fill('zzzz');
    assert.equal(await summary.count(), 0, 'typing clears the error');
    await page.getByRole('button', { name: 'Trova' }).click();
    await summary.getByRole('link', { name: `Comune da cui chiama: ${choose}` }).waitFor();
    assert.equal(await page.locator('#routing-comune-error').innerText(), choose);
    assert.deepEqual(asked, [], 'still nothing was sent');
    assert.deepEqual(await seriousViolations(page), [], 'field error');
    assert.deepEqual(external, [], 'no request left the origin');
  });

  it('shows the observatory the quarter counts with small cells suppressed', async () => {
    const { page, external } = await newPage(e2e);
    await signIn(page, base, 'analista', { home: true });
    await page.getByRole('link', { name: 'Chiamate 1522' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Chiamate 1522' }).waitFor();
    // The two calls above (Bergamo, this quarter) are fewer than 10: shown as "oscurato".
    const row = page.getByRole('row', { name: /^Bergamo 016024/ });
    await row.waitFor();
    assert.match(await row.innerText(), /oscurato/);
    assert.match(await row.innerText(), /016024/);
    assert.ok(await row.getByText('numero oscurato per riservatezza (meno di 10, o oscurato perché non si ricavi un altro numero)').count(), 'the hidden explanation of the suppressed cell');
    assert.ok(await page.getByText('Numeri piccoli oscurati').isVisible());
    assert.deepEqual(await seriousViolations(page), [], 'calls summary (observatory)');
    assert.deepEqual(external, [], 'no request left the origin');
  });

  it('lets the coordinator choose a quarter and download the counts', async () => {
    const { page, external } = await newPage(e2e);
    await signIn(page, base, 'coordinatrice', { home: true });
    await page.getByRole('link', { name: 'Chiamate 1522' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Chiamate 1522' }).waitFor();
    await page.getByRole('status').filter({ hasText: /trimestre/ }).waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'calls summary (coordinator)');

    const year = new Date().getFullYear();
    await page.getByLabel('Anno').selectOption(String(year));
    await page.getByLabel('Trimestre').selectOption('1');
    await page.getByRole('button', { name: 'Mostra' }).click();
    await page.waitForURL(new RegExp(`anno=${year}&trimestre=1`));
    await page.getByText(`1° trimestre (gennaio–marzo) ${year}: dal 1 gennaio ${year} al 31 marzo ${year}.`).waitFor();

    for (const [name, type] of [
      ['Scarica CSV', 'text/csv'],
      ['Scarica XLSX (Excel)', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ] as const) {
      const href = await page.getByRole('link', { name }).getAttribute('href');
      assert.ok(href?.startsWith(`/api/routing/calls/export?year=${year}&quarter=1&format=`), href ?? '');
      const res = await page.request.get(`${base}${href}`);
      assert.equal(res.status(), 200, name);
      assert.ok(res.headers()['content-type']?.startsWith(type), res.headers()['content-type']);
      assert.match(res.headers()['content-disposition'] ?? '', new RegExp(`^attachment; filename="chiamate-1522-${year}-T1\\.`));
    }
    assert.deepEqual(external, [], 'no request left the origin');
  });
});
