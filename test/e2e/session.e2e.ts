/**
 * Browser journey of a session that ends while the operator works, on a
 * server whose sessions end after one idle minute. She is warned first
 * ("Resta collegata"); left alone, the page is hidden under a dialog to sign
 * in again in place, and the note she was typing is still there afterwards;
 * when the session ends on the server (here: signed out from another tab)
 * and she presses "Registra il contatto", she signs in again and the
 * contact is sent and saved, nothing typed lost, nothing in the browser's
 * storage. Axe on the warning and the dialog. A case opens on the tab its
 * address names, and Back returns to the previous tab.
 * Run: TZ=Europe/Rome node --import tsx --test test/e2e/session.e2e.ts
 */
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { generate } from 'otplib';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../seeds/demo/demo.js';
import { axe } from './cases.helpers.js';
import { type E2EServer, it, newPage, signIn, startE2E } from './harness.js';

const PORT = Number(process.env.E2E_SESSION_PORT ?? 3937);
const base = `http://localhost:${PORT}`;
const NOTE = 'Colloquio lungo: annotazione scritta mentre la sessione scadeva.';
let e2e: E2EServer;
/** The last 30-second step whose code was used: a code is good once, so each sign-in takes a later step. */
let usedStep = Math.floor(Date.now() / 30_000) + 1;

/** A code of a step after the last one used (inside the server's one-step tolerance), waiting for it if needed. */
async function nextCode(): Promise<string> {
  while (Math.floor(Date.now() / 30_000) + 1 <= usedStep) await new Promise((r) => setTimeout(r, 1000));
  usedStep = Math.floor(Date.now() / 30_000) + 1;
  return generate({ secret: DEMO_TOTP_SECRET, epoch: usedStep * 30 });
}

before(async () => {
  e2e = await startE2E(PORT, { SESSION_IDLE_MINUTES: '1' });
});

after(() => e2e?.stop());

describe('a session that ends while she works', () => {
  it('warns, hides the page, lets her sign in again in place and sends what she typed', async () => {
    const { page, external } = await newPage(e2e);
    await signIn(page, base, 'operatrice.cav', { step: 1, home: true });

    // A minute of idle time: the warning is there at once, and says what to do.
    const warning = page.getByRole('alertdialog');
    await warning.getByRole('button', { name: 'Resta collegata' }).waitFor();
    await axe(page, 'session warning');

    // One of her pathways, on the diary tab.
    const list = await page.request.get(`${base}/api/cases?pageSize=20`);
    const mine = ((await list.json()) as { items: { id: string; onTeam: boolean; stage: string }[] }).items.find((c) => c.onTeam && c.stage !== 'concluso');
    assert.ok(mine, 'the demo operator has an open pathway');
    await page.goto(`${base}/percorsi/${mine.id}`);
    await page.getByRole('tab', { name: 'Diario' }).click();
    await page.getByLabel('Tipo', { exact: true }).first().selectOption('ascolto');
    await page.getByLabel('Note', { exact: true }).fill(NOTE);

    // She leaves the keyboard: the page goes under the sign-in dialog.
    const dialog = page.getByRole('dialog', { name: 'Sessione scaduta' });
    await dialog.waitFor({ timeout: 90_000 });
    assert.equal(await page.locator('.modal-backdrop.reauth-backdrop').count(), 1, 'the page under the dialog is hidden');
    await axe(page, 'sign in again dialog');
    await dialog.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await dialog.getByRole('button', { name: 'Continua' }).click();
    await dialog.getByLabel('Codice di verifica').fill(await nextCode());
    await dialog.getByRole('button', { name: 'Verifica' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await page.getByLabel('Note', { exact: true }).inputValue(), NOTE, 'what she typed is still there');

    // The session ends on the server (signed out in another tab); she presses Registra.
    const me = (await (await page.request.get(`${base}/api/auth/me`)).json()) as { csrfToken: string };
    assert.equal((await page.request.post(`${base}/api/auth/logout`, { headers: { 'x-csrf-token': me.csrfToken } })).status(), 204);
    const statuses: number[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith(`/api/cases/${mine.id}/events`) && r.request().method() === 'POST') statuses.push(r.status());
    });
    await page.getByRole('button', { name: 'Registra il contatto' }).click();
    await dialog.waitFor();
    await dialog.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await dialog.getByRole('button', { name: 'Continua' }).click();
    await dialog.getByLabel('Codice di verifica').fill(await nextCode());
    await dialog.getByRole('button', { name: 'Verifica' }).click();
    await page.getByText('Contatto registrato nel diario.').waitFor();
    await page.getByText(NOTE).first().waitFor();
    assert.deepEqual(statuses, [401, 201], 'refused while signed out, then sent once she was back');

    // Nothing of hers was kept in the browser.
    const stored = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }));
    assert.ok(!stored.includes('Colloquio'), 'no typed text in the browser storage');
    assert.deepEqual(external, [], 'no request left the origin');
  });

  it('opens a case on the tab its address names, Back returns to the previous tab; the caseload orders by a column', async () => {
    const { page } = await newPage(e2e);
    await page.goto(`${base}/login`);
    await page.getByLabel('Nome utente').fill('operatrice.cav');
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Accedi' }).click();
    await page.getByLabel('Codice di verifica').fill(await nextCode());
    await page.getByRole('button', { name: 'Verifica' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pagina iniziale' }).waitFor();
    const list = await page.request.get(`${base}/api/cases?pageSize=5`);
    const one = ((await list.json()) as { items: { id: string; onTeam: boolean }[] }).items.find((c) => c.onTeam);
    assert.ok(one);

    await page.goto(`${base}/percorsi/${one.id}?scheda=diario`);
    await page.getByRole('tab', { name: 'Diario', selected: true }).waitFor();
    await page.getByRole('tab', { name: 'Consensi' }).click();
    await page.waitForURL(/scheda=consensi/);
    await page.getByRole('tab', { name: 'Consensi', selected: true }).waitFor();
    await page.goBack();
    await page.getByRole('tab', { name: 'Diario', selected: true }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Pagina iniziale' }).waitFor();

    // The caseload orders by a column head, highest risk first, and says so (aria-sort).
    await page.goto(`${base}/percorsi`);
    await page.getByRole('button', { name: /^Rischio/ }).click();
    await page.waitForURL(/ordina=rischio&verso=desc/);
    await page.locator('th[aria-sort="descending"]').filter({ hasText: 'Rischio' }).waitFor();
    await axe(page, 'caseload ordered by risk');
  });
});
