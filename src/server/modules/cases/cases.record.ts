import { type SQLWrapper, eq, sql } from 'drizzle-orm';
import type { CaseSection, CaseStage, ClosureOutcome } from '../../../shared/cases.js';
import type { DbOrTx } from '../../platform/db.js';
import type { CaseRow } from './cases.access.js';
import { cases } from './cases.tables.js';

/** How far back the break-the-glass openings of a case are shown. */
const OPENINGS_SHOWN_DAYS = 90;

interface TeamJson {
  userId: string;
  displayName: string;
  organisation: { id: string; name: string };
  referente: boolean;
  sections: string[];
  addedAt: string;
}
interface OpeningJson {
  id: string;
  displayName: string;
  at: string;
  expiresAt: string;
  reasonSealed: string;
}
interface StageJson {
  stage: string;
  on: string;
  outcome: string | null;
  reopened: boolean;
}

/** The earliest break-the-glass opening shown, from now. */
export const openingsSince = () => new Date(Date.now() - OPENINGS_SHOWN_DAYS * 86_400_000).toISOString();

/**
 * Everything around a case that its page shows, as columns of one select:
 * the names (organisation, comune, network), the size of each part, the
 * pathway's stages, the whole team (the presenter filters it as she may
 * see it) and the break-the-glass openings of the last 90 days with their
 * sealed reasons. Correlated on the outer query's `cases` row: the
 * choke point's own query carries them for a case's page
 * (cases.access.ts, `record`), one round trip for decision and record.
 * `since`: the earliest opening shown (a placeholder in a statement built once).
 */
export function recordColumns(since: string | SQLWrapper = openingsSince()) {
  // Qualified by hand: Drizzle names a lone table's columns bare, and inside a subquery a bare "id" is the subquery's own.
  const c = { id: sql.raw('"cases"."id"'), organisationId: sql.raw('"cases"."organisation_id"'), comuneCode: sql.raw('"cases"."comune_code"'), networkId: sql.raw('"cases"."network_id"') };
  const size = (table: string) => sql<number>`(select count(*)::int from ${sql.identifier(table)} p where p.case_id = ${c.id})`;
  return {
    organisationName: sql<string>`(select o.name from organisations o where o.id = ${c.organisationId})`,
    comuneName: sql<string | null>`(select k.name from comuni k where k.istat_code = ${c.comuneCode})`,
    provinceSigla: sql<string | null>`(select k.province_sigla from comuni k where k.istat_code = ${c.comuneCode})`,
    networkName: sql<string | null>`(select n.name from networks n where n.id = ${c.networkId})`,
    events: size('case_events'),
    consents: size('case_consents'),
    children: size('case_children'),
    authors: size('case_authors'),
    stages: sql<StageJson[]>`coalesce((
      select json_agg(json_build_object('stage', s.stage, 'on', s.on, 'outcome', s.outcome, 'reopened', s.reopened) order by s.at)
      from case_stage_changes s where s.case_id = ${c.id}), '[]')`,
    team: sql<TeamJson[]>`coalesce((
      select json_agg(json_build_object('userId', m.user_id, 'displayName', u.display_name, 'organisation', json_build_object('id', o.id, 'name', o.name),
                                        'referente', m.referente, 'sections', m.sections, 'addedAt', m.added_at) order by u.display_name)
      from case_members m join users u on u.id = m.user_id join organisations o on o.id = m.organisation_id
      where m.case_id = ${c.id}), '[]')`,
    openings: sql<OpeningJson[]>`coalesce((
      select json_agg(json_build_object('id', b.id, 'displayName', u.display_name, 'at', b.at, 'expiresAt', b.expires_at, 'reasonSealed', b.reason_sealed) order by b.at)
      from case_break_glass b join users u on u.id = b.user_id
      where b.case_id = ${c.id} and b.at > ${since}::timestamptz), '[]')`,
  };
}

/** What `recordColumns` read, as one row. */
export type RecordRow = { [K in keyof ReturnType<typeof recordColumns>]: ReturnType<typeof recordColumns>[K]['_']['type'] };

/** The record read alone, for a case whose decision was taken without it (after a write). */
export async function recordOf(tx: DbOrTx, row: CaseRow): Promise<RecordRow> {
  const [found] = await tx.select(recordColumns()).from(cases).where(eq(cases.id, row.id));
  return found!;
}

/**
 * The record as the page shows it to whoever holds these sections: a
 * part's size only with its section, the openings only when she may read
 * them. Lists come back as JSON, turned here into their shapes.
 */
export function shapeRecord(row: CaseRow, c: RecordRow, sections: ReadonlySet<CaseSection>, withOpenings: boolean) {
  const size = (n: number, section: CaseSection) => (sections.has(section) ? n : null);
  return {
    organisation: { id: row.organisationId, name: c.organisationName },
    comune: row.comuneCode && c.comuneName ? { istatCode: row.comuneCode, name: c.comuneName, provinceSigla: c.provinceSigla! } : null,
    network: row.networkId && c.networkName ? { id: row.networkId, name: c.networkName } : null,
    counts: { events: size(c.events, 'timeline'), consents: size(c.consents, 'consents'), children: size(c.children, 'children'), authors: size(c.authors, 'authors') },
    stages: c.stages.map((s) => ({ stage: s.stage as CaseStage, on: s.on, outcome: s.outcome as ClosureOutcome | null, reopened: s.reopened })),
    team: c.team.map((m) => ({ ...m, addedAt: new Date(m.addedAt) })),
    openings: withOpenings ? c.openings.map((o) => ({ ...o, at: new Date(o.at), expiresAt: new Date(o.expiresAt) })) : [],
  };
}
