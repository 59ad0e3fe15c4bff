/**
 * Browser journey of an emergency admission's authorisation (issue 13). The
 * demo holds one emergency admission of yesterday at Il Faro's emergency
 * house, awaiting the authorisation of the demo social service. Its social
 * worker opens her inbox of agreements and authorisations, opens the
 * admission (household size, structure name and level, the deadline —
 * never an address), authorises it naming her own service as the payer;
 * the stay is then running in her list of stays, and the month's fees page
 * offers the XLSX. The casa rifugio's head finds the proposal awaiting
 * her answer on her home page, and moves a guest of the casa rifugio into
 * the flat its second-level apartments hold for its own request, chosen
 * among the held places. Axe (WCAG 2.1 AA) on every screen; no request
 * leaves localhost.
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
    // Her home page lists what awaits her service's decision, deadline first: the emergency admission among them.
    const decide = page.getByTestId('home-shelters-decide');
    await decide.getByRole('heading', { level: 2, name: 'Autorizzazioni da decidere' }).waitFor();
    await decide.getByRole('link', { name: 'Accoglienza in emergenza senza richiesta' }).waitFor();
    assert.match((await decide.locator('li').first().textContent()) ?? '', /scade il/);
    await axe(page, 'the home page with the authorisations to decide');

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

describe("the casa rifugio's head", () => {
  it('sees the proposal awaiting her answer on her home page, and moves a guest into the flat held for her request', async () => {
    const { page, external } = await newPage(e2e);
    await signIn(page, base, 'responsabile.rifugio', { home: true });
    const proposals = page.getByTestId('home-shelters-proposals');
    await proposals.getByRole('heading', { level: 2, name: 'Richieste di ospitalità da valutare' }).waitFor();
    assert.match((await proposals.locator('li').first().textContent()) ?? '', /Richiesta OSP-\d{4}-[A-Z0-9]{6} — Casa Il Faro \(DEMO\)/);
    assert.equal(await page.getByTestId('home-shelters-decide').count(), 0, 'nothing to decide for a casa rifugio');
    await axe(page, 'the home page with the proposals to answer');

    // An admission starts from a proposal her structures accepted: chosen from a list, never an id typed by hand.
    await page.goto(`${base}/ospitalita/permanenze/nuova`);
    await page.getByRole('heading', { level: 1, name: 'Accoglienza da una proposta accettata' }).waitFor();
    await page.getByRole('radio', { name: /^OSP-\d{4}-[A-Z0-9]{6} — Appartamenti Il Faro \(DEMO\), richiesta di .+, posti trattenuti fino alle / }).waitFor();
    await page.getByRole('button', { name: "Registra l'accoglienza" }).click();
    await page.getByText('Indica la proposta.').waitFor();
    await axe(page, 'the admission form with its choice of accepted proposals');

    // A running stay of the casa rifugio: the move form offers the flat Il Faro's apartments hold for its own request.
    await page.goto(`${base}/ospitalita/permanenze`);
    await page.getByRole('heading', { level: 1, name: 'Permanenze' }).waitFor();
    const stay = page.getByTestId('stay-row').filter({ hasText: 'Casa Il Faro (DEMO)' }).filter({ hasText: 'In corso' }).first();
    await stay.getByRole('link').click();
    await page.getByRole('heading', { level: 2, name: 'Passaggio ad altra struttura' }).waitFor();
    const choice = page.getByRole('radio', { name: /^OSP-\d{4}-[A-Z0-9]{6} — Appartamenti Il Faro \(DEMO\) \(Seconda accoglienza \(semi-autonomia\)\): 3 posti trattenuti fino al / });
    await choice.waitFor();
    // Without a choice the form says so.
    await page.getByRole('button', { name: 'Registra il passaggio' }).click();
    await page.getByText('Campo obbligatorio').first().waitFor();
    await axe(page, 'the stay record with the move choice');
    // Bootstrap Italia draws the radio over the input: the keyboard, as she would.
    await choice.press('Space');
    assert.equal(await choice.isChecked(), true);
    await page.getByLabel('Data del passaggio').fill(new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' }));
    await page.getByRole('button', { name: 'Registra il passaggio' }).click();
    // The next stay is Il Faro's too: its record opens, naming the one it follows, which ended as a transfer.
    await page.getByRole('link', { name: 'Permanenza precedente' }).waitFor();
    assert.ok(await page.getByText('Appartamenti Il Faro (DEMO)').first().isVisible());
    await axe(page, 'the next stay after the move');
    await page.getByRole('link', { name: 'Permanenza precedente' }).click();
    await page.getByText("La permanenza prosegue in un'altra struttura.").waitFor();
    assert.ok(await page.getByText('Trasferimento ad altra struttura').first().isVisible());
    assert.equal(await page.getByRole('heading', { level: 2, name: 'Passaggio ad altra struttura' }).count(), 0);
    assert.deepEqual(external, []);
  });
});
