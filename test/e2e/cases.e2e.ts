/**
 * Browser journey of the woman's pathway on the demo network: the CAV
 * operator opens the caseload, records a first phone contact through the
 * wizard with the keyboard (anonymous, with safe-contact instructions),
 * lands on the case, reads the "Contatto sicuro" box first, moves the
 * stage to accoglienza (If-Match), walks the tabs with the arrow keys,
 * records a contact and two consents and revokes one, and is told plainly
 * when someone else saved first (412). The CAV's head finds the case in
 * her caseload by its code, staffs its team without opening it, and cannot
 * open it without a reason (break-the-glass). Back on the case, the
 * operator builds the plan with her (goal, action, a conflict, review,
 * meeting), uploads a document and cites it as a signed form, and finds
 * the overdue action among "Le mie scadenze" on the home page. Axe
 * (WCAG 2.1 AA) on the caseload, the wizard, every tab and the home
 * page: zero serious or critical violations; no request leaves localhost.
 * Run: TZ=Europe/Rome node --import tsx --test test/e2e/cases.e2e.ts
 */
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Request } from 'playwright-core';
import { type E2EServer, it, newPage, signIn, startE2E } from './harness.js';
import { arrowTo, axe, dayRome, expectFocus, focused, todayRome } from './cases.helpers.js';
import { keepDocuments, seeTasks, workOnPlan } from './cases.plan.js';
import { notifiedOfTeam } from './notifications.steps.js';

const PORT = Number(process.env.E2E_CASES_PORT ?? 3935);
const base = `http://localhost:${PORT}`;
const CODE_WORD = 'girasole-e2e';
let e2e: E2EServer;
/** The case the operator opens, for the head's part. */
let created: { id: string; code: string } | null = null;

before(async () => {
  e2e = await startE2E(PORT);
});

after(() => e2e?.stop());

