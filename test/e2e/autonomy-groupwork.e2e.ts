/**
 * Browser journey of a programme's group work (issue 14, docs/autonomy.md,
 * "Group work"). The network coordinator creates a programme with the demo
 * CAV as partner, follows "Attività di gruppo e accordi" from its page,
 * records an empowerment workshop and one session (an empty session form
 * first: the error summary takes the focus). The CAV operator opens the
 * same workshop, adds a participant chosen from her team's pathways (never
 * an id typed) and marks her attendance at the session; she sees her own
 * participant named, the count of all. Axe (WCAG 2.1 AA) on each step; no
 * request leaves localhost.
 * Run: TZ=Europe/Rome node --import tsx --test test/e2e/autonomy-groupwork.e2e.ts
 */
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { type E2EServer, it, newPage, signIn, startE2E } from './harness.js';
import { axe, expectFocus } from './cases.helpers.js';

const PORT = Number(process.env.E2E_AUTONOMY_GROUPWORK_PORT ?? 3975);
const base = `http://localhost:${PORT}`;
const NAME = 'Programma gruppi E2E';
const WORKSHOP = 'Laboratorio di empowerment E2E';
let e2e: E2EServer;

before(async () => {
  e2e = await startE2E(PORT);
});

after(() => e2e?.stop());

