/**
 * Browser journey of the follow-ups after an autonomy project ends and of
 * the coordinator's Reddito di libertà counts (issue 14, docs/autonomy.md,
 * "Follow-ups after the end", "Counts"). The coordinator runs a programme
 * with an équipe the demo CAV belongs to; the CAV's operator drafts a
 * project for a pathway, which is proposed, validated, started and
 * concluded long enough ago for its 6-month check to be due (through the
 * API: the approval chain has its own journey), and records her consent to
 * be contacted. On her home page the due check is among her tasks; its link
 * opens the project, where she records the check's outcome (the empty form
 * refused, its summary focused). The coordinator sees the programme's
 * outcome counts with the small cell hidden, then opens the Reddito di
 * libertà counts from the navigation, which the operator does not have.
 * Axe (WCAG 2.1 AA) on each screen; no request leaves localhost.
 * Run: TZ=Europe/Rome node --import tsx --test test/e2e/autonomy-followups.e2e.ts
 */
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { type E2EServer, it, newPage, signIn, startE2E } from './harness.js';
import { axe, expectFocus, openFirstCase, todayRome } from './cases.helpers.js';

const PORT = Number(process.env.E2E_AUTONOMY_FOLLOWUPS_PORT ?? 3995);
const base = `http://localhost:${PORT}`;
let e2e: E2EServer;

before(async () => {
  e2e = await startE2E(PORT);
});

after(() => e2e?.stop());

