import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Closure } from '../../../shared/directory.js';
import type { ExportFormat } from '../../../shared/directory.api.js';
import type { Scope } from '../../access/scope.js';
import { actedBy, writeAudit } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import type { DbOrTx } from '../../platform/db.js';
import { resourceNotFound } from '../../audit/audit.denied.js';
import { type Cell, type Sheet, toCsv, toXlsx } from '../../platform/exports.js';
import { romeToday } from '../../platform/rome.js';
import { networkMembers, networks, organisations } from '../organisations/index.js';
import { exportedId } from './directory.import.load.js';
import { comuni, networkComuni, sportelli } from './directory.tables.js';

/**
 * The map of a network's services for the national map (DPO): its member
 * organisations and their public and reserved sportelli, as CSV, XLSX or
 * JSON (format `trama-directory/1`, importable back). Secret sportelli are
 * excluded by the query itself (not a row, not a count) and the reserved
 * 1522 transfer numbers are never selected.
 */

/** The network, when the scope may export it: any for the instance admin, else one her organisation leads. */
async function exportableNetwork(db: DbOrTx, scope: Scope, networkId: string) {
  const [network] = await db.select().from(networks).where(eq(networks.id, networkId));
  if (!network) return null;
  if (scope.organisationIds === 'all') return network;
  const own = scope.principal.organisation?.id;
  if (!own || scope.principal.organisationRole !== 'network_coordinator') return null;
  const [led] = await db
    .select({ id: networkMembers.networkId })
    .from(networkMembers)
    .where(and(eq(networkMembers.networkId, networkId), eq(networkMembers.organisationId, own), eq(networkMembers.isCapofila, true)));
  return led ? network : null;
}

async function loadMap(db: DbOrTx, network: typeof networks.$inferSelect) {
  const members = await db
    .select({ organisation: organisations, isCapofila: networkMembers.isCapofila })
    .from(networkMembers)
    .innerJoin(organisations, eq(organisations.id, networkMembers.organisationId))
    .where(eq(networkMembers.networkId, network.id))
    .orderBy(asc(organisations.name));
  const orgIds = members.map((m) => m.organisation.id);
  // An explicit whitelist: no transfer number, no sealed location, never a secret row.
  const points = orgIds.length
    ? await db
        .select({
          id: sportelli.id,
          externalId: sportelli.externalId,
          organisationId: sportelli.organisationId,
          name: sportelli.name,
          visibility: sportelli.visibility,
          address: sportelli.address,
          comuneCode: sportelli.comuneCode,
          comuneName: comuni.name,
          lat: sportelli.lat,
          lon: sportelli.lon,
          phones: sportelli.phones,
          email: sportelli.email,
          openingHours: sportelli.openingHours,
          phoneHours: sportelli.phoneHours,
          h24: sportelli.h24,
          closures: sportelli.closures,
          languages: sportelli.languages,
          services: sportelli.services,
          accessibility: sportelli.accessibility,
          notes: sportelli.notes,
        })
        .from(sportelli)
        .innerJoin(comuni, eq(comuni.istatCode, sportelli.comuneCode))
        .where(and(inArray(sportelli.organisationId, orgIds), inArray(sportelli.visibility, ['public', 'reserved'])))
        .orderBy(asc(sportelli.name), asc(sportelli.id))
    : [];
  const territory = await db
    .select({ istatCode: networkComuni.istatCode, name: comuni.name, province: comuni.provinceSigla, referentId: networkComuni.referentSportelloId })
    .from(networkComuni)
    .innerJoin(comuni, eq(comuni.istatCode, networkComuni.istatCode))
    .where(eq(networkComuni.networkId, network.id))
    .orderBy(asc(networkComuni.istatCode));
  return { network, members, points, territory };
}
type NetworkMap = Awaited<ReturnType<typeof loadMap>>;

const list = (values: readonly string[]) => values.join('; ');
const closureText = (c: Closure) => (c.kind === 'annual' ? `${String(c.day).padStart(2, '0')}/${String(c.month).padStart(2, '0')} ${c.label}` : `${c.from}..${c.to} ${c.label}`);

/** The network's file in the import format, without secret items or transfer numbers. */
function toImportFile(map: NetworkMap) {
  const exported = new Map(map.points.map((p) => [p.id, exportedId(p)]));
  const orgIds = new Map(map.members.map((m) => [m.organisation.id, exportedId(m.organisation)]));
  const networkId = exportedId(map.network);
  const capofila = map.members.find((m) => m.isCapofila)?.organisation;
  return {
    format: 'trama-directory/1' as const,
    networks: [
      {
        externalId: networkId,
        name: map.network.name,
        // A network without a capofila (possible only for an instance admin's networks) does not import back.
        capofila: capofila ? exportedId(capofila) : null,
        comuni: map.territory.map((t) => t.istatCode),
        // A referent that is not among the exported sportelli (it is secret, or not a member's) is left out.
        referent: (map.network.referentSportelloId && exported.get(map.network.referentSportelloId)) || null,
        referentOverrides: map.territory.flatMap((t) => {
          const referent = t.referentId && exported.get(t.referentId);
          return referent ? [{ comune: t.istatCode, referent }] : [];
        }),
      },
    ],
    organisations: map.members.map(({ organisation: o }) => ({
      externalId: orgIds.get(o.id)!,
      name: o.name,
      type: o.type,
      networks: [networkId],
      legalName: o.legalName,
      albo: o.alboStatus ? { status: o.alboStatus, date: o.alboDate } : null,
      email: o.email,
      phone: o.phone,
      website: o.website,
      services: o.services,
      languages: o.languages,
      accessibility: o.accessibility,
      lineLinkedEmergencyRoom: o.lineLinkedEmergencyRoom,
      lineLinkedPolice: o.lineLinkedPolice,
      womenOnlyStaff: o.womenOnlyStaff,
    })),
    // No transferPhone key: on import, an absent number keeps the stored one.
    sportelli: map.points.map((p) => ({
      externalId: exported.get(p.id)!,
      organisation: orgIds.get(p.organisationId)!,
      name: p.name,
      visibility: p.visibility,
      address: p.address,
      comuneCode: p.comuneCode,
      lat: p.lat,
      lon: p.lon,
      phones: p.phones,
      email: p.email,
      openingHours: p.openingHours,
      phoneHours: p.phoneHours,
      h24: p.h24,
      closures: p.closures,
      languages: p.languages,
      services: p.services,
      accessibility: p.accessibility,
      notes: p.notes,
    })),
  };
}

