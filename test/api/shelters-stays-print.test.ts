import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/audit/audit.tables.js';
import { organisations } from '../../src/server/modules/organisations/index.js';
import { shelterStructures } from '../../src/server/modules/shelters/index.js';
import { sealAddress } from '../../src/server/modules/shelters/structures.address.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { COMUNI } from '../support/directory.js';
import { day, expectOk, match } from '../support/http.js';
import { pdfText } from '../support/pdf-text.js';
import type { Agent } from '../support/world.js';
import { agents, createStaysWorld, heldRequest, type StaysWorld } from './shelters-stays.world.js';

/**
 * The printed stay record (docs/shelters.md, "The printed stay record"):
 * a PDF of what her side's detail shows, by the same decision, in Italian;
 * never the structure's address — not even for its own staff (a canary
 * street is sealed on the structure) — nor the structure's note; a foreign
 * or unknown stay answers the detail's 404, audited as a denied print.
 */

const CANARY = { street: 'Via Pettirosso Nascosto 5309', comuneIstat: COMUNI.seriate, postcode: '24068', notes: 'Citofono Allodola-Segreta' };
const LEAKS = [/Pettirosso/i, /Seriate/i, /\b24068\b/, /Allodola/i];
const leaksIn = (text: string) => LEAKS.filter((re) => re.test(text)).map(String);
const NOTE = 'Nota-Cinciallegra riservata';

let t: TestApp;
let s: StaysWorld;
let a: Awaited<ReturnType<typeof agents>>;
let stay: { id: string; reference: string; authorisation: { id: string } };

beforeAll(async () => {
  t = await buildTestApp();
  s = await createStaysWorld(t);
  a = await agents(t, s);
  // The structure's real secret address, sealed as the structures' service seals it.
  const addressSealed = await sealAddress(t.ctx.crypto, t.db, s.orgs.shelter, s.structure.id, CANARY);
  await t.db.update(shelterStructures).set({ addressSealed }).where(eq(shelterStructures.id, s.structure.id));
  stay = expectOk(201)(
    await a.shelter.request('POST', '/api/shelters/stays/emergency', { structureId: s.structure.id, socialServiceId: s.orgs.social, admittedOn: day(-3), children: [{ age: 6, sex: 'M' }, { age: 1, sex: 'F' }], note: NOTE }),
  );
});
afterAll(() => t.close());

const print = (agent: Agent, id = stay.id) => t.app.inject({ method: 'GET', url: `/api/shelters/stays/${id}/record.pdf`, headers: { cookie: agent.cookie } });
const textOf = async (res: Awaited<ReturnType<typeof print>>) => (await pdfText(res.rawPayload)).text.replace(/\s+/g, ' ');
const dmy = (iso: string) => iso.split('-').reverse().join('/');
const nameOf = async (id: string) => (await t.db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, id)))[0]!.name;
const printed = (outcome: 'success' | 'denied') =>
  t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'shelter.stay.printed'), eq(auditLog.resourceId, stay.id), eq(auditLog.outcome, outcome)))
    .orderBy(asc(auditLog.id));

