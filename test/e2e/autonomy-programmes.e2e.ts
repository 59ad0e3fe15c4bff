/**
 * Browser journey of a funded programme (issue 14, docs/autonomy.md,
 * "Programmes"). The demo's network coordinator opens Programmi from the
 * navigation, creates a programme from the L.I.A. 2 frame, names the demo
 * CAV its partner, splits part of the budget on axis II, and sees the
 * budget bars with their tables; the CAV operator reads the same programme
 * without any edit control. Axe (WCAG 2.1 AA) on every screen; no request
 * leaves localhost.
 * Run: TZ=Europe/Rome node --import tsx --test test/e2e/autonomy-programmes.e2e.ts
 */
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { type E2EServer, it, newPage, signIn, startE2E } from './harness.js';
import { axe } from './cases.helpers.js';

const PORT = Number(process.env.E2E_AUTONOMY_PROGRAMMES_PORT ?? 3981);
const base = `http://localhost:${PORT}`;
const NAME = 'Programma di prova E2E';
let e2e: E2EServer;

before(async () => {
  e2e = await startE2E(PORT);
});

after(() => e2e?.stop());

describe('a funded programme', () => {
  it('lets the coordinator create it from the L.I.A. 2 frame, add a partner and a budget, and the partner read it', async () => {
    const co = await newPage(e2e);
    const page = co.page;
    await signIn(page, base, 'coordinatrice', { home: true });
    await page.getByRole('link', { name: 'Programmi' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Programmi per l’autonomia' }).waitFor();
    await axe(page, 'programmes list');
    await page.getByRole('link', { name: 'Nuovo programma' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nuovo programma' }).waitFor();
    await page.getByLabel('Nome', { exact: true }).fill(NAME);
    await page.getByLabel('Budget totale').fill('100.000,00');
    await axe(page, 'new programme form');
    await page.getByRole('button', { name: 'Crea il programma' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(NAME) }).waitFor();
    await page.getByRole('table', { name: 'Risultati attesi' }).waitFor();
    assert.match(await page.getByRole('table', { name: 'Risultati attesi' }).innerText(), /12/);
    await axe(page, 'programme page');

    // The demo CAV becomes a partner (a checkbox is drawn by its label: she clicks the label).
    const partners = page.getByRole('group', { name: 'Partner che gestiscono una quota' }).locator('label');
    const cavLabel = partners.filter({ hasText: 'CAV Filo Rosso' }).first();
    const cavName = (await cavLabel.innerText()).trim();
    await cavLabel.click();
    await page.locator('form', { hasText: 'Modifica capofila e partner' }).getByRole('button', { name: 'Salva' }).click();
    await page.getByRole('textbox', { name: `Asse II, ${cavName}` }).waitFor();

    // Axis II for the CAV: € 30.000; the bars and their table show it.
    await page.getByRole('textbox', { name: `Asse II, ${cavName}` }).fill('30.000');
    await page.locator('form', { hasText: 'Budget per asse (righe)' }).getByRole('button', { name: 'Salva' }).click();
    const byAxis = page.getByRole('table', { name: 'Budget per asse', exact: true });
    for (let i = 0; i < 20 && !/30\.000,00/.test(await byAxis.innerText()); i++) await page.waitForTimeout(250);
    assert.match(await byAxis.innerText(), /Asse II\s+30\.000,00\s*€/);
    await axe(page, 'programme page with a budget');

    // The expected results are counted from the records: none yet.
    assert.match(await page.getByRole('table', { name: 'Risultati attesi', exact: true }).innerText(), /\t12\t0\tcontato dai dati/);
    const url = page.url();

    // The CAV operator reads it: no edit control.
    const cav = (await newPage(e2e)).page;
    await signIn(cav, base, 'operatrice.cav', { home: true });
    await cav.goto(url);
    await cav.getByRole('heading', { level: 1, name: new RegExp(NAME) }).waitFor();
    await cav.getByRole('table', { name: 'Budget per partner', exact: true }).waitFor();
    assert.equal(await cav.getByRole('button', { name: 'Salva' }).count(), 0);
    await axe(cav, 'programme page as a partner');
    assert.deepEqual(co.external, []);
  });
});
