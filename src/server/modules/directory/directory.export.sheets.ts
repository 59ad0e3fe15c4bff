import type { Closure } from '../../../shared/directory.js';
import type { ExportKind } from '../../../shared/directory.api.js';
import { accessibilityLabels, alboStatusLabels, directoryServiceLabels, visibilityLabels } from '../../../shared/directory.labels.js';
import { organisationTypeLabels } from '../../../shared/labels.js';
import { type Cell, type Sheet, toCsv, toXlsx } from '../../platform/exports.js';
import { scheduleText } from '../../../shared/hours-text.js';
import { exportedId } from './directory.import.load.js';
import { weeklySchedule } from './hours.week.js';
import type { NetworkMap } from './directory.export.js';

/**
 * The CSV and XLSX of a network's services, written for people: Italian
 * headers and Italian values (labels, not codes). The public map leaves out
 * what is the network's own business: the 1522 routing (referents) and the
 * notes, which are written for the network's staff.
 */

type Column = { key: string; header: string; internalOnly?: true };

const organisationColumns: Column[] = [
  { key: 'organisation', header: 'Organizzazione' },
  { key: 'organisationId', header: 'ID organizzazione' },
  { key: 'type', header: 'Tipo' },
  { key: 'legalName', header: 'Ragione sociale' },
  { key: 'alboStatus', header: 'Albo regionale' },
  { key: 'alboDate', header: 'Data albo' },
  { key: 'organisationEmail', header: 'Email organizzazione' },
  { key: 'organisationPhone', header: 'Telefono organizzazione' },
  { key: 'website', header: 'Sito web' },
  { key: 'organisationServices', header: 'Servizi organizzazione' },
  { key: 'organisationLanguages', header: 'Lingue organizzazione' },
  { key: 'organisationAccessibility', header: 'Accessibilità organizzazione' },
  { key: 'capofila', header: 'Ente capofila' },
];
const sportelloColumns: Column[] = [
  { key: 'sportello', header: 'Sportello' },
  { key: 'sportelloId', header: 'ID sportello' },
  { key: 'organisation', header: 'Organizzazione' },
  { key: 'visibility', header: 'Visibilità' },
  { key: 'address', header: 'Indirizzo' },
  { key: 'comuneCode', header: 'Codice ISTAT comune' },
  { key: 'comune', header: 'Comune' },
  { key: 'lat', header: 'Latitudine' },
  { key: 'lon', header: 'Longitudine' },
  { key: 'phones', header: 'Telefoni' },
  { key: 'email', header: 'Email' },
  { key: 'openingHours', header: 'Orari di apertura' },
  { key: 'phoneHours', header: 'Orari telefonici' },
  { key: 'h24', header: 'Reperibilità h24' },
  { key: 'closures', header: 'Chiusure' },
  { key: 'languages', header: 'Lingue' },
  { key: 'services', header: 'Servizi' },
  { key: 'accessibility', header: 'Accessibilità' },
  { key: 'referent', header: 'Referente 1522 della rete', internalOnly: true },
  { key: 'referentComuni', header: 'Referente 1522 per i comuni', internalOnly: true },
  { key: 'notes', header: 'Note per la rete', internalOnly: true },
];
const territoryColumns: Column[] = [
  { key: 'comuneCode', header: 'Codice ISTAT comune' },
  { key: 'comune', header: 'Comune' },
  { key: 'province', header: 'Provincia' },
  { key: 'referent', header: 'Referente 1522', internalOnly: true },
];

/**
 * Hours as people say them ("lun–ven 9:00–13:00"); an expression whose week
 * changes (seasons, dates) stays as written, since no one week tells it.
 */
function hoursInWords(expression: string | null): string | null {
  if (!expression) return null;
  const schedule = weeklySchedule(expression);
  return schedule ? scheduleText(schedule, 'it') : expression;
}

const forKind = (columns: Column[], kind: ExportKind) => columns.filter((c) => kind === 'internal' || !c.internalOnly).map(({ key, header }) => ({ key, header }));

