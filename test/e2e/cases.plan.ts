/**
 * Steps of the pathway's browser journey (cases.e2e.ts) on the plan, the
 * documents and the home page's deadlines, as the CAV operator.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { axe, dayRome, expectFocus, todayRome } from './cases.helpers.js';

/** Piano: a goal, an overdue action (no mediation to choose), a conflict on it (412), a review with her agreement, a meeting. */
export async function workOnPlan(page: Page, base: string, caseId: string) {
  await page.getByRole('tab', { name: 'Progetto personalizzato', exact: true }).click();
  await page.getByText('Nessun obiettivo nel progetto.').waitFor();
  await axe(page, 'plan tab, empty');

  await page.getByRole('button', { name: 'Aggiungi un obiettivo' }).click();
  await page.getByLabel('Area').selectOption('lavoro');
  await page.getByLabel('Descrizione').fill('Trovare un lavoro part-time compatibile con la scuola dei figli.');
  await axe(page, 'goal form');
  const goalPosted = page.waitForResponse((r) => r.url().endsWith(`/api/cases/${caseId}/plan/goals`) && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Salva' }).click();
  assert.equal((await goalPosted).status(), 201);
  await page.getByText('Obiettivo aggiunto.').waitFor();
  await page.getByRole('heading', { name: 'Obiettivo n. 1: Lavoro' }).waitFor();

  await page.getByRole('button', { name: "Aggiungi un'azione all'obiettivo n. 1" }).click();
  const types = await page.getByLabel('Tipo di azione').locator('option').allInnerTexts();
  assert.ok(types.length > 10, 'the closed list of action types');
  assert.ok(!types.some((label) => /mediazion/i.test(label)), 'no mediation type (Istanbul Convention art. 48)');
  await page.getByLabel('Tipo di azione').selectOption('orientamento_lavoro');
  assert.notEqual(await page.getByLabel('Organizzazione che se ne occupa').inputValue(), '', 'her organisation by default');
  // Due yesterday: overdue, so it shows among her deadlines on the home page.
  await page.getByLabel('Entro il').fill(dayRome(-1));
  await axe(page, 'action form');
  await page.getByRole('button', { name: 'Salva' }).click();
  await page.getByText('Azione aggiunta.').waitFor();
  const action = page.getByTestId('plan-action').first();
  assert.match(await action.innerText(), /Orientamento al lavoro — Prevista\s+Scaduta/);

  // Someone else updates the action meanwhile: her save is refused (412), told plainly, and the current version loads.
  await page.getByRole('button', { name: 'Modifica l\'azione «Orientamento al lavoro»' }).click();
  const me = (await (await page.request.get(`${base}/api/auth/me`)).json()) as { csrfToken: string };
  const plan = (await (await page.request.get(`${base}/api/cases/${caseId}/plan`)).json()) as { goals: { id: string; actions: { id: string; owner: { id: string }; version: number }[] }[] };
  const goal = plan.goals[0]!;
  const current = goal.actions[0]!;
  const other = await page.request.put(`${base}/api/cases/${caseId}/plan/actions/${current.id}`, {
    data: { goalId: goal.id, type: 'orientamento_lavoro', ownerOrganisationId: current.owner.id, dueOn: dayRome(-1), status: 'in_corso', description: null },
    headers: { 'if-match': `"${current.version}"`, 'x-csrf-token': me.csrfToken },
  });
  assert.equal(other.status(), 200);
  await page.getByLabel('Stato').selectOption('fatta');
  const stale = page.waitForResponse((r) => r.url().endsWith(`/plan/actions/${current.id}`) && r.request().method() === 'PUT');
  await page.getByRole('button', { name: 'Salva' }).click();
  const staleResponse = await stale;
  assert.equal(staleResponse.status(), 412);
  assert.equal(staleResponse.request().headers()['if-match'], `"${current.version}"`);
  await page.getByTestId('stale-notice').getByText('Qualcuno ha modificato il progetto').waitFor();
  await page.waitForFunction((id) => (document.querySelector(`#plan-action-${id}-status`) as HTMLSelectElement | null)?.value === 'in_corso', current.id);
  await page.getByRole('button', { name: 'Annulla' }).click();

  // A review with her agreement (yes, no, or not asked: chosen, never assumed), and when to look at the plan again.
  const opening = todayRome();
  await page.getByRole('button', { name: 'Registra una verifica' }).click();
  // Today as the form opened: the day may turn meanwhile.
  const reviewedOn = await page.getByLabel('Data della verifica').inputValue();
  assert.ok([opening, todayRome()].includes(reviewedOn), `today by default (${reviewedOn})`);
  const agreement = page.getByRole('group', { name: 'Lei è d\'accordo con il progetto?' });
  const answers = ['Sì, è d\'accordo', 'No, non è d\'accordo', 'Non le è stato chiesto'];
  for (const answer of answers) assert.equal(await agreement.getByRole('radio', { name: answer }).isChecked(), false, 'her agreement is asked, never assumed');

  // The form checks with the API's own schema before sending anything, and its summary names each field.
  let reviewSent = false;
  const watchReview = (r: { url: () => string; method: () => string }) => {
    if (r.url().endsWith(`/api/cases/${caseId}/plan/reviews`) && r.method() === 'POST') reviewSent = true;
  };
  page.on('request', watchReview);
  await page.getByRole('button', { name: 'Registra la verifica' }).click();
  const reviewErrors = page.locator('#plan-review-errors');
  await reviewErrors.getByRole('link', { name: 'Lei è d\'accordo con il progetto?: Campo obbligatorio.' }).waitFor();
  await expectFocus(page, 'plan-review-errors');
  // Bootstrap Italia draws the radio over the input: the keyboard, as she would.
  await agreement.getByRole('radio', { name: answers[0] }).press('Space');
  assert.equal(await agreement.getByRole('radio', { name: answers[0] }).isChecked(), true);
  // The shared schema's own rule: the next review comes after this one.
  await page.getByLabel('Prossima verifica').fill(dayRome(-1));
  await page.getByRole('button', { name: 'Registra la verifica' }).click();
  await reviewErrors.getByRole('link', { name: 'Prossima verifica: La verifica successiva deve venire dopo questa.' }).waitFor();
  await axe(page, 'review form with errors');
  page.off('request', watchReview);
  assert.equal(reviewSent, false, 'a form the schema refuses is never sent');

  await page.getByLabel('Prossima verifica').fill(dayRome(30));
  await page.getByLabel('Note', { exact: true }).fill('Rivisto il piano insieme, nessuna modifica.');
  await axe(page, 'review form');
  const reviewPosted = page.waitForResponse((r) => r.url().endsWith(`/api/cases/${caseId}/plan/reviews`) && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Registra la verifica' }).click();
  assert.equal(((await reviewPosted).request().postDataJSON() as { herAgreement: unknown }).herAgreement, true);
  // Exact: until the plan is read again, the list still says 'Nessuna verifica registrata.'.
  await page.getByText('Verifica registrata.', { exact: true }).waitFor();
  assert.match(await page.getByTestId('plan-reviews').innerText(), /lei è d'accordo con il progetto\./);

  // An équipe meeting whose one decision becomes an action.
  await page.getByRole('button', { name: 'Registra una riunione d\'équipe' }).click();
  await page.getByLabel(/^Sara Conti/).press('Space');
  await page.getByRole('button', { name: 'Aggiungi una decisione' }).click();
  await page.getByLabel('Tipo di azione').selectOption('formazione');
  await axe(page, 'meeting form');
  await page.getByRole('button', { name: 'Registra la riunione' }).click();
  await page.getByText('Riunione registrata: 1 azione aggiunta al progetto.').waitFor();
  // The plan is read again after the save: the decided action joins the goal.
  await page.getByTestId('plan-action').filter({ hasText: /^Formazione — Prevista/ }).getByText(/decisa nella riunione d'équipe del/).waitFor();
  assert.equal(await page.getByTestId('plan-action').count(), 2);
  await axe(page, 'plan tab');
}

/** Documenti: a refused type, then a small text file uploaded, listed, downloadable; then cited as a consent's signed form. */
export async function keepDocuments(page: Page, base: string, caseId: string) {
  await page.getByRole('tab', { name: 'Documenti', exact: true }).click();
  await page.getByText('Nessun documento caricato.').waitFor();
  assert.match(await page.getByTestId('antivirus-note').innerText(), /antivirus/);
  await axe(page, 'documents tab, empty');

  let sent = false;
  page.on('request', (r) => {
    if (r.url().endsWith(`/api/cases/${caseId}/documents`) && r.method() === 'POST') sent = true;
  });
  await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'elenco.csv', mimeType: 'text/csv', buffer: Buffer.from('a;b\n') });
  await page.getByRole('alert').filter({ hasText: 'Formato non accettato' }).waitFor();
  await page.getByRole('button', { name: 'Carica il documento' }).click();
  await page.getByRole('alert').filter({ hasText: 'Controlla questi campi' }).waitFor();
  assert.equal(sent, false, 'a refused file is never sent');
  await axe(page, 'upload form with errors');

  const content = 'Relazione di prova: colloquio del mattino.\n';
  await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'relazione.txt', mimeType: 'text/plain', buffer: Buffer.from(content) });
  assert.equal(await page.getByLabel('Nome del documento').inputValue(), 'relazione.txt');
  await page.getByLabel('Tipo di documento').selectOption('relazione');
  const posted = page.waitForResponse((r) => r.url().endsWith(`/api/cases/${caseId}/documents`) && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Carica il documento' }).click();
  const response = await posted;
  assert.equal(response.status(), 201);
  assert.deepEqual(response.request().postDataJSON(), { kind: 'relazione', name: 'relazione.txt', mimeType: 'text/plain', contentBase64: Buffer.from(content).toString('base64') });
  await page.getByText('Documento «relazione.txt» caricato.').waitFor();
  const row = page.getByTestId('documents-list').getByRole('row').filter({ hasText: 'relazione.txt' });
  await row.waitFor();
  assert.match(await row.innerText(), /Relazione\s+Testo\s+43 byte\s+Sara Conti/);
  const link = row.getByRole('link', { name: /relazione\.txt/ });
  assert.equal(await link.getAttribute('download'), '');
  const href = (await link.getAttribute('href')) ?? '';
  assert.match(href, new RegExp(`^/api/cases/${caseId}/documents/[0-9a-f-]{36}$`), 'only ids in the address');
  const download = await page.request.get(`${base}${href}`);
  assert.match(download.headers()['content-disposition'] ?? '', /^attachment;/);
  assert.equal(await download.text(), content);
  await axe(page, 'documents tab');

  // The signed form of a written consent: a document of the case.
  await page.getByRole('tab', { name: 'Consensi', exact: true }).click();
  await page.getByLabel('Scopo').selectOption('statistiche_anonime');
  await page.getByLabel('Modulo firmato').selectOption({ index: 1 });
  const consent = page.waitForResponse((r) => r.url().endsWith(`/api/cases/${caseId}/consents`) && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Registra il consenso' }).click();
  const consentBody = (await consent).request().postDataJSON() as { documentId?: string };
  assert.equal(`/api/cases/${caseId}/documents/${consentBody.documentId}`, href);
  await page.getByRole('link', { name: /^Scarica il modulo firmato/ }).waitFor();
}

/** The home page: her deadlines, the overdue action marked, each linking to its case by the code. */
export async function seeTasks(page: Page, base: string, record: { id: string; code: string }) {
  await page.goto(`${base}/`);
  await page.getByRole('heading', { level: 2, name: 'Le mie scadenze' }).waitFor();
  const item = page
    .getByRole('region', { name: 'Scadute' })
    .getByTestId('task-item')
    .filter({ hasText: record.code });
  await item.first().waitFor();
  assert.match(await item.first().innerText(), /Orientamento al lavoro \(in corso\) — era prevista entro il .+ Scaduta/);
  await axe(page, 'home with deadlines');
  await item.first().getByRole('link', { name: record.code }).click();
  await page.waitForURL(`${base}/percorsi/${record.id}`);
  await page.getByRole('heading', { level: 1, name: `Percorso ${record.code}`, exact: true }).waitFor();
}
