/**
 * Browser journey of the multi-agency case reviews on the demo network: the
 * network coordinator opens "Revisioni multi-agenzia" from the navigation,
 * opens the demo's past review (its agenda shows the brief, never the
 * case), and records an action for the shelter with the keyboard, an
 * empty text and owner refused by the form (nothing sent) in the error
 * summary. The CAV operator bringing a case without consent is asked for
 * its legal basis and reason (gone again on her consent), nothing sent.
 * The shelter's operator finds the overdue action among her
 * organisation's, and records that it is in progress. Axe (WCAG 2.1 AA) on the list, the review, its errors and the
 * tasks; no request leaves localhost.
 * Run: TZ=Europe/Rome node --import tsx --test test/e2e/reviews.e2e.ts
 */
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { type E2EServer, it, newPage, signIn, startE2E } from './harness.js';
import { axe, expectFocus } from './cases.helpers.js';

const PORT = Number(process.env.E2E_REVIEWS_PORT ?? 3947);
const base = `http://localhost:${PORT}`;
let e2e: E2EServer;

before(async () => {
  e2e = await startE2E(PORT);
});

after(() => e2e?.stop());

describe('multi-agency case reviews', () => {
  it('lets the coordinator read the demo review and record an action, with the keyboard', async () => {
    const { page, external } = await newPage(e2e);
    await signIn(page, base, 'coordinatrice', { home: true });
    await page.getByRole('link', { name: 'Revisioni multi-agenzia' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Revisioni multi-agenzia' }).waitFor();
    await page.getByRole('heading', { name: 'Convoca una revisione' }).waitFor();
    await axe(page, 'reviews page');

    const table = page.getByRole('table', { name: 'Revisioni' });
    await table.getByRole('row').nth(1).getByRole('link').click();
    await page.getByRole('heading', { level: 2, name: 'Ordine del giorno' }).waitFor();
    await page.getByText(/Dati di prova\. Rischio elevato/).waitFor();
    await page.getByText('Verificare la disponibilità di un posto in casa rifugio (prova)').waitFor();
    await axe(page, 'review page');

    // An action without its text nor owner: refused by the form itself (nothing sent), the summary takes the focus and names each field.
    let actionsPosted = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && /\/api\/reviews\/[^/]+\/actions$/.test(r.url())) actionsPosted++;
    });
    const form = page.locator('form[aria-labelledby="review-action-title"]');
    assert.equal(await form.getByLabel('Azione', { exact: true }).getAttribute('aria-required'), 'true');
    await form.getByRole('button', { name: "Registra l'azione" }).focus();
    await page.keyboard.press('Enter');
    const summary = page.locator('#review-action-errors');
    await summary.getByRole('link', { name: 'Azione: Campo obbligatorio.' }).waitFor();
    await summary.getByRole('link', { name: 'Organizzazione responsabile: Campo obbligatorio.' }).waitFor();
    // The summary takes the focus in an effect after it is drawn: waited for.
    await expectFocus(page, 'review-action-errors');
    assert.equal(await form.getByLabel('Azione', { exact: true }).getAttribute('aria-invalid'), 'true');
    assert.equal(actionsPosted, 0);
    await axe(page, 'review page with errors');

    await form.getByLabel('Azione', { exact: true }).fill('Condividere il piano di sicurezza aggiornato (prova)');
    await form.getByLabel('Organizzazione responsabile').focus();
    await page.keyboard.press('ArrowDown');
    await form.getByRole('button', { name: "Registra l'azione" }).focus();
    await page.keyboard.press('Enter');
    await page.locator('li').filter({ hasText: 'Condividere il piano di sicurezza aggiornato (prova)' }).first().waitFor();
    assert.equal(actionsPosted, 1);
    assert.deepEqual(external, []);
  });

  it('asks the CAV operator for a legal basis and a reason when she brings a case without consent, before anything is sent', async () => {
    const { page, external } = await newPage(e2e);
    await signIn(page, base, 'operatrice.cav', { home: true });
    let itemsPosted = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && /\/api\/reviews\/[^/]+\/items$/.test(r.url())) itemsPosted++;
    });
    await page.goto(`${base}/revisioni`);
    await page.getByRole('table', { name: 'Revisioni' }).getByRole('row').nth(1).getByRole('link').click();
    const form = page.locator('form[aria-labelledby="review-bring-title"]');
    await form.getByLabel('Base per la condivisione').selectOption('tutela_vita');
    assert.equal(await form.getByLabel('Base giuridica').getAttribute('aria-required'), 'true');
    await form.getByRole('button', { name: 'Porta in revisione' }).click();
    const summary = page.locator('#review-bring-errors');
    for (const field of ['Percorso', 'Base giuridica', 'Motivo', 'Sintesi per la revisione']) await summary.getByRole('link', { name: `${field}: Campo obbligatorio.` }).waitFor();
    await axe(page, 'bringing a case without consent, with errors');
    // On her consent, the legal basis and the reason are no fields of the form.
    await form.getByLabel('Base per la condivisione').selectOption('consenso');
    assert.equal(await form.getByLabel('Base giuridica').count(), 0);
    await form.getByRole('button', { name: 'Porta in revisione' }).click();
    await summary.getByRole('link', { name: 'Motivo: Campo obbligatorio.' }).waitFor({ state: 'detached' });
    assert.equal(itemsPosted, 0);
    assert.deepEqual(external, []);
  });

  it('shows the shelter its overdue action, whose status it records', async () => {
    const { page, external } = await newPage(e2e);
    // The operator who works for the shelter and the CAV: she acts for the shelter here.
    await signIn(page, base, 'operatrice.rifugio');
    await page.waitForURL(/scegli-organizzazione/);
    const me = (await (await page.request.get(`${base}/api/auth/me`)).json()) as { memberships: { organisationName: string; organisationType: string }[] };
    const shelter = me.memberships.find((m) => m.organisationType === 'casa_rifugio')!.organisationName;
    await page.locator('label', { hasText: shelter }).click();
    await page.getByRole('button', { name: 'Continua', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Pagina iniziale' }).waitFor();
    await page.goto(`${base}/revisioni`);
    const tasks = page.getByRole('region', { name: 'Azioni affidate alla tua organizzazione' });
    const item = tasks.getByRole('listitem').filter({ hasText: 'Verificare la disponibilità di un posto in casa rifugio (prova)' });
    await item.getByText('scaduta', { exact: false }).waitFor();
    await axe(page, 'tasks');
    // Waited for before the change: the answer may come before a later wait would start.
    const saved = page.waitForResponse((r) => /\/api\/reviews\/[^/]+\/actions\/[^/]+$/.test(r.url()) && r.request().method() === 'PATCH');
    const reloaded = page.waitForResponse((r) => r.url().includes('/api/reviews/tasks') && r.request().method() === 'GET');
    await item.getByLabel("Stato dell'azione").selectOption('in_corso');
    assert.equal((await saved).status(), 200);
    await reloaded;
    assert.equal(await tasks.getByRole('listitem').filter({ hasText: 'Verificare la disponibilità' }).getByLabel("Stato dell'azione").inputValue(), 'in_corso');
    assert.deepEqual(external, []);
  });
});
