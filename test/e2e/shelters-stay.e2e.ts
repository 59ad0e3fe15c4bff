/**
 * Browser journey of an emergency admission's authorisation (issue 13). The
 * demo holds one emergency admission of yesterday at Il Faro's emergency
 * house, awaiting the authorisation of the demo social service. Its social
 * worker opens her inbox of agreements and authorisations, opens the
 * admission (household size, structure name and level, the deadline —
 * never an address), authorises it naming her own service as the payer;
 * the stay is then running in her list of stays, and the month's fees page
 * offers the XLSX. Axe (WCAG 2.1 AA) on every screen; no request leaves
 * localhost.
 * Run: TZ=Europe/Rome node --import tsx --test test/e2e/shelters-stay.e2e.ts
 */
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { type E2EServer, it, newPage, signIn, startE2E } from './harness.js';
import { axe } from './cases.helpers.js';

const PORT = Number(process.env.E2E_SHELTERS_STAY_PORT ?? 3973);
const base = `http://localhost:${PORT}`;
let e2e: E2EServer;

before(async () => {
  e2e = await startE2E(PORT);
});

after(() => e2e?.stop());

describe('an emergency admission', () => {
  it('is authorised by the competent social service, naming the payer, and then runs', async () => {
    const { page, external } = await newPage(e2e);
    await signIn(page, base, 'assistente.sociale', { home: true });

    await page.goto(`${base}/ospitalita/autorizzazioni`);
    await page.getByRole('heading', { level: 1, name: 'Accordi e autorizzazioni' }).waitFor();
    const row = page.getByTestId('authorisation-row').filter({ hasText: 'Accoglienza in emergenza' }).first();
    await row.waitFor();
    await axe(page, 'the authorisations inbox');
    await row.getByRole('link', { name: 'Accoglienza in emergenza' }).click();
    await page.getByRole('heading', { level: 1, name: 'Accoglienza in emergenza' }).waitFor();
    assert.ok(await page.getByText('Il Faro — accoglienza in emergenza (DEMO)').first().isVisible());
    await axe(page, 'one emergency admission, awaiting');

    // Authorising without a payer is refused by the form itself.
    await page.getByRole('button', { name: 'Autorizza', exact: true }).click();
    await page.getByText("Indica l'ente pagante.").waitFor();
    await axe(page, 'the authorisation with its error');
    const payer = page.getByLabel('Ente che paga la retta');
    const own = (await payer.locator('option').allTextContents()).find((o) => /sociale/i.test(o))!;
    await payer.selectOption({ label: own });
    await page.getByRole('button', { name: 'Autorizza', exact: true }).click();
    await page.getByRole('button', { name: 'Autorizza', exact: true }).waitFor({ state: 'detached' });
    assert.ok(await page.getByText(own).first().isVisible(), 'the payer is named');

    // The stay runs, seen from the social service's side: no unit, no note, no address.
    await page.goto(`${base}/ospitalita/permanenze`);
    await page.getByRole('heading', { level: 1, name: 'Permanenze' }).waitFor();
    const stay = page.getByTestId('stay-row').filter({ hasText: 'Il Faro — accoglienza in emergenza (DEMO)' }).first();
    await stay.getByText('In corso').waitFor();
    await axe(page, 'the stays list');
    await stay.getByRole('link').click();
    await page.getByText(own).first().waitFor();
    await axe(page, 'the stay record');

    await page.goto(`${base}/ospitalita/rette`);
    await page.getByRole('heading', { level: 1, name: 'Rette del mese' }).waitFor();
    await page.getByRole('link', { name: 'Scarica in Excel (XLSX)' }).waitFor();
    await axe(page, 'the monthly fees');
    assert.deepEqual(external, []);
  });
});
