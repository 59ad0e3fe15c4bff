import { referentOrganisationTypes } from '../../../shared/directory.js';
import type { DbOrTx } from '../../platform/db.js';
import { ImportErrors, type ImportMessage } from './directory.import.errors.js';
import {
  type Link,
  type NetworkRow,
  type OrganisationRow,
  type SportelloRow,
  TRAMA_ID,
  coverageOf,
  knownComuni,
  linksOf,
  networksByKeys,
  networksNamed,
  organisationsByKeys,
  organisationsNamed,
  sportelliByKeys,
} from './directory.import.load.js';
import type { DirectoryImportFile, ImportNetwork, ImportOrganisation, ImportSportello } from './directory.import.schema.js';

/**
 * The cross-checks of an import file, all of them before anything is
 * written: every reference resolves (to an item of the file or one already
 * stored, within what the actor may see), comuni exist and belong to one
 * network, names stay unique, 1522 referents are non-secret sportelli of
 * the network. The result is the plan the writer applies; any error
 * rejects the whole file with the complete list.
 */

/** What the importing actor may see and change. */
export interface Viewer {
  /** The system (CLI, seeds) and the instance admin: every network and organisation. */
  all: boolean;
  /** Only the system may open secret locations of other organisations (to compare them). */
  opensSecrets: boolean;
  /** The organisation she acts for (a user), else null. */
  ownOrganisationId: string | null;
  /** Her scope's organisations and the networks her organisation leads (ignored when `all`). */
  organisations: ReadonlySet<string>;
  ledNetworks: ReadonlySet<string>;
}

/** May this actor read (to compare) and replace the location of a secret sportello of that organisation? */
export const opensLocationOf = (viewer: Viewer, organisationId: string) => viewer.opensSecrets || viewer.ownOrganisationId === organisationId;

interface Planned<I, R> {
  index: number;
  item: I;
  id: string;
  existing: R | null;
}
export interface PlannedNetwork extends Planned<ImportNetwork, NetworkRow> {
  capofilaId: string;
  referentId: string | null;
  territory: { istatCode: string; referentSportelloId: string | null }[];
}
export type PlannedOrganisation = Planned<ImportOrganisation, OrganisationRow>;
export interface PlannedSportello extends Planned<ImportSportello, SportelloRow> {
  organisationId: string;
}
export interface Plan {
  networks: PlannedNetwork[];
  organisations: PlannedOrganisation[];
  sportelli: PlannedSportello[];
  linksBefore: Link[];
  linksAfter: Link[];
}

const linkKey = (networkId: string, organisationId: string) => `${networkId}|${organisationId}`;

/** Items of one kind, first occurrence of each externalId kept; repeats are errors. Holes (items that failed the format) are skipped. */
function unique<T extends { externalId: string }>(list: T[], kind: string, errors: ImportErrors): { index: number; item: T }[] {
  const seen = new Set<string>();
  const out: { index: number; item: T }[] = [];
  list.forEach((item, index) => {
    if (seen.has(item.externalId)) errors.add(`/${kind}/${index}/externalId`, item.externalId, 'duplicate_id');
    else {
      seen.add(item.externalId);
      out.push({ index, item });
    }
  });
  return out;
}

function uniqueNames(list: { index: number; item: { name: string; externalId: string } }[], kind: string, errors: ImportErrors) {
  const seen = new Set<string>();
  for (const { index, item } of list) {
    if (seen.has(item.name)) errors.add(`/${kind}/${index}/name`, item.externalId, 'duplicate_name');
    seen.add(item.name);
  }
}

/** The externalIds of items that failed the format check: references to them raise no second error. */
export interface FormatFailures {
  networks: ReadonlySet<string>;
  organisations: ReadonlySet<string>;
  sportelli: ReadonlySet<string>;
}
const noFailures: FormatFailures = { networks: new Set(), organisations: new Set(), sportelli: new Set() };

/**
 * `file` may be the part of a file that passed the format check: its lists
 * then have holes where items failed (positions are kept, so pointers stay
 * right), `errors` already holds the format errors and `failed` names the
 * items left out. Every error, format and cross-check, comes in one answer.
 */
