import { and, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db.js';
import { networks, organisations } from '../organisations/index.js';
import { comuni, sportelli } from './directory.tables.js';
import { type Viewer, visibleSportelli } from './directory.viewer.js';

/**
 * The names behind the ids and codes of a page of history, so people read
 * "Sportello Alfa" and "Bergamo", never a uuid or an ISTAT code. The history
 * keeps ids (names change; the entry must not); names are resolved at read
 * time, and a sportello's only when the viewer may see it — a secret one
 * stays unnamed for everybody but its own organisation.
 */

type Entry = { entityType: string; entityId: string; fields: { field: string; from: unknown; to: unknown }[] };

/** Which fields hold references, and to what. */
const SPORTELLO_FIELDS = new Set(['referent', 'referentSportelloId']);
const ORGANISATION_FIELDS = new Set(['capofila', 'organisationId', 'organisation']);
const NETWORK_FIELDS = new Set(['networks']);
const COMUNE_FIELDS = new Set(['comuni', 'comuneCode']);

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.flatMap(strings) : typeof value === 'string' ? [value] : []);

function collect(entries: Entry[]) {
  const ids = { sportelli: new Set<string>(), organisations: new Set<string>(), networks: new Set<string>(), comuni: new Set<string>() };
  const kinds = { sportello: ids.sportelli, organisation: ids.organisations, network: ids.networks } as Record<string, Set<string>>;
  for (const e of entries) {
    kinds[e.entityType]?.add(e.entityId);
    for (const f of e.fields) {
      const values = [...strings(f.from), ...strings(f.to)];
      const into = SPORTELLO_FIELDS.has(f.field)
        ? ids.sportelli
        : ORGANISATION_FIELDS.has(f.field)
          ? ids.organisations
          : NETWORK_FIELDS.has(f.field)
            ? ids.networks
            : COMUNE_FIELDS.has(f.field)
              ? ids.comuni
              : null;
      for (const v of into ? values : []) into!.add(v);
      if (f.field === 'referentOverrides') {
        for (const o of [f.from, f.to].flatMap((x) => (Array.isArray(x) ? (x as Record<string, unknown>[]) : []))) {
          if (typeof o.comune === 'string') ids.comuni.add(o.comune);
          for (const s of [o.referent, o.sportelloId]) if (typeof s === 'string') ids.sportelli.add(s);
        }
      }
    }
  }
  return ids;
}

const uuidish = (values: Set<string>) => [...values].filter((v) => /^[0-9a-f-]{36}$/i.test(v));

/** id or code → name, for what this page of history mentions and the viewer may see. */
export async function historyNames(db: DbOrTx, v: Viewer, entries: Entry[]): Promise<Record<string, string>> {
  const ids = collect(entries);
  const names: Record<string, string> = {};
  const add = (rows: { id: string; name: string }[]) => rows.forEach((r) => (names[r.id] = r.name));
  const sp = uuidish(ids.sportelli);
  if (sp.length) add(await db.select({ id: sportelli.id, name: sportelli.name }).from(sportelli).where(and(inArray(sportelli.id, sp), visibleSportelli(v))));
  const orgs = uuidish(ids.organisations);
  if (orgs.length) add(await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, orgs)));
  const nets = uuidish(ids.networks);
  if (nets.length) add(await db.select({ id: networks.id, name: networks.name }).from(networks).where(inArray(networks.id, nets)));
  const codes = [...ids.comuni];
  if (codes.length) add(await db.select({ id: comuni.istatCode, name: comuni.name }).from(comuni).where(inArray(comuni.istatCode, codes)));
  return names;
}
