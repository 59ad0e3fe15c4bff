/**
 * Browser journey of a minor's pathway (docs/minors.md) on the demo
 * network: a CAV operator records a daughter who is herself a victim on a
 * mother's pathway, opens her as a case of her own (the button asks
 * twice), follows the link to the new case, finds its Minorenne tab with
 * the mother as a holder of parental responsibility and both deadlines
 * due, and — with the keyboard — adds the father as the author and records
 * the report. Axe (WCAG 2.1 AA) on the children tab, the confirmation, the
 * minor's tab, its form, its errors and the saved record; no request
 * leaves localhost.
 * Run: TZ=Europe/Rome node --import tsx --test test/e2e/minors.e2e.ts
 */
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { type E2EServer, it, newPage, signIn, startE2E } from './harness.js';
import { axe, expectFocus, openFirstCase, todayRome } from './cases.helpers.js';

const PORT = Number(process.env.E2E_MINORS_PORT ?? 3961);
const base = `http://localhost:${PORT}`;
let e2e: E2EServer;

before(async () => {
  e2e = await startE2E(PORT);
});

after(() => e2e?.stop());

describe('a minor who is herself a victim', () => {
  it('opens a child as a case of her own and records her pathway with the keyboard', async () => {
    const { page, external } = await newPage(e2e);
    await signIn(page, base, 'operatrice.cav', { home: true });
    await openFirstCase(page, base, 'fase=presa_in_carico&rischio=basso');
    await page.getByRole('tab', { name: 'Figli', exact: true }).click();
    await page.getByRole('tabpanel', { name: 'Figli' }).waitFor();
    await page.getByRole('button', { name: 'Aggiungi un figlio o una figlia' }).click();
    await page.getByLabel('Età (anni)').fill('12');
    await page.getByLabel('Ha subito violenza').selectOption('yes');
    await page.getByLabel('Nome', { exact: true }).fill('Letizia');
    await page.getByRole('button', { name: 'Salva' }).click();
    await page.getByText('Figlio o figlia aggiunti.').waitFor();
    await axe(page, 'children tab');

    // Asked twice: the first press asks, the focus goes to the confirmation.
    const card = page.locator('.case-part').filter({ hasText: 'Letizia' });
    const openButton = card.getByRole('button', { name: /^Apri come percorso proprio/ });
    await openButton.focus();
    await page.keyboard.press('Enter');
    await card.getByText('Aprire un percorso a suo nome').waitFor();
    await axe(page, 'open as a case: the question');
    await page.keyboard.press('Enter');
    const link = page.getByRole('link', { name: /^Vai al percorso P\d\d-/ });
    await link.waitFor();
    await card.getByText('Aperto come percorso proprio:').waitFor();
    assert.equal(await card.getByRole('button', { name: /^Apri come percorso proprio/ }).count(), 0, 'opened once');

    await link.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('tabpanel', { name: 'Minorenne' });
    await panel.getByRole('heading', { name: 'Percorso di una persona minorenne' }).waitFor();
    await panel.getByText(/^Madre/).waitFor();
    assert.equal(await panel.getByText(/da fare entro il/).count(), 2, 'the report and the referral are due');
    await panel.getByText('Aperto dai figli del percorso della madre:').waitFor();
    await axe(page, 'minor tab');

    // The form, with the keyboard: a second holder, the father, is the author.
    await panel.getByRole('button', { name: 'Modifica il percorso minorenne' }).focus();
    await page.keyboard.press('Enter');
    await panel.getByRole('form', { name: 'Percorso minorenne' }).waitFor();
    await axe(page, 'minor form');
    await panel.getByRole('button', { name: 'Aggiungi una persona' }).focus();
    await page.keyboard.press('Enter');
    await expectFocus(page, 'minor-holder-1-relation');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.locator('#minor-holder-1-relation').inputValue(), 'padre');
    await page.locator('#minor-holder-1-isAuthor').focus();
    await page.keyboard.press('Space');
    // A report with a day and no recipient: refused in the summary, nothing sent.
    await page.locator('#minor-report-on').fill(todayRome());
    let sent = 0;
    page.on('request', (r) => {
      if (r.method() === 'PUT' && r.url().endsWith('/minor')) sent += 1;
    });
    await panel.getByRole('button', { name: 'Salva' }).press('Enter');
    const summary = page.getByRole('alert').filter({ hasText: 'Controlla questi campi' });
    await summary.getByRole('link', { name: /^Destinataria: / }).waitFor();
    await expectFocus(page, 'minor-errors');
    assert.equal(sent, 0, 'nothing sent');
    await axe(page, 'minor form with errors');
    await summary.getByRole('link', { name: /^Destinataria: / }).press('Enter');
    await expectFocus(page, 'minor-report-to');
    await page.keyboard.press('ArrowDown');
    await panel.getByRole('button', { name: 'Salva' }).press('Enter');
    await page.getByText('Percorso minorenne salvato.').waitFor();
    await expectFocus(page, 'minor-edit');
    await panel.getByText(/autore della violenza: non può consentire per lei/).waitFor();
    assert.equal(await panel.getByText(/da fare entro il/).count(), 1, 'the referral is still due');
    await axe(page, 'minor record saved');
    assert.deepEqual(external, [], 'no request leaves localhost');
  });
});
