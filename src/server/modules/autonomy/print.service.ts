import { eq } from 'drizzle-orm';
import type { ActionDetails, ActionOut } from '../../../shared/autonomy.actions.api.js';
import type { ProjectOut } from '../../../shared/autonomy.projects.api.js';
import { type AutonomyCodeKind, type AutonomyCodeOf, autonomyLabel } from '../../../shared/autonomy.labels.js';
import type { Scope } from '../../access/scope.js';
import { actedBy, writeAuditAlone } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { readHandle } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { createPdf, pdfDay, pdfEuro } from '../../platform/pdf.js';
import { actionsForPrint } from './actions.service.js';
import { decideProject } from './autonomy.access.js';
import { autonomyProjects } from './autonomy.tables.js';
import { presentProject, selectProjects } from './projects.present.js';

/**
 * The printable project (docs/autonomy.md, "The printable project"): the
 * project as she signs it, in Italian — programme, areas, goals, actions,
 * the planned budget per category, the signature lines. Only the team
 * holding the case's plan section prints it (anybody else: 404, audited as
 * denied); every print is audited as an export (`autonomy.project.printed`).
 * It names her by the case code only and prints no address: a new home's
 * address and its landlord stay on the screen (sealed), never on paper that
 * may be lost; nor does any shelter appear (a project records none).
 */

const yes = (b: boolean | undefined) => (b === undefined ? null : b ? 'sì' : 'no');
const label = <K extends AutonomyCodeKind>(kind: K, v: string | null | undefined) => (v ? autonomyLabel(kind, v as AutonomyCodeOf<K>, 'it') : null);

const PAYERS: Record<string, string> = { programma: 'Programma', ente_ospitante: 'Ente ospitante', regione: 'Regione', altro: 'Altro' };
const LEVELS: Record<string, string> = { struttura_protetta: 'Struttura protetta', seconda_accoglienza: 'Seconda accoglienza', soluzione_intermedia: 'Soluzione abitativa intermedia', casa_autonoma: 'Casa autonoma' };
const CONTRACTS: Record<string, string> = { indeterminato: 'Tempo indeterminato', determinato: 'Tempo determinato', apprendistato: 'Apprendistato', somministrazione: 'Somministrazione', part_time: 'Part-time', altro: 'Altro' };

/** What prints of an action's details: never an address nor a landlord. */
function detailRows(d: ActionDetails | null): [string, string | null][] {
  if (!d) return [];
  switch (d.kind) {
    case 'colloquio_cpi':
      return [['DID', [yes(d.did), pdfDay(d.didOn)].filter(Boolean).join(', ')], ['SAP', [yes(d.sap), pdfDay(d.sapOn)].filter(Boolean).join(', ')], ['Patto di servizio', [yes(d.pattoServizio), pdfDay(d.pattoOn)].filter(Boolean).join(', ')]];
    case 'bilancio_competenze':
      return [['A cura di', d.by ?? null]];
    case 'tirocinio':
      return [['Ente ospitante', d.host], ['Ore settimanali', String(d.hoursPerWeek)], ['Indennità mensile', pdfEuro(d.monthlyAllowanceCents)], ['A carico di', PAYERS[d.paidBy] ?? d.paidBy]];
    case 'formazione':
      return [['Ente di formazione', d.provider], ['Corso', d.course ?? null], ['Ore', String(d.hours)]];
    case 'inserimento_lavorativo':
      return [['Datore di lavoro', d.employer], ['Contratto', CONTRACTS[d.contract] ?? d.contract]];
    case 'autoimpiego':
      return [['Attività', d.activity ?? null]];
    case 'ricerca_casa':
      return [];
    case 'contratto':
      return [['Indirizzo', 'riservato, non stampato'], ['Canone mensile', pdfEuro(d.monthlyRentCents)]];
    case 'deposito':
      return [['Importo', pdfEuro(d.amountCents)]];
    case 'cambio_alloggio':
      return [['Da', LEVELS[d.from] ?? d.from], ['A', LEVELS[d.to] ?? d.to]];
    case 'domanda_casa_pubblica':
      return [['Ente', label('publicHousingKind', d.body)], ['Categoria preferenziale (donne che escono dalla violenza)', yes(d.preferentialCategory)], ['Presentata il', pdfDay(d.filedOn)]];
    case 'servizio_figli':
      return [['Servizio', label('childService', d.service)]];
    case 'misura_reddito':
      return [['Misura', d.measure === 'altro' && d.measureName ? d.measureName : label('incomeMeasure', d.measure)], ['Importo mensile', pdfEuro(d.monthlyCents)]];
  }
}

