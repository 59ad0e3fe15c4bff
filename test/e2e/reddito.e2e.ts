/**
 * Browser journey of the Reddito di libertà on the demo network: a CAV
 * operator opens a pathway, finds the "Reddito di libertà" under the Progetto personalizzato
 * tab with the configured amount, starts an application, tries to record
 * the filing before the statements (refused in the error summary, focused,
 * nothing sent), records the CAV's statement and saves: the checklist reads
 * back with the step it waits on. Axe (WCAG 2.1 AA) on the panel, the form,
 * its errors and the saved checklist; no request leaves localhost.
 * Run: TZ=Europe/Rome node --import tsx --test test/e2e/reddito.e2e.ts
 */
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { type E2EServer, it, newPage, signIn, startE2E } from './harness.js';
import { axe, expectFocus, openFirstCase, todayRome } from './cases.helpers.js';

const PORT = Number(process.env.E2E_REDDITO_PORT ?? 3971);
const base = `http://localhost:${PORT}`;
let e2e: E2EServer;

before(async () => {
  e2e = await startE2E(PORT);
});

after(() => e2e?.stop());

describe('Reddito di libertà', () => {
  it('lets an operator start an application and record its first step, the order checked before anything is sent', async () => {
    const { page, external } = await newPage(e2e);
    await signIn(page, base, 'operatrice.cav', { home: true });
    await openFirstCase(page, base, 'fase=presa_in_carico');
    await page.getByRole('tab', { name: 'Progetto personalizzato', exact: true }).click();
    const section = page.getByRole('region', { name: 'Reddito di libertà' });
    await section.getByText(/500,00\s€ al mese per al massimo 12 mesi/).waitFor();
    await axe(page, 'reddito panel');

    const start = section.getByRole('button', { name: /^Avvia (la|una nuova) domanda$|^Aggiorna la domanda$/ }).first();
    await start.click();
    await section.getByRole('heading', { name: 'Passi della domanda' }).waitFor();
    await axe(page, 'reddito form');

    let sent = 0;
    page.on('request', (r) => {
      if (r.method() === 'PUT' && r.url().endsWith('/reddito-liberta')) sent += 1;
    });
    // The filing before the statements: refused by the form, nothing sent.
    await section.getByLabel('Data di presentazione della domanda').fill(todayRome());
    await section.getByRole('button', { name: 'Salva' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Controlla questi campi' });
    await summary.getByRole('link', { name: /^Data di presentazione della domanda: / }).waitFor();
    await expectFocus(page, 'reddito-form-errors');
    assert.equal(sent, 0, 'nothing sent');
    await axe(page, 'reddito form with errors');

    await section.getByLabel('Data di presentazione della domanda').fill('');
    await section.getByLabel('Data della dichiarazione del centro antiviolenza').fill(todayRome());
    const cav = section.getByLabel("Centro antiviolenza che l'ha rilasciata");
    const options = await cav.locator('option').count();
    assert.ok(options > 1, 'the network’s centres to choose from');
    await cav.selectOption({ index: 1 });
    await section.getByRole('button', { name: 'Salva' }).click();
    await page.getByText(/^Domanda salvata: In preparazione\.$/).waitFor();
    await section.getByText(/In attesa: Dichiarazione del servizio sociale sullo stato di bisogno/).waitFor();
    assert.equal(sent, 1, 'saved once');
    await axe(page, 'reddito checklist');
    assert.deepEqual(external, [], 'no request left localhost');
  });
});
