/**
 * Browser journey of the autonomy projects' screens (issue 14,
 * docs/autonomy.md, "Projects", "Screens"). A CAV operator opens a pathway,
 * finds "Progetti di autonomia" under the Progetto personalizzato tab with
 * the count of its projects, follows it to the pathway's autonomy page with
 * the referral to a programme, her referrals and the new project form; the
 * approval inbox shows the referrals awaiting the équipe. Then the whole
 * way: the coordinator creates a programme with an équipe the CAV belongs
 * to and runs it; the operator refers the pathway, her organisation (the
 * équipe's member) admits it, she drafts the project from the admitted
 * referral and adds a CPI interview (the empty form's error summary takes
 * the focus) and a tenancy contract (euros checked in the form), then
 * edits the contract's status: a change made meanwhile by someone else
 * refuses her save (If-Match) and loads the current action. Axe (WCAG 2.1 AA) on each screen; no request leaves localhost.
 * Run: TZ=Europe/Rome node --import tsx --test test/e2e/autonomy-projects.e2e.ts
 */
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { type E2EServer, it, newPage, signIn, startE2E } from './harness.js';
import { axe, expectFocus, openFirstCase } from './cases.helpers.js';

const PORT = Number(process.env.E2E_AUTONOMY_PROJECTS_PORT ?? 3993);
const base = `http://localhost:${PORT}`;
let e2e: E2EServer;

before(async () => {
  e2e = await startE2E(PORT);
});

after(() => e2e?.stop());

