/**
 * Browser journey of inbound referrals on the demo network (docs/intake.md),
 * at a phone's width for the sender: the demo social worker opens "Segnala
 * a un CAV", sends the empty form and is told in the error summary that her
 * consent is needed, ticks it with the keyboard, gives a number and her
 * comune (the covering centre is proposed), sends, and sees the reference
 * and "Inviata" — never the number again. The CAV's operator finds it first
 * in "Segnalazioni in arrivo", opens it, reads how to reach her, and opens
 * the pathway from it. Axe (WCAG 2.1 AA) on every screen; no request leaves
 * localhost.
 * Run: TZ=Europe/Rome node --import tsx --test test/e2e/intake.e2e.ts
 */
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { type E2EServer, it, newPage, signIn, startE2E } from './harness.js';
import { axe } from './cases.helpers.js';

const PORT = Number(process.env.E2E_INTAKE_PORT ?? 3951);
const base = `http://localhost:${PORT}`;
let e2e: E2EServer;

before(async () => {
  e2e = await startE2E(PORT);
});

after(() => e2e?.stop());

describe('inbound referrals', () => {
  it('lets the social services send a woman with her consent, on a phone, and the CAV open her pathway', async () => {
    const { page, external } = await newPage(e2e);
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, base, 'assistente.sociale', { home: true });
    await page.goto(`${base}/segnalazioni/inviate`);
    await page.getByRole('heading', { level: 1, name: 'Segnala a un centro antiviolenza' }).waitFor();
    await axe(page, 'sender form at a phone width');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `nothing overflows the phone's width (${overflow}px)`);

    // Sent empty: the summary names the consent first, with the server's own words.
    await page.getByRole('button', { name: 'Invia la segnalazione' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'consenso' }).first();
    await summary.waitFor();
    await axe(page, 'sender form with errors');

    // The consent with the keyboard.
    await page.getByLabel('Ha acconsentito a essere contattata dal centro antiviolenza').focus();
    await page.keyboard.press('Space');
    assert.equal(await page.getByLabel('Ha acconsentito a essere contattata dal centro antiviolenza').isChecked(), true);
    await page.getByLabel('Telefono', { exact: true }).fill('+39 300 000 0999');
    await page.getByLabel('Quando è sicuro chiamarla').fill('Mattina');
    const comune = page.getByRole('combobox', { name: 'Comune in cui vive' });
    await comune.fill('Trevigli');
    await page.getByRole('option', { name: /Treviglio/ }).first().click();
    const recipient = page.getByLabel('Centro antiviolenza', { exact: true });
    await page.waitForFunction(() => (document.getElementById('intake-recipient') as HTMLSelectElement | null)?.value !== '');
    assert.match(await recipient.locator('option:checked').innerText(), /copre il suo comune/);
    await page.getByLabel('Urgenza', { exact: true }).selectOption('urgente');
    await page.getByRole('button', { name: 'Invia la segnalazione' }).click();
    const done = page.getByText(/Segnalazione inviata: riferimento R\d{2}-/);
    await done.waitFor();
    const reference = (await done.innerText()).match(/R\d{2}-[0-9A-Z]{4}-[0-9A-Z]{4}/)![0];
    const sent = page.getByRole('region', { name: 'Segnalazioni inviate' });
    await sent.getByRole('row').filter({ hasText: reference }).getByText('Inviata').waitFor();
    assert.equal(await page.getByText('300 000 0999').count(), 0, 'the sender never sees the number again');
    await axe(page, 'sent list');

    // The CAV's operator: the inbox, the referral, the pathway.
    const cav = await newPage(e2e);
    await signIn(cav.page, base, 'operatrice.cav', { home: true });
    await cav.page.goto(`${base}/segnalazioni/in-arrivo`);
    await cav.page.getByRole('heading', { level: 1, name: 'Segnalazioni in arrivo' }).waitFor();
    await axe(cav.page, 'inbox');
    await cav.page.getByRole('link', { name: reference }).click();
    await cav.page.getByRole('heading', { level: 1, name: `Segnalazione ${reference}` }).waitFor();
    await cav.page.getByText('+39 300 000 0999').waitFor();
    await axe(cav.page, 'one inbound referral');
    await cav.page.getByRole('button', { name: 'Apri il percorso (presa in carico)' }).press('Enter');
    await cav.page.waitForURL(/\/percorsi\/[0-9a-f-]{36}/);
    assert.deepEqual([...external, ...cav.external], [], 'no request left the origin');
  });
});
