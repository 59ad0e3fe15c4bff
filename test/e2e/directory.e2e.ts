/**
 * Browser journey of the directory screens on the demo network: the
 * coordinator of the Pianura network opens the map of services, opens a
 * CAV's sportello, edits its opening hours watching the live preview,
 * saves with the version she read (If-Match), is told plainly when someone
 * else saved first, then reads the minimum standards and finds her change
 * in the history. The shelters' secret sportelli never reach her. Axe
 * (WCAG 2.1 AA) on every screen: zero serious or critical violations; no
 * request leaves localhost.
 * Run: TZ=Europe/Rome node --import tsx --test test/e2e/directory.e2e.ts
 */
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { type E2EServer, it, newPage, seriousViolations, signIn, startE2E } from './harness.js';

const PORT = Number(process.env.E2E_DIRECTORY_PORT ?? 3934);
const base = `http://localhost:${PORT}`;
/** The secret sportelli of the demo shelters (seeds/demo/directory.bergamo.ts, directory.bari.ts) and their sealed addresses. */
const SECRET_NAMES = ['Casa rifugio', 'Struttura di pronto intervento'];
const SECRET_ADDRESS = 'Via Segreta';
const NEW_HOURS = 'Mo-Sa 08:00-20:00';
/** What the weekly grid writes for lun–ven 9:00–13:00 and 14:00–17:00, Saturday and holidays closed. */
const GRID_HOURS = 'Mo-Fr 09:00-13:00,14:00-17:00; PH off';
const GRID_HOURS_WORDS = 'lun–ven 9:00–13:00 e 14:00–17:00; festivi chiuso';
let e2e: E2EServer;

interface ListedSportello {
  id: string;
  name: string;
  visibility: string;
  address: string | null;
  version: number;
  organisation: { name: string };
}

/** Every sportello the session can list, through the same API as the screen. */
async function allSportelli(page: Page): Promise<ListedSportello[]> {
  const out: ListedSportello[] = [];
  for (let p = 1; ; p++) {
    const res = await page.request.get(`${base}/api/directory/sportelli?pageSize=100&page=${p}`);
    assert.equal(res.status(), 200);
    const body = (await res.json()) as { items: ListedSportello[]; total: number };
    out.push(...body.items);
    if (out.length >= body.total || body.items.length === 0) return out;
  }
}

before(async () => {
  e2e = await startE2E(PORT);
});

after(() => e2e?.stop());

