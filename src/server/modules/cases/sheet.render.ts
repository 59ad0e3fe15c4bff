import type { CaseSection } from '../../../shared/cases.js';
import { caseCodeLabel, type CaseCodeKind } from '../../../shared/cases.labels.js';
import { createPdf, type PdfWriter, romeDateTime } from '../../platform/pdf.js';
import type { CaseSheet } from './sheet.service.js';

/**
 * The case sheet on paper, in Italian. It prints only what the sheet
 * holds (the service asked the choke point for each part); every code
 * prints as the Italian label the screens show (src/shared/cases.labels.ts),
 * countries and languages by their Italian names.
 */

const SECTION_TITLES: Record<CaseSection, string> = {
  identity: 'Identità e contatto sicuro',
  profile: 'Profilo',
  children: 'Figli e figlie',
  timeline: 'Diario',
  plan: 'Progetto',
  consents: 'Consensi',
  documents: 'Documenti',
  work_housing: 'Lavoro e casa',
  authors: 'Autori',
  risk: 'Rischio e sicurezza',
  minor: 'Minorenne',
};

/** Field names of the sealed and profile records, as staff read them. */
const LABELS: Record<string, string> = {
  firstName: 'Nome',
  lastName: 'Cognome',
  birthDate: 'Data di nascita',
  phones: 'Telefoni',
  email: 'Email',
  address: 'Indirizzo',
  documents: 'Documenti',
  notes: 'Note',
  kind: 'Tipo',
  number: 'Numero',
  channels: 'Canali',
  hours: 'Orari',
  noMessages: 'Niente messaggi',
  codeWord: 'Parola in codice',
  safePerson: 'Persona di fiducia',
  name: 'Nome',
  phone: 'Telefono',
  relation: 'Relazione',
  ageBand: "Fascia d'età",
  citizenship: 'Cittadinanza',
  country: 'Paese',
  education: 'Istruzione',
  employment: 'Occupazione',
  living: 'Con chi vive',
  fragilities: 'Fragilità',
  violenceTypes: 'Tipi di violenza',
  authorRelationship: "Relazione con l'autore",
  authorsCount: 'Numero di autori',
  violenceDuration: 'Durata della violenza',
  helpSoughtBefore: 'Aiuto chiesto in precedenza',
  accessChannel: 'Canale di accesso',
  languages: 'Lingue',
  reports: 'Denunce e querele',
  registeredOn: 'Registrata il',
  precautionaryRequestedOn: 'Misura cautelare chiesta il',
  protectionMeasures: 'Misure di protezione',
  type: 'Tipo',
  requestedOn: 'Chiesta il',
  grantedOn: 'Concessa il',
  age: 'Età',
  livesWithMother: 'Vive con la madre',
  witnessedViolence: 'Violenza assistita',
  sufferedViolence: 'Violenza subita',
  custody: 'Affidamento',
  needs: 'Bisogni',
  school: 'Scuola',
  court: 'Procedimenti',
  relationship: 'Relazione',
  childrenInCommon: 'Figli in comune',
  weapons: 'Armi',
  previousReports: 'Denunce precedenti',
  description: 'Descrizione',
  herAgreement: 'Condiviso con lei',
  nextReviewOn: 'Prossima verifica',
  by: 'Da',
};

/** Fields of the records whose values are codes, and the kind of code each holds. */
const CODED: Record<string, CaseCodeKind> = {
  ageBand: 'ageBand',
  citizenship: 'citizenship',
  education: 'education',
  employment: 'employment',
  living: 'living',
  fragilities: 'fragility',
  violenceTypes: 'violence',
  authorRelationship: 'relationship',
  relationship: 'relationship',
  violenceDuration: 'duration',
  accessChannel: 'accessChannel',
  channels: 'contactChannel',
  custody: 'custody',
  needs: 'childNeed',
  // A report's kind (denuncia, querela); an identity document's kind is free text and prints as typed.
  kind: 'report',
  // A protection measure's type.
  type: 'protection',
};

const countryNames = new Intl.DisplayNames(['it'], { type: 'region', fallback: 'code' });
const languageNames = new Intl.DisplayNames(['it'], { type: 'language', fallback: 'code' });
const code = (kind: CaseCodeKind, value: string) => caseCodeLabel(kind, value, 'it');

