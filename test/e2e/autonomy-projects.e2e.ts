/**
 * Browser journey of the autonomy projects' screens (issue 14,
 * docs/autonomy.md, "Projects", "Screens"). A CAV operator opens a pathway,
 * finds "Progetti di autonomia" under the Progetto personalizzato tab with
 * the count of its projects, follows it to the pathway's autonomy page with
 * the referral to a programme, her referrals and the new project form; the
 * approval inbox shows the referrals awaiting the équipe. Axe (WCAG 2.1 AA)
 * on each screen; no request leaves localhost. The demo has no running
 * programme: referring, admitting and drafting are covered by
 * test/api/autonomy-projects.test.ts.
 * Run: TZ=Europe/Rome node --import tsx --test test/e2e/autonomy-projects.e2e.ts
 */
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { type E2EServer, it, newPage, signIn, startE2E } from './harness.js';
import { axe, openFirstCase } from './cases.helpers.js';

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
});
