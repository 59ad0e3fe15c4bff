/** Steps shared by the pathway's browser journey (cases.e2e.ts). */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { seriousViolations } from './harness.js';

/** What has the focus: a tab's name, or any other element's id. */
export const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('role') === 'tab' ? document.activeElement.textContent : document.activeElement?.id ?? null);
/** Today in Italy, as the wizard's date field holds it. */
export const todayRome = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' });
/** A day in Italy `days` from today, counted on the calendar (24 hours from now is still today on the night summer time ends). */
export const dayRome = (days: number) => {
  const day = new Date(`${todayRome()}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
};

/** Waits (briefly) for the focus to land on an element: focus moves in an effect after the render. */
export async function expectFocus(page: Page, id: string) {
  await page.waitForFunction((want) => document.activeElement?.id === want, id, { timeout: 5000 }).catch(() => undefined);
  assert.equal(await focused(page), id);
}

export async function axe(page: Page, what: string) {
  assert.deepEqual(await seriousViolations(page), [], what);
}

/** Opens a tab with the arrow keys from the selected one, and waits for its panel. */
export async function arrowTo(page: Page, name: string) {
  await page.keyboard.press('ArrowRight');
  // The selected tab is in the address (?scheda=…): the router applies it on its next render.
  await page.getByRole('tab', { name, exact: true, selected: true }).waitFor({ timeout: 5000 });
  assert.equal(await focused(page), name, `${name} has the focus`);
  await page.getByRole('tabpanel', { name }).waitFor();
}

/** Opens the first pathway the caseload lists for a filter (e.g. `fase=presa_in_carico&rischio=basso`); returns its code. */
export async function openFirstCase(page: Page, base: string, filter: string): Promise<string> {
  await page.goto(`${base}/percorsi?${filter}`);
  await page.getByRole('heading', { level: 1, name: 'Percorsi' }).waitFor();
  const first = page.locator('a.case-code').first();
  await first.waitFor();
  const code = (await first.textContent())?.trim() ?? '';
  await first.click();
  await page.getByRole('heading', { level: 1, name: `Percorso ${code}`, exact: true }).waitFor();
  return code;
}