/** A day in Italy `days` from today, on the calendar. */
const dayRome = (days: number) => {
  const day = new Date(`${todayRome()}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
};

/** A JSON call with the session's CSRF token; fails the journey on any answer but the one expected. */
async function call<T>(page: Page, csrf: string, method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}, status = method === 'GET' ? 200 : 201): Promise<T> {
  const res = await page.request.fetch(`${base}${path}`, { method, headers: { 'x-csrf-token': csrf, ...headers }, ...(body === undefined ? {} : { data: body }) });
  assert.equal(res.status(), status, `${method} ${path}: ${await res.text()}`);
  return (await res.json()) as T;
}

describe('follow-ups after an autonomy project and the Reddito di libertà counts', () => {
  it('lets the team record a follow-up from her tasks, and the coordinator read the counts', async () => {
    const NAME = 'Programma verifiche E2E';
    const co = await newPage(e2e);
    const coordinator = co.page;
    await signIn(coordinator, base, 'coordinatrice', { home: true });
    await coordinator.goto(`${base}/autonomia/programmi/nuovo`);
    await coordinator.getByRole('heading', { level: 1, name: 'Nuovo programma' }).waitFor();
    await coordinator.getByLabel('Nome', { exact: true }).fill(NAME);
    await coordinator.getByLabel('Budget totale').fill('100.000,00');
    await coordinator.getByRole('button', { name: 'Crea il programma' }).click();
    await coordinator.getByRole('heading', { level: 1, name: new RegExp(NAME) }).waitFor();
    const equipes = coordinator.locator('form', { hasText: 'Modifica le équipe' });
    await equipes.getByRole('button', { name: 'Aggiungi un’équipe' }).click();
    await equipes.getByLabel('Nome (ambito servito)').fill('Ambito verifiche E2E');
    await equipes.getByRole('group', { name: 'Organizzazioni' }).locator('label').filter({ hasText: 'CAV Filo Rosso' }).first().click();
    await equipes.getByRole('button', { name: 'Salva' }).click();
    await coordinator.getByRole('listitem').filter({ hasText: 'Ambito verifiche E2E' }).first().waitFor();
    const state = coordinator.locator('form', { has: coordinator.locator('#programme-state') });
    await state.locator('#programme-state').selectOption('attivo');
    await state.getByRole('button', { name: 'Salva' }).click();
    await state.getByText('Salvato.', { exact: true }).waitFor();
    const programmeUrl = coordinator.url();
    const programmeId = programmeUrl.split('/').pop()!;

    // The CAV's operator: a project of one of her pathways, concluded 200 days ago (its 6-month check is due), and her consent to be contacted.
    const { page, external } = await newPage(e2e);
    await signIn(page, base, 'operatrice.cav', { home: true });
    const code = await openFirstCase(page, base, 'fase=presa_in_carico');
    const caseId = new URL(page.url()).pathname.split('/')[2]!;
    const { csrfToken } = await call<{ csrfToken: string }>(page, '', 'GET', '/api/auth/me');
    const programme = await call<{ equipes: { id: string; name: string }[] }>(page, csrfToken, 'GET', `/api/autonomy/programmes/${programmeId}`);
    const equipeId = programme.equipes.find((e) => e.name === 'Ambito verifiche E2E')!.id;
    let project = await call<{ id: string; version: number }>(page, csrfToken, 'POST', '/api/autonomy/projects', { programmeId, equipeId, caseId, areas: ['lavoro'], goals: 'Un lavoro stabile e una casa in affitto.' });
    for (const move of [{ move: 'proponi' }, { move: 'valida' }, { move: 'avvia', on: dayRome(-400) }, { move: 'concludi', on: dayRome(-200) }]) {
      project = await call(page, csrfToken, 'POST', `/api/autonomy/projects/${project.id}/moves`, move, { 'If-Match': `"${project.version}"` }, 200);
    }
    await call(page, csrfToken, 'POST', `/api/cases/${caseId}/consents`, { purpose: 'contatto', channel: 'telefono', givenOn: todayRome(), form: 'orale' });

    // Among her tasks on the home page, overdue, with the link to the project.
    await page.goto(`${base}/`);
    const task = page.getByTestId('task-item').filter({ hasText: 'Verifica a 6 mesi dalla conclusione del progetto di autonomia' }).filter({ hasText: code });
    await task.waitFor();
    await axe(page, 'home page with a follow-up task');
    await task.getByRole('link', { name: 'Apri il progetto' }).click();
    await page.getByRole('heading', { level: 1, name: `Progetto di autonomia — percorso ${code}`, exact: true }).waitFor();
    const section = page.getByTestId('project-follow-ups');
    const checks = section.getByRole('table', { name: /^Verifiche dopo la conclusione/ });
    await checks.waitFor();
    assert.match(await checks.innerText(), /A 6 mesi\t.*\tDa fare\tSì, valido/);
    assert.match(await checks.innerText(), /A 24 mesi\t.*\tDa fare/);
    await axe(page, 'project page with its follow-ups');

    await section.getByRole('button', { name: "Registra l'esito della verifica a 6 mesi" }).click();
    const form = section.locator('form', { has: page.getByRole('heading', { name: 'Esito della verifica a 6 mesi' }) });
    let sent = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/api/autonomy/follow-ups/')) sent += 1;
    });
    await form.getByRole('button', { name: "Registra l'esito" }).click();
    await page.getByRole('alert').filter({ hasText: 'Controlla questi campi' }).getByRole('link', { name: /^Esito: / }).waitFor();
    await expectFocus(page, 'follow-up-form-errors');
    assert.equal(sent, 0, 'nothing sent');
    await axe(page, 'follow-up form with errors');

    await form.getByLabel('Esito').selectOption('fatto');
    await form.getByLabel('Lavoro').selectOption('occupata_determinato');
    await form.getByLabel('Casa').selectOption('casa_propria_o_affitto');
    const recorded = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/api/autonomy/follow-ups/'));
    await form.getByRole('button', { name: "Registra l'esito" }).click();
    assert.equal((await recorded).status(), 200);
    await section.getByText('Esito della verifica registrato.').waitFor();
    for (let i = 0; i < 20 && !/\tFatto\t/.test(await checks.innerText()); i++) await page.waitForTimeout(250);
    assert.match(await checks.innerText(), /A 6 mesi\t.*\tFatto\tSì, valido\tOccupata a tempo determinato\tCasa propria o in affitto/);
    await axe(page, 'project page with a follow-up recorded');
    // The operator has no network counts in her navigation.
    assert.equal(await page.getByRole('navigation').getByRole('link', { name: 'Reddito di libertà', exact: true }).count(), 0);
    assert.deepEqual(external, []);

    // The coordinator: the programme's outcomes, one check done — a cell under the threshold, hidden.
    await coordinator.goto(programmeUrl);
    const counts = coordinator.getByTestId('programme-follow-ups');
    const byState = counts.getByRole('table', { name: 'Verifiche a 6 mesi per stato', exact: true });
    await byState.waitFor();
    assert.match(await byState.innerText(), /Fatto\s+oscurato/);
    await axe(coordinator, 'programme page with follow-up counts');

    // The Reddito di libertà counts, from the navigation.
    await coordinator.getByRole('navigation').getByRole('link', { name: 'Reddito di libertà', exact: true }).first().click();
    await coordinator.getByRole('heading', { level: 1, name: 'Reddito di libertà nella rete' }).waitFor();
    const live = coordinator.getByRole('table', { name: "Domande in corso per stato (l'ultima domanda di ogni percorso)" });
    await live.waitFor();
    assert.match(await live.innerText(), /Totale delle domande in corso/);
    await coordinator.getByRole('table', { name: "Esiti dell'INPS registrati (comprese le domande precedenti dei percorsi)" }).waitFor();
    await axe(coordinator, 'Reddito di libertà counts');
    assert.deepEqual(co.external, []);
  });
});
