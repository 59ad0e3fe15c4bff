/**
 * Browser journey of the capofila's regional funds (issue 14,
 * docs/autonomy.md, "Regional funds"). The demo's network coordinator
 * opens Fondi regionali from the navigation, opens a year with its
 * regional contribution, records a governance cost and sees the 10 %
 * gauge; one cent over the limit is refused with the figures. Axe (WCAG
 * 2.1 AA) on every screen; no request leaves localhost.
 * Run: TZ=Europe/Rome node --import tsx --test test/e2e/autonomy-funds.e2e.ts
 */
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { type E2EServer, it, newPage, signIn, startE2E } from './harness.js';
import { axe } from './cases.helpers.js';

const PORT = Number(process.env.E2E_AUTONOMY_FUNDS_PORT ?? 3987);
const base = `http://localhost:${PORT}`;
let e2e: E2EServer;

before(async () => {
  e2e = await startE2E(PORT);
});

after(() => e2e?.stop());

describe("the capofila's regional funds", () => {
  it('lets the coordinator open a year, charge governance costs up to 10 % and no further', async () => {
    const co = await newPage(e2e);
    const page = co.page;
    await signIn(page, base, 'coordinatrice', { home: true });
    await page.getByRole('link', { name: 'Fondi regionali' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Fondi regionali della rete' }).waitFor();
    await axe(page, 'funds list');
    await page.getByLabel('Anno', { exact: true }).fill('2032');
    await page.getByLabel('Contributo regionale').fill('100.000,00');
    await page.getByRole('button', { name: 'Apri un anno' }).click();
    await page.getByRole('heading', { level: 1, name: /2032/ }).waitFor();
    await page.getByRole('progressbar', { name: /Spese di governance/ }).waitFor({ state: 'attached' });
    await axe(page, 'funds year');

    const governance = page.locator('form', { has: page.getByLabel('Data') }).filter({ has: page.getByRole('button', { name: 'Aggiungi' }) }).first();
    await governance.getByLabel('Descrizione').fill('Coordinamento della rete');
    await governance.getByLabel('Importo').fill('10.000,00');
    await governance.getByLabel('Data').fill('2032-03-01');
    await governance.getByRole('button', { name: 'Aggiungi' }).click();
    await page.getByText('10.000,00 € su 10.000,00 €').first().waitFor();

    await governance.getByLabel('Descrizione').fill('Ancora');
    await governance.getByLabel('Importo').fill('0,01');
    await governance.getByLabel('Data').fill('2032-03-02');
    await governance.getByRole('button', { name: 'Aggiungi' }).click();
    // Said twice: in the form's error summary and under the amount.
    await page.getByText(/restano 0\.00/).first().waitFor();
    await axe(page, 'funds year with a refusal');
    assert.deepEqual(co.external, []);
  });
});