describe('the printed stay record', () => {
  it("gives the structure's staff a PDF of their detail, in Italian, never the address nor the note", async () => {
    const detail = expectOk(200)(await a.shelter.request('GET', `/api/shelters/stays/${stay.id}`));
    expect(detail.note).toBe(NOTE);
    const res = await print(a.shelter);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="permanenza-${stay.reference}.pdf"`);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await textOf(res);
    for (const expected of [
      'RISERVATO',
      `Scheda di permanenza ${stay.reference}`,
      `${detail.structure.name} — Casa rifugio`,
      'Indirizzo della struttura riservato, non stampato',
      `Unità ${detail.unit.name}`,
      'Stato In attesa di autorizzazione',
      'Ingresso in emergenza',
      'Autorizzazione In attesa, scadenza',
      'adulti 1, minori 2',
      '6 anni, maschio; 1 anno, femmina',
      `Data di ingresso ${dmy(day(-3))}`,
      `Durata (giorni; ingresso compreso, uscita esclusa) ${detail.days}`,
      `Servizio sociale competente ${detail.socialService.name}`,
      "Ente pagante In attesa dell'autorizzazione",
      'Retta giornaliera € 85,00',
      'Percorso collegato no',
      `da ${await nameOf(s.orgs.shelter)}`,
      'Pagina 1 di 1',
    ]) {
      expect(text).toContain(expected);
    }
    expect(leaksIn(text)).toEqual([]);
    expect(text).not.toContain('Cinciallegra');
    // The street is really there for them, on the structure's page: the check above proves something.
    expect(expectOk(200)(await a.shelter.request('GET', `/api/shelters/structures/${s.structure.id}`)).address.street).toBe(CANARY.street);
    const [row] = await printed('success');
    expect(row).toMatchObject({ actorUserId: s.users.shelterOp.id, resourceType: 'shelter_stay', purpose: 'struttura' });
  });

  it("gives the social service its own side: no unit, no case link; once authorised, the payer", async () => {
    const auth = expectOk(200)(await a.social.request('GET', `/api/shelters/authorisations/${stay.authorisation.id}`));
    expectOk(200)(await a.social.request('POST', `/api/shelters/authorisations/${auth.id}/decide`, { decision: 'autorizza', payerOrganisationId: s.orgs.capofila }, match(auth.version)));
    const res = await print(a.social);
    expect(res.statusCode, res.body).toBe(200);
    const text = await textOf(res);
    expect(text).toContain('Stato In corso');
    expect(text).toContain('Autorizzazione Autorizzata');
    expect(text).toContain(`Ente pagante ${await nameOf(s.orgs.capofila)}`);
    expect(text).toContain(`da ${await nameOf(s.orgs.social)}`);
    expect(text).not.toContain('Unità');
    expect(text).not.toContain('Percorso collegato');
    expect(leaksIn(text)).toEqual([]);
    expect((await printed('success')).map((r) => r.purpose)).toEqual(['struttura', 'servizio_sociale']);
  });

  it('answers another organisation as the detail does: 404 like an unknown id, audited as a denied print; a malformed id is 400', async () => {
    const unknown = await print(a.shelter, crypto.randomUUID());
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'not_found']);
    for (const other of [a.shelter2, a.otherSocial, a.cavB]) {
      const res = await print(other);
      expect([res.statusCode, res.json().code]).toEqual([404, 'not_found']);
      expect(Object.keys(res.json()).sort()).toEqual(Object.keys(unknown.json()).sort());
      expect((await other.request('GET', `/api/shelters/stays/${stay.id}`)).status).toBe(404);
    }
    expect((await printed('denied')).map((r) => r.actorUserId)).toEqual([s.users.shelter2Op.id, s.users.otherSocialWorker.id, s.users.operatorB.id]);
    const bad = await print(a.shelter, 'not-a-uuid');
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'validation_failed']);
    // No audit row names the address, whoever printed what.
    expect(leaksIn(JSON.stringify(await t.db.select().from(auditLog).orderBy(asc(auditLog.id))))).toEqual([]);
  });

  it('names the moves by reference: the ended stay its exit and next stay, the next one its previous', async () => {
    const before = expectOk(200)(await a.shelter.request('GET', `/api/shelters/stays/${stay.id}`));
    const next = await heldRequest(t, s.orgs.shelter, s.structure2, 3, s.orgs.social);
    const moved = expectOk(201)(await a.shelter.request('POST', `/api/shelters/stays/${stay.id}/move`, { proposalId: next.proposalId, movedOn: day(0) }, match(before.version)));
    const ended = await textOf(await print(a.shelter));
    expect(ended).toContain(`Data di uscita ${dmy(day(0))}`);
    expect(ended).toContain('Motivo di uscita Trasferimento ad altra struttura');
    expect(ended).toContain(`Permanenza successiva ${String(moved.nextStayId).slice(0, 8).toUpperCase()}`);
    const res = await print(a.shelter2, moved.nextStayId);
    expect(res.statusCode, res.body).toBe(200);
    const second = await textOf(res);
    expect(second).toContain('Seconda accoglienza');
    expect(second).toContain(`Permanenza precedente ${stay.reference}`);
    expect(second).toContain('Contributo della donna € 150,00 al mese');
    expect(leaksIn(ended + second)).toEqual([]);
  });
});