describe('group work of a programme', () => {
  it('lets the coordinator record a workshop and a session, and a CAV operator add her participant and mark attendance', async () => {
    const co = await newPage(e2e);
    const page = co.page;
    await signIn(page, base, 'coordinatrice', { home: true });
    // A programme of her own, the demo CAV its partner (the demo may hold none yet).
    await page.goto(`${base}/autonomia/programmi/nuovo`);
    await page.getByRole('heading', { level: 1, name: 'Nuovo programma' }).waitFor();
    await page.getByLabel('Nome', { exact: true }).fill(NAME);
    await page.getByLabel('Budget totale').fill('100.000,00');
    await page.getByRole('button', { name: 'Crea il programma' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(NAME) }).waitFor();
    const partners = page.getByRole('group', { name: 'Partner che gestiscono una quota' }).locator('label');
    const cavLabel = partners.filter({ hasText: 'CAV Filo Rosso' }).first();
    const cavName = (await cavLabel.innerText()).trim();
    await cavLabel.click();
    await page.locator('form', { hasText: 'Modifica capofila e partner' }).getByRole('button', { name: 'Salva' }).click();
    await page.getByRole('textbox', { name: `Asse II, ${cavName}` }).waitFor();
    const programmeUrl = page.url();

    // From the programme page to its group work.
    await page.getByRole('region', { name: 'Attività di gruppo e accordi' }).getByRole('link', { name: 'Apri le attività di gruppo e gli accordi' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^Attività di gruppo e accordi — .*${NAME}$`) }).waitFor();
    await page.getByText('Nessuna attività registrata.').waitFor();
    await axe(page, 'activities, none yet');

    // An empty title: the summary takes the focus and names the field.
    const add = page.locator('form', { has: page.getByRole('heading', { name: 'Nuova attività o accordo' }) });
    await add.getByRole('button', { name: 'Registra l’attività' }).click();
    await expectFocus(page, 'activity-form-errors');
    await add.getByRole('link', { name: /^Titolo:/ }).waitFor();
    await axe(page, 'activity form with errors');
    // The agreement's own fields appear with its kind.
    await add.getByLabel('Tipo', { exact: true }).selectOption('accordo');
    await add.getByLabel('Ente', { exact: true }).waitFor();
    await axe(page, 'agreement form');
    await add.getByLabel('Tipo', { exact: true }).selectOption('laboratorio_empowerment');
    await add.getByLabel('Titolo', { exact: true }).fill(WORKSHOP);
    await add.getByRole('button', { name: 'Registra l’attività' }).click();
    await add.getByText('Attività registrata.', { exact: true }).waitFor();
    const list = page.getByRole('table', { name: 'Attività del programma', exact: true });
    await list.getByRole('link', { name: WORKSHOP }).waitFor();
    await axe(page, 'activities with a workshop');

    await list.getByRole('link', { name: WORKSHOP }).click();
    await page.getByRole('heading', { level: 1, name: `Laboratorio di empowerment: ${WORKSHOP}` }).waitFor();
    await page.getByText('Nessun incontro registrato.').waitFor();
    const session = page.locator('form', { has: page.getByRole('heading', { name: 'Nuovo incontro' }) });
    await session.getByRole('button', { name: 'Registra l’incontro' }).click();
    await expectFocus(page, 'session-form-errors');
    await axe(page, 'session form with errors');
    await session.getByLabel('Data', { exact: true }).fill('2026-03-10');
    await session.getByLabel('Conduttrici e conduttori').fill('Psicologa del CAV\nEducatrice');
    await session.getByRole('button', { name: 'Registra l’incontro' }).click();
    await session.getByText('Incontro registrato.', { exact: true }).waitFor();
    const sessions = page.getByRole('table', { name: 'Incontri: data, chi li ha condotti, presenti', exact: true });
    await sessions.getByText('Psicologa del CAV, Educatrice').waitFor();
    // The coordinator has no pathway of her own: no participant is named to her.
    await page.getByText('Nessuna partecipante della tua équipe.').waitFor();
    await axe(page, 'workshop with a session');
    const activityUrl = page.url();
    assert.ok(activityUrl.startsWith(`${programmeUrl}/attivita/`));

    // The CAV operator: her participant, from her team's pathways.
    const cav = await newPage(e2e);
    const op = cav.page;
    await signIn(op, base, 'operatrice.cav', { home: true });
    await op.goto(activityUrl);
    await op.getByRole('heading', { level: 1, name: `Laboratorio di empowerment: ${WORKSHOP}` }).waitFor();
    await op.getByText('0 partecipanti in tutto.', { exact: false }).waitFor();
    const join = op.locator('form', { has: op.getByRole('heading', { name: 'Aggiungi una partecipante' }) });
    await join.getByRole('button', { name: 'Aggiungi la partecipante' }).click();
    await expectFocus(op, 'participant-form-errors');
    await axe(op, 'participant form with errors');
    const choice = join.getByLabel('Percorso', { exact: true });
    for (let i = 0; i < 40 && (await choice.locator('option').count()) < 2; i++) await op.waitForTimeout(250);
    const code = (await choice.locator('option').nth(1).innerText()).trim();
    await choice.selectOption({ index: 1 });
    await join.getByRole('button', { name: 'Aggiungi la partecipante' }).click();
    await join.getByText('Partecipante aggiunta.').waitFor();
    const own = op.getByRole('table', { name: 'Le partecipanti della tua équipe: percorso e incontri frequentati', exact: true });
    await own.getByRole('rowheader', { name: code, exact: true }).waitFor();
    await op.getByText('1 partecipante in tutto.', { exact: false }).waitFor();
    await axe(op, 'workshop with her participant');

    // Her attendance at the session (the whole list, saved at once).
    const attendance = op.getByRole('form', { name: `Presenze del percorso ${code}` });
    await attendance.locator('label', { hasText: 'Psicologa del CAV, Educatrice' }).click();
    await axe(op, 'attendance form');
    await attendance.getByRole('button', { name: `Salva le presenze del percorso ${code}` }).click();
    await op.getByText('Presenze salvate.').waitFor();
    const row = own.getByRole('row').filter({ has: op.getByRole('rowheader', { name: code, exact: true }) });
    for (let i = 0; i < 20 && !/10\/03\/26/.test(await row.innerText()); i++) await op.waitForTimeout(250);
    assert.match(await row.innerText(), /10\/03\/26/);
    assert.match(await op.getByRole('table', { name: 'Incontri: data, chi li ha condotti, presenti', exact: true }).innerText(), /Educatrice\s+1/);
    await axe(op, 'workshop with attendance');
    assert.deepEqual(co.external, []);
    assert.deepEqual(cav.external, []);
  });
});