const languageNames = new Intl.DisplayNames('it', { type: 'language' });
const list = (values: readonly string[]) => values.join('; ');
const yesNo = (value: boolean) => (value ? 'sì' : 'no');
/** The Italian label of a code stored as text; the code itself if a label is missing (never an empty cell). */
const italian = (labels: Partial<Record<string, { it: string }>>, code: string) => labels[code]?.it ?? code;
const services = (codes: readonly string[]) => list(codes.map((c) => italian(directoryServiceLabels, c)));
const accessibility = (codes: readonly string[]) => list(codes.map((c) => italian(accessibilityLabels, c)));
const languages = (codes: readonly string[]) => list(codes.map((c) => languageNames.of(c) ?? c));
const closureText = (c: Closure) => (c.kind === 'annual' ? `${String(c.day).padStart(2, '0')}/${String(c.month).padStart(2, '0')} ${c.label}` : `${c.from}..${c.to} ${c.label}`);

function sheetsOf(map: NetworkMap) {
  const organisationRows = map.members.map(({ organisation: o, isCapofila }): Record<string, Cell> => ({
    organisation: o.name,
    organisationId: exportedId(o),
    type: italian(organisationTypeLabels, o.type),
    legalName: o.legalName,
    alboStatus: o.alboStatus ? italian(alboStatusLabels, o.alboStatus) : null,
    alboDate: o.alboDate,
    organisationEmail: o.email,
    organisationPhone: o.phone,
    website: o.website,
    organisationServices: services(o.services),
    organisationLanguages: languages(o.languages),
    organisationAccessibility: accessibility(o.accessibility),
    capofila: yesNo(isCapofila),
  }));
  const orgName = new Map(map.members.map((m) => [m.organisation.id, m.organisation.name]));
  const sportelloRows = map.points.map((p): Record<string, Cell> => ({
    sportello: p.name,
    sportelloId: exportedId(p),
    organisation: orgName.get(p.organisationId) ?? null,
    visibility: visibilityLabels[p.visibility].it,
    address: p.address,
    comuneCode: p.comuneCode,
    comune: p.comuneName,
    lat: p.lat,
    lon: p.lon,
    phones: list(p.phones),
    email: p.email,
    openingHours: hoursInWords(p.openingHours),
    phoneHours: hoursInWords(p.phoneHours),
    h24: yesNo(p.h24),
    closures: list(p.closures.map(closureText)),
    languages: languages(p.languages),
    services: services(p.services),
    accessibility: accessibility(p.accessibility),
    referent: yesNo(p.id === map.network.referentSportelloId),
    referentComuni: list(map.territory.filter((t) => t.referentId === p.id).map((t) => t.name)),
    notes: p.notes,
  }));
  return { organisationRows, sportelloRows };
}

/** One flat table for CSV: a row per sportello with its organisation; an organisation without exported sportelli once, alone. */
export function csvOf(map: NetworkMap, kind: ExportKind): string {
  const { organisationRows, sportelloRows } = sheetsOf(map);
  const byOrg = new Map(organisationRows.map((r) => [r.organisation as string, r]));
  const rows: Record<string, Cell>[] = [];
  for (const org of organisationRows) {
    const own = sportelloRows.filter((s) => s.organisation === org.organisation);
    if (!own.length) rows.push({ ...org });
    for (const s of own) rows.push({ ...byOrg.get(s.organisation as string), ...s });
  }
  const columns = forKind([...organisationColumns, ...sportelloColumns.filter((c) => c.key !== 'organisation')], kind);
  const sheet: Sheet = { name: kind === 'public' ? 'Mappa pubblica' : 'Elenco interno', columns, rows };
  return toCsv(sheet);
}

/** Sheets per entity: organisations, sportelli, the territory (with its 1522 referents in the internal one). */
export function xlsxOf(map: NetworkMap, kind: ExportKind) {
  const { organisationRows, sportelloRows } = sheetsOf(map);
  const referentName = new Map(map.points.map((p) => [p.id, p.name]));
  const territoryRows = map.territory.map((t): Record<string, Cell> => ({
    comuneCode: t.istatCode,
    comune: t.name,
    province: t.province,
    referent: referentName.get(t.referentId ?? map.network.referentSportelloId ?? '') ?? null,
  }));
  return toXlsx([
    { name: 'Organizzazioni', columns: forKind(organisationColumns, kind), rows: organisationRows },
    { name: 'Sportelli', columns: forKind(sportelloColumns, kind), rows: sportelloRows },
    { name: 'Territorio', columns: forKind(territoryColumns, kind), rows: territoryRows },
  ]);
}