/** A coded value in words: a code's label, a country's or language's name; anything else unchanged. */
function named(key: string | undefined, value: string): string {
  if (key === 'country') return countryNames.of(value) ?? value;
  // Italian writes language names in lower case; as a list item the name begins with a capital, as on screen.
  if (key === 'languages') {
    const name = languageNames.of(value) ?? value;
    return name.charAt(0).toLocaleUpperCase('it') + name.slice(1);
  }
  const kind = key ? CODED[key] : undefined;
  return kind ? code(kind, value) : value;
}

const label = (key: string) => LABELS[key] ?? key;
const day = (iso: string) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.split('-').reverse().join('/') : iso);
const instant = (d: Date | string) => romeDateTime(new Date(d));

/** Any value of a record (under its field name `key`) as one line of text; null when there is nothing to print. */
function show(value: unknown, key?: string): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'boolean') return value ? 'Sì' : 'No';
  if (value instanceof Date) return instant(value);
  if (typeof value === 'string') return day(named(key, value));
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value))
    return (
      value
        .map((v) => show(v, key))
        .filter(Boolean)
        .join(typeof value[0] === 'object' ? '; ' : ', ') || null
    );
  if (typeof value === 'object') {
    return (
      Object.entries(value)
        .map(([k, v]) => [k, show(v, k)] as const)
        .filter(([, v]) => v !== null)
        .map(([k, v]) => `${label(k)}: ${v}`)
        .join(', ') || null
    );
  }
  return null;
}

/** A record's fields as label–value rows, empty fields left out. */
const rowsOf = (record: object | null | undefined) =>
  Object.entries(record ?? {})
    .map(([k, v]) => [label(k), show(v, k)] as const)
    .filter(([, v]) => v !== null);

function printCase(pdf: PdfWriter, { detail, sections }: CaseSheet) {
  pdf.heading('Percorso').keyValues([
    ['Codice', detail.code],
    ['Centro', detail.organisation.name],
    ['Fase', code('stage', detail.stage)],
    ['Primo contatto', show(detail.contactOn)],
    ['Accoglienza', show(detail.accoglienzaOn)],
    ['Presa in carico', show(detail.presaInCaricoOn)],
    ['Chiusura', show(detail.closedOn)],
    ['Esito', detail.closureOutcome && code('outcome', detail.closureOutcome)],
    ['Riaperture', String(detail.reopenedCount)],
    ['Livello di rischio', detail.riskLevel && code('risk', detail.riskLevel)],
    ['Emergenza', show(detail.emergency)],
    ['Comune', detail.comune ? `${detail.comune.name} (${detail.comune.provinceSigla})` : null],
    ['Rete', detail.network?.name],
    ['Ultimo contatto', show(detail.lastContactAt)],
    ['Sezioni stampate', sections.map((s) => SECTION_TITLES[s]).join(', ') || 'nessuna'],
  ]);
  pdf.heading('Équipe', 2).keyValues(detail.team.map((m) => [m.displayName, `${m.organisation.name}${m.referente ? ' · referente' : ''}`]));
}

function printParts(pdf: PdfWriter, sheet: CaseSheet) {
  const { detail } = sheet;
  for (const section of sheet.sections) {
    if (section === 'work_housing' && sheet.sections.includes('plan')) continue; // the whole plan is printed once
    pdf.heading(SECTION_TITLES[section]);
    if (section === 'identity') {
      pdf.keyValues(rowsOf(detail.identity));
      pdf.heading('Contatto sicuro', 2).keyValues(rowsOf(detail.safeContact));
    } else if (section === 'profile') pdf.keyValues(rowsOf(detail.profile));
    else if (section === 'children') (sheet.children ?? []).forEach((c, i) => pdf.heading(`Figlio o figlia ${i + 1}`, 2).keyValues(rowsOf(withoutIds(c))));
    else if (section === 'authors') (sheet.authors ?? []).forEach((a, i) => pdf.heading(`Autore ${i + 1}`, 2).keyValues(rowsOf(withoutIds(a))));
    else if (section === 'timeline') printEvents(pdf, sheet);
    else if (section === 'plan' || section === 'work_housing') printPlan(pdf, sheet);
    else if (section === 'consents')
      pdf.keyValues(
        (sheet.consents ?? []).map((c) => [
          code('purpose', c.purpose),
          [
            c.recipient?.name,
            c.sections.length ? `sezioni: ${c.sections.map((x) => code('section', x)).join(', ')}` : null,
            `dato il ${day(c.givenOn)} (${code('form', c.form).toLowerCase()})`, c.expiresOn ? `scade il ${day(c.expiresOn)}` : null, c.active ? 'attivo' : 'non attivo']
            .filter(Boolean)
            .join(' · '),
        ]),
      );
    else if (section === 'minor') printMinor(pdf, sheet);
    else if (section === 'documents') pdf.keyValues((sheet.documents ?? []).map((d) => [d.name, `${code('documentKind', d.kind)} · ${instant(d.createdAt)}${d.uploadedBy ? ` · ${d.uploadedBy}` : ''}`]));
  }
}

