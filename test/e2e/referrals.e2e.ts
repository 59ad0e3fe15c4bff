/**
 * Browser journey of a referral between two organisations of the demo
 * network. The CAV operator (org A) opens a pathway (a first phone
 * contact: the demo's own referrals rest on its pathways, this one starts
 * with no consent, and its tab says so), records her consent to share the
 * profile, the children and the diary with the social service of
 * Treviglio (org B) for two referral purposes, and on the case's "Invii"
 * tab refers her for financial support: choosing the consent ticks its
 * sections, she narrows them, adds urgency and a note. The social worker
 * (org B) sees the pending number beside "Invii", finds it in the inbox
 * (purpose, urgency, sections, who, the case's code — nothing of her) and
 * declines it with a coded reason and a note. The CAV refers her again,
 * for taking charge, and withdraws it while the social worker reads it:
 * her late acceptance is told plainly and the current state loaded. A
 * third referral, with the profile and the diary only: the social
 * worker accepts it and opens the case, which shows only the shared
 * sections' tabs. Back at the CAV, the outbox filtered by state shows the
 * declined one with its reason. Axe (WCAG 2.1 AA) on every screen, the
 * inbox also at a phone's width; no request leaves localhost.
 * Run: TZ=Europe/Rome node --import tsx --test test/e2e/referrals.e2e.ts
 */
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { type E2EServer, it, newPage, signIn, startE2E } from './harness.js';
import { axe } from './cases.helpers.js';

const PORT = Number(process.env.E2E_REFERRALS_PORT ?? 3957);
const base = `http://localhost:${PORT}`;
const SOCIALE = 'Servizio sociale Ambito di Treviglio (DEMO)';
let e2e: E2EServer;

before(async () => {
  e2e = await startE2E(PORT);
});

after(() => e2e?.stop());

/** Opens a tab of the case page by its name and waits for its panel. */
async function openTab(page: Page, name: string) {
  await page.getByRole('tab', { name, exact: true }).click();
  await page.getByRole('tabpanel', { name }).waitFor();
}

/** On the case's Invii tab: refers her to the social service under the consent, with these sections, purpose and urgency. */
async function refer(page: Page, sections: { untick: string[] }, purpose: string, urgency: string, note?: string) {
  await openTab(page, 'Invii');
  await page.getByLabel('Organizzazione destinataria (consenso)').selectOption({ label: SOCIALE });
  // The consent's sections come ticked: she unticks what the recipient does not need.
  for (const s of ['Profilo', 'Figli', 'Diario']) {
    const box = page.getByRole('group', { name: 'Sezioni del percorso condivise' }).getByLabel(s, { exact: true });
    assert.ok(await box.isChecked(), `${s} is prefilled from the consent`);
    if (sections.untick.includes(s)) await box.press('Space');
  }
  await page.getByLabel("Finalità dell'invio").selectOption({ label: purpose });
  await page.getByLabel('Urgenza').selectOption({ label: urgency });
  if (note) await page.getByLabel('Nota per chi riceve').fill(note);
  await axe(page, 'referral form');
  await page.getByRole('button', { name: 'Invia', exact: true }).press('Enter');
  await page.getByText(`Invio a ${SOCIALE} fatto: attende la risposta.`).waitFor();
}

