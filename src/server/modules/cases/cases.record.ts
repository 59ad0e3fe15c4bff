import { eq, sql } from 'drizzle-orm';
import type { CaseSection, CaseStage, ClosureOutcome } from '../../../shared/cases.js';
import type { DbOrTx } from '../../platform/db.js';
import { comuni } from '../directory/index.js';
import { networks, organisations } from '../organisations/index.js';
import type { CaseRow } from './cases.access.js';

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

/**
 * Everything around a case that its page shows, in ONE round trip: the
 * names (organisation, comune, network), the size of each part she may
 * see, the pathway's stages, the whole team (the presenter filters it as
 * she may see it) and, when asked, the break-the-glass openings of the
 * last 90 days with their sealed reasons. Lists come back as JSON, turned
 * here into the same shapes the separate queries gave.
 */
export async function recordOf(tx: DbOrTx, row: CaseRow, sections: ReadonlySet<CaseSection>, withOpenings: boolean) {
  const size = (table: string, section: CaseSection) =>
    sections.has(section) ? sql<number>`(select count(*)::int from ${sql.identifier(table)} p where p.case_id = ${row.id})` : sql<null>`null::int`;
  const since = new Date(Date.now() - OPENINGS_SHOWN_DAYS * 86_400_000).toISOString();
  const [found] = await tx
    .select({
      organisation: { id: organisations.id, name: organisations.name },
      comuneName: comuni.name,
      provinceSigla: comuni.provinceSigla,
      networkName: networks.name,
      events: size('case_events', 'timeline'),
      consents: size('case_consents', 'consents'),
      children: size('case_children', 'children'),
      authors: size('case_authors', 'authors'),
      stages: sql<StageJson[]>`coalesce((
        select json_agg(json_build_object('stage', s.stage, 'on', s.on, 'outcome', s.outcome, 'reopened', s.reopened) order by s.at)
        from case_stage_changes s where s.case_id = ${row.id}), '[]')`,
      team: sql<TeamJson[]>`coalesce((
        select json_agg(json_build_object('userId', m.user_id, 'displayName', u.display_name, 'organisation', json_build_object('id', o.id, 'name', o.name),
                                          'referente', m.referente, 'sections', m.sections, 'addedAt', m.added_at) order by u.display_name)
        from case_members m join users u on u.id = m.user_id join organisations o on o.id = m.organisation_id
        where m.case_id = ${row.id}), '[]')`,
      openings: withOpenings
        ? sql<OpeningJson[]>`coalesce((
            select json_agg(json_build_object('id', b.id, 'displayName', u.display_name, 'at', b.at, 'expiresAt', b.expires_at, 'reasonSealed', b.reason_sealed) order by b.at)
            from case_break_glass b join users u on u.id = b.user_id
            where b.case_id = ${row.id} and b.at > ${since}::timestamptz), '[]')`
        : sql<OpeningJson[]>`'[]'::json`,
    })
    .from(organisations)
    .leftJoin(comuni, eq(comuni.istatCode, sql`${row.comuneCode}`))
    .leftJoin(networks, eq(networks.id, sql`${row.networkId}::uuid`))
    .where(eq(organisations.id, row.organisationId));
  const c = found!;
  return {
    organisation: c.organisation,
    comune: row.comuneCode && c.comuneName ? { istatCode: row.comuneCode, name: c.comuneName, provinceSigla: c.provinceSigla! } : null,
    network: row.networkId && c.networkName ? { id: row.networkId, name: c.networkName } : null,
    counts: { events: c.events, consents: c.consents, children: c.children, authors: c.authors },
    stages: c.stages.map((s) => ({ stage: s.stage as CaseStage, on: s.on, outcome: s.outcome as ClosureOutcome | null, reopened: s.reopened })),
    team: c.team.map((m) => ({ ...m, addedAt: new Date(m.addedAt) })),
    openings: c.openings.map((o) => ({ ...o, at: new Date(o.at), expiresAt: new Date(o.expiresAt) })),
  };
}