/** A minor's pathway (docs/minors.md): holders, report, referral, as the tab shows them. */
function printMinor(pdf: PdfWriter, { minor }: CaseSheet) {
  const r = minor?.record;
  if (!r) {
    pdf.keyValues([['Percorso minorenne', 'non registrato']]);
    return;
  }
  pdf.keyValues([
    ['Età', `${r.age} anni il ${day(r.ageOn)} (oggi almeno ${r.ageToday})`],
    ['Violenza nota dal', day(r.knownOn)],
    ['Segnalazione', r.report ? [`fatta il ${day(r.report.on)}`, code('minorReportTo', r.report.to), r.report.by, r.report.reference].filter(Boolean).join(' · ') : `da fare entro il ${day(r.reportDueOn)}`],
    ['Invio alla tutela minori', r.referral ? [`fatto il ${day(r.referral.on)}`, r.referral.service, r.referral.reference].filter(Boolean).join(' · ') : `da fare entro il ${day(r.referralDueOn)}`],
    ...r.holders.map((h, i): [string, string] => [
      `Responsabilità genitoriale ${i + 1}`,
      [code('holderRelation', h.relation), h.name, h.contact, h.isAuthor ? 'autore della violenza' : null, h.informed === true ? 'informata' : h.informed === false ? 'non informata' : null].filter(Boolean).join(' · '),
    ]),
    ...(r.notes ? [['Note', r.notes] as [string, string]] : []),
  ]);
}

function withoutIds<T extends { id: string; version?: number; createdAt?: unknown; updatedAt?: unknown }>(row: T) {
  const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...rest } = row;
  return rest;
}

function printEvents(pdf: PdfWriter, { events }: CaseSheet) {
  if (!events?.items.length) return pdf.paragraph('Nessun contatto registrato.', { muted: true });
  if (events.total > events.items.length) pdf.paragraph(`I ${events.items.length} contatti più recenti di ${events.total}.`, { muted: true });
  for (const e of events.items) {
    pdf.heading(`${instant(e.at)} · ${e.type ? code('eventType', e.type) : ''} · ${code('eventChannel', e.channel)}`, 2);
    pdf.keyValues([
      ['Centro', e.organisation.name],
      ['Operatrice', e.operator],
      ['Durata (minuti)', show(e.durationMinutes)],
      ['Note', e.notes],
    ]);
  }
}

function printPlan(pdf: PdfWriter, { plan }: CaseSheet) {
  if (!plan?.goals.length) pdf.paragraph('Nessun obiettivo.', { muted: true });
  for (const g of plan?.goals ?? []) {
    pdf.heading(`${code('planArea', g.area)} · ${code('goalStatus', g.status)}`, 2).paragraph(g.description ?? '');
    pdf.keyValues(
      g.actions.map((a) => [
        code('actionType', a.type),
        [a.description, a.owner.name, a.dueOn ? `entro il ${day(a.dueOn)}` : null, code('actionStatus', a.status)].filter(Boolean).join(' · '),
      ]),
    );
  }
  for (const r of plan?.reviews ?? []) pdf.heading(`Verifica del ${day(r.on)}`, 2).keyValues(rowsOf({ herAgreement: r.herAgreement, nextReviewOn: r.nextReviewOn, by: r.by, notes: r.notes }));
  for (const m of plan?.meetings ?? []) pdf.heading(`Incontro del ${day(m.on)}`, 2).keyValues([['Partecipanti', m.participants.join(', ')], ['Verbale', m.minutes]]);
}

/** The sheet as PDF bytes. */
export function renderSheet(sheet: CaseSheet, printed: { printedBy: string; printedAt: Date }): Promise<Buffer> {
  const pdf = createPdf({ title: 'Scheda del percorso', reference: sheet.detail.code, ...printed });
  printCase(pdf, sheet);
  printParts(pdf, sheet);
  return pdf.end();
}
