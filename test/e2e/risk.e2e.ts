/**
 * Browser journey of the risk assessment on the demo network: the network
 * coordinator opens "Strumenti di rischio", pastes a broken instrument and
 * reads each issue where it is, is told that the shipped example (labelled
 * as not a validated tool) is already loaded in the demo network, and loads
 * the mended file as version 2. A CAV operator opens a demo pathway at low
 * risk, opens the "Rischio" tab, fills the form generated from the
 * instrument (the latest version in the case's network, chosen) with the
 * keyboard — the computed level follows her answers live, a lowering
 * without a reason is refused in the error summary — and records an
 * assessment at "elevato": she is told that the safety-plan, shelter and
 * multi-agency-review actions were added, sees them on the plan, and finds
 * the assessment in the history (chart and table). Axe (WCAG 2.1 AA) on
 * the instruments page, the form, its errors and the history, on a desktop
 * and at a phone's width; no request leaves localhost.
 * Run: TZ=Europe/Rome node --import tsx --test test/e2e/risk.e2e.ts
 */
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { type E2EServer, it, newPage, signIn, startE2E } from './harness.js';
import { axe, expectFocus, openFirstCase } from './cases.helpers.js';

const PORT = Number(process.env.E2E_RISK_PORT ?? 3945);
const base = `http://localhost:${PORT}`;
let e2e: E2EServer;
const example: unknown = JSON.parse(readFileSync(new URL('../../src/shared/risk-instruments/example.json', import.meta.url), 'utf8'));

before(async () => {
  e2e = await startE2E(PORT);
});

after(() => e2e?.stop());

/**
 * The keys that answer the example's items, in its order, starting on each
 * group's first choice (Tab enters a group with nothing checked there;
 * Space checks it, each arrow moves on and checks the next):
 * escalation presente, threats to kill sì (critical), strangulation no,
 * weapons no, separation sì, stalking parziale, control presente, breach
 * no, pregnancy no, children no, substances assente, fear 3 of 4 —
 * 2 + 3 + 2 + 1 + 1 + 1.5 = 10.5 points, "elevato" (10 to 16).
 */
const keys: string[][] = [
  ['ArrowRight', 'ArrowRight'],
  ['Space'],
  ['ArrowRight'],
  ['ArrowRight'],
  ['Space'],
  ['ArrowRight'],
  ['ArrowRight', 'ArrowRight'],
  ['ArrowRight'],
  ['ArrowRight'],
  ['ArrowRight'],
  ['Space'],
  ['ArrowRight', 'ArrowRight', 'ArrowRight'],
];

