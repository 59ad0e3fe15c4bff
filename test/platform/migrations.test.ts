import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../src/server/schema.js';
import { type Database, type Db, migrationsFolder, openPglite } from '../../src/server/platform/db.js';
import { freshDatabase, usePostgres } from '../support/app.js';

const EXPECTED_TABLES = [
  'api_tokens',
  'audit_log',
  'autonomy_actions',
  'autonomy_activities',
  'autonomy_activity_participants',
  'autonomy_activity_sessions',
  'autonomy_attendance',
  'autonomy_budgets',
  'autonomy_equipe_members',
  'autonomy_equipes',
  'autonomy_expenses',
  'autonomy_follow_ups',
  'autonomy_intakes',
  'autonomy_partners',
  'autonomy_programmes',
  'autonomy_project_budgets',
  'autonomy_project_steps',
  'autonomy_projects',
  'autonomy_results',
  'call_log',
  'case_authors',
  'case_break_glass',
  'case_children',
  'case_consents',
  'case_coordination',
  'case_documents',
  'case_events',
  'case_keys',
  'case_meetings',
  'case_members',
  'case_minors',
  'case_review_actions',
  'case_review_items',
  'case_review_participants',
  'case_reviews',
  'case_search_tokens',
  'case_stage_changes',
  'cases',
  'comuni',
  'data_keys',
  'directory_changes',
  'directory_version',
  'funds_allocations',
  'funds_applications',
  'funds_cofinancing',
  'funds_expenses',
  'funds_governance_costs',
  'funds_years',
  'idempotency_keys',
  'inbound_referrals',
  'instance_settings',
  'job_dead_letters',
  'job_keys',
  'job_schedules',
  'memberships',
  'network_comuni',
  'network_members',
  'networks',
  'notification_preferences',
  'notifications',
  'organisations',
  'placement_proposals',
  'placement_requests',
  'plan_actions',
  'plan_goals',
  'plan_reviews',
  'rate_limit_counters',
  'rate_limit_hits',
  'reddito_applications',
  'referrals',
  'risk_assessments',
  'risk_instruments',
  'safety_plan_versions',
  'sessions',
  'shelter_authorisations',
  'shelter_places',
  'shelter_stays',
  'shelter_structure_networks',
  'shelter_structures',
  'shelter_units',
  'sportelli',
  'standards_findings',
  'users',
];

const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };

async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  return (await db.execute(query)).rows as T[];
}

const tablesOf = async (db: Db) =>
  (await rows<{ table_name: string }>(db, sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`)).map(
    (r) => r.table_name,
  );

const columnsOf = (db: Db) =>
  rows<{ table_name: string; column_name: string; is_nullable: string }>(
    db,
    sql`select table_name, column_name, is_nullable from information_schema.columns where table_schema = 'public' order by table_name, column_name`,
  );

const appliedCount = async (db: Db) => Number((await rows<{ n: string }>(db, sql`select count(*)::text as n from drizzle.__drizzle_migrations`))[0]!.n);

/** The checks every freshly migrated database must pass. */
function describeMigrated(label: string, open: () => Promise<Database>) {
  describe(label, () => {
    let database: Database;
    beforeAll(async () => {
      database = await open();
    });
    afterAll(() => database.close());

    it('has every expected table', async () => {
      expect(await tablesOf(database.db)).toEqual(EXPECTED_TABLES);
    });

    it('has every column of the Drizzle schema, with its nullability', async () => {
      const actual = new Map((await columnsOf(database.db)).map((c) => [`${c.table_name}.${c.column_name}`, c.is_nullable === 'YES']));
      const expected = (Object.values(schema) as unknown[])
        .filter((v): v is PgTable => is(v, PgTable))
        .flatMap((table) => {
          const cfg = getTableConfig(table);
          return cfg.columns.map((c) => [`${cfg.name}.${c.name}`, !c.notNull && !c.primary] as const);
        });
      expect(expected.length).toBeGreaterThan(40);
      for (const [key, nullable] of expected) expect(actual.get(key), key).toBe(nullable);
      expect(actual.size).toBe(expected.length); // and no column the schema does not know
    });

    it('holds the ISTAT comuni list (7,895 at 31/01/2026), accent-insensitive search keys included', async () => {
      const [n] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from comuni`);
      expect(n!.n).toBe(7895);
      const found = await rows<{ name: string }>(database.db, sql`select name from comuni where search_name like 'forli%' order by name`);
      expect(found.map((r) => r.name)).toContain('Forlì');
      const bz = await rows<{ name: string }>(database.db, sql`select name from comuni where istat_code = '021008'`);
      expect(bz[0]?.name).toBe('Bolzano');
    });

    it('has the append-only triggers on audit_log', async () => {
      const triggers = await rows<{ tgname: string }>(
        database.db,
        sql`select tgname from pg_trigger where tgrelid = 'audit_log'::regclass and not tgisinternal and tgenabled <> 'D' order by tgname`,
      );
      expect(triggers.map((t) => t.tgname)).toEqual(['audit_log_no_delete', 'audit_log_no_truncate', 'audit_log_no_update']);
    });

    it('recorded every migration, and applying them again changes nothing', async () => {
      expect(await appliedCount(database.db)).toBe(journal.entries.length);
      const before = { tables: await tablesOf(database.db), columns: await columnsOf(database.db) };
      await database.migrate();
      await database.migrate();
      expect(await appliedCount(database.db)).toBe(journal.entries.length);
      expect(await tablesOf(database.db)).toEqual(before.tables);
      expect(await columnsOf(database.db)).toEqual(before.columns);
    });
  });
}

describe('migrations', () => {
  it('every SQL file of migrations/ is in the journal, in order', () => {
    const files = readdirSync(migrationsFolder)
      .filter((f) => f.endsWith('.sql'))
      .sort()
      .map((f) => f.replace(/\.sql$/, ''));
    expect(files).toEqual(journal.entries.map((e) => e.tag));
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  describeMigrated('on an empty in-memory PGlite', async () => {
    const database = await openPglite();
    expect(await tablesOf(database.db)).toEqual([]);
    await database.migrate();
    return database;
  });

  // With TRAMA_TEST_DB=pg: a new, empty database on the PostgreSQL server (freshDatabase migrates it).
  describeMigrated(usePostgres ? 'on an empty PostgreSQL database' : 'on the test database (PGlite dump)', freshDatabase);
});
