/**
 * Browser journey of the coordination of a pathway (docs/cases.md,
 * "Coordination"). In the demo, the CAV's head handed the coordination of
 * one pathway to the social service that accepted its referral. The head
 * (responsabile.cav) opens that pathway's team page from the caseload's
 * link (the case itself not opened): it says who coordinates and since
 * when; she takes it back (a two-step confirmation), sees it is her
 * organisation's again, and hands it to the social service once more,
 * choosing it among the organisations whose accepted referral covers the
 * plan. Axe (WCAG 2.1 AA) on each state; no request leaves localhost.
 * Run: TZ=Europe/Rome node --import tsx --test test/e2e/coordination.e2e.ts
 */
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { type E2EServer, it, newPage, signIn, startE2E } from './harness.js';
import { axe } from './cases.helpers.js';

const PORT = Number(process.env.E2E_COORDINATION_PORT ?? 3963);
const base = `http://localhost:${PORT}`;
const SOCIALE = 'Servizio sociale Ambito di Treviglio (DEMO)';
let e2e: E2EServer;

before(async () => {
  e2e = await startE2E(PORT);
});

after(() => e2e?.stop());

describe('coordination of a pathway', () => {
  it('the head takes the coordination back from the social service and hands it over again', async () => {
    const { page, external } = await newPage(e2e);
    await signIn(page, base, 'responsabile.cav', { home: true });
    // The demo's coordinated pathway: among the CAV's accepted referrals, the one whose coordination was handed over.
    const outbox = (await (await page.request.get(`${base}/api/referrals/outbox?state=accettata`)).json()) as { items: { case: { id: string } }[] };
    let caseId = '';
    for (const r of outbox.items) {
      const c = (await (await page.request.get(`${base}/api/cases/${r.case.id}/coordination`)).json()) as { coordination: { since: string | null } };
      if (c.coordination.since) caseId = r.case.id;
    }
    assert.ok(caseId, 'the demo has a coordinated pathway');

    await page.goto(`${base}/percorsi/${caseId}/equipe`);
    await page.getByRole('heading', { name: "Coordinamento del progetto e dell'équipe" }).waitFor();
    await page.getByText(new RegExp(`Coordina ${SOCIALE.replace(/[()]/g, '\\$&')}, dal `)).waitFor();
    await axe(page, 'coordination handed over');

    await page.getByRole('button', { name: 'Riprendi il coordinamento' }).click();
    await page.getByRole('group', { name: 'Riprendi il coordinamento' }).getByRole('button', { name: 'Conferma' }).click();
    await page.getByText('Il coordinamento è tornato alla tua organizzazione.').waitFor();
    await page.getByText(/titolare del percorso\.$/).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Riprendi il coordinamento' }).count(), 0);
    await axe(page, 'coordination taken back');

    await page.getByLabel('Organizzazione', { exact: true }).selectOption({ label: SOCIALE });
    await page.getByRole('button', { name: 'Affida il coordinamento' }).click();
    await page.getByText(`Coordinamento affidato a ${SOCIALE}.`).waitFor();
    await page.getByRole('button', { name: 'Riprendi il coordinamento' }).waitFor();
    await axe(page, 'coordination handed over again');
    assert.deepEqual(external, []);
  });
});