describe('risk assessment', () => {
  it('lets the network coordinator load an instrument, with the issues of a broken one shown where they are', async () => {
    const { page, external } = await newPage(e2e);
    await signIn(page, base, 'coordinatrice', { home: true });
    await page.getByRole('link', { name: 'Strumenti di rischio' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Strumenti di valutazione del rischio' }).waitFor();
    await axe(page, 'instruments page');

    // A gap between two thresholds: refused by the server, at its pointer, in words.
    const broken = structuredClone(example) as { version: number; scoring: { thresholds: { from: number }[] } };
    broken.version = 2;
    broken.scoring.thresholds[1]!.from = 6;
    await page.getByLabel('Testo JSON dello strumento').fill(JSON.stringify(broken, null, 2));
    await page.getByRole('button', { name: 'Carica lo strumento', exact: true }).click();
    const issues = page.getByRole('region', { name: '1 problema nello strumento' });
    await issues.waitFor();
    const row = issues.getByRole('row').filter({ hasText: '/scoring/thresholds/1/from' });
    await row.getByText('scoring › soglia 2 › from').waitFor();
    await row.getByText('Soglia che lascia punteggi senza livello').waitFor();
    await axe(page, 'instruments page with issues');

    // The shipped example is labelled as such; the demo network has it already, so the same version is refused.
    await page.getByRole('button', { name: 'Carica lo strumento di esempio (esempio — non è uno strumento validato)' }).click();
    const taken = page.getByRole('region', { name: '1 problema nello strumento' }).getByRole('row').filter({ hasText: '/version' });
    await taken.getByText('Questa versione dello strumento è già caricata nella rete').waitFor();
    const list = page.getByRole('region', { name: 'Strumenti di valutazione delle vostre reti' });
    await list.getByRole('row').filter({ hasText: 'versione 1' }).first().getByText('esempio — non validato').waitFor();

    // The broken file mended (the thresholds joined again): version 2 is loaded beside version 1.
    broken.scoring.thresholds[1]!.from = 5;
    await page.getByLabel('Testo JSON dello strumento').fill(JSON.stringify(broken, null, 2));
    await page.getByRole('button', { name: 'Carica lo strumento', exact: true }).click();
    await page.getByText('Strumento caricato: Strumento di esempio per la valutazione del rischio (Trama), versione 2.').waitFor();
    const second = list.getByRole('row').filter({ hasText: 'versione 2' });
    await second.getByText('esempio — non validato').waitFor();
    await second.getByText('In uso').waitFor();
    await axe(page, 'instruments page, example loaded');
    assert.deepEqual(external, [], 'no request left the origin');
  });

  it('lets an operator assess a pathway with the keyboard, reaching elevato, and see the history and the new plan actions', async () => {
    const { page, external } = await newPage(e2e);
    await signIn(page, base, 'operatrice.cav', { home: true });
    // A pathway in progress whose latest assessment (the demo's) is basso.
    await openFirstCase(page, base, 'fase=presa_in_carico&rischio=basso');
    // From the summary's risk level to where it comes from.
    await page.getByRole('link', { name: 'Valutazione del rischio e andamento' }).press('Enter');
    await page.getByRole('tab', { name: 'Rischio', exact: true, selected: true }).waitFor();
    const panel = page.getByRole('tabpanel', { name: 'Rischio' });
    await panel.getByRole('heading', { name: 'Valutazione del rischio' }).waitFor();

    const open = panel.getByRole('button', { name: 'Nuova valutazione del rischio' });
    await open.focus();
    await page.keyboard.press('Enter');
    await panel.getByRole('heading', { name: /^Nuova valutazione: Strumento di esempio/ }).waitFor();
    await panel.getByText('Esempio — non è uno strumento validato', { exact: true }).waitFor();
    // Critical items say so in words.
    await panel.getByText('Fattore critico: se presente, il livello è almeno Elevato.').first().waitFor();
    await axe(page, 'assessment form');

    // Keyboard only: from the first choice of the first item, group by group.
    await page.locator('#risk-form-item-escalation').focus();
    for (const [i, group] of keys.entries()) {
      if (i > 0) await page.keyboard.press('Tab');
      for (const key of group) await page.keyboard.press(key);
    }
    const live = panel.getByRole('status').filter({ hasText: 'Livello calcolato' });
    await live.getByText('Rischio Elevato').waitFor();
    await panel.getByText('Punteggio: 10,5 su 23').waitFor();
    assert.ok(await page.locator('#risk-form-item-minacce-di-morte').isChecked(), 'threats to kill: sì');
    assert.ok(await page.locator('#risk-form-item-paura-3').isChecked(), 'fear: 3');

    // The next Tab leaves the items for the judgement. Lowering it is called out and needs a reason.
    await page.keyboard.press('Tab');
    await expectFocus(page, 'risk-form-judgement');
    await page.getByLabel('Livello finale (giudizio professionale)').selectOption('medio');
    await panel.getByText('State abbassando il livello calcolato').waitFor();
    await page.getByLabel('Occasione della valutazione').selectOption('programmata');
    let posted = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/risk/assessments')) posted += 1;
    });
    await panel.getByRole('button', { name: 'Registra la valutazione' }).press('Enter');
    const summary = page.getByRole('alert').filter({ hasText: 'Controlla questi campi' });
    await summary.getByRole('link', { name: 'Motivazione del giudizio: Motivare il giudizio che cambia il livello calcolato.' }).waitFor();
    await expectFocus(page, 'risk-form-errors');
    assert.equal(posted, 0, 'nothing sent');
    await axe(page, 'assessment form with errors');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expectFocus(page, 'risk-form-reason');

    // She keeps the computed level after all.
    await page.getByLabel('Livello finale (giudizio professionale)').selectOption('');
    const saved = page.waitForResponse((r) => r.url().endsWith('/risk/assessments') && r.request().method() === 'POST');
    await panel.getByRole('button', { name: 'Registra la valutazione' }).press('Enter');
    const response = await saved;
    assert.equal(response.status(), 201);
    const body = response.request().postDataJSON() as Record<string, unknown>;
    assert.equal(body.judgementLevel, undefined, 'no judgement sent');
    assert.deepEqual(body.answers, {
      escalation: 'presente',
      'minacce-di-morte': 'si',
      strangolamento: 'no',
      armi: 'no',
      separazione: 'si',
      persecuzione: 'parziale',
      'controllo-isolamento': 'presente',
      'violazione-provvedimenti': 'no',
      gravidanza: 'no',
      figli: 'no',
      'alcol-sostanze': 'assente',
      paura: 3,
    });

    // What it set off, said in words, with the focus on it.
    const result = panel.getByRole('status').filter({ hasText: 'Valutazione registrata: rischio Elevato.' });
    await result.waitFor();
    await expectFocus(page, 'risk-result');
    await result.getByText('concordare con lei un piano di sicurezza;').waitFor();
    await result.getByText('valutare l’accoglienza in emergenza (casa rifugio);').waitFor();
    await result.getByText('proporre il caso alla revisione multi-agenzia della rete.').waitFor();

    // The latest assessment, the re-assessment due, and the trend as a chart and a table.
    await panel.getByRole('heading', { name: 'Ultima valutazione' }).waitFor();
    await panel.getByTestId('risk-due').filter({ hasText: 'Prossima rivalutazione entro il' }).waitFor();
    const chart = panel.getByRole('img', { name: 'Andamento del livello finale di rischio' });
    await chart.waitFor();
    await panel.locator('.case-facts').getByText('Rischio Elevato').waitFor();
    const history = panel.getByRole('region', { name: 'Valutazioni del rischio, dalla più recente' });
    // The day the form proposed (today as it opened), not today now: the day may turn meanwhile.
    const today = new Intl.DateTimeFormat('it-IT', { timeZone: 'UTC', dateStyle: 'short' }).format(new Date(`${String(body.assessedOn)}T00:00:00Z`));
    await history.getByRole('row').filter({ hasText: today }).filter({ hasText: 'Rivalutazione programmata' }).getByText('Rischio Elevato').waitFor();
    await axe(page, 'risk history');

    // The plan holds the three new actions.
    await page.getByRole('tab', { name: 'Progetto personalizzato', exact: true }).click();
    const plan = page.getByRole('tabpanel', { name: 'Progetto personalizzato' });
    await plan.getByText('Piano di sicurezza').first().waitFor();
    await plan.getByText('Valutare l’ospitalità in emergenza (casa rifugio)').first().waitFor();
    await plan.getByText('Proporre il caso alla revisione multi-agenzia').first().waitFor();

    // At a phone's width: nothing wider than the screen, still axe clean, the form still reachable.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('tab', { name: 'Rischio', exact: true }).click();
    await panel.getByRole('img', { name: 'Andamento del livello finale di rischio' }).waitFor();
    await panel.getByRole('button', { name: 'Nuova valutazione del rischio' }).press('Enter');
    await panel.getByRole('button', { name: 'Registra la valutazione' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `nothing overflows the phone's width (${overflow}px)`);
    await axe(page, 'assessment form and history at a phone width');
    if (process.env.E2E_SHOTS) await page.screenshot({ path: `${process.env.E2E_SHOTS}/risk-390.png`, fullPage: true });

    assert.deepEqual(external, [], 'no request left the origin');
  });
});
