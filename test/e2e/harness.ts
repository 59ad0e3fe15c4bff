/**
 * What every browser journey shares: the real server on the demo network in
 * a fresh data directory, Debian's Chromium, the axe check, pages that record
 * any request leaving the origin, and the staff login.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { it as nodeIt } from 'node:test';
import { tmpdir } from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { generate } from 'otplib';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../seeds/demo/demo.js';

export interface E2EServer {
  base: string;
  browser: Browser;
  stop(): Promise<void>;
}

/**
 * Starts the server (demo data, fresh DATA_DIR) on the port and Chromium.
 * Fails at once when something already answers on the port (a server left
 * over by an earlier run: the journey would run against its old data), and
 * when the server is not ready within five minutes (loading the demo's
 * pathways takes minutes on a busy machine).
 */
export async function startE2E(port: number, env: Record<string, string> = {}): Promise<E2EServer> {
  const base = `http://localhost:${port}`;
  const taken = await fetch(`${base}/healthz`).then(
    () => true,
    () => false,
  );
  assert.equal(taken, false, `${base} is already in use: stop the process listening there and run again`);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'trama-e2e-'));
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, TRAMA_DEMO: 'true', LOG_LEVEL: 'warn', TZ: 'Europe/Rome', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let ready = false;
  let exited: number | null | undefined;
  server.once('exit', (code) => (exited = code));
  for (let i = 0; i < 600 && !ready && exited === undefined; i++) {
    await new Promise((r) => setTimeout(r, 500));
    ready = await fetch(`${base}/readyz`).then(
      (res) => res.ok,
      () => false,
    );
  }
  if (!ready) {
    // Not left behind: a server still loading would keep this file's process (and the port) busy.
    server.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
  assert.ok(ready, exited === undefined ? `the server on ${base} did not become ready` : `the server on ${base} exited (${exited}) before it was ready`);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  return {
    base,
    browser,
    async stop() {
      await browser.close();
      // Its data directory goes once it has exited (a busy machine takes longer than any fixed pause to close its database).
      const gone = server.exitCode === null && server.signalCode === null ? new Promise((r) => server.once('exit', r)) : Promise.resolve();
      server.kill('SIGTERM');
      const stuck = setTimeout(() => server.kill('SIGKILL'), 30_000);
      await gone;
      clearTimeout(stuck);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Axe: every violation of WCAG 2.1 level A and AA on the page, whatever its
 * impact (a "minor" or "moderate" failure of a success criterion is still a
 * failure), with where it is.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact ?? 'no impact'}): ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** The former name: the same check, every WCAG 2.1 A/AA violation. */
export const seriousViolations = axeViolations;

/** The pages of the running journey, with their last answers: what a failure reports. */
const journeyPages = new Map<Page, string[]>();

/** A page in a new Italian context; `external` collects every request that leaves the origin. */
export async function newPage(e2e: E2EServer): Promise<{ page: Page; external: string[] }> {
  const context = await e2e.browser.newContext({ locale: 'it-IT' });
  const page = await context.newPage();
  const external: string[] = [];
  const answers: string[] = [];
  journeyPages.set(page, answers);
  page.on('request', (r) => {
    if (!r.url().startsWith(e2e.base) && !r.url().startsWith('data:')) external.push(r.url());
  });
  page.on('response', (r) => {
    if (!r.url().startsWith(`${e2e.base}/api/`)) return;
    const method = r.request().method();
    // Whether a write carried the CSRF token (never its value): a refused write says why.
    const csrf = method === 'GET' ? '' : r.request().headers()['x-csrf-token'] ? ' (csrf)' : ' (no csrf)';
    answers.push(`${r.status()} ${method} ${new URL(r.url()).pathname}${csrf}`);
    if (answers.length > 30) answers.shift();
  });
  page.on('pageerror', (error) => answers.push(`page error: ${error.message}`));
  return { page, external };
}

/**
 * `it` of node:test that, when the journey fails, prints what each of its
 * pages showed (address, open dialogs, visible text, last API answers) and
 * keeps a screenshot under test-results/e2e: a failure seen only in CI can
 * be understood from its log. The demo network is fictional, so its text
 * may be printed.
 */
export function it(name: string, journey: () => Promise<void>): void {
  nodeIt(name, async () => {
    journeyPages.clear();
    try {
      await journey();
    } catch (error) {
      await reportPages(name);
      throw error;
    }
  });
}

async function reportPages(name: string): Promise<void> {
  const dir = path.join('test-results', 'e2e');
  mkdirSync(dir, { recursive: true });
  let n = 0;
  for (const [page, answers] of journeyPages) {
    if (page.isClosed()) continue;
    n += 1;
    const file = path.join(dir, `${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}-${n}.png`);
    const shown = await page
      .evaluate(() => ({
        dialogs: [...document.querySelectorAll('[role=dialog],[role=alertdialog]')].map((d) => (d as HTMLElement).innerText.slice(0, 300)),
        text: document.body.innerText.slice(0, 2000),
      }))
      .catch((e: unknown) => ({ dialogs: [], text: `(page not readable: ${String(e)})` }));
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    console.error(
      [`--- page ${n} of the failed journey "${name}": ${page.url()} (screenshot ${file})`, `dialogs: ${JSON.stringify(shown.dialogs)}`, 'last API answers, oldest first:', ...answers.map((a) => `  ${a}`), 'visible text:', shown.text, '---'].join('\n'),
    );
  }
}

/**
 * Password and TOTP of a demo account; with `home`, waits for the home page.
 * Codes are single-use per account: a later login of the same account in
 * one file passes a later `step` (the next time step is inside the server's
 * tolerance).
 */
export async function signIn(page: Page, base: string, username: string, options: { step?: number; home?: boolean } = {}): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel('Nome utente').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await page.getByLabel('Codice di verifica').waitFor();
  await page.getByLabel('Codice di verifica').fill(await totpCode(options.step));
  await page.getByRole('button', { name: 'Verifica' }).click();
  if (options.home) await page.getByRole('heading', { level: 1, name: 'Pagina iniziale' }).waitFor();
}

/** The demo accounts' TOTP code `step` time steps from now. */
export function totpCode(step = 0): Promise<string> {
  return generate({ secret: DEMO_TOTP_SECRET, epoch: Math.floor(Date.now() / 1000) + 30 * step });
}