const organisationColumns = [
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
const sportelloColumns = [
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
  { key: 'referent', header: 'Referente 1522 della rete' },
  { key: 'referentComuni', header: 'Referente 1522 per i comuni' },
  { key: 'notes', header: 'Note' },
];

function sheetsOf(map: NetworkMap) {
  const organisationRows = map.members.map(({ organisation: o, isCapofila }): Record<string, Cell> => ({
    organisation: o.name,
    organisationId: exportedId(o),
    type: o.type,
    legalName: o.legalName,
    alboStatus: o.alboStatus,
    alboDate: o.alboDate,
    organisationEmail: o.email,
    organisationPhone: o.phone,
    website: o.website,
    organisationServices: list(o.services),
    organisationLanguages: list(o.languages),
    organisationAccessibility: list(o.accessibility),
    capofila: isCapofila,
  }));
  const orgName = new Map(map.members.map((m) => [m.organisation.id, m.organisation.name]));
  const sportelloRows = map.points.map((p): Record<string, Cell> => ({
    sportello: p.name,
    sportelloId: exportedId(p),
    organisation: orgName.get(p.organisationId) ?? null,
    visibility: p.visibility,
    address: p.address,
    comuneCode: p.comuneCode,
    comune: p.comuneName,
    lat: p.lat,
    lon: p.lon,
    phones: list(p.phones),
    email: p.email,
    openingHours: p.openingHours,
    phoneHours: p.phoneHours,
    h24: p.h24,
    closures: list(p.closures.map(closureText)),
    languages: list(p.languages),
    services: list(p.services),
    accessibility: list(p.accessibility),
    referent: p.id === map.network.referentSportelloId,
    referentComuni: list(map.territory.filter((t) => t.referentId === p.id).map((t) => t.istatCode)),
    notes: p.notes,
  }));
  return { organisationRows, sportelloRows, orgName };
}

/** One flat table for CSV: a row per sportello with its organisation; an organisation without exported sportelli once, alone. */
function csvSheet(map: NetworkMap): Sheet {
  const { organisationRows, sportelloRows } = sheetsOf(map);
  const byOrg = new Map(organisationRows.map((r) => [r.organisation as string, r]));
  const rows: Record<string, Cell>[] = [];
  for (const org of organisationRows) {
    const own = sportelloRows.filter((s) => s.organisation === org.organisation);
    if (!own.length) rows.push({ ...org });
    for (const s of own) rows.push({ ...byOrg.get(s.organisation as string), ...s });
  }
  const columns = [...organisationColumns, ...sportelloColumns.filter((c) => c.key !== 'organisation')];
  return { name: 'Mappa', columns, rows };
}

async function render(map: NetworkMap, format: ExportFormat): Promise<string | Buffer> {
  if (format === 'json') return `${JSON.stringify(toImportFile(map), null, 2)}\n`;
  if (format === 'csv') return toCsv(csvSheet(map));
  const { organisationRows, sportelloRows } = sheetsOf(map);
  const referentName = new Map(map.points.map((p) => [p.id, p.name]));
  const territoryRows = map.territory.map((t): Record<string, Cell> => ({
    comuneCode: t.istatCode,
    comune: t.name,
    province: t.province,
    referent: referentName.get(t.referentId ?? map.network.referentSportelloId ?? '') ?? null,
  }));
  return toXlsx([
    { name: 'Organizzazioni', columns: organisationColumns, rows: organisationRows },
    { name: 'Sportelli', columns: sportelloColumns, rows: sportelloRows },
    {
      name: 'Territorio',
      columns: [
        { key: 'comuneCode', header: 'Codice ISTAT comune' },
        { key: 'comune', header: 'Comune' },
        { key: 'province', header: 'Provincia' },
        { key: 'referent', header: 'Referente 1522' },
      ],
      rows: territoryRows,
    },
  ]);
}

/**
 * The export of one network's map, audited (`directory.export`, the format
 * as purpose) in the same transaction. A network out of reach is 404.
 */
export async function exportNetworkMap(ctx: AppContext, scope: Scope, networkId: string, format: ExportFormat, requestId: string) {
  return ctx.database.db.transaction(async (tx) => {
    const network = await exportableNetwork(tx, scope, networkId);
    if (!network) throw resourceNotFound('network', networkId);
    const body = await render(await loadMap(tx, network), format);
    await writeAudit(tx, { ...actedBy(scope, requestId, 'directory.export', { type: 'network', id: network.id }), purpose: format });
    const day = romeToday();
    return { body, filename: `trama-mappa-rete-${network.id}-${day}.${format}` };
  });
}