describe('directory screens', () => {
  it('lets the coordinator edit a sportello’s hours with a live preview, then read the standards and the history', async () => {
    const { page, external } = await newPage(e2e);
    await signIn(page, base, 'coordinatrice', { home: true });

    // The map of services, from the main navigation.
    await page.getByRole('link', { name: 'Mappa dei servizi' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Mappa dei servizi' }).waitFor();
    await page.getByRole('status').filter({ hasText: /sportelli trovati/ }).waitFor();
    // The map: her network's comuni on real boundaries (from our own server: no tiles), the page's sportelli as points
    // shaped by their state, the same ones as the table (those with coordinates), the source and licence named.
    const map = page.getByRole('img', { name: /Posizione degli sportelli/ });
    await map.locator('path.directory-map-comune-network').first().waitFor();
    const firstPage = (await (await page.request.get(`${base}/api/directory/sportelli?pageSize=25&page=1`)).json()) as { items: { lat: number | null }[] };
    const located = firstPage.items.filter((s) => s.lat !== null).length;
    assert.ok(located > 0, 'the demo sportelli have coordinates');
    assert.equal(await map.locator('[data-point-state]').count(), located, 'one point per sportello of the table with coordinates');
    assert.equal(await map.locator('[data-point-state="open"] circle').count() + (await map.locator('[data-point-state="closed"] rect').count()) + (await map.locator('[data-point-state="unknown"] path').count()), located, 'open, closed and unknown drawn as different shapes');
    assert.ok((await map.locator('path.directory-map-comune-network').count()) > 5, 'the network’s comuni');
    assert.ok(await map.locator('path[data-province="016"]').count(), 'the outline of the province of Bergamo');
    await page.getByText(`${located} sportelli su ${firstPage.items.length} hanno le coordinate e sono sulla mappa`).first().waitFor();
    await page.getByText(/^Confini: ISTAT.*Licenza CC BY 4\.0/).first().waitFor();
    assert.match(await page.locator('tbody').first().innerText(), /(Aperto ora|Chiuso)/);
    assert.deepEqual(await seriousViolations(page), [], 'sportelli list');

    // The shelters' secret sportelli never reach her: not on any page of the list, not by organisation.
    const listed = await allSportelli(page);
    assert.ok(listed.length > 25, `she sees the network's sportelli (${listed.length})`);
    for (const name of SECRET_NAMES) assert.equal(listed.filter((s) => s.name === name).length, 0, `${name} is not listed`);
    assert.equal(listed.filter((s) => s.visibility === 'secret').length, 0, 'no secret sportello at all');
    assert.ok(!JSON.stringify(listed).includes(SECRET_ADDRESS), 'no sealed address');
    await page.getByLabel('Organizzazione', { exact: true }).selectOption({ label: 'Casa rifugio Il Faro (DEMO)' });
    await page.getByRole('button', { name: 'Cerca' }).click();
    await page.waitForURL(/ente=/);
    await page.getByRole('link', { name: 'Reperibilità per gli inserimenti' }).waitFor();
    for (const name of SECRET_NAMES) assert.equal(await page.getByRole('link', { name, exact: true }).count(), 0, `${name} is not shown`);
    assert.ok(!(await page.locator('main').innerText()).includes(SECRET_ADDRESS));

    // Open the CAV's main seat by its name.
    await page.getByLabel('Organizzazione', { exact: true }).selectOption('');
    await page.getByLabel('Nome dello sportello').fill('Sede di Treviglio');
    await page.getByRole('button', { name: 'Cerca' }).click();
    await page.getByRole('link', { name: 'Sede di Treviglio' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sede di Treviglio' }).waitFor();
    // The stored hours come into the weekly grid (through the schedule of the preview), the expression under "esperti".
    const hours = page.locator('#sportello-opening');
    const grid = page.getByRole('group', { name: 'Orario di apertura al pubblico', exact: true });
    const time = (label: string) => grid.getByLabel(label, { exact: true });
    const gridValue = (id: string, value: string) => page.waitForFunction(([i, v]) => (document.getElementById(i!) as HTMLInputElement | null)?.value === v, [id, value]);
    await page.getByTestId('sportello-opening-preview').getByText('Orario valido.').waitFor();
    const stored = 'Mo-Fr 09:00-13:00,14:00-18:00; Sa 09:00-12:00';
    await page.waitForFunction((v) => (document.getElementById('sportello-opening') as HTMLInputElement | null)?.value === v, stored);
    await gridValue('sportello-opening-grid-fr-2-to', '18:00');
    assert.equal(await time('dalle (fascia 1 di sabato)').inputValue(), '09:00');
    assert.match(await grid.getByRole('group', { name: 'domenica', exact: true }).innerText(), /chiuso/);
    assert.ok(await grid.getByRole('radio', { name: 'chiusi' }).isChecked(), 'holidays closed (nothing said about PH)');
    const words = page.getByTestId('sportello-opening-words');
    assert.equal(await words.innerText(), 'In parole: lun–ven 9:00–13:00 e 14:00–18:00; sab 9:00–12:00; festivi chiuso');
    assert.ok(await page.getByLabel('Numero riservato per i trasferimenti del 1522').isVisible(), 'the transfer number, for its coordinator');
    assert.deepEqual(await seriousViolations(page), [], 'sportello form');

    // The expression stays editable by hand, with the live preview: an error in Italian (never the parser's English),
    // and the grid steps aside; a valid expression goes back into the grid.
    const preview = page.getByTestId('sportello-opening-preview');
    await page.locator('#sportello-opening').locator('xpath=ancestor::details').locator('summary').click();
    await hours.fill('Mo-Fr 25:00-26:00');
    await preview.getByText('Orario non valido.').waitFor();
    const beyond = page.getByTestId('sportello-opening-grid-beyond');
    await beyond.waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'preview of invalid hours');
    const english = /\b(the|is|are|should|will|please|value|error|rule|warning)\b/i;
    assert.doesNotMatch(await preview.innerText(), english);
    assert.doesNotMatch(await beyond.innerText(), english);
    await hours.fill(NEW_HOURS);
    await preview.getByText('Orario valido.').waitFor();
    await preview.locator('td').filter({ hasText: '08:00–20:00' }).first().waitFor();
    assert.doesNotMatch(await preview.innerText(), english);
    // Days and months lower-case, as Italian writes them: "lunedì 7 dicembre".
    assert.match(await preview.locator('th').first().innerText(), /^(lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica) \d{1,2} [a-z]+$/);
    assert.match(await page.getByTestId('sportello-opening-state').innerText(), /^(Aperto ora · chiude|Chiuso · apre)/);
    await gridValue('sportello-opening-grid-sa-1-from', '08:00');
    assert.equal(await words.innerText(), 'In parole: lun–sab 8:00–20:00; festivi chiuso');

    // The grid: Monday 9:00–13:00 and 14:00–17:00, copied to the weekdays; Saturday closed; holidays closed.
    await time('dalle (fascia 1 di lunedì)').fill('09:00');
    await time('alle (fascia 1 di lunedì)').fill('13:00');
    await grid.getByRole('button', { name: 'Aggiungi fascia oraria a lunedì', exact: true }).click();
    // Overlapping ranges are named beside the day (and nothing is written meanwhile).
    await time('dalle (fascia 2 di lunedì)').fill('12:00');
    await grid.getByText('lunedì: le fasce si sovrappongono.').waitFor();
    assert.equal(await hours.inputValue(), 'Mo 09:00-13:00,14:00-18:00; Tu-Sa 08:00-20:00; PH off');
    assert.deepEqual(await seriousViolations(page), [], 'grid with overlapping ranges');
    await time('dalle (fascia 2 di lunedì)').fill('14:00');
    await time('alle (fascia 2 di lunedì)').fill('17:00');
    await grid.getByRole('button', { name: 'Copia su tutti i giorni feriali (da martedì a venerdì)' }).click();
    await grid.getByRole('button', { name: 'Rimuovi fascia 1 di sabato', exact: true }).click();
    await grid.getByRole('radio', { name: 'chiusi' }).check();
    assert.equal(await grid.getByText('lunedì: le fasce si sovrappongono.').count(), 0);
    assert.equal(await hours.inputValue(), GRID_HOURS);
    await words.getByText('lun–ven 9:00–13:00 e 14:00–17:00; festivi chiuso').waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'grid filled');

    // Save: only the changed field, with the version she read; the saved hours read in words.
    const before = listed.find((s) => s.name === 'Sede di Treviglio')!;
    const saved = page.waitForResponse((r) => r.url().includes(`/api/directory/sportelli/${before.id}`) && r.request().method() === 'PATCH');
    await page.getByRole('button', { name: 'Salva' }).click();
    const response = await saved;
    assert.equal(response.status(), 200);
    assert.equal(response.request().headers()['if-match'], `"${before.version}"`);
    assert.deepEqual(response.request().postDataJSON(), { openingHours: GRID_HOURS });
    await page.getByText('Modifiche salvate.').waitFor();
    assert.equal(await hours.inputValue(), GRID_HOURS);
    assert.equal(await words.innerText(), 'In parole: lun–ven 9:00–13:00 e 14:00–17:00; festivi chiuso');
    const reread = await page.request.get(`${base}/api/directory/sportelli/${before.id}`);
    assert.equal(((await reread.json()) as { openingHours: string }).openingHours, GRID_HOURS);

    // Someone else saves meanwhile: her next save is refused, and she is told what to do.
    const csrf = ((await (await page.request.get(`${base}/api/auth/me`)).json()) as { csrfToken: string }).csrfToken;
    const other = await page.request.patch(`${base}/api/directory/sportelli/${before.id}`, {
      data: { notes: 'Aggiornato da un’altra postazione.' },
      headers: { 'if-match': `"${before.version + 1}"`, 'x-csrf-token': csrf },
    });
    assert.equal(other.status(), 200);
    await page.getByRole('group', { name: 'Orario telefonico', exact: true }).getByRole('button', { name: 'Rimuovi fascia 1 di domenica', exact: true }).click();
    await page.getByRole('button', { name: 'Salva' }).click();
    await page.getByTestId('stale-notice').getByText("Modificato da un'altra persona").waitFor();
    assert.ok(await page.getByRole('alert').getByText("Il dato è stato modificato da un'altra persona: ricarica e riprova.").isVisible());
    assert.deepEqual(await seriousViolations(page), [], 'stale version');
    await page.getByRole('button', { name: 'Ricarica la versione attuale' }).click();
    await page.getByLabel('Note').and(page.locator('textarea')).waitFor();
    await page.waitForFunction(() => (document.getElementById('sportello-notes') as HTMLTextAreaElement | null)?.value === 'Aggiornato da un’altra postazione.');
    assert.equal(await page.getByTestId('stale-notice').count(), 0);

    // The minimum standards, from the main navigation.
    await page.getByRole('link', { name: 'Standard minimi' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Standard minimi' }).waitFor();
    await page.getByRole('status').filter({ hasText: /centr[oi] antiviolenza controllat/ }).waitFor();
    const cav = page.getByRole('row', { name: /CAV Filo Rosso \(DEMO\)/ });
    await cav.waitFor();
    assert.match(await cav.innerText(), /lunedì/);
    assert.ok(await page.getByText(/Intesa Stato-Regioni del 2022/).isVisible());
    assert.deepEqual(await seriousViolations(page), [], 'standards');

    // The history: her change, who and what, from → to.
    await page.getByRole('navigation', { name: 'Sezioni della mappa dei servizi' }).getByRole('link', { name: 'Storico' }).click();
    await page.getByRole('heading', { level: 1, name: 'Storico delle modifiche' }).waitFor();
    // Hours in words, as everywhere else (the expression itself is for experts, in the form).
    const entry = page.getByTestId('history-entry').filter({ hasText: GRID_HOURS_WORDS }).first();
    await entry.waitFor();
    const text = await entry.innerText();
    assert.match(text, /Carla Valli/);
    assert.match(text, /Sportello: Sede di Treviglio/, 'the entry names what changed');
    // Field names and values in words: no code, no internal id, no raw ISO date.
    const historyText = await page.locator('main').innerText();
    assert.doesNotMatch(historyText, /_[a-z]+\b|\b(referent|referentSportelloId|public|reserved)\b|[0-9a-f]{8}-[0-9a-f]{4}-|\d{4}-\d{2}-\d{2}/);
    assert.match(text, /Orario di apertura al pubblico: lun–ven 9:00–13:00 e 14:00–18:00; sab 9:00–12:00(; festivi chiuso)?\s*→\s*(diventa\s*)?lun–ven 9:00–13:00 e 14:00–17:00; festivi chiuso/);
    assert.ok(!text.includes(GRID_HOURS), 'no raw expression where a week tells it');
    assert.deepEqual(await seriousViolations(page), [], 'history');
    assert.ok(!(await page.locator('main').innerText()).includes(SECRET_ADDRESS));

    // The other screens: networks (with the downloads), a network, organisations, import, a new sportello.
    const tabs = page.getByRole('navigation', { name: 'Sezioni della mappa dei servizi' });
    await tabs.getByRole('link', { name: 'Reti', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Reti' }).waitFor();
    // Two exports that say what they hold: the public map (public sportelli only) and the internal directory (reserved ones marked).
    const csvOf = async (name: RegExp) => {
      const href = await page.getByRole('link', { name }).getAttribute('href');
      const download = await page.request.get(`${base}${href}`);
      assert.equal(download.status(), 200);
      return { href: href!, text: await download.text() };
    };
    const publicMap = (await csvOf(/^Scarica la mappa pubblica di Rete antiviolenza Pianura .* in CSV$/)).text;
    const { href: internalHref, text: internal } = await csvOf(/^Scarica l’elenco interno di Rete antiviolenza Pianura .* in CSV$/);
    assert.ok(publicMap.includes('Sede di Treviglio'));
    // The hours she entered with the grid, in words in the exports for people.
    assert.match(publicMap, /Sede di Treviglio[^\r\n]*lun–ven 9:00–13:00 e 14:00–17:00; festivi chiuso/);
    assert.ok(!publicMap.includes('Reperibilità h24 per la rete'), 'the network’s reserved line is not on the public map');
    assert.match(internal, /Reperibilità h24 per la rete,[^\r\n]*,Riservato,/, 'the internal directory marks it reserved');
    for (const exported of [publicMap, internal]) {
      assert.ok(!exported.includes(SECRET_ADDRESS), 'no sealed address in the export');
      // No sportello row named like a secret one: its name followed by its id (the shelter's own name, and the
      // organisation type "Casa rifugio", may appear).
      for (const name of SECRET_NAMES) assert.doesNotMatch(exported, new RegExp(`(^|[,"])${name}"?,"?(trama:|demo-)`, 'm'), `${name} is not exported`);
    }
    assert.deepEqual(await seriousViolations(page), [], 'networks');
    await page.getByRole('link', { name: /^Rete antiviolenza Pianura/ }).click();
    await page.getByRole('heading', { level: 1, name: /^Rete antiviolenza Pianura/ }).waitFor();
    await page.getByRole('row', { name: /^Treviglio \(BG\) 016219/ }).waitFor();
    // The network on the map: each of its comuni drawn by its ISTAT code, its sportelli as points and in a list that agrees.
    const networkId = new URL(page.url()).pathname.split('/').pop()!;
    const detail = (await (await page.request.get(`${base}/api/directory/networks/${networkId}`)).json()) as { comuni: { istatCode: string }[] };
    const networkMap = page.getByRole('img', { name: /Posizione degli sportelli/ });
    await networkMap.locator('path.directory-map-comune-network').first().waitFor();
    const drawn = await networkMap.locator('path.directory-map-comune-network').evaluateAll((paths) => paths.map((p) => p.getAttribute('data-istat')).sort());
    assert.deepEqual(drawn, detail.comuni.map((c) => c.istatCode).sort(), 'every comune of the network, and only those, filled');
    assert.ok(await networkMap.locator('path[data-istat="016219"]').getAttribute('d'), 'Treviglio has a shape');
    const networkPoints = await networkMap.locator('[data-point-state]').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-point-state')));
    const pointList = page.getByRole('list', { name: /sportelli sulla mappa$/ });
    const listed2 = await pointList.getByRole('listitem').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-point-state')));
    assert.ok(networkPoints.length > 5, `the network's sportelli are on the map (${networkPoints.length})`);
    assert.deepEqual([...listed2].sort(), [...networkPoints].sort(), 'the list names each point, with the same state');
    assert.match(await pointList.innerText(), /Sede di Treviglio — CAV .*, Treviglio \(BG\): (Aperto ora|Chiuso ora|Orari non indicati)/);
    await page.getByText(/^Confini: ISTAT.*Licenza CC BY 4\.0/).first().waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'network');
    // Her network's territory saves through the shared schema: the same territory, as codes.
    const networkSaved = page.waitForResponse((r) => r.url().includes('/api/directory/networks/') && r.request().method() === 'PATCH');
    await page.getByRole('button', { name: 'Salva', exact: true }).click();
    const territory = await networkSaved;
    assert.equal(territory.status(), 200);
    assert.ok((territory.request().postDataJSON() as { comuni: string[] }).comuni.includes('016219'), 'the comuni go as ISTAT codes');
    await page.getByText('Rete salvata.').waitFor();
    await tabs.getByRole('link', { name: 'Schede delle organizzazioni' }).click();
    await page.getByRole('heading', { level: 1, name: 'Schede delle organizzazioni' }).waitFor();
    await page.getByRole('link', { name: 'CAV Filo Rosso (DEMO)' }).click();
    await page.getByLabel('Denominazione legale').waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'organisation profile');
    // The profile saves through the shared schema (declarations as yes, no or not declared).
    await page.getByRole('button', { name: 'Salva', exact: true }).waitFor();
    const profileSaved = page.waitForResponse((r) => r.url().includes('/api/directory/organisations/') && r.request().method() === 'PATCH');
    await page.getByRole('button', { name: 'Salva', exact: true }).click();
    assert.equal((await profileSaved).status(), 200);
    await page.getByText('Scheda salvata.').waitFor();
    await tabs.getByRole('link', { name: 'Importazione' }).click();
    await page.getByRole('heading', { level: 1, name: 'Importazione' }).waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'import');
    // A bad file: refused as a whole, each error with its item and place in the file.
    const bad = { format: 'trama-directory/1', sportelli: [{ externalId: 'e2e-bad', organisation: 'nessuna', name: 'X', comuneCode: '999999' }] };
    await page.getByLabel('File JSON da importare').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/directory/import?dryRun=true'));
    await page.getByRole('button', { name: 'Prova senza scrivere' }).click();
    assert.equal((await refused).status(), 422);
    await page.getByRole('alert').getByText('Il file di importazione contiene errori: non è stato scritto nulla.').waitFor();
    await page.getByRole('row', { name: /^e2e-bad / }).first().waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'import errors');
    // The network's own JSON export, re-imported: a dry run first, nothing new.
    const json = await page.request.get(`${base}${internalHref.replace('format=csv', 'format=json')}`);
    assert.equal(json.status(), 200);
    await page.getByLabel('File JSON da importare').setInputFiles({ name: 'pianura.json', mimeType: 'application/json', buffer: Buffer.from(await json.body()) });
    await page.getByRole('button', { name: 'Prova senza scrivere' }).click();
    await page.getByText('Prova di pianura.json: ecco che cosa cambierebbe. Non è stato scritto nulla.').waitFor();
    assert.match(await page.getByRole('row', { name: /^Sportelli / }).innerText(), /^Sportelli\s+0\s/);
    assert.ok(await page.getByRole('button', { name: "Conferma l'importazione" }).isVisible());
    assert.deepEqual(await seriousViolations(page), [], 'import dry run');
    await page.goto(`${base}/rete/servizi/nuovo`);
    await page.getByRole('heading', { level: 1, name: 'Nuovo sportello' }).waitFor();
    // The form checks with the API's own schema: nothing is sent until it passes, and the summary names each field.
    let posted = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/directory/sportelli')) posted++;
    });
    await page.getByRole('button', { name: 'Salva' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Controlla questi campi' });
    await summary.getByRole('link', { name: 'Nome: Campo obbligatorio.' }).waitFor();
    await summary.getByRole('link', { name: 'Comune: Campo obbligatorio.' }).waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'new sportello with errors');
    // A limit of the shared schema (latitude 35–48, Italy), named in the summary; the link takes her to the field.
    await page.getByLabel('Nome', { exact: true }).fill('Sportello di prova E2E');
    await page.getByLabel('Latitudine').fill('60');
    await page.getByLabel('Longitudine').fill('9,7');
    await page.getByRole('button', { name: 'Salva' }).click();
    const latitude = summary.getByRole('link', { name: /^Latitudine: .*massimo: 48/ });
    await latitude.waitFor();
    assert.equal(await summary.getByRole('link', { name: /^Nome:/ }).count(), 0, 'the name is fine now');
    await latitude.click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'sportello-lat');
    assert.equal(posted, 0, 'nothing was sent');

    assert.deepEqual(external, [], 'no request left the origin');
  });

  it('lays out the list of sportelli without overlaps, on a desktop and on a phone', async () => {
    const { page } = await newPage(e2e);
    await signIn(page, base, 'coordinatrice', { step: 1, home: true });
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${base}/rete/servizi`);
      const create = page.getByRole('link', { name: 'Nuovo sportello' });
      await create.waitFor();
      const button = (await create.boundingBox())!;
      // The first label of the filters (it floats above its field in Bootstrap Italia) starts below the button.
      const label = (await page.locator('label[for="sportelli-q"]').boundingBox())!;
      assert.ok(label.y >= button.y + button.height, `at ${width}px the first label (top ${label.y}) clears the button (bottom ${button.y + button.height})`);
      if (process.env.E2E_SHOTS) await page.screenshot({ path: `${process.env.E2E_SHOTS}/sportelli-${width}.png` });
    }
  });
});