export function renderProject(p: ProjectOut, actions: readonly ActionOut[], printed: { printedBy: string; printedAt: Date }): Promise<Buffer> {
  const pdf = createPdf({ title: 'Progetto personalizzato di autonomia', reference: p.caseCode, ...printed });
  pdf.heading('Progetto personalizzato di autonomia').keyValues([
    ['Percorso', p.caseCode],
    ['Programma', p.programme.acronym ? `${p.programme.name} (${p.programme.acronym})` : p.programme.name],
    ['Équipe multidisciplinare', p.equipe.name],
    ['Ente che coordina', p.referringOrganisation.name],
    ['Aree', p.frame.areas.map((a) => a.name).join(', ') || p.areas.join(', ')],
    ['Stato', label('projectState', p.state)],
    ['Avvio', pdfDay(p.startedOn)],
    ['Conclusione', pdfDay(p.endedOn)],
  ]);
  pdf.heading('Obiettivi');
  pdf.paragraph(p.goals ?? '—');
  if (p.notes) pdf.heading('Note', 2).paragraph(p.notes);

  pdf.heading('Azioni');
  if (!actions.length) pdf.paragraph('Nessuna azione registrata.', { muted: true });
  for (const a of actions) {
    pdf.heading(`${label('actionFamily', a.family)}: ${label('actionKind', a.kind)}`, 2).keyValues([
      ['Stato', label('actionStatus', a.status)],
      ['Esito', label('actionOutcome', a.outcome)],
      ['Dal', pdfDay(a.startsOn)],
      ['Al', pdfDay(a.endsOn)],
      ['Costo previsto', pdfEuro(a.costCents)],
      ...detailRows(a.details),
    ]);
  }

  pdf.heading('Budget previsto per categoria');
  const names = new Map(p.frame.categories.map((c) => [c.code, c.name]));
  const items = p.budget?.items ?? [];
  pdf.keyValues([...items.map((i) => [`${names.get(i.categoryCode) ?? i.categoryCode} (asse ${i.axisCode})`, pdfEuro(i.plannedCents)] as const), ['Totale', pdfEuro(p.budget?.plannedCents ?? 0)]]);
  for (const c of p.budget?.caps ?? []) pdf.paragraph(`Tetto ${c.name}: ${pdfEuro(c.capCents)}`, { muted: true });

  pdf.heading('Firme');
  pdf.paragraph('Letto, compreso e sottoscritto.');
  pdf.keyValues([
    ['La donna', '______________________________'],
    [`Per ${p.referringOrganisation.name}`, '______________________________'],
    ['Luogo e data', '______________________________'],
  ]);
  return pdf.end();
}

/** The project as PDF: the team holding the plan section; audited as an export. */
export async function printProject(ctx: AppContext, scope: Scope, projectId: string, requestId: string): Promise<{ code: string; bytes: Buffer }> {
  const db = readHandle(ctx.database.db);
  const [r] = await selectProjects(db, eq(autonomyProjects.id, projectId));
  const a = r ? await decideProject(db, scope, r) : null;
  const audit = actedBy(scope, requestId, 'autonomy.project.printed', { type: 'autonomy_project', id: projectId });
  if (!r || !a || a.view !== 'team') {
    await writeAuditAlone(ctx.database.db, { ...audit, outcome: 'denied' });
    throw new AppError('not_found');
  }
  const project = await presentProject(ctx, db, scope, r, a);
  const actions = await actionsForPrint(ctx, db, a);
  const bytes = await renderProject(project, actions, { printedBy: scope.principal.displayName, printedAt: new Date() });
  await writeAuditAlone(ctx.database.db, { ...audit, purpose: `pdf;actions:${actions.length}${a.team?.via === 'break_glass' ? ';break_glass' : ''}`, subjectIds: [r.project.caseId] });
  return { code: r.caseCode, bytes };
}
