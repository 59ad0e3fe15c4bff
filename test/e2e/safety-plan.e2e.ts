/**
 * Browser journey of the safety plan on the demo network: a CAV operator
 * opens a demo pathway at high risk, finds the "Piano di sicurezza" in the
 * Rischio tab with 112 and 1522 always on it and no way to print it, and
 * fills it with the keyboard — a person to call whose phone is wrong and
 * whose relationship is missing is refused in the error summary (focused,
 * each link naming the person's field), a safe place, the bag checklist,
 * the code word masked until shown, the agreement. Saved as version 1: the
 * plan reads back with the code word hidden until asked for. Axe (WCAG 2.1
 * AA) on the panel, the form, its errors and the saved plan, on a desktop
 * and at a phone's width; no request leaves localhost.
 * Run: TZ=Europe/Rome node --import tsx --test test/e2e/safety-plan.e2e.ts
 */
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { type E2EServer, it, newPage, signIn, startE2E } from './harness.js';
import { axe, expectFocus, todayRome } from './cases.helpers.js';

const PORT = Number(process.env.E2E_SAFETY_PLAN_PORT ?? 3955);
const base = `http://localhost:${PORT}`;
const CODE_WORD = 'ombrello-giallo';
let e2e: E2EServer;

before(async () => {
  e2e = await startE2E(PORT);
});

after(() => e2e?.stop());

/**
 * Opens the first pathway at high risk, in charge, that has no safety plan yet
 * (the demo gives some of them one: the journey writes the first rows itself).
 */
async function openCaseWithoutPlan(page: Page): Promise<void> {
  await page.goto(`${base}/percorsi?fase=presa_in_carico&rischio=elevato`);
  await page.getByRole('heading', { level: 1, name: 'Percorsi' }).waitFor();
  const links = page.locator('a.case-code');
  await links.first().waitFor();
  for (const link of await links.all()) {
    const id = (await link.getAttribute('href'))?.split('/').pop()?.split('?')[0] ?? '';
    const plan = (await (await page.request.get(`${base}/api/cases/${id}/safety-plan`)).json()) as { version: number };
    if (plan.version !== 0) continue;
    const code = (await link.textContent())?.trim() ?? '';
    await link.click();
    await page.getByRole('heading', { level: 1, name: `Percorso ${code}`, exact: true }).waitFor();
    return;
  }
  assert.fail('no pathway at high risk without a safety plan in the demo');
}

