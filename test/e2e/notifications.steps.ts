import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { axe } from './cases.helpers.js';

/** The number the bell's name tells (`Notifiche, 3 da leggere`; none: 0). */
async function bellCount(page: Page): Promise<number> {
  const name = (await page.getByRole('link', { name: /^Notifiche, / }).getAttribute('aria-label')) ?? '';
  const match = /(\d+) da leggere/.exec(name);
  return match ? Number(match[1]) : 0;
}

/**
 * Added to a case's team by her head, she finds it on the bell: the
 * centre names the pathway by its code only, opening it takes her to the
 * case and marks it read, and the bell counts one less. Axe on the centre.
 */
export async function notifiedOfTeam(page: Page, base: string, created: { id: string; code: string }) {
  const bell = page.getByRole('link', { name: /^Notifiche, \d+ da leggere$/ });
  await bell.waitFor();
  const before = await bellCount(page);
  assert.ok(before >= 1, 'the bell counts her new notification');
  await bell.click();
  await page.getByRole('heading', { level: 1, name: 'Notifiche' }).waitFor();
  const item = page.getByRole('link', { name: `Fai ora parte dell'équipe del percorso ${created.code}` });
  await item.waitFor();
  await axe(page, 'notification centre');
  await item.click();
  await page.waitForURL(`${base}/percorsi/${created.id}`);
  await page.getByRole('heading', { level: 1, name: `Percorso ${created.code}`, exact: true }).waitFor();
  await page.getByRole('link', { name: before - 1 === 0 ? 'Notifiche, nessuna da leggere' : `Notifiche, ${before - 1} da leggere` }).waitFor();
  // Read ones stay in "Tutte".
  await page.goto(`${base}/notifiche?stato=tutte`);
  await page.getByRole('link', { name: `Fai ora parte dell'équipe del percorso ${created.code}` }).waitFor();
  assert.doesNotMatch(await page.getByRole('listitem').filter({ hasText: created.code }).innerText(), /Da leggere/, 'read now');
  await axe(page, 'notification centre, all');

  // Her own e-mail preference: a daily summary needs an address.
  await page.getByRole('link', { name: 'Avvisi per e-mail' }).click();
  await page.getByRole('heading', { level: 1, name: 'Avvisi per e-mail' }).waitFor();
  await page.getByLabel("Quando ricevere un'e-mail").selectOption({ label: 'Un riepilogo al giorno (alle 7)' });
  await page.getByRole('button', { name: 'Salva la preferenza' }).click();
  await page.getByRole('alert').filter({ hasText: 'Indirizzo e-mail' }).waitFor();
  await axe(page, 'e-mail preference with an error');
  await page.getByLabel('Indirizzo e-mail').fill('operatrice.e2e@cav.example.it');
  await page.getByRole('button', { name: 'Salva la preferenza' }).click();
  await page.getByText('Preferenza salvata.').waitFor();
}