export async function planImport(
  db: DbOrTx,
  file: DirectoryImportFile,
  viewer: Viewer,
  errors: ImportErrors = new ImportErrors(),
  failed: FormatFailures = noFailures,
): Promise<Plan> {
  const nets = unique(file.networks, 'networks', errors);
  const orgs = unique(file.organisations, 'organisations', errors);
  const sps = unique(file.sportelli, 'sportelli', errors);
  uniqueNames(nets, 'networks', errors);
  uniqueNames(orgs, 'organisations', errors);

  // Everything the file names, in bulk. One query after the other: inside a
  // transaction they share one connection (pg refuses overlapping queries).
  const dbNets = await networksByKeys(db, [...nets.map((n) => n.item.externalId), ...orgs.flatMap((o) => o.item.networks)]);
  const dbOrgs = await organisationsByKeys(db, [...orgs.map((o) => o.item.externalId), ...nets.map((n) => n.item.capofila), ...sps.map((s) => s.item.organisation)]);
  const dbSps = await sportelliByKeys(db, [
    ...sps.map((s) => s.item.externalId),
    ...nets.flatMap((n) => [...(n.item.referent ? [n.item.referent] : []), ...n.item.referentOverrides.map((o) => o.referent)]),
  ]);
  const codes = [...new Set([...nets.flatMap((n) => [...n.item.comuni, ...n.item.referentOverrides.map((o) => o.comune)]), ...sps.map((s) => s.item.comuneCode)])];
  const known = await knownComuni(db, codes);
  const coverage = await coverageOf(db, [...new Set(nets.flatMap((n) => n.item.comuni))]);
  const orgNames = await organisationsNamed(db, orgs.map((o) => o.item.name));
  const netNames = await networksNamed(db, nets.map((n) => n.item.name));

  const seesNetwork = (row: NetworkRow) => viewer.all || viewer.ledNetworks.has(row.id);
  const seesOrganisation = (row: { id: string }) => viewer.all || viewer.organisations.has(row.id);
  const seesSportello = (row: SportelloRow) => viewer.all || viewer.organisations.has(row.organisationId);

  // Definitions: an existing item (by externalId) must be within reach; a new one gets its id now.
  function define<I extends { externalId: string }, R extends { id: string }>(
    kind: string,
    list: { index: number; item: I }[],
    stored: Map<string, R>,
    sees: (row: R) => boolean,
    failedIds: ReadonlySet<string>,
  ) {
    const ids = new Map<string, { id: string; existing: R | null }>();
    const broken = new Set<string>(failedIds);
    for (const { index, item } of list) {
      const row = stored.get(item.externalId);
      let problem: ImportMessage | null = null;
      if (row && !sees(row)) problem = 'out_of_scope_item';
      else if (!row && TRAMA_ID.test(item.externalId)) problem = viewer.all ? 'unknown_existing' : 'out_of_scope_item';
      if (problem) {
        errors.add(`/${kind}/${index}/externalId`, item.externalId, problem);
        broken.add(item.externalId);
      } else ids.set(item.externalId, { id: row?.id ?? crypto.randomUUID(), existing: row ?? null });
    }
    return { ids, broken };
  }
  const netDefs = define('networks', nets, dbNets, seesNetwork, failed.networks);
  const orgDefs = define('organisations', orgs, dbOrgs, seesOrganisation, failed.organisations);
  const spDefs = define('sportelli', sps, dbSps, seesSportello, failed.sportelli);

  // References: to an item of the file, else to a stored one within reach. Out of
  // reach reads exactly like "does not exist" for a coordinator.
  function resolve<R extends { id: string }>(
    defs: { ids: Map<string, { id: string }>; broken: Set<string> },
    stored: Map<string, R>,
    sees: (row: R) => boolean,
    message: 'unknown_network' | 'unknown_organisation' | 'unknown_sportello',
  ) {
    return (ref: string, pointer: string, item: string): string | null => {
      const own = defs.ids.get(ref);
      if (own) return own.id;
      if (defs.broken.has(ref)) return null; // already reported where it is defined
      const row = stored.get(ref);
      if (row && sees(row)) return row.id;
      errors.add(pointer, item, viewer.all ? message : `${message}_scoped`);
      return null;
    };
  }
  const refNetwork = resolve(netDefs, dbNets, seesNetwork, 'unknown_network');
  const refOrganisation = resolve(orgDefs, dbOrgs, seesOrganisation, 'unknown_organisation');
  // A coordinator never reaches another organisation's secret sportello by reference.
  const refSportello = resolve(spDefs, dbSps, (r) => seesSportello(r) && (r.visibility !== 'secret' || viewer.all || r.organisationId === viewer.ownOrganisationId), 'unknown_sportello');

  const checkComune = (code: string, pointer: string, item: string) => {
    if (!known.has(code)) errors.add(pointer, item, 'unknown_comune');
    return known.has(code);
  };

  // Organisations.
  const plannedOrgs: PlannedOrganisation[] = [];
  const listed = new Set<string>();
  for (const { index, item } of orgs) {
    const def = orgDefs.ids.get(item.externalId);
    const at = `/organisations/${index}`;
    const networkIds = item.networks.map((ref, j) => refNetwork(ref, `${at}/networks/${j}`, item.externalId));
    if (!def) continue;
    for (const n of networkIds) if (n) listed.add(linkKey(n, def.id));
    const takenBy = orgNames.get(item.name);
    if (takenBy && takenBy !== def.id) errors.add(`${at}/name`, item.externalId, 'name_taken_organisation');
    if (!viewer.all && !def.existing && !item.networks.length) errors.add(`${at}/networks`, item.externalId, 'out_of_scope_new_organisation');
    plannedOrgs.push({ index, item, ...def });
  }

  // Sportelli.
  const plannedSps: PlannedSportello[] = [];
  const sportelloFacts = new Map<string, { organisationId: string | null; visibility: string }>();
  // Organisation types after the import, for the referent rule (a service that takes calls).
  const orgTypes = new Map<string, string>([...dbOrgs.values()].map((o) => [o.id, o.type]));
  for (const o of plannedOrgs) orgTypes.set(o.id, o.item.type);
  for (const { index, item } of sps) {
    const def = spDefs.ids.get(item.externalId);
    const at = `/sportelli/${index}`;
    const organisationId = refOrganisation(item.organisation, `${at}/organisation`, item.externalId);
    checkComune(item.comuneCode, `${at}/comuneCode`, item.externalId);
    if (!def) continue;
    sportelloFacts.set(def.id, { organisationId, visibility: item.visibility });
    const existing = def.existing;
    if (existing && organisationId && existing.organisationId !== organisationId) errors.add(`${at}/organisation`, item.externalId, 'organisation_change');
    if (existing?.visibility === 'secret' && item.visibility !== 'secret' && !opensLocationOf(viewer, existing.organisationId)) {
      errors.add(`${at}/visibility`, item.externalId, 'secret_visibility');
    }
    if (organisationId) plannedSps.push({ index, item, ...def, organisationId });
  }
  for (const row of dbSps.values()) if (!sportelloFacts.has(row.id)) sportelloFacts.set(row.id, row);

  // Networks: capofila, territory, referents.
  const fileNetworkIds = new Set([...netDefs.ids.values()].map((d) => d.id));
  const claimed = new Map<string, string>(); // comune -> network externalId
  const plannedNets: (PlannedNetwork & { referentPointers: { id: string; pointer: string }[] })[] = [];
  for (const { index, item } of nets) {
    const def = netDefs.ids.get(item.externalId);
    const at = `/networks/${index}`;
    const capofilaId = refOrganisation(item.capofila, `${at}/capofila`, item.externalId);
    if (capofilaId && !viewer.all && capofilaId !== viewer.ownOrganisationId) errors.add(`${at}/capofila`, item.externalId, 'out_of_scope_capofila');
    const own = new Set<string>();
    item.comuni.forEach((code, j) => {
      const pointer = `${at}/comuni/${j}`;
      if (!checkComune(code, pointer, item.externalId)) return;
      if (own.has(code) || (claimed.has(code) && claimed.get(code) !== item.externalId)) errors.add(pointer, item.externalId, 'comune_repeated');
      own.add(code);
      claimed.set(code, item.externalId);
      const cover = coverage.get(code);
      if (cover && !fileNetworkIds.has(cover)) errors.add(pointer, item.externalId, 'comune_taken');
    });
    const referentPointers: { id: string; pointer: string }[] = [];
    const referentId = item.referent ? refSportello(item.referent, `${at}/referent`, item.externalId) : null;
    if (referentId) referentPointers.push({ id: referentId, pointer: `${at}/referent` });
    const overrides = new Map<string, string | null>();
    item.referentOverrides.forEach((o, j) => {
      const pointer = `${at}/referentOverrides/${j}`;
      if (!own.has(o.comune)) errors.add(`${pointer}/comune`, item.externalId, 'override_outside');
      else if (overrides.has(o.comune)) errors.add(`${pointer}/comune`, item.externalId, 'override_repeated');
      const id = refSportello(o.referent, `${pointer}/referent`, item.externalId);
      if (id) referentPointers.push({ id, pointer: `${pointer}/referent` });
      overrides.set(o.comune, id);
    });
    if (!def || !capofilaId) continue;
    const takenBy = netNames.get(item.name);
    if (takenBy && takenBy !== def.id) errors.add(`${at}/name`, item.externalId, 'name_taken_network');
    const territory = [...own].sort().map((istatCode) => ({ istatCode, referentSportelloId: overrides.get(istatCode) ?? null }));
    plannedNets.push({ index, item, ...def, capofilaId, referentId, territory, referentPointers });
  }

  // Memberships after the import: links between networks and organisations of
  // the file follow the file; links to anything else stay as they are.
  const linksBefore = await linksOf(
    db,
    plannedNets.filter((n) => n.existing).map((n) => n.id),
    plannedOrgs.filter((o) => o.existing).map((o) => o.id),
  );
  const fileOrgIds = new Set(plannedOrgs.map((o) => o.id));
  const capofilaOf = new Map(plannedNets.map((n) => [n.id, n.capofilaId]));
  const after = new Map<string, Link>();
  for (const l of linksBefore) {
    const managed = fileNetworkIds.has(l.networkId) && fileOrgIds.has(l.organisationId);
    const capofila = capofilaOf.get(l.networkId);
    if (managed && !listed.has(linkKey(l.networkId, l.organisationId)) && capofila !== l.organisationId) continue;
    after.set(linkKey(l.networkId, l.organisationId), { ...l, isCapofila: capofila === undefined ? l.isCapofila : capofila === l.organisationId });
  }
  for (const key of listed) {
    if (after.has(key)) continue;
    const [networkId, organisationId] = key.split('|') as [string, string];
    after.set(key, { networkId, organisationId, isCapofila: capofilaOf.get(networkId) === organisationId });
  }
  for (const [networkId, organisationId] of capofilaOf) after.set(linkKey(networkId, organisationId), { networkId, organisationId, isCapofila: true });
  const linksAfter = [...after.values()];

  for (const n of plannedNets) {
    const members = new Set(linksAfter.filter((l) => l.networkId === n.id).map((l) => l.organisationId));
    for (const { id, pointer } of n.referentPointers) {
      const facts = sportelloFacts.get(id);
      if (!facts) continue;
      if (facts.visibility === 'secret') errors.add(pointer, n.item.externalId, 'referent_secret');
      else if (facts.organisationId && !members.has(facts.organisationId)) errors.add(pointer, n.item.externalId, 'referent_not_member');
      else if (facts.organisationId && !referentOrganisationTypes.includes(orgTypes.get(facts.organisationId) ?? '')) {
        errors.add(pointer, n.item.externalId, 'referent_not_a_service');
      }
    }
  }

  if (errors.any) throw errors.toError();
  return {
    networks: plannedNets.map(({ referentPointers: _, ...n }) => n),
    organisations: plannedOrgs,
    sportelli: plannedSps,
    linksBefore,
    linksAfter,
  };
}
