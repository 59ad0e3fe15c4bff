import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Visibility } from '../../../shared/directory.js';
import type { ExportFormat, ExportKind } from '../../../shared/directory.api.js';
import type { Scope } from '../../access/scope.js';
import { actedBy, writeAudit } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import type { DbOrTx } from '../../platform/db.js';
import { resourceNotFound } from '../../audit/audit.denied.js';
import { romeToday } from '../../platform/rome.js';
import { networkMembers, networks, organisations } from '../organisations/index.js';
import { exportedId } from './directory.import.load.js';
import { csvOf, xlsxOf } from './directory.export.sheets.js';
import { comuni, networkComuni, sportelli } from './directory.tables.js';

/**
 * A network's services, two exports that say what they contain:
 * - the public map (for the national map, DPO, and anyone): public sportelli
 *   only, and the organisations that have one;
 * - the internal directory (the network's own): public and reserved
 *   sportelli, each marked, as CSV, XLSX or JSON (format `trama-directory/1`,
 *   importable back).
 * Secret sportelli are excluded by the query itself (not a row, not a count)
 * and the reserved 1522 transfer numbers are never selected.
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

/** Which visibilities each export holds: never `secret`. */
const exportedVisibilities: Record<ExportKind, Visibility[]> = { public: ['public'], internal: ['public', 'reserved'] };

async function loadMap(db: DbOrTx, network: typeof networks.$inferSelect, kind: ExportKind) {
  const allMembers = await db
    .select({ organisation: organisations, isCapofila: networkMembers.isCapofila })
    .from(networkMembers)
    .innerJoin(organisations, eq(organisations.id, networkMembers.organisationId))
    .where(eq(networkMembers.networkId, network.id))
    .orderBy(asc(organisations.name));
  const orgIds = allMembers.map((m) => m.organisation.id);
  // An explicit whitelist: no transfer number, no sealed location, never a secret row.
  const points = orgIds.length
    ? await db
        .select({
          id: sportelli.id,
          externalId: sportelli.externalId,
          organisationId: sportelli.organisationId,
          name: sportelli.name,
          visibility: sql<Visibility>`${sportelli.visibility}`,
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
        .where(and(inArray(sportelli.organisationId, orgIds), inArray(sportelli.visibility, exportedVisibilities[kind])))
        .orderBy(asc(sportelli.name), asc(sportelli.id))
    : [];
  const territory = await db
    .select({ istatCode: networkComuni.istatCode, name: comuni.name, province: comuni.provinceSigla, referentId: networkComuni.referentSportelloId })
    .from(networkComuni)
    .innerJoin(comuni, eq(comuni.istatCode, networkComuni.istatCode))
    .where(eq(networkComuni.networkId, network.id))
    .orderBy(asc(networkComuni.istatCode));
  // The public map names only the organisations it shows a sportello of.
  const shown = new Set(points.map((p) => p.organisationId));
  const members = kind === 'public' ? allMembers.filter((m) => shown.has(m.organisation.id)) : allMembers;
  return { network, members, points, territory };
}
export type NetworkMap = Awaited<ReturnType<typeof loadMap>>;

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

async function render(map: NetworkMap, kind: ExportKind, format: ExportFormat): Promise<string | Buffer> {
  if (format === 'json') return `${JSON.stringify(toImportFile(map), null, 2)}\n`;
  return format === 'csv' ? csvOf(map, kind) : xlsxOf(map, kind);
}

/**
 * The export of one network's map, audited (`directory.export`, kind and format
 * as purpose) in the same transaction. A network out of reach is 404.
 */
export async function exportNetworkMap(ctx: AppContext, scope: Scope, networkId: string, kind: ExportKind, format: ExportFormat, requestId: string) {
  return ctx.database.db.transaction(async (tx) => {
    const network = await exportableNetwork(tx, scope, networkId);
    if (!network) throw resourceNotFound('network', networkId);
    const body = await render(await loadMap(tx, network, kind), kind, format);
    await writeAudit(tx, { ...actedBy(scope, requestId, 'directory.export', { type: 'network', id: network.id }), purpose: `${kind} ${format}` });
    const day = romeToday();
    const name = kind === 'public' ? 'mappa-pubblica' : 'elenco-interno';
    return { body, filename: `trama-${name}-rete-${network.id}-${day}.${format}` };
  });
}
