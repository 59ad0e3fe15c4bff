import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.js';
import { expectOk, match } from '../support/http.js';
import { login } from '../support/world.js';
import { agents, createStaysWorld, heldRequest } from './shelters-stays.world.js';

/**
 * The monthly fees (docs/shelters.md, "Fees"): a stay's days in a month —
 * the admission day counted, the exit day not — times the daily fee copied
 * at admission, per payer; JSON and XLSX; her contribution at a
 * second-level flat in its own column; never a name, an address, a case.
 */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());
const created = expectOk(201);
const ok = expectOk(200);

describe('fees per month', () => {
  it('counts a stay crossing two months by its days in each, the exit day not, for the payer only', async () => {
    const s = await createStaysWorld(t);
    const a = await agents(t, s);
    const admit = async (structure: typeof s.structure, admittedOn: string) => {
      const { requestId, proposalId } = await heldRequest(t, s.orgs.cavA, structure, 1, s.orgs.social);
      const asked = created(await a.cav.request('POST', '/api/shelters/authorisations', { requestId }));
      ok(await a.social.request('POST', `/api/shelters/authorisations/${asked.id}/decide`, { decision: 'autorizza', payerOrganisationId: s.orgs.social }, match(asked.version)));
      return created(await (structure === s.structure ? a.shelter : a.shelter2).request('POST', '/api/shelters/stays', { proposalId, path: 'accordo', admittedOn }));
    };
    const crossing = await admit(s.structure, '2026-01-20');
    ok(await a.shelter.request('POST', `/api/shelters/stays/${crossing.id}/exit`, { exitedOn: '2026-02-10', reason: 'percorso_concluso' }, match(crossing.version)));
    const flat = await admit(s.structure2, '2026-02-27');
    ok(await a.shelter2.request('POST', `/api/shelters/stays/${flat.id}/exit`, { exitedOn: '2026-03-02', reason: 'fine_periodo' }, match(flat.version)));
    // An emergency stay never authorised has no payer: no fee.
    created(await a.shelter.request('POST', '/api/shelters/stays/emergency', { structureId: s.structure.id, socialServiceId: s.orgs.social, admittedOn: '2026-01-05' }));

    const jan = ok(await a.social.request('GET', '/api/shelters/fees?month=2026-01'));
    expect(jan.rows).toEqual([expect.objectContaining({ stayReference: crossing.reference, days: 12, dailyFeeCents: 8500, amountCents: 12 * 8500, payer: { id: s.orgs.social, name: expect.any(String) }, contributionCents: null })]);
    expect(jan.totalCents).toBe(12 * 8500);
    const feb = ok(await a.social.request('GET', '/api/shelters/fees?month=2026-02'));
    expect(feb.rows.map((r: { days: number; contributionCents: number | null }) => [r.days, r.contributionCents])).toEqual([
      [9, null],
      [2, 15000],
    ]);
    expect(feb.totalCents).toBe(9 * 8500 + 2 * 3000);
    expect(feb.totals).toEqual([{ payer: { id: s.orgs.social, name: expect.any(String) }, amountCents: 9 * 8500 + 2 * 3000, days: 11 }]);
    expect(ok(await a.social.request('GET', '/api/shelters/fees?month=2026-03')).rows.map((r: { days: number }) => r.days)).toEqual([1]);

    // Neither the coordinator of a network the structures serve nor the payer sees more than this; CAV B (nothing to pay) sees nothing.
    expect(ok(await a.coordinator.request('GET', '/api/shelters/fees?month=2026-02')).rows).toHaveLength(2);
    const cavBHead = await login(t, s.users.headB);
    expect(ok(await cavBHead.request('GET', '/api/shelters/fees?month=2026-02')).rows).toEqual([]);
    // A month that is not one: 400.
    expect((await a.social.request('GET', '/api/shelters/fees?month=2026-13')).status).toBe(400);

    const file = await t.app.inject({ method: 'GET', url: '/api/shelters/fees.xlsx?month=2026-02', headers: { cookie: a.social.cookie } });
    expect(file.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const rows = book.worksheets[0]!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual(['Struttura', 'Livello', 'Permanenza (rif.)', 'Giorni', 'Retta giornaliera (€)', 'Importo (€)', 'Ente pagante', 'Contributo della donna (€, suo, non retta)']);
    expect(rows.slice(1).map((r) => [r[2], r[3], r[5], r[7]])).toEqual([
      [crossing.reference, 9, 765, undefined],
      [flat.reference, 2, 60, 150],
      [undefined, 11, 825, undefined],
    ]);
    // No address, no request code, no case: the structure's address column is never read.
    expect(file.rawPayload.toString('latin1')).not.toContain('not-opened-by-these-tests');
  });
});
