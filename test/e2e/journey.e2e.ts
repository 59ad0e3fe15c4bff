/**
 * Browser journey: login → second factor → organisation → home → logout,
 * in Debian's Chromium driven by playwright-core, with an axe scan (WCAG 2.1
 * AA) of every screen: zero serious or critical violations.
 * Run: npm run test:e2e (node's test runner).
 */
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { generate } from 'otplib';
import { DEMO_PASSWORD } from '../../seeds/demo/demo.js';
import { type E2EServer, it, newPage, seriousViolations, signIn, startE2E, totpCode } from './harness.js';

const PORT = Number(process.env.E2E_PORT ?? 3931);
const base = `http://localhost:${PORT}`;
let e2e: E2EServer;
/** Codes are single-use per account: each login takes the next time step. */
let step = 0;

before(async () => {
  e2e = await startE2E(PORT);
});

after(() => e2e?.stop());

describe('login → MFA → home', () => {
  it('signs in with password and TOTP, shows the DEMO banner, passes axe on every screen', async () => {
    const { page, external } = await newPage(e2e);
    await page.goto(`${base}/login`);
    await page.getByTestId('demo-banner').waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'login screen');
    // A forgotten password: the page says who can issue a temporary one.
    await page.getByText('Password dimenticata?').click();
    await page.getByText(/responsabile della tua organizzazione/).waitFor();

    await page.getByLabel('Nome utente').fill('operatrice.cav');
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Accedi' }).click();
    await page.getByLabel('Codice di verifica').waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'verification screen');

    // A wrong code is refused with an error, and she stays on the code screen.
    await page.getByLabel('Codice di verifica').fill('000000');
    await page.getByRole('button', { name: 'Verifica' }).click();
    await page.getByRole('alert').first().waitFor();
    assert.ok(await page.getByLabel('Codice di verifica').isVisible());

    const code = await totpCode(step++);
    await page.getByLabel('Codice di verifica').fill(code);
    await page.getByRole('button', { name: 'Verifica' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pagina iniziale' }).waitFor();
    assert.ok(await page.getByText('Sara Conti').first().isVisible());
    await page.getByTestId('demo-banner').waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'home');

    await page.getByRole('button', { name: 'Esci' }).click();
    await page.getByRole('button', { name: 'Accedi' }).waitFor();
    const me = await page.request.get(`${base}/api/auth/me`);
    assert.equal(me.status(), 401, 'the session ended on the server');
    assert.deepEqual(external, [], 'no request left the origin');
  });

  it('asks a person with two organisations to choose one', async () => {
    const { page } = await newPage(e2e);
    step = 0;
    await signIn(page, base, 'operatrice.rifugio', { step: step++ });
    await page.waitForURL(/scegli-organizzazione/);
    await page.getByRole('heading', { level: 1 }).waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'organisation picker');
    // The radio is drawn by its label (Bootstrap Italia): she clicks the label, the radio is then checked.
    const shelter = page.getByRole('radio', { name: 'Casa rifugio Il Faro (DEMO)', exact: true });
    await page.locator('label', { hasText: 'Casa rifugio Il Faro (DEMO)' }).click();
    assert.ok(await shelter.isChecked(), 'the shelter is chosen');
    await page.getByRole('button', { name: 'Continua', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Pagina iniziale' }).waitFor();
  });

  it('lets the instance admin browse accounts and the audit log', async () => {
    const { page } = await newPage(e2e);
    step = 0;
    await signIn(page, base, 'admin', { step: step++ });
    await page.getByRole('heading', { level: 1, name: 'Pagina iniziale' }).waitFor();
    await page.goto(`${base}/admin/utenti`);
    await page.getByText('operatrice.cav').first().waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'accounts');
    await page.goto(`${base}/admin/audit`);
    // Actions by their labels, people by their names.
    await page.getByRole('cell', { name: 'Verifica del secondo fattore' }).first().waitFor();
    await page.getByRole('cell', { name: /Amministratrice Istanza/ }).first().waitFor();
    await page.locator('#audit-family').selectOption({ label: 'Utenze e ruoli' });
    await page.getByRole('button', { name: 'Filtra' }).click();
    await page.waitForURL(/family=accounts/);
    // Only the accounts family is left: the sign-in rows go.
    await page.getByRole('cell', { name: 'Verifica del secondo fattore' }).first().waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: 'Elenco delle utenze consultato' }).first().waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'audit log');

    // The background jobs that failed for good: reached from the navigation, ids and codes only (none on a fresh demo).
    await page.getByRole('navigation').getByRole('link', { name: 'Attività di sistema' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Attività di sistema non riuscite' }).waitFor();
    await page.getByText('Nessuna attività non riuscita.').waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'dead letters');

    // A 1522 API token: reached from the navigation, its value shown once, then revoked.
    await page.getByRole('navigation').getByRole('link', { name: 'Chiavi API 1522' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Chiavi di accesso API del 1522' }).waitFor();
    const helplineAccount = await page.locator('#token-account option', { hasText: '(operatrice.1522)' }).getAttribute('value');
    await page.locator('#token-account').selectOption(helplineAccount!);
    await page.getByLabel('Nome', { exact: true }).fill('Centralino E2E');
    await page.locator('#token-validForDays').selectOption('90');
    await page.getByRole('button', { name: 'Crea la chiave' }).click();
    await page.getByRole('heading', { name: 'Chiave «Centralino E2E» creata' }).waitFor();
    assert.match((await page.locator('.temporary-password-value').textContent()) ?? '', /^trama_/);
    assert.deepEqual(await seriousViolations(page), [], 'token shown once');
    await page.getByRole('button', { name: 'Ho copiato la chiave' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Centralino E2E' });
    await row.getByRole('cell', { name: 'Attiva' }).waitFor();
    await row.getByRole('button', { name: 'Revoca' }).click();
    await row.getByText(/Il software che la usa smetterà subito di funzionare/).waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'token list asking to revoke');
    await row.getByRole('button', { name: 'Conferma' }).click();
    await page.getByText('Chiave «Centralino E2E» revocata.').waitFor();
    await row.getByRole('cell', { name: /^Revocata il/ }).waitFor();

    // The account form checks with the API's own schema; its summary names each field.
    await page.goto(`${base}/admin/utenti/nuova`);
    const create = page.getByRole('button', { name: "Crea l'utenza" });
    await create.click();
    const accountSummary = page.getByRole('alert').filter({ hasText: 'Controlla questi campi' });
    await accountSummary.waitFor();
    assert.equal(await accountSummary.getByRole('link').count(), 4, 'the four fields are named');
    assert.deepEqual(await seriousViolations(page), [], 'account form with errors');
    await page.getByLabel('Nome utente').fill('Collega E2E');
    await page.getByLabel('Nome e cognome').fill('Collega Di Prova');
    await page.locator('#user-organisationId').selectOption({ index: 1 });
    await page.locator('#user-role').selectOption({ index: 1 });
    await create.click();
    await accountSummary.getByRole('link', { name: /^Nome utente: Usa solo lettere/ }).waitFor();
    assert.equal(await accountSummary.getByRole('link').count(), 1, 'only the username is left');
    await page.getByLabel('Nome utente').fill('collega.e2e');
    await create.click();
    await page.getByRole('heading', { name: 'Utenza di Collega Di Prova creata' }).waitFor();

    // The organisation form checks with the API's own schema: nothing is sent until it passes.
    await page.goto(`${base}/admin/organizzazioni/nuova`);
    await page.getByRole('button', { name: 'Salva' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Controlla questi campi' });
    await summary.waitFor();
    assert.equal(await summary.getByRole('link').count(), 2, 'name and kind are both named');
    assert.deepEqual(await seriousViolations(page), [], 'organisation form with errors');
    await page.getByLabel('Nome').fill('X');
    await page.getByRole('button', { name: 'Salva' }).click();
    await summary.getByRole('link', { name: /^Nome: .*minimo: 2/ }).waitFor();
    await page.getByLabel('Nome').fill('Associazione di prova E2E');
    await page.getByLabel('Tipo di organizzazione').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Salva' }).click();
    await page.waitForURL(/\/admin\/organizzazioni$/);
    await page.getByText('Associazione di prova E2E').first().waitFor();
  });

  it('takes a new account through enrolment (QR code) and the change of its temporary password', async () => {
    // The instance admin creates the account through the API.
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
    });
    let cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const mfa = await fetch(`${base}/api/auth/mfa`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ code: await totpCode(step++) }),
    });
    cookie = mfa.headers.get('set-cookie')!.split(';')[0]!;
    const me = (await mfa.json()) as { csrfToken: string };
    const orgs = (await (await fetch(`${base}/api/organisations?q=Filo`, { headers: { cookie } })).json()) as { items: { id: string }[] };
    const created = await fetch(`${base}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': me.csrfToken },
      body: JSON.stringify({ username: 'nuova.e2e', displayName: 'Nuova Collega', organisationId: orgs.items[0]!.id, role: 'operator' }),
    });
    assert.equal(created.status, 201);
    const { temporaryPassword } = (await created.json()) as { temporaryPassword: string };

    const { page } = await newPage(e2e);
    await page.goto(`${base}/login`);
    await page.getByLabel('Nome utente').fill('nuova.e2e');
    await page.getByLabel('Password', { exact: true }).fill(temporaryPassword);
    await page.getByRole('button', { name: 'Accedi' }).click();
    const qr = page.getByRole('img', { name: /^Codice QR/ });
    await qr.waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'enrolment');
    const enrolment = (await (await page.request.get(`${base}/api/auth/mfa/enrolment`)).json()) as { secret: string };
    await page.getByLabel('Codice di verifica').fill(await generate({ secret: enrolment.secret }));
    await page.getByRole('button', { name: 'Verifica' }).click();

    await page.waitForURL(/cambia-password/);
    await page.getByLabel('Password attuale').waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'change password');
    await page.getByLabel('Password attuale').fill(temporaryPassword);
    await page.getByLabel('Nuova password', { exact: true }).fill('Girasole-Lampone-Vela-77');
    await page.getByLabel('Ripeti la nuova password').fill('Girasole-Lampone-Vela-77');
    await page.getByRole('button', { name: 'Salva la password' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pagina iniziale' }).waitFor();
    assert.ok(await page.getByText('Nuova Collega').first().isVisible());
  });
});
