/**
 * Browser journey of a placement request (issue 13). The demo's casa
 * rifugio operator is made its head by the instance administrator and
 * creates a structure with a room of two places serving the demo network.
 * The CAV operator writes a request (the need, no identity; the comune to
 * avoid chosen by name), reads the matching with its reasons and proposes
 * it to the structure; the casa rifugio operator opens the proposal in the
 * inbox and accepts it — the unit held is shown — and the CAV sees the
 * request accepted. Axe (WCAG 2.1 AA) on every screen; never the address;
 * no request leaves localhost.
 * Run: TZ=Europe/Rome node --import tsx --test test/e2e/shelters-request.e2e.ts
 */
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { type E2EServer, it, newPage, signIn } from './harness.js';
import { startE2E } from './harness.js';
import { axe } from './cases.helpers.js';

const PORT = Number(process.env.E2E_SHELTERS_REQUEST_PORT ?? 3972);
const base = `http://localhost:${PORT}`;
const NAME = 'Casa Ortensia (E2E)';
const STREET = "Via dell'Ortensia Segreta 9";
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

describe('a placement request', () => {
  it('goes from the CAV to a casa rifugio, which accepts it holding places in one unit', async () => {
    const h = await newPage(e2e);
    const a = await newPage(e2e);
    const c = await newPage(e2e);
    const head = h.page;

    // The casa rifugio operator, made its head by the administrator, creates a structure with a room of two places.
    await signIn(head, base, 'operatrice.rifugio');
    await head.waitForURL(/scegli-organizzazione/);
    const me = await meOf(head);
    const rifugio = me.memberships.find((m) => m.organisationType === 'casa_rifugio')!;
    await head.locator('label', { hasText: rifugio.organisationName }).click();
    await head.getByRole('button', { name: 'Continua', exact: true }).click();
    await head.getByRole('heading', { level: 1, name: 'Pagina iniziale' }).waitFor();
    // Her home page, not any first heading (the second factor's page has one): the session is then the verified one.
    await signIn(a.page, base, 'admin', { home: true });
    const admin = await meOf(a.page);
    const set = await a.page.request.put(`${base}/api/users/${me.user.id}/memberships/${rifugio.organisationId}`, { data: { role: 'organisation_head' }, headers: { 'x-csrf-token': admin.csrfToken } });
    assert.equal(set.status(), 200);
    await head.goto(`${base}/ospitalita/strutture/nuova`);
    await head.getByRole('heading', { level: 1, name: 'Nuova struttura' }).waitFor();
    await head.getByLabel('Nome con cui la rete la conosce').fill(NAME);
    await head.getByLabel('Tipologia').selectOption({ label: 'Casa rifugio' });
    await head.getByLabel('Livello di protezione').selectOption({ label: 'Protezione alta' });
    await head.getByLabel('Retta giornaliera (euro)').fill('85');
    await head.getByLabel('Indirizzo', { exact: true }).fill(STREET);
    await head.getByLabel('Comune', { exact: true }).fill('Treviglio');
    await head.getByRole('option', { name: /Treviglio/ }).first().click();
    await head.getByLabel('CAP').fill('24047');
    await head.getByRole('button', { name: 'Crea la struttura' }).click();
    await head.getByRole('heading', { level: 1, name: NAME }).waitFor();
    await head.getByLabel("Nome dell'unità (stanza o appartamento)").fill('Stanza 1');
    await head.getByLabel('Numero di posti letto').fill('2');
    await head.getByRole('button', { name: "Aggiungi l'unità" }).click();
    await head.getByTestId('place').nth(1).waitFor();
    const networks = head.getByRole('group', { name: 'Reti servite' }).getByRole('checkbox');
    // The checkbox itself is covered by its label (Bootstrap Italia): the label is what she clicks.
    for (const id of await networks.evaluateAll((els) => els.map((e) => e.id))) await head.locator(`label[for="${id}"]`).click();
    await head.getByRole('button', { name: 'Salva le modifiche' }).click();
    await head.getByText('Modifiche salvate.').first().waitFor();

    // The CAV operator writes the request: the form says no identity; the comune to avoid is chosen by name.
    const cav = c.page;
    await signIn(cav, base, 'operatrice.cav', { home: true });
    await cav.getByRole('link', { name: 'Richieste di ospitalità' }).first().click();
    await cav.getByRole('heading', { level: 1, name: 'Richieste di ospitalità' }).waitFor();
    await axe(cav, 'requests list');
    await cav.getByRole('link', { name: 'Nuova richiesta' }).click();
    await cav.getByRole('heading', { level: 1, name: 'Nuova richiesta' }).waitFor();
    // Sent empty: the summary names the urgency, nothing is created.
    await cav.getByRole('button', { name: 'Crea la richiesta' }).click();
    await cav.locator('#request-errors').getByText(/Urgenza/).first().waitFor();
    await axe(cav, 'request form with errors');
    await cav.getByLabel('Urgenza').selectOption({ label: 'Urgente' });
    await cav.getByRole('button', { name: 'Aggiungi un figlio o una figlia' }).click();
    await cav.getByLabel('Età del figlio o della figlia 1').fill('6');
    await cav.getByLabel('Sesso del figlio o della figlia 1').selectOption({ index: 1 });
    await cav.getByLabel('Comune da cui tenerla lontana').fill('Milano');
    await cav.getByRole('option', { name: /Milano/ }).first().click();
    await axe(cav, 'request form');
    await cav.getByRole('button', { name: 'Crea la richiesta' }).click();
    await cav.getByRole('heading', { level: 1, name: /^Richiesta OSP-/ }).waitFor();

    // The matching: the structure ranked with its reasons, never its address; she proposes it.
    const match = cav.getByTestId('match').filter({ hasText: NAME });
    await match.waitFor();
    assert.match(await match.innerText(), /Posti per il nucleo in un'unità: servono 2, al massimo 2/);
    assert.doesNotMatch(await cav.content(), /Ortensia Segreta|Treviglio|24047/);
    await axe(cav, 'request with matches');
    await match.getByRole('button', { name: `Proponi a ${NAME}` }).click();
    await cav.getByTestId('request-state').filter({ hasText: 'In attesa' }).waitFor();
    await cav.getByTestId('proposal-row').filter({ hasText: NAME }).waitFor();

    // The casa rifugio's inbox: the proposal, its need; accepting holds two places in Stanza 1.
    await head.goto(`${base}/ospitalita/proposte`);
    await head.getByRole('heading', { level: 1, name: 'Proposte ricevute' }).waitFor();
    await axe(head, 'proposals inbox');
    // Hers by the structure's name: the demo's own proposals to the casa rifugio are listed too.
    await head.getByTestId('proposal-row').filter({ hasText: NAME }).getByRole('link').click();
    await head.getByRole('heading', { level: 1, name: /^Proposta OSP-/ }).waitFor();
    await axe(head, 'proposal');
    await head.getByRole('button', { name: 'Accetta e trattieni i posti' }).click();
    const held = head.getByTestId('held-unit');
    await held.waitFor();
    assert.match(await held.innerText(), /2 nell'unità Stanza 1/);
    await axe(head, 'proposal accepted');

    // The CAV sees the request accepted, the places held until a time.
    await cav.reload();
    await cav.getByTestId('proposal-row').filter({ hasText: 'Posti trattenuti fino a' }).waitFor();
    for (const p of [h, a, c]) assert.deepEqual(p.external, [], 'no request leaves localhost');
  });
});