describe('safety plan', () => {
  it('lets an operator fill the safety plan with the keyboard, with the code word masked, and read it back', async () => {
    const { page, external } = await newPage(e2e);
    await signIn(page, base, 'operatrice.cav', { home: true });
    await openCaseWithoutPlan(page);
    await page.getByRole('tab', { name: 'Rischio', exact: true }).click();
    const section = page.getByRole('region', { name: 'Piano di sicurezza' });
    await section.getByText('Numeri di emergenza, sempre').waitFor();
    await section.getByText('112 — Numero unico di emergenza').waitFor();
    await section.getByText(/^1522 — Numero antiviolenza e stalking/).waitFor();
    await section.getByText(/non si stampa e non si esporta/).waitFor();
    assert.equal(await section.getByRole('button', { name: /stampa|pdf/i }).count(), 0, 'no way to print the plan');
    await axe(page, 'safety plan panel');

    // Keyboard only from the button that opens the form.
    const open = section.getByRole('button', { name: /^(Compila|Modifica) il piano di sicurezza$/ });
    await open.focus();
    await page.keyboard.press('Enter');
    await section.getByRole('heading', { name: 'Piano di sicurezza: modifica' }).waitFor();
    await axe(page, 'safety plan form');

    // A person to call: the add button puts the focus on the new row's first field.
    await section.getByRole('button', { name: 'Aggiungi una persona da chiamare' }).focus();
    await page.keyboard.press('Enter');
    await expectFocus(page, 'sp-contacts-0-name');
    await page.keyboard.type('Sorella Marta');
    await page.keyboard.press('Tab');
    await expectFocus(page, 'sp-contacts-0-phone');
    await page.keyboard.type('non lo so');
    // Saved as it is: the form checks with the API's schema and sends nothing.
    let sent = 0;
    page.on('request', (r) => {
      if (r.method() === 'PUT' && r.url().endsWith('/safety-plan')) sent += 1;
    });
    await section.getByRole('button', { name: 'Salva il piano di sicurezza' }).press('Enter');
    const summary = page.getByRole('alert').filter({ hasText: 'Controlla questi campi' });
    await summary.getByRole('link', { name: /^Telefono \(persona 1\): / }).waitFor();
    await summary.getByRole('link', { name: 'Chi è per lei (persona 1): Campo obbligatorio.' }).waitFor();
    await expectFocus(page, 'sp-form-errors');
    assert.equal(sent, 0, 'nothing sent');
    await axe(page, 'safety plan form with errors');
    // The summary's link leads to the field.
    await summary.getByRole('link', { name: /^Telefono \(persona 1\): / }).press('Enter');
    await expectFocus(page, 'sp-contacts-0-phone');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('333 123 4567');
    await page.keyboard.press('Tab');
    await expectFocus(page, 'sp-contacts-0-relationship');
    await page.keyboard.press('ArrowDown');
    assert.notEqual(await page.locator('#sp-contacts-0-relationship').inputValue(), '', 'a relationship chosen with the keyboard');

    // A safe place.
    await section.getByRole('button', { name: 'Aggiungi un luogo sicuro' }).focus();
    await page.keyboard.press('Enter');
    await expectFocus(page, 'sp-safePlaces-0-kind');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Dalla vicina del terzo piano');
    assert.notEqual(await page.locator('#sp-safePlaces-0-kind').inputValue(), '');

    // The bag: documents and the phone with its charger are ready.
    await page.locator('#sp-form-bag-documenti').focus();
    await page.keyboard.press('Space');
    await page.locator('#sp-form-bag-telefono_caricatore').focus();
    await page.keyboard.press('Space');

    // The code word: masked while typed, shown only on request.
    const word = page.locator('#sp-form-code-word');
    await word.focus();
    await page.keyboard.type(CODE_WORD);
    assert.equal(await word.getAttribute('type'), 'password', 'masked by default');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Mostra la parola in codice', 'the show button comes next');
    const show = section.getByRole('button', { name: 'Mostra la parola in codice' });
    assert.equal(await show.getAttribute('aria-pressed'), 'false');
    await page.keyboard.press('Enter');
    assert.equal(await word.getAttribute('type'), 'text');
    await section.getByRole('button', { name: 'Nascondi la parola in codice' }).press('Enter');
    assert.equal(await word.getAttribute('type'), 'password');

    await page.locator('#sp-form-agreed-on').fill(todayRome());
    await page.locator('#sp-form-agreed-with').focus();
    await page.keyboard.press('ArrowDown');

    const saved = page.waitForResponse((r) => r.url().endsWith('/safety-plan') && r.request().method() === 'PUT');
    await section.getByRole('button', { name: 'Salva il piano di sicurezza' }).press('Enter');
    const response = await saved;
    assert.equal(response.status(), 200);
    assert.match(response.request().headers()['if-match'] ?? '', /^"\d+"$/);
    const body = response.request().postDataJSON() as Record<string, any>;
    assert.equal(body.contacts[0].phone, '333 123 4567');
    assert.equal(body.codeWord, CODE_WORD);
    assert.equal(body.bag.documenti, true);
    assert.equal(body.bag.denaro, false);
    await section.getByText(/^Piano di sicurezza salvato \(versione \d+\)/).waitFor();
    await expectFocus(page, 'sp-open');

    // Read back: the code word hidden until asked for.
    await section.getByText(/Sorella Marta/).waitFor();
    assert.equal(await section.getByTestId('sp-code-word').textContent(), 'nascosta');
    await section.getByRole('button', { name: 'Mostra la parola in codice' }).press('Enter');
    assert.equal(await section.getByTestId('sp-code-word').textContent(), CODE_WORD);
    await section.getByRole('heading', { name: 'Versioni' }).waitFor();
    await axe(page, 'saved safety plan');

    // At a phone's width: nothing wider than the screen, still axe clean.
    await page.setViewportSize({ width: 390, height: 844 });
    await section.getByRole('button', { name: 'Modifica il piano di sicurezza' }).press('Enter');
    await section.getByRole('button', { name: 'Salva il piano di sicurezza' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `nothing overflows the phone's width (${overflow}px)`);
    await axe(page, 'safety plan form at a phone width');
    if (process.env.E2E_SHOTS) await page.screenshot({ path: `${process.env.E2E_SHOTS}/safety-plan-390.png`, fullPage: true });

    assert.deepEqual(external, [], 'no request left the origin');
  });
});