describe('autonomy projects', () => {
  it('shows the projects under the plan, the referral and project forms, and the équipe’s referrals', async () => {
    const { page, external } = await newPage(e2e);
    await signIn(page, base, 'operatrice.cav', { home: true });
    await openFirstCase(page, base, 'fase=presa_in_carico');
    await page.getByRole('tab', { name: 'Progetto personalizzato', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Progetti di autonomia' });
    await panel.getByText(/progett[oi] di autonomia\.$/).waitFor();
    await axe(page, 'autonomy panel');

    await panel.getByRole('link', { name: 'Segnalazioni e progetti di autonomia' }).click();
    await page.getByRole('heading', { level: 1, name: 'Progetti di autonomia del percorso' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Segnala al programma' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Segnalazioni del percorso' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Nuovo progetto' }).waitFor();
    await axe(page, 'case autonomy page');

    await page.goto(`${base}/autonomia/progetti`);
    await page.getByRole('heading', { level: 1, name: 'Progetti da approvare' }).waitFor();
    await page.getByRole('heading', { level: 2, name: "Segnalazioni all'équipe" }).waitFor();
    await axe(page, 'approval inbox with referrals');
    assert.deepEqual(external, []);
  });

  it('lets the team refer a pathway, the équipe admit it, and the team draft a project with an action', async () => {
    const NAME = 'Programma progetti E2E';
    const co = (await newPage(e2e)).page;
    await signIn(co, base, 'coordinatrice', { home: true });
    await co.goto(`${base}/autonomia/programmi/nuovo`);
    await co.getByRole('heading', { level: 1, name: 'Nuovo programma' }).waitFor();
    await co.getByLabel('Nome', { exact: true }).fill(NAME);
    await co.getByLabel('Budget totale').fill('100.000,00');
    await co.getByRole('button', { name: 'Crea il programma' }).click();
    await co.getByRole('heading', { level: 1, name: new RegExp(NAME) }).waitFor();
    const equipes = co.locator('form', { hasText: 'Modifica le équipe' });
    await equipes.getByRole('button', { name: 'Aggiungi un’équipe' }).click();
    await equipes.getByLabel('Nome (ambito servito)').fill('Ambito E2E');
    await equipes.getByRole('group', { name: 'Organizzazioni' }).locator('label').filter({ hasText: 'CAV Filo Rosso' }).first().click();
    await equipes.getByRole('button', { name: 'Salva' }).click();
    await co.getByRole('listitem').filter({ hasText: 'Ambito E2E' }).first().waitFor();
    const state = co.locator('form', { has: co.locator('#programme-state') });
    await state.locator('#programme-state').selectOption('attivo');
    await state.getByRole('button', { name: 'Salva' }).click();
    await state.getByText('Salvato.', { exact: true }).waitFor();

    const { page, external } = await newPage(e2e);
    // Signed in by the first journey already: the next time step, not a replayed code.
    await signIn(page, base, 'operatrice.cav', { step: 1, home: true });
    const code = await openFirstCase(page, base, 'fase=presa_in_carico');
    const caseUrl = page.url();
    await page.goto(`${caseUrl}/autonomia`);
    await page.getByRole('heading', { level: 2, name: 'Segnala al programma' }).waitFor();
    const refer = page.locator('form', { has: page.getByRole('heading', { name: 'Segnala al programma' }) });
    await refer.getByRole('button', { name: 'Invia la segnalazione' }).click();
    await expectFocus(page, 'refer-programme');
    await axe(page, 'referral form with errors');
    const option = refer.locator('#refer-programme option', { hasText: NAME });
    await refer.getByLabel('Programma').selectOption((await option.getAttribute('value')) ?? '');
    const equipe = refer.getByLabel('Équipe');
    for (let i = 0; i < 40 && (await equipe.locator('option').count()) < 2; i++) await page.waitForTimeout(250);
    await equipe.selectOption({ label: 'Ambito E2E' });
    await refer.getByRole('button', { name: 'Invia la segnalazione' }).click();
    await page.getByText('Segnalazione inviata.').waitFor();
    const referrals = page.getByRole('table', { name: 'Segnalazioni ai programmi' });
    await referrals.getByText("Segnalata all'équipe").first().waitFor();

    await page.goto(`${base}/autonomia/progetti`);
    const inbox = page.getByRole('table', { name: 'Segnalazioni in attesa' });
    await inbox.waitFor();
    await page.getByRole('button', { name: `Decidi ${code}` }).first().click();
    await page.locator('label[for="decision-ammessa"]').click();
    await axe(page, 'intake decision form');
    await page.getByRole('button', { name: 'Registra la decisione' }).click();
    await page.getByText('Decisione registrata.').waitFor();

    await page.goto(`${caseUrl}/autonomia`);
    const draft = page.locator('form', { has: page.getByRole('heading', { name: 'Nuovo progetto' }) });
    await draft.getByLabel('Segnalazione ammessa').selectOption({ index: 1 });
    const areas = draft.getByRole('group', { name: 'Aree del progetto' });
    await areas.locator('label').first().click();
    await draft.getByLabel('Obiettivi').fill('Trovare un lavoro stabile entro un anno.');
    await axe(page, 'new project form');
    await draft.getByRole('button', { name: 'Crea il progetto' }).click();
    await page.getByRole('heading', { level: 1, name: `Progetto di autonomia — percorso ${code}` }).waitFor();

    const add = page.locator('form', { has: page.getByRole('heading', { name: 'Nuova azione' }) });
    await add.getByRole('button', { name: "Aggiungi l'azione" }).click();
    await expectFocus(page, 'action-errors');
    await add.getByRole('alert').getByRole('link', { name: 'Tipo di azione: Campo obbligatorio.' }).waitFor();
    await add.getByLabel('Tipo di azione').selectOption('colloquio_cpi');
    await add.locator('label[for="action-did"]').click();
    await axe(page, 'new action form');
    await add.getByRole('button', { name: "Aggiungi l'azione" }).click();
    await page.getByText('Azione registrata.', { exact: true }).waitFor();
    const actions = page.getByRole('table', { name: 'Azioni: ambito, tipo, stato, date e costo' });
    await actions.getByText('Primo colloquio al CPI (DID, SAP, patto di servizio)').waitFor();
    assert.match(await actions.innerText(), /DID rilasciata: sì/);

    // A tenancy contract: its fields come with the kind; euros are checked before anything is sent.
    await add.getByLabel('Tipo di azione').selectOption('contratto');
    await add.getByLabel('Canone mensile (facoltativo)').fill('quattrocento');
    await add.getByRole('button', { name: "Aggiungi l'azione" }).click();
    await expectFocus(page, 'action-errors');
    const summary = add.getByRole('alert');
    await summary.getByRole('link', { name: 'Indirizzo della casa: Campo obbligatorio.' }).waitFor();
    await summary.getByRole('link', { name: /^Canone mensile: Importo non valido/ }).waitFor();
    assert.equal(await add.getByLabel('Indirizzo della casa').getAttribute('aria-invalid'), 'true');
    await axe(page, 'contract form with errors');
    await add.getByLabel('Indirizzo della casa').fill('Via Garibaldi 12, Cremona');
    await add.getByLabel('Canone mensile (facoltativo)').fill('450,00');
    await add.getByLabel('Costo (facoltativo)').fill('1.350,00');
    await add.getByRole('button', { name: "Aggiungi l'azione" }).click();
    await actions.getByText('Contratto di locazione').waitFor();
    const contract = actions.getByRole('row').filter({ hasText: 'Contratto di locazione' });
    assert.match(await contract.innerText(), /Canone mensile: 450,00\s€/);
    assert.match(await contract.innerText(), /1\.?350,00\s€/);
    await axe(page, 'project page with two actions');

    // Editing: someone else changes the action meanwhile, her save is refused (If-Match) and the current one loaded.
    await contract.getByRole('button', { name: /^Modifica l'azione \d: Contratto di locazione$/ }).click();
    await expectFocus(page, 'action-edit-title');
    const edit = page.locator('form', { has: page.getByRole('heading', { name: "Modifica l'azione: Contratto di locazione" }) });
    await edit.getByLabel('Stato', { exact: true }).selectOption('conclusa');
    await axe(page, 'edit action form');
    const projectId = new URL(page.url()).pathname.split('/').pop() ?? '';
    const me = (await (await page.request.get(`${base}/api/auth/me`)).json()) as { csrfToken: string };
    const listed = (await (await page.request.get(`${base}/api/autonomy/projects/${projectId}/actions`)).json()) as { items: { id: string; kind: string; version: number }[] };
    const action = listed.items.find((i) => i.kind === 'contratto');
    assert.ok(action);
    const other = await page.request.patch(`${base}/api/autonomy/projects/${projectId}/actions/${action.id}`, {
      data: { outcome: 'in_attesa' },
      headers: { 'if-match': `"${action.version}"`, 'x-csrf-token': me.csrfToken },
    });
    assert.equal(other.status(), 200);
    const stale = page.waitForResponse((r) => r.url().endsWith(`/actions/${action.id}`) && r.request().method() === 'PATCH');
    await edit.getByRole('button', { name: 'Salva le modifiche' }).click();
    assert.equal((await stale).status(), 412);
    await page.getByTestId('stale-notice').getByText("Modificato da un'altra persona").waitFor();
    await page.waitForFunction(() => (document.querySelector('#action-edit-outcome') as HTMLSelectElement | null)?.value === 'in_attesa');
    await axe(page, 'edit action form after a conflict');
    await edit.getByLabel('Stato', { exact: true }).selectOption('conclusa');
    await edit.getByLabel('Esito (facoltativo)').selectOption('positivo');
    await edit.getByRole('button', { name: 'Salva le modifiche' }).click();
    await page.getByText('Azione aggiornata.').waitFor();
    await expectFocus(page, `action-edit-open-${action.id}`);
    await contract.getByText('Conclusa').waitFor();
    await contract.getByText('Esito positivo').waitFor();
    await axe(page, 'project page with an action edited');
    assert.deepEqual(external, []);
  });
});
