import type { StayOut } from '../../../shared/shelters.stays.api.js';
import { type ShelterCodeKind, type ShelterCodeOf, shelterCodeLabels } from '../../../shared/shelters.labels.js';
import { stayReference } from '../../../shared/shelters.js';
import type { Scope } from '../../access/scope.js';
import type { AppContext } from '../../context.js';
import { createPdf, pdfDay, pdfEuro, romeDateTime } from '../../platform/pdf.js';
import { readStay } from './stays.service.js';

/**
 * The printable stay record, "scheda di permanenza" (docs/shelters.md,
 * "The printed stay record"). It is the detail answer on paper, in Italian:
 * the stay is read by the very decision of `GET /api/shelters/stays/:id`
 * (readStay: her side, or 404 audited as denied), audited as
 * `shelter.stay.printed`, and printed from that answer alone — so paper
 * never shows more than her side's screen. Never printed, whoever prints:
 * the structure's address (it is not even read: the detail has none), a
 * name (the detail has none), the structure's sealed note (it stays on the
 * screen), the linked case's id (her structure's staff read only whether
 * one is linked).
 */

const label = <K extends ShelterCodeKind>(kind: K, value: ShelterCodeOf<K>) => (shelterCodeLabels[kind] as Record<string, { it: string }>)[value]!.it;

/** What the record prints: label and value, in the order of the screen. */
export function stayRecordRows(s: StayOut, printed: { organisation: string; at: Date }): [string, string | null][] {
  const own = s.side === 'struttura';
  const auth = s.authorisation;
  const children = s.children.map((c) => `${c.age} ${c.age === 1 ? 'anno' : 'anni'}, ${label('childSex', c.sex).toLowerCase()}`);
  const payer = s.payer?.name ?? (s.state === 'non_autorizzata' ? 'Nessuno: accoglienza non autorizzata' : "In attesa dell'autorizzazione");
  return [
    ['Riferimento', s.reference],
    ['Struttura', `${s.structure.name} — ${label('level', s.structure.level)}`],
    ['Indirizzo della struttura', 'riservato, non stampato'],
    ...(own ? [['Unità', s.unit?.name ?? null] as [string, string | null]] : []),
    ['Stato', label('stayState', s.state)],
    ['Percorso di accoglienza', label('stayPath', s.path)],
    ['Autorizzazione', auth ? `${label('authorisationState', auth.state)}${auth.state === 'in_attesa' && auth.dueAt ? `, scadenza ${romeDateTime(auth.dueAt)}` : ''}` : s.path === 'accordo' ? "Accordo del servizio sociale dato prima dell'ingresso" : null],
    ['Nucleo accolto', `adulti ${s.adults}, minori ${s.children.length}`],
    ['Minori accolti (età e sesso)', children.length ? children.join('; ') : 'Nessuno'],
    ['Data di ingresso', pdfDay(s.admittedOn)],
    ['Data di uscita', pdfDay(s.exitedOn)],
    ['Motivo di uscita', s.exitReason ? label('exitReason', s.exitReason) : null],
    ['Durata (giorni; ingresso compreso, uscita esclusa)', String(s.days)],
    ['Servizio sociale competente', s.socialService?.name ?? null],
    ['Ente pagante', payer],
    ['Retta giornaliera', pdfEuro(s.dailyFeeCents)],
    ...(s.contributionCents !== null ? [['Contributo della donna', `${pdfEuro(s.contributionCents)} al mese`] as [string, string | null]] : []),
    ['Permanenza precedente', s.previousStayId ? stayReference(s.previousStayId) : null],
    ['Permanenza successiva', s.nextStayId ? stayReference(s.nextStayId) : null],
    ...(own ? [['Percorso collegato', s.caseId ? 'sì' : 'no'] as [string, string | null]] : []),
    ['Stampata', `il ${romeDateTime(printed.at)} da ${printed.organisation}`],
  ];
}

export function renderStayRecord(s: StayOut, printed: { printedBy: string; organisation: string; printedAt: Date }): Promise<Buffer> {
  const pdf = createPdf({ title: 'Scheda di permanenza', reference: s.reference, printedBy: printed.printedBy, printedAt: printed.printedAt });
  pdf.heading(`Scheda di permanenza ${s.reference}`).keyValues(stayRecordRows(s, { organisation: printed.organisation, at: printed.printedAt }));
  return pdf.end();
}

/** The stay record as PDF, for whoever reads the stay (same decision as the detail); every print audited. */
export async function printStayRecord(ctx: AppContext, scope: Scope, id: string, requestId: string): Promise<{ reference: string; bytes: Buffer }> {
  const stay = await readStay(ctx, scope, id, requestId, 'shelter.stay.printed');
  const bytes = await renderStayRecord(stay, { printedBy: scope.principal.displayName, organisation: scope.principal.organisation?.name ?? '', printedAt: new Date() });
  return { reference: stay.reference, bytes };
}