describe('referrals between organisations', () => {
  it('lets the CAV refer a pathway under her consent, the social service decline one with a reason and accept another, seeing only what was shared', async () => {
    const a = await newPage(e2e);
    const b = await newPage(e2e);
    const cav = a.page;
    const ss = b.page;

    // A: the consent first — with no live sharing consent the tab says so and leads to the consents.
    await signIn(cav, base, 'operatrice.cav', { home: true });
    // A pathway of her own with no consent yet: a first phone contact (the demo's own referrals rest on its pathways).
    await cav.goto(`${base}/percorsi/nuovo`);
    await cav.getByRole('heading', { level: 1, name: 'Nuovo percorso: primo contatto' }).waitFor();
    await cav.getByRole('button', { name: 'Apri il percorso' }).click();
    const heading = cav.getByRole('heading', { level: 1, name: /^Percorso P/ });
    await heading.waitFor();
    const code = (await heading.innerText()).replace('Percorso ', '').trim();
    const caseUrl = cav.url();
    await openTab(cav, 'Invii');
    await cav.getByText('Nessun consenso permette un invio').waitFor();
    await axe(cav, 'referrals tab without a consent');
    await cav.getByRole('link', { name: 'Vai ai consensi' }).click();
    await cav.getByRole('tabpanel', { name: 'Consensi' }).waitFor();
    await cav.getByLabel('Scopo').selectOption('condivisione');
    const recipient = cav.getByLabel('Organizzazione destinataria');
    await recipient.locator('option', { hasText: SOCIALE }).waitFor({ state: 'attached' });
    await recipient.selectOption({ label: SOCIALE });
    // Bootstrap Italia draws the boxes over their labels: the keyboard ticks them.
    for (const s of ['profile', 'children', 'timeline']) await cav.locator(`#consent-sections-${s}`).press('Space');
    await cav.locator('#consent-referral-purposes-presa_in_carico').press('Space');
    await cav.locator('#consent-referral-purposes-sostegno_economico').press('Space');
    await cav.getByLabel('Orale', { exact: true }).press('Space');
    await axe(cav, 'consent form with referral purposes');
    await cav.getByRole('button', { name: 'Registra il consenso' }).click();
    await cav.getByTestId('consent-ledger').getByText('Può esservi inviata per: presa in carico, sostegno economico.', { exact: false }).waitFor();

    // A: the first referral, narrowed to the profile and the diary.
    await refer(cav, { untick: ['Figli'] }, 'Sostegno economico', 'Urgente', 'Serve un contributo per l’affitto entro fine mese.');
    const list = cav.getByTestId('case-referrals');
    await list.getByText('In attesa di risposta').waitFor();
    await axe(cav, 'referrals tab with a pending referral');

    // B: the number beside "Invii", the inbox shows what it needs to decide and nothing of her.
    await signIn(ss, base, 'assistente.sociale', { home: true });
    await ss.getByRole('navigation', { name: 'Navigazione principale' }).getByRole('link', { name: /^Invii/ }).waitFor();
    // The demo's own referrals wait there too: hers is one more.
    const waiting = Number(await ss.getByTestId('referrals-pending').innerText());
    assert.ok(waiting >= 1, `${waiting} waiting`);
    await ss.getByRole('link', { name: /^Invii/ }).first().click();
    await ss.getByRole('heading', { level: 1, name: 'Invii tra organizzazioni' }).waitFor();
    const row = ss.getByTestId('referral-row').filter({ hasText: code });
    await row.waitFor();
    const rowText = await row.innerText();
    for (const want of ['Filo Rosso', 'Sostegno economico', 'Urgente', 'Profilo, Diario', 'In attesa di risposta']) assert.match(rowText, new RegExp(want), want);
    await axe(ss, 'inbox');
    await ss.setViewportSize({ width: 375, height: 800 });
    await axe(ss, 'inbox at a phone width');
    await ss.setViewportSize({ width: 1280, height: 900 });

    // B: declines it, with a coded reason and a note.
    await row.getByRole('link', { name: /^Rispondi/ }).click();
    await ss.getByRole('heading', { level: 1, name: new RegExp(`^Invio ricevuto da .+Filo Rosso.* \\(percorso ${code}\\)$`) }).waitFor();
    await ss.getByText('Serve un contributo per l’affitto entro fine mese.').waitFor();
    await axe(ss, 'referral to answer');
    await ss.getByRole('button', { name: 'Non accogliere' }).click();
    // No reason: the error summary says so.
    await ss.getByRole('alert').filter({ hasText: 'Motivo della mancata accoglienza' }).waitFor();
    await axe(ss, 'decline form with an error');
    await ss.getByLabel('Motivo della mancata accoglienza').selectOption({ label: 'Nessuna disponibilità al momento' });
    await ss.getByLabel('Nota per chi ha inviato').fill('Riprovate tra un mese.');
    await ss.getByRole('button', { name: 'Non accogliere' }).click();
    await ss.getByText('Invio non accolto: chi lo ha fatto vede il motivo.').waitFor();
    await ss.locator('.case-badge', { hasText: 'Non accolta' }).waitFor();
    // The navigation's number follows.
    await ss.waitForFunction((n) => (document.querySelector('[data-testid="referrals-pending"]')?.textContent ?? '0') === String(n), waiting - 1);

    // A: refers her for taking charge, and withdraws it while the social worker is reading it.
    await cav.goto(caseUrl);
    await cav.getByRole('heading', { level: 1, name: `Percorso ${code}`, exact: true }).waitFor();
    await refer(cav, { untick: ['Figli'] }, 'Presa in carico', 'Ordinaria');
    await ss.goto(`${base}/invii`);
    await ss.getByTestId('referral-row').filter({ hasText: code }).filter({ hasText: 'In attesa di risposta' }).getByRole('link', { name: /^Rispondi/ }).click();
    await ss.getByRole('button', { name: "Accetta l'invio" }).waitFor();
    await cav.getByRole('button', { name: `Ritira l'invio a ${SOCIALE}` }).click();
    await cav.getByRole('button', { name: 'Conferma' }).click();
    await cav.getByText(`Invio a ${SOCIALE} ritirato.`).waitFor();
    // B: her answer comes too late: she is told so, and the current state is loaded.
    await ss.getByRole('button', { name: "Accetta l'invio" }).click();
    await ss.getByRole('button', { name: 'Conferma' }).click();
    await ss.getByTestId('referral-outdated').waitFor();
    await ss.locator('.case-badge', { hasText: 'Ritirata' }).waitFor();
    assert.equal(await ss.getByRole('button', { name: "Accetta l'invio" }).count(), 0, 'a withdrawn referral cannot be accepted');
    await axe(ss, 'referral answered too late');

    // A: refers her again, for taking charge, with the profile and the diary only.
    await refer(cav, { untick: ['Figli'] }, 'Presa in carico', 'Ordinaria');

    // B: accepts it and opens the case: only the shared sections' tabs.
    await ss.goto(`${base}/invii`);
    const pending = ss.getByTestId('referral-row').filter({ hasText: code }).filter({ hasText: 'In attesa di risposta' });
    await pending.getByRole('link', { name: /^Rispondi/ }).click();
    await ss.getByRole('button', { name: "Accetta l'invio" }).click();
    await ss.getByRole('button', { name: 'Conferma' }).click();
    await ss.getByText('Invio accettato: il percorso è ora aperto alla tua organizzazione, con le sezioni condivise.').waitFor();
    await axe(ss, 'accepted referral');
    await ss.getByRole('link', { name: `Apri il percorso ${code}` }).click();
    await ss.getByRole('heading', { level: 1, name: `Percorso ${code}`, exact: true }).waitFor();
    const tabs = (await ss.getByRole('tab').allInnerTexts()).map((t) => t.trim());
    assert.deepEqual(tabs, ['Riepilogo', 'Profilo', 'Diario', 'Équipe'], 'only the sections the referral shared');
    await axe(ss, 'the case as the recipient sees it');

    // A: the outbox, filtered by state in the address, shows the declined one with its reason.
    await cav.goto(`${base}/invii?elenco=inviati`);
    await cav.getByRole('heading', { level: 1, name: 'Invii tra organizzazioni' }).waitFor();
    await cav.getByRole('tab', { name: 'Fatti da noi', selected: true }).waitFor();
    await cav.getByTestId('referral-counts').getByRole('link', { name: /^Non accolta: \d+$/ }).click();
    await cav.waitForURL(/stato=rifiutata/);
    await cav.locator('[data-testid="referral-counts"] a[aria-current="true"]', { hasText: 'Non accolta' }).waitFor();
    // The list follows the address (the previous rows stay on screen while the filtered ones load).
    await cav.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="referral-row"]')];
      return rows.length > 0 && rows.every((r) => r.textContent?.includes('Non accolta'));
    });
    await axe(cav, 'outbox filtered by state');
    await cav.getByTestId('referral-row').filter({ hasText: code }).getByRole('link', { name: /^Dettagli/ }).click();
    await cav.getByTestId('decline-reason').getByText('Nessuna disponibilità al momento — Riprovate tra un mese.').waitFor();
    await axe(cav, 'declined referral');
    // And the case's tab lists both, the accepted one first.
    await cav.goto(`${caseUrl}?scheda=invii`);
    await list.getByText('Accettata').waitFor();
    await list.getByText('Non accolta').waitFor();

    assert.deepEqual([...a.external, ...b.external], [], 'no request leaves the origin');
  });
});

