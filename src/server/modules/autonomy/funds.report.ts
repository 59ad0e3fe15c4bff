import type { FundsYearOut } from '../../../shared/autonomy.funds.api.js';
import { alboStatusLabels } from '../../../shared/directory.labels.js';
import type { AlboStatus } from '../../../shared/directory.js';
import { cofinancingKindLabels, fundsExpenseCategoryLabels, planStateLabels, reportStateLabels } from '../../../shared/funds.labels.js';
import { writeAuditAlone } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { readHandle } from '../../platform/db.js';
import { type Sheet, toXlsx } from '../../platform/exports.js';
import { createPdf } from '../../platform/pdf.js';
import { type FundsActor, requireCapofila, yearFor } from './funds.access.js';
import { presentYear } from './funds.present.js';

/**
 * The rendicontazione report of a year (docs/autonomy.md, "Regional
 * funds"), for the capofila: XLSX (sheets Quadro, Partner, Spese) or PDF.
 * Every total is summed in integer cents from the same rows the sheets
 * list, then shown in euros: the totals add up to the rows and equal the
 * database's sums. Organisations only; no person.
 */

const eur = (cents: number) => cents / 100;
const eurText = (cents: number) => `€ ${(cents / 100).toLocaleString('it-IT', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const albo = (status: string | null) => (status ? alboStatusLabels[status as AlboStatus].it : 'Non indicata');

export function reportSheets(y: FundsYearOut): Sheet[] {
  const t = y.totals!;
  const frame: Sheet = {
    name: 'Quadro',
    columns: [
      { key: 'voce', header: 'Voce' },
      { key: 'euro', header: 'Importo (€)' },
    ],
    rows: [
      { voce: 'Contributo regionale', euro: eur(y.contributionCents) },
      { voce: 'Cofinanziamento in denaro', euro: eur(t.cofinancingMoneyCents) },
      { voce: 'Cofinanziamento in natura (valorizzato)', euro: eur(t.cofinancingInKindCents) },
      { voce: 'Spese di governance del capofila', euro: eur(t.governanceCents) },
      { voce: 'Limite governance (10 % del contributo regionale)', euro: eur(t.governanceLimitCents) },
      { voce: 'Assegnabile (contributo + cofinanziamento in denaro − governance)', euro: eur(t.allocableCents) },
      { voce: 'Totale assegnato', euro: eur(t.allocatedCents) },
      { voce: 'Totale rendicontato', euro: eur(t.spentCents) },
    ],
  };
  const partners: Sheet = {
    name: 'Partner',
    columns: [
      { key: 'organizzazione', header: 'Organizzazione' },
      { key: 'assegnato', header: 'Assegnato (€)' },
      { key: 'rendicontato', header: 'Rendicontato (€)' },
      { key: 'residuo', header: 'Residuo (€)' },
      { key: 'stato', header: 'Stato della rendicontazione' },
      { key: 'presentata', header: 'Presentata il' },
      { key: 'verificata', header: 'Verificata il' },
    ],
    rows: [
      ...y.allocations.map((a) => ({
        organizzazione: a.organisation.name,
        assegnato: eur(a.amountCents),
        rendicontato: eur(a.spentCents),
        residuo: eur(a.amountCents - a.spentCents),
        stato: reportStateLabels[a.reportState].it,
        presentata: a.submittedOn,
        verificata: a.verifiedOn,
      })),
      {
        organizzazione: 'TOTALE',
        assegnato: eur(y.allocations.reduce((s, a) => s + a.amountCents, 0)),
        rendicontato: eur(y.allocations.reduce((s, a) => s + a.spentCents, 0)),
        residuo: eur(y.allocations.reduce((s, a) => s + a.amountCents - a.spentCents, 0)),
        stato: null,
        presentata: null,
        verificata: null,
      },
    ],
  };
  const all = y.allocations.flatMap((a) => a.expenses.map((e) => ({ a, e })));
  const expenses: Sheet = {
    name: 'Spese',
    columns: [
      { key: 'organizzazione', header: 'Organizzazione' },
      { key: 'categoria', header: 'Categoria' },
      { key: 'descrizione', header: 'Descrizione' },
      { key: 'data', header: 'Data' },
      { key: 'documento', header: 'Documento giustificativo' },
      { key: 'euro', header: 'Importo (€)' },
    ],
    rows: [
      ...all.map(({ a, e }) => ({
        organizzazione: a.organisation.name,
        categoria: fundsExpenseCategoryLabels[e.category].it,
        descrizione: e.description,
        data: e.spentOn,
        documento: e.documentRef,
        euro: eur(e.amountCents),
      })),
      { organizzazione: 'TOTALE', categoria: null, descrizione: null, data: null, documento: null, euro: eur(all.reduce((s, x) => s + x.e.amountCents, 0)) },
    ],
  };
  return [frame, partners, expenses];
}

export function reportPdf(y: FundsYearOut, printedBy: string): Promise<Buffer> {
  const t = y.totals!;
  const pdf = createPdf({ title: 'Rendicontazione dei fondi regionali', reference: `${y.network.name} ${y.year}`, printedBy, printedAt: new Date() });
  pdf.heading(`Rendicontazione ${y.year} — ${y.network.name}`);
  pdf.paragraph(`Capofila: ${y.capofila.name}. Piano di assegnazione: ${planStateLabels[y.plan.state].it}${y.plan.protocol ? ` (protocollo ${y.plan.protocol}, inviato il ${y.plan.sentOn})` : ''}.`);
  pdf.heading('Quadro economico', 2).keyValues([
    ['Contributo regionale', eurText(y.contributionCents)],
    ['Cofinanziamento in denaro', eurText(t.cofinancingMoneyCents)],
    ['Cofinanziamento in natura', eurText(t.cofinancingInKindCents)],
    ['Spese di governance', `${eurText(t.governanceCents)} (limite ${eurText(t.governanceLimitCents)})`],
    ['Assegnabile', eurText(t.allocableCents)],
    ['Totale assegnato', eurText(t.allocatedCents)],
    ['Totale rendicontato', eurText(t.spentCents)],
  ]);
  if (y.cofinancing.length)
    pdf.heading('Cofinanziamento', 2).keyValues(y.cofinancing.map((c) => [`${cofinancingKindLabels[c.kind].it}: ${c.description}`, eurText(c.amountCents)]));
  pdf.heading('Partner', 2).keyValues(
    y.allocations.map((a) => [
      a.organisation.name,
      `assegnato ${eurText(a.amountCents)} · rendicontato ${eurText(a.spentCents)} · residuo ${eurText(a.amountCents - a.spentCents)} · ${reportStateLabels[a.reportState].it}`,
    ]),
  );
  for (const a of y.allocations) {
    pdf.heading(`Spese di ${a.organisation.name}`, 2).keyValues([
      ...a.expenses.map((e) => [`${e.spentOn} · ${fundsExpenseCategoryLabels[e.category].it}`, `${eurText(e.amountCents)} — doc. ${e.documentRef}${e.description ? ` — ${e.description}` : ''}`] as const),
      ['Totale', eurText(a.spentCents)],
    ]);
  }
  const registered = y.eligible.map((e) => [e.name, albo(e.albo)] as const);
  if (registered.length) pdf.heading("Iscrizione all'Albo regionale", 2).keyValues(registered);
  return pdf.end();
}

/** The report in a format, for the capofila; audited (the format in purpose). */
export async function exportReport(ctx: AppContext, actor: FundsActor, id: string, format: 'xlsx' | 'pdf'): Promise<{ body: Buffer; filename: string }> {
  const db = readHandle(ctx.database.db);
  const { row, side } = await yearFor(db, actor, id);
  requireCapofila(side);
  const y = await presentYear(db, actor, row, side);
  const body = format === 'xlsx' ? await toXlsx(reportSheets(y)) : await reportPdf(y, actor.displayName);
  await writeAuditAlone(ctx.database.db, {
    action: 'autonomy.funds.export',
    outcome: 'success',
    actorUserId: actor.userId,
    actorOrganisationId: actor.organisationId,
    resourceType: 'funds_year',
    resourceId: id,
    purpose: format,
    requestId: actor.requestId,
  });
  return { body, filename: `rendicontazione-${y.year}-${id.slice(0, 8)}.${format}` };
}
