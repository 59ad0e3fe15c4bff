/**
 * Browser journey of the structures and the vacancy board (issue 13). The
 * demo's casa rifugio operator is made its head by the instance
 * administrator (the demo has no head there). As head she creates a
 * structure with its secret address, adds a room of two places, lets the
 * demo network see it, and takes a place out of service; the CAV operator
 * of the same network sees the structure on the board with two free
 * places, then one after the change — and never its address. Axe (WCAG
 * 2.1 AA) on every screen, the board also at a phone's width; no request
 * leaves localhost.
 * Run: TZ=Europe/Rome node --import tsx --test test/e2e/shelters-board.e2e.ts
 */
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { type E2EServer, it, newPage, signIn } from './harness.js';
import { startE2E } from './harness.js';
import { axe } from './cases.helpers.js';

const PORT = Number(process.env.E2E_SHELTERS_BOARD_PORT ?? 3971);
const base = `http://localhost:${PORT}`;
const NAME = 'Casa Glicine (E2E)';
const STREET = 'Via del Glicine Segreto 17';
let e2e: E2EServer;

before(async () => {
  e2e = await startE2E(PORT);
});

after(() => e2e?.stop());

interface Me {
  user: { id: string };
  csrfToken: string;
  memberships: { organisationId: string; organisationName: string; organisationType: string }[];
}
const meOf = async (page: Page) => (await (await page.request.get(`${base}/api/auth/me`)).json()) as Me;

/**
 * The board card of the structure, once it shows `free` free places (the board is read again on "Applica i filtri").
 * Each read is waited for to its end before the next click: a click while one is on its way cancels it (a slow
 * machine would never see one finish), and the card drawn from it is waited for, not read at once.
 */
async function boardShows(page: Page, free: string) {
  const card = page.getByTestId('board-item').filter({ hasText: NAME });
  const showing = card.filter({ has: page.getByTestId('board-free').filter({ hasText: free }) });
  for (let i = 0; i < 10; i++) {
    const read = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/shelters/board' && r.request().method() === 'GET');
    await page.getByRole('button', { name: 'Applica i filtri' }).click();
    await read;
    if (await showing.waitFor({ timeout: 2000 }).then(() => true, () => false)) return card;
  }
  assert.fail(`the board never showed "${free}" for ${NAME}`);
}

describe('structures and the vacancy board', () => {
  it('lets a casa rifugio head map her places and take one out of service, and the CAV see the board change', async () => {
    const h = await newPage(e2e);
    const a = await newPage(e2e);
    const c = await newPage(e2e);
    const head = h.page;

    // The casa rifugio operator signs in for the casa rifugio…
    await signIn(head, base, 'operatrice.rifugio');
    await head.waitForURL(/scegli-organizzazione/);
    const me = await meOf(head);
    const rifugio = me.memberships.find((m) => m.organisationType === 'casa_rifugio')!;
    await head.locator('label', { hasText: rifugio.organisationName }).click();
    await head.getByRole('button', { name: 'Continua', exact: true }).click();
    await head.getByRole('heading', { level: 1, name: 'Pagina iniziale' }).waitFor();

    // …and the administrator makes her its head (through the API: the demo has no head at the casa rifugio).
    await signIn(a.page, base, 'admin', { home: true });
    const admin = await meOf(a.page);
    const set = await a.page.request.put(`${base}/api/users/${me.user.id}/memberships/${rifugio.organisationId}`, {
      data: { role: 'organisation_head' },
      headers: { 'x-csrf-token': admin.csrfToken },
    });
    assert.equal(set.status(), 200);

    // A new structure, with its secret address.
    await head.goto(`${base}/ospitalita/strutture`);
    await head.getByRole('heading', { level: 1, name: 'Strutture di ospitalità' }).waitFor();
    await head.getByRole('link', { name: 'Nuova struttura' }).click();
    await head.getByRole('heading', { level: 1, name: 'Nuova struttura' }).waitFor();
    await head.getByLabel('Nome con cui la rete la conosce').fill(NAME);
    await head.getByLabel('Tipologia').selectOption({ label: 'Casa rifugio' });
    await head.getByLabel('Livello di protezione').selectOption({ label: 'Protezione alta' });
    await head.getByLabel('Retta giornaliera (euro)').fill('85');
    await head.getByLabel('Indirizzo', { exact: true }).fill(STREET);
    await head.getByLabel('Comune', { exact: true }).fill('Treviglio');
    await head.getByRole('option', { name: /Treviglio/ }).first().click();
    await head.getByLabel('CAP').fill('24047');
    await axe(head, 'new structure form');
    await head.getByRole('button', { name: 'Crea la struttura' }).click();
    await head.getByRole('heading', { level: 1, name: NAME }).waitFor();

    // A room of two places, and the networks it serves.
    await head.getByLabel("Nome dell'unità (stanza o appartamento)").fill('Stanza 1');
    await head.getByLabel('Numero di posti letto').fill('2');
    await head.getByRole('button', { name: "Aggiungi l'unità" }).click();
    await head.getByTestId('place').nth(1).waitFor();
    // A checkbox is drawn by its label (Bootstrap Italia): she clicks the label.
    const networks = head.getByRole('group', { name: 'Reti servite' }).locator('label');
    for (let i = 0; i < (await networks.count()); i++) await networks.nth(i).click();
    await head.getByRole('button', { name: 'Salva le modifiche' }).click();
    await head.getByText('Modifiche salvate.').first().waitFor();
    assert.match(await head.getByTestId('occupancy').innerText(), /2\s+Libero/);
    await axe(head, 'structure page');

    // The CAV operator sees it on the board: two free places, the province, never the street.
    const cav = c.page;
    await signIn(cav, base, 'operatrice.cav', { home: true });
    await cav.getByRole('link', { name: 'Disponibilità' }).first().click();
    await cav.getByRole('heading', { level: 1, name: 'Disponibilità di posti nelle strutture' }).waitFor();
    const card = await boardShows(cav, '2 posti liberi');
    assert.match(await card.innerText(), /Bergamo/);
    assert.doesNotMatch(await cav.content(), /Glicine Segreto|Treviglio/);
    await axe(cav, 'vacancy board');

    // The head takes place 1 out of service; the board shows one free place.
    await head.getByRole('button', { name: 'Metti fuori servizio il posto 1' }).click();
    await head.getByRole('button', { name: 'Rimetti in servizio il posto 1' }).waitFor();
    assert.match(await head.getByTestId('occupancy').innerText(), /1\s+Fuori servizio/);
    await boardShows(cav, '1 posto libero');

    // At a phone's width the board still reads and passes axe.
    await cav.setViewportSize({ width: 375, height: 812 });
    await axe(cav, 'vacancy board, phone');
    for (const p of [h, a, c]) assert.deepEqual(p.external, [], 'no request leaves localhost');
  });
});