describe('the woman’s pathway', () => {
  it('lets the operator record a first contact in the wizard and work on the case tab by tab', async () => {
    const { page, external } = await newPage(e2e);
    await signIn(page, base, 'operatrice.cav', { home: true });
    await page.getByRole('link', { name: 'Percorsi', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Percorsi' }).waitFor();
    await page.getByRole('status').filter({ hasText: /percors/ }).waitFor();
    await axe(page, 'caseload');

    // The wizard: what a phone call needs is on top, with defaults (today, by phone).
    const opening = todayRome();
    await page.getByRole('link', { name: 'Nuovo percorso (primo contatto)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nuovo percorso: primo contatto' }).waitFor();
    // Today as the form opened: the day may turn meanwhile.
    const contactOn = await page.getByLabel('Data del primo contatto').inputValue();
    assert.ok([opening, todayRome()].includes(contactOn), `today by default (${contactOn})`);
    assert.equal(await page.getByLabel('Canale del primo contatto').inputValue(), 'telefono');
    await axe(page, 'wizard');

    // Keyboard only: a missing date is refused with a focused error summary whose link leads to the field.
    await page.getByLabel('Data del primo contatto').fill('');
    await page.getByLabel('Durata (minuti)').focus();
    await page.keyboard.type('15');
    await page.keyboard.press('Enter');
    const summary = page.getByRole('alert').filter({ hasText: 'Controlla questi campi' });
    await summary.waitFor();
    await expectFocus(page, 'new-case-errors');
    await axe(page, 'wizard with errors');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expectFocus(page, 'new-case-date');
    await page.getByLabel('Data del primo contatto').fill(todayRome());
    await page.getByLabel('Come è arrivata al servizio').selectOption('1522');
    await page.getByLabel('Situazione di emergenza').press('Space');

    // Anonymous, but with the safe-contact instructions (the optional section opens on request).
    const more = page.getByRole('button', { name: 'Aggiungi nome, telefono e istruzioni di contatto sicuro' });
    await more.focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.getByRole('button', { name: /contatto sicuro/ }).getAttribute('aria-expanded'), 'true');
    await page.locator('#new-case-sc-channels-telefono').press('Space');
    await page.getByLabel('Quando').fill('solo la mattina, 9-11');
    await page.locator('#new-case-sc-no-messages').press('Space');
    await page.getByLabel('Parola in codice').fill(CODE_WORD);
    await axe(page, 'wizard, optional section open');

    // The API's own schema checks in the browser: a contact tomorrow is named in the summary, nothing is sent, nothing typed is lost.
    let sent = false;
    const onRequest = (r: Request) => {
      if (r.url().endsWith('/api/cases') && r.method() === 'POST') sent = true;
    };
    page.on('request', onRequest);
    const tomorrow = dayRome(1);
    await page.getByLabel('Data del primo contatto').fill(tomorrow);
    await page.getByRole('button', { name: 'Apri il percorso' }).click();
    await summary.getByRole('link', { name: 'Data del primo contatto: La data è nel futuro.' }).waitFor();
    await expectFocus(page, 'new-case-errors');
    assert.equal(await summary.getByRole('link').count(), 1, 'only the date is named');
    assert.equal(sent, false, 'nothing sent');
    assert.equal(await page.getByLabel('Data del primo contatto').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByLabel('Parola in codice').inputValue(), CODE_WORD);
    assert.equal(await page.getByLabel('Quando').inputValue(), 'solo la mattina, 9-11');
    assert.equal(await page.getByLabel('Durata (minuti)').inputValue(), '15');
    assert.equal(await page.getByLabel('Come è arrivata al servizio').inputValue(), '1522');
    assert.ok(await page.locator('#new-case-sc-no-messages').isChecked());
    assert.ok(await page.locator('#new-case-sc-channels-telefono').isChecked());
    await axe(page, 'wizard with a date in the future');
    page.off('request', onRequest);
    await page.getByLabel('Data del primo contatto').fill(todayRome());
    const posted = page.waitForResponse((r) => r.url().endsWith('/api/cases') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Apri il percorso' }).press('Enter');
    const response = await posted;
    assert.equal(response.status(), 201);
    const body = response.request().postDataJSON() as Record<string, unknown>;
    assert.equal(body.identity, undefined, 'anonymous: no identity sent');
    assert.deepEqual(body.firstEvent, { channel: 'telefono', type: 'ascolto', durationMinutes: 15 });
    const record = (await response.json()) as { id: string; code: string };
    created = { id: record.id, code: record.code };

    // The case page: ids only in the address, the code in the title, the safe-contact box first.
    await page.waitForURL(`${base}/percorsi/${record.id}`);
    await page.getByRole('heading', { level: 1, name: `Percorso ${record.code}`, exact: true }).waitFor();
    await page.getByText(`Percorso aperto con il codice ${record.code}.`).waitFor();
    const box = page.getByTestId('safe-contact');
    assert.ok(await box.isVisible());
    const boxText = await box.innerText();
    assert.match(boxText, /Contatto sicuro/i);
    assert.match(boxText, /NON lasciare messaggi/);
    assert.ok(boxText.includes(CODE_WORD), 'the code word');
    assert.ok(boxText.includes('solo la mattina, 9-11'));
    assert.ok(await page.getByText('Rischio non valutato').first().isVisible());
    await axe(page, 'summary tab');

    // Stage to accoglienza, with the version read (If-Match).
    const staged = page.waitForResponse((r) => r.url().endsWith(`/api/cases/${record.id}/stage`));
    await page.getByRole('button', { name: 'Passa ad accoglienza' }).click();
    const stageResponse = await staged;
    assert.equal(stageResponse.status(), 200);
    assert.equal(stageResponse.request().headers()['if-match'], '"1"');
    await page.getByText('Fase aggiornata: Accoglienza.').waitFor();
    // Waited for: the notice may show a moment before the saved case does (the query's answer reaches the page later).
    await page.getByRole('button', { name: 'Passa ad accoglienza' }).waitFor({ state: 'detached' });

    // The tabs, with the arrow keys.
    await page.getByRole('tab', { name: 'Riepilogo' }).focus();
    await arrowTo(page, 'Profilo');
    await page.getByLabel("Fascia d'età").waitFor();
    await axe(page, 'profile tab');
    // "Not recorded" is offered once per select, even where the code list has its own.
    for (const label of ['Titolo di studio', 'Condizione lavorativa', 'Con chi vive', 'Da quanto dura la violenza']) {
      const options = await page.getByLabel(label, { exact: true }).locator('option').allInnerTexts();
      assert.equal(options.filter((o) => /^Non rilevat/.test(o.trim())).length, 1, label);
    }
    await arrowTo(page, 'Figli');
    await page.getByText('Nessun figlio o figlia registrati.').waitFor();
    await axe(page, 'children tab');
    await page.getByRole('button', { name: 'Aggiungi un figlio o una figlia' }).click();
    await page.getByLabel('Età (anni)').fill('7');
    await page.getByLabel('Ha assistito alla violenza').selectOption('yes');
    await axe(page, 'children form');
    await page.getByRole('button', { name: 'Salva' }).click();
    await page.getByText('Figlio o figlia aggiunti.').waitFor();
    await page.getByRole('heading', { name: /Figlio\/a n\. 1 — 7 anni/ }).waitFor();
    await expectFocus(page, 'children-add');

    await page.getByRole('tab', { name: 'Figli' }).focus();
    await arrowTo(page, 'Diario');
    await page.getByRole('status').filter({ hasText: '1 contatto' }).waitFor();
    assert.ok(await page.getByTestId('safe-contact').isVisible(), 'the safe-contact box before recording a contact');
    await page.getByLabel('Tipo', { exact: true }).first().selectOption('accoglienza');
    await page.getByLabel('Canale', { exact: true }).first().selectOption('di_persona');
    await page.getByLabel('Note', { exact: true }).fill('Primo colloquio in sede.');
    const event = page.waitForResponse((r) => r.url().endsWith(`/api/cases/${record.id}/events`) && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Registra il contatto' }).click();
    assert.equal((await event).status(), 201);
    await page.getByText('Contatto registrato nel diario.').waitFor();
    await page.getByRole('status').filter({ hasText: '2 contatti' }).waitFor();
    await page.getByText('Primo colloquio in sede.').waitFor();
    await axe(page, 'timeline tab');

    await page.getByRole('tab', { name: 'Diario' }).focus();
    await arrowTo(page, 'Rischio');
    await arrowTo(page, 'Progetto personalizzato');
    await page.getByText('Nessun obiettivo nel progetto.').waitFor();
    await arrowTo(page, 'Consensi');
    await page.getByText('Nessun consenso registrato.').waitFor();
    await page.getByLabel('Scopo').selectOption('presa_in_carico');
    await page.getByRole('button', { name: 'Registra il consenso' }).click();
    const ledger = page.getByTestId('consent-ledger');
    await ledger.getByText(/^Ha acconsentito alla presa in carico dal \d{1,2} \w+ \d{4}, in forma scritta\.$/).waitFor();
    // A sharing consent with another organisation of her network, then its revocation.
    await page.getByLabel('Scopo').selectOption('condivisione');
    const recipient = page.getByLabel('Organizzazione destinataria');
    await recipient.locator('option').nth(1).waitFor({ state: 'attached' });
    const recipientName = (await recipient.locator('option').nth(1).innerText()).trim();
    await recipient.selectOption({ index: 1 });
    await page.locator('#consent-sections-profile').press('Space');
    await page.locator('#consent-sections-children').press('Space');
    await page.getByLabel('Orale', { exact: true }).press('Space');
    assert.ok(await page.getByLabel('Orale', { exact: true }).isChecked());
    await axe(page, 'consents form');
    await page.getByRole('button', { name: 'Registra il consenso' }).click();
    await ledger.getByText(`Ha acconsentito alla condivisione con ${recipientName} (sezioni: profilo, figli) dal`, { exact: false }).waitFor();
    assert.match(await ledger.innerText(), /in forma orale\./);
    await page.getByRole('button', { name: `Revoca la condivisione con ${recipientName}` }).click();
    await page.getByText('Revocare questo consenso? Ha effetto da subito.').waitFor();
    await page.getByRole('button', { name: 'Conferma' }).click();
    await page.getByText('Consenso revocato.').waitFor();
    await ledger.getByText(/^Revocato il /).waitFor();
    await axe(page, 'consents tab');

    await page.getByRole('tab', { name: 'Consensi' }).focus();
    // Invii: her only sharing consent was revoked, so no referral may rest on one (the form says so).
    await arrowTo(page, 'Invii');
    await page.getByText('Nessun consenso permette un invio').waitFor();
    await axe(page, 'referrals tab');
    await page.getByRole('tab', { name: 'Invii' }).focus();
    await arrowTo(page, 'Documenti');
    await page.getByText('Nessun documento caricato.').waitFor();
    await arrowTo(page, 'Équipe');
    await page.getByRole('cell', { name: 'Referente' }).first().waitFor();
    await axe(page, 'team tab');
    await arrowTo(page, 'Autore');
    await page.getByText('Nessun autore registrato.').waitFor();
    await axe(page, 'authors tab');
    await page.keyboard.press('Home');
    assert.equal(await focused(page), 'Riepilogo');
    await page.keyboard.press('End');
    assert.equal(await focused(page), 'Autore');

    // Someone else saves first: her save is refused (412), the current version loads, and she is told.
    await page.getByRole('tab', { name: 'Profilo' }).click();
    // Before that, the shared schema's checks: each field named in the summary, nothing sent.
    let patched = false;
    const onPatch = (r: Request) => {
      if (r.method() === 'PATCH') patched = true;
    };
    page.on('request', onPatch);
    await page.getByLabel('Cittadinanza', { exact: true }).selectOption('ue');
    const country = page.getByRole('combobox', { name: 'Paese di cittadinanza' });
    // "Ma" names no country: refused, never saved as a code.
    await country.fill('Ma');
    // Bootstrap Italia draws each box on its label: she clicks the label.
    const spoken = page.getByRole('group', { name: 'Lingue parlate' });
    for (const name of ['Arabo', 'Francese', 'Inglese', 'Italiano', 'Rumeno', 'Wolof']) await spoken.locator('label', { hasText: name }).click();
    await page.getByRole('button', { name: 'Salva' }).click();
    const profileSummary = page.getByRole('alert').filter({ hasText: 'Controlla questi campi' });
    await profileSummary.getByRole('link', { name: /^Paese di cittadinanza: Scegli un Paese dall'elenco/ }).waitFor();
    await profileSummary.getByRole('link', { name: /^Lingue parlate: .*massimo: 5/ }).waitFor();
    assert.equal(patched, false, 'nothing sent');
    assert.equal(await country.inputValue(), 'Ma', 'nothing typed is lost');
    await axe(page, 'profile tab with errors');
    page.off('request', onPatch);
    await country.fill('Romania');
    await spoken.locator('label', { hasText: 'Wolof' }).click();
    await page.getByLabel("Fascia d'età").selectOption('30_39');
    const me = (await (await page.request.get(`${base}/api/auth/me`)).json()) as { csrfToken: string };
    // Another person changes the comune meanwhile (the emergency is derived, never PATCHed: docs/cases.md).
    const current = (await (await page.request.get(`${base}/api/cases/${record.id}`)).json()) as { version: number; comune: { istatCode: string } | null };
    const comuneBefore = await page.locator('#profile-comune').inputValue();
    const other = await page.request.patch(`${base}/api/cases/${record.id}`, {
      data: { comuneCode: current.comune ? null : '016024' },
      headers: { 'if-match': `"${current.version}"`, 'x-csrf-token': me.csrfToken },
    });
    assert.equal(other.status(), 200);
    const stale = page.waitForResponse((r) => r.url().endsWith(`/api/cases/${record.id}`) && r.request().method() === 'PATCH');
    await page.getByRole('button', { name: 'Salva' }).click();
    assert.equal((await stale).status(), 412);
    await page.getByTestId('stale-notice').getByText('Modificato da un\'altra persona').waitFor();
    // The current version is loaded into the form (with the other person's change).
    await page.waitForFunction((was) => (document.querySelector('#profile-comune') as HTMLInputElement | null)?.value !== was, comuneBefore);
    await axe(page, 'profile tab after a conflict');

    // The country by its name: typed, chosen from the suggestions, saved as its code, shown by name again.
    await page.getByLabel('Cittadinanza', { exact: true }).selectOption('extra_ue');
    await country.pressSequentially('Marocco');
    await page.getByRole('option', { name: 'Marocco', exact: true }).click();
    await spoken.locator('label', { hasText: 'Arabo' }).click();
    const saved = page.waitForResponse((r) => r.url().endsWith(`/api/cases/${record.id}`) && r.request().method() === 'PATCH');
    await page.getByRole('button', { name: 'Salva' }).click();
    assert.equal((await saved).status(), 200);
    await page.getByText('Profilo salvato.').waitFor();
    const stored = (await (await page.request.get(`${base}/api/cases/${record.id}`)).json()) as { profile: { country?: string; languages: string[] } };
    assert.equal(stored.profile.country, 'MA', 'the code is saved');
    assert.deepEqual(stored.profile.languages, ['ar']);
    await page.reload();
    await country.waitFor();
    assert.equal(await country.inputValue(), 'Marocco', 'the name is shown again');
    assert.equal(await spoken.getByRole('checkbox', { name: 'Arabo', exact: true }).isChecked(), true);
    assert.deepEqual(external, [], 'no request left the origin');
  });

  it('shows the head the case in her caseload, and opens it only with a reason', async () => {
    assert.ok(created, 'the operator’s case');
    const { page, external } = await newPage(e2e);
    await signIn(page, base, 'responsabile.cav', { home: true });
    await page.getByRole('link', { name: 'Percorsi', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Percorsi' }).waitFor();
    // The code filter (only its beginning is needed).
    await page.getByLabel('Codice del percorso').fill(created.code.slice(0, 8));
    await page.getByLabel('Codice del percorso').press('Enter');
    await page.waitForURL(/codice=/);
    const row = page.getByTestId('caseload-row').filter({ hasText: created.code });
    await row.waitFor();
    assert.equal(await row.getByRole('link', { name: created.code, exact: true }).count(), 0, 'no plain link into a case she is not on');
    assert.match(await row.innerText(), /riservato all'équipe/);
    await axe(page, 'caseload (head)');

    // Straight to the address: nothing, as if it did not exist.
    await page.goto(`${base}/percorsi/${created.id}`);
    await page.getByRole('heading', { level: 1, name: 'Percorso non trovato' }).waitFor();
    assert.equal(await page.getByTestId('safe-contact').count(), 0);

    // She staffs the case from the caseload without opening it.
    await page.goBack();
    await row.getByRole('link', { name: `Gestisci l'équipe del percorso ${created.code}` }).click();
    await page.getByRole('heading', { level: 1, name: `Équipe del percorso ${created.code}` }).waitFor();
    await page.getByLabel('Collega', { exact: true }).selectOption({ label: 'Luisa Moro' });
    await page.getByRole('button', { name: "Aggiungi all'équipe" }).click();
    await page.getByText("Luisa Moro è stata aggiunta all'équipe.").waitFor();
    assert.equal(await page.getByTestId('safe-contact').count(), 0, 'no data of hers on the team page');
    await axe(page, 'team page (head)');
    await page.goBack();
    await row.waitFor();
    let opened = false;
    page.on('request', (r) => {
      if (r.url().endsWith('/break-glass')) opened = true;
    });
    await page.getByRole('link', { name: `Apri con motivazione il percorso ${created.code}` }).first().click();
    await page.getByRole('heading', { level: 1, name: `Apri il percorso ${created.code} con motivazione` }).waitFor();
    await axe(page, 'break-the-glass form');
    await page.getByRole('button', { name: 'Apri il percorso' }).click();
    await page.getByRole('alert').filter({ hasText: 'Indica il motivo per cui apri il percorso.' }).waitFor();
    assert.equal(opened, false, 'no request without a reason');
    await axe(page, 'break-the-glass form with error');

    await page.getByLabel('Motivo dell\'apertura (obbligatorio)').fill('Referente assente, serve una decisione urgente.');
    await page.getByRole('button', { name: 'Apri il percorso' }).click();
    await page.getByRole('heading', { level: 1, name: `Percorso ${created.code}`, exact: true }).waitFor();
    await page.getByTestId('break-glass-notice').getByText(/Rita Ferri ha aperto il percorso con motivazione/).waitFor();
    assert.match(await page.getByTestId('break-glass-notice').innerText(), /Motivo: «Referente assente, serve una decisione urgente\.»/, 'the team reads why');
    assert.equal(await page.getByRole('tab', { name: 'Autore' }).count(), 0, 'the authors stay with the team');
    assert.ok(await page.getByTestId('safe-contact').isVisible());
    await axe(page, 'case opened with a reason');

    // She answers for the record: who reached it, from the caseload.
    await page.goto(`${base}/percorsi?codice=${encodeURIComponent(created.code.slice(0, 8))}`);
    await row.getByRole('link', { name: `Accessi al percorso ${created.code}` }).click();
    await page.getByRole('heading', { level: 1, name: `Accessi al percorso ${created.code}` }).waitFor();
    const log = page.getByRole('table', { name: 'Registro degli accessi al percorso, dal più recente' });
    await log.getByText('Apertura straordinaria', { exact: true }).first().waitFor();
    await log.getByText('Scheda del percorso letta').first().waitFor();
    assert.ok((await log.getByText('Rita Ferri').count()) > 0, 'her own opening is there');
    assert.equal(await page.getByTestId('safe-contact').count(), 0, 'no data of hers in the access history');
    await axe(page, 'access history (head)');
    assert.deepEqual(external, [], 'no request left the origin');
  });

  it('lets the operator plan the pathway with her, keep its documents, and see what is due', async () => {
    assert.ok(created, 'the operator’s case');
    const { page, external } = await newPage(e2e);
    // Her second login in this file: the next TOTP time step.
    await signIn(page, base, 'operatrice.cav', { step: 1, home: true });
    await page.getByRole('heading', { level: 2, name: 'Le mie scadenze' }).waitFor();
    await page.goto(`${base}/percorsi/${created.id}`);
    await page.getByRole('heading', { level: 1, name: `Percorso ${created.code}`, exact: true }).waitFor();
    await workOnPlan(page, base, created.id);
    await keepDocuments(page, base, created.id);
    await seeTasks(page, base, created);
    assert.deepEqual(external, [], 'no request left the origin');
  });

  it('puts an overdue Codice Rosso hearing first on the operator’s home, and gives the head her centre in numbers', async () => {
    const { page, external } = await newPage(e2e);
    const dayRome = (offset: number) => new Date(Date.now() + offset * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' });
    // Her last login in this file may have used the next time step already: wait for a fresh one (a TOTP code is accepted once).
    await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 500));
    await signIn(page, base, 'operatrice.cav', { step: 1, home: true });
    // A report registered five days ago: the prosecutor had to hear her within three days, two days ago.
    const me = (await (await page.request.get(`${base}/api/auth/me`)).json()) as { csrfToken: string };
    const opened = await page.request.post(`${base}/api/cases`, {
      data: { contactOn: dayRome(-6), profile: { reports: [{ kind: 'denuncia', registeredOn: dayRome(-5) }] } },
      headers: { 'x-csrf-token': me.csrfToken },
    });
    assert.equal(opened.status(), 201);
    const reported = (await opened.json()) as { code: string };
    await page.goto(`${base}/`);
    const tasks = page.getByTestId('my-tasks');
    const item = page.getByRole('region', { name: 'Scadute' }).getByTestId('task-item').filter({ hasText: reported.code });
    await item.waitFor();
    assert.match(await item.innerText(), /Scadenza di legge · Audizione dal pubblico ministero \(3 giorni, Codice Rosso\) — era prevista entro il .+ Scaduta/);
    assert.equal((await tasks.locator('h3').allInnerTexts())[0], 'Scadute', 'the overdue first');
    // The demo's pathways have had no contact since its reference day: counted, oldest first, a page at a time.
    const stale = page.getByTestId('stale-pathways');
    assert.match(await stale.innerText(), /\d+ percorsi senza contatti da oltre 30 giorni\./);
    await axe(page, 'home with an overdue legal deadline');
    await stale.getByRole('button', { name: 'Pagina successiva' }).click();
    await stale.getByText(/^Pagina 2 di \d+$/).waitFor();
    await axe(page, 'home, second page of stale pathways');

    // The head: her centre's workload in numbers, each a link to the caseload it counts.
    const head = await newPage(e2e);
    await signIn(head.page, base, 'responsabile.cav', { step: 1, home: true });
    const workload = head.page.getByTestId('centre-workload');
    await workload.getByRole('heading', { level: 2, name: 'Il lavoro del centro' }).waitFor();
    await workload.getByTestId('workload-person').first().waitFor();
    assert.ok((await workload.getByTestId('workload-person').count()) >= 2, 'her staff, each with open pathways');
    await axe(head.page, 'home of the head');
    const emergencies = workload.getByRole('link', { name: /in emergenza$/ });
    const count = Number((await emergencies.innerText()).split(' ')[0]);
    await emergencies.click();
    await head.page.waitForURL(/aperti=1&emergenza=1/);
    await head.page.getByTestId('workload-filters').getByText('Elenco filtrato dalla pagina iniziale: percorsi aperti, in emergenza.').waitFor();
    await head.page.getByRole('status').filter({ hasText: new RegExp(`^${count} percors`) }).waitFor();
    await axe(head.page, 'caseload filtered from the workload');
    assert.deepEqual([...external, ...head.external], [], 'no request left the origin');
    // A later step of this file may sign these accounts in again with the next time step: leave it a fresh one.
    await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 500));
  });

  it('finds her again when she calls back, by her name misspelt or by her number, closed pathway included, her name never in the address', async () => {
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' });
    const { page, external } = await newPage(e2e);
    // The operator who works for the shelter and the CAV: she acts for the CAV here.
    await signIn(page, base, 'operatrice.rifugio');
    await page.waitForURL(/scegli-organizzazione/);
    const me = (await (await page.request.get(`${base}/api/auth/me`)).json()) as { memberships: { organisationName: string; organisationType: string }[] };
    const cav = me.memberships.find((m) => m.organisationType === 'cav')!.organisationName;
    await page.locator('label', { hasText: cav }).click();
    await page.getByRole('button', { name: 'Continua', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Pagina iniziale' }).waitFor();
    await notifiedOfTeam(page, base, created!);
    // A woman she met last month, whose pathway is closed.
    const { csrfToken } = (await (await page.request.get(`${base}/api/auth/me`)).json()) as { csrfToken: string };
    const headers = { 'x-csrf-token': csrfToken };
    const opened = await page.request.post(`${base}/api/cases`, {
      data: { contactOn: daysAgo(30), identity: { firstName: 'Ermengarda', lastName: 'Sangalli', phones: ['+39 347 555 0101'] } },
      headers,
    });
    assert.equal(opened.status(), 201);
    const woman = (await opened.json()) as { id: string; code: string };
    const closed = await page.request.post(`${base}/api/cases/${woman.id}/stage`, { data: { stage: 'concluso', on: daysAgo(2), outcome: 'obiettivi_raggiunti' }, headers: { ...headers, 'if-match': '"1"' } });
    assert.equal(closed.status(), 200);

    await page.getByRole('link', { name: 'Percorsi', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Percorsi' }).waitFor();
    const search = page.getByRole('search', { name: 'Cerca per nome o telefono' });
    const field = search.getByLabel('Nome, cognome o numero di telefono');
    // Too short: the API's own rule, before any request.
    await field.fill('E');
    await field.press('Enter');
    await search.getByText(/Valore troppo corto/).waitFor();
    // As she says it on the phone, as the operator types it.
    await field.fill('ermengarda sanghalli');
    await field.press('Enter');
    await page.getByTestId('case-search-status').filter({ hasText: '1 percorso trovato.' }).waitFor();
    const row = page.getByTestId('case-search-row');
    assert.match(await row.innerText(), new RegExp(`${woman.code}[\\s\\S]*Ermengarda[\\s\\S]*Percorso concluso`));
    assert.ok(!/ermengarda|sanghalli|sangalli/i.test(page.url()), 'her name is not in the address');
    await axe(page, 'case search results');
    // Her number, as she gives it. Its answer is waited for: the status still says the same of the name's search, and
    // the next search would be lost (the button is disabled while one is on its way).
    const searched = () => page.waitForResponse((r) => r.url().endsWith('/api/cases/search') && r.request().method() === 'POST');
    const byNumber = searched();
    await field.fill('0039 347 555 0101');
    await field.press('Enter');
    assert.equal(((await (await byNumber).json()) as { items: unknown[] }).items.length, 1);
    await page.getByTestId('case-search-status').filter({ hasText: '1 percorso trovato.' }).waitFor();
    await field.fill('Nessunanome');
    await field.press('Enter');
    await page.getByTestId('case-search-status').filter({ hasText: 'Nessun percorso trovato' }).waitFor();
    await field.fill('3475550101');
    await field.press('Enter');
    await row.getByRole('link', { name: woman.code, exact: true }).click();
    await page.waitForURL(new RegExp(`/percorsi/${woman.id}$`));
    assert.deepEqual(external, [], 'no request left the origin');
  });

  it('prints the case sheet as a PDF of the sections she holds, named by the code only', async () => {
    assert.ok(created, 'the operator’s case, opened by the head with a reason');
    const { page, external } = await newPage(e2e);
    // The head's last login in this file left a fresh time step.
    await signIn(page, base, 'responsabile.cav', { step: 1 });
    await page
      .getByRole('heading', { level: 1, name: 'Pagina iniziale' })
      .waitFor({ timeout: 15_000 })
      .catch(async () => assert.fail(`signed in? ${page.url()} ${(await page.locator('body').innerText()).slice(0, 500)}`));
    await page.goto(`${base}/percorsi/${created.id}`);
    await page.getByRole('heading', { level: 1, name: `Percorso ${created.code}`, exact: true }).waitFor();
    await page.getByText('Stampa scheda (PDF)', { exact: true }).click();
    const sections = page.getByRole('group', { name: 'Sezioni da stampare' });
    await sections.waitFor();
    assert.equal(await sections.getByLabel('Autore').count(), 0, 'only the sections she holds are offered');
    assert.ok(await sections.getByLabel('Identità e contatto sicuro').isChecked());
    // Bootstrap Italia draws the box on the label: she clicks the label.
    await sections.locator('label', { hasText: 'Documenti' }).click();
    assert.equal(await sections.getByLabel('Documenti').isChecked(), false);
    await axe(page, 'case sheet print options');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Scarica il PDF' }).click()]);
    assert.equal(download.suggestedFilename(), `${created.code}.pdf`, 'named by the code, never her name');
    assert.ok(!download.url().includes('documents'), 'the unchecked section is not asked for');
    const { readFile } = await import('node:fs/promises');
    assert.equal((await readFile(await download.path())).subarray(0, 5).toString(), '%PDF-');
    assert.deepEqual(external, [], 'no request left the origin');
  });
});
