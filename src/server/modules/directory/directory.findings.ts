import { and, notInArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { StandardFlag } from '../../../shared/directory.js';
import type { Scope } from '../../access/scope.js';
import type { AppContext } from '../../context.js';
import type { Db } from '../../platform/db.js';
import { romeToday } from '../../platform/rome.js';
import { standardsFindings } from './directory.findings.tables.js';
import * as profilesRepo from './directory.profiles.repo.js';
import { checkStandards, STANDARD_WINDOW_DAYS } from './directory.standards.js';
import { scopeCondition, type Viewer, viewerOf } from './directory.viewer.js';

/** The nightly check: 02:30 Italian time, when no one edits hours. */
export const STANDARDS_NIGHTLY_CRON = '30 2 * * *';
export const STANDARDS_NIGHTLY_JOB = 'directory.standards-nightly';

/**
 * Every CAV, for the nightly check. Unscoped on purpose: a system job reads
 * the directory (opening hours, the profile's yes/no answers — no personal
 * record) of every CAV, and each coordinator then sees only her scope's
 * findings (standardsFindingsOf). A viewer whose scope is everything.
 */
function systemCavStandardInputs(db: Db) {
  const everything = { scope: { organisationIds: 'all' }, own: null, sharing: 'all', networks: [], ledNetworks: [] } as unknown as Viewer;
  return profilesRepo.cavStandardInputs(db, everything, undefined);
}

/**
 * Runs the check for every CAV at `at` and records the findings in one
 * transaction: a CAV below the standard keeps the day it first was (its
 * flags follow tonight's check), a CAV that meets it again is removed.
 * Running it twice in a night changes nothing (a retried job is harmless).
 */
export async function recordStandardsFindings(ctx: AppContext, at: Date): Promise<{ below: number }> {
  const { db } = ctx.database;
  const inputs = await systemCavStandardInputs(db);
  const below = inputs
    .map((c) => ({ organisationId: c.organisation.id, flags: checkStandards(c.sportelli, at, STANDARD_WINDOW_DAYS, c.profile).flags }))
    .filter((c) => c.flags.length > 0);
  await db.transaction(async (tx) => {
    const ids = below.map((b) => b.organisationId);
    await tx.delete(standardsFindings).where(ids.length ? notInArray(standardsFindings.organisationId, ids) : undefined);
    if (!below.length) return;
    await tx
      .insert(standardsFindings)
      .values(below.map((b) => ({ ...b, belowSince: romeToday(at), checkedAt: at })))
      .onConflictDoUpdate({ target: standardsFindings.organisationId, set: { flags: sql`excluded.flags`, checkedAt: sql`excluded.checked_at` } });
  });
  return { below: below.length };
}

/** The findings of the CAVs she administers (a coordinator: her networks' CAVs; a head: her own; the admin: all). */
export async function standardsFindingsOf(ctx: AppContext, scope: Scope) {
  const { db } = ctx.database;
  const viewer = await viewerOf(db, scope);
  const rows = await db.select().from(standardsFindings).where(and(scopeCondition(viewer, standardsFindings.organisationId)));
  return rows.map((r) => ({ organisationId: r.organisationId, flags: r.flags as StandardFlag[], belowSince: r.belowSince, checkedAt: r.checkedAt }));
}

/** Registers the nightly check with the jobs platform (app build time). */
export function defineDirectoryJobs(ctx: AppContext): void {
  ctx.jobs.define({
    name: STANDARDS_NIGHTLY_JOB,
    payload: z.object({}),
    schedule: { cron: STANDARDS_NIGHTLY_CRON, payload: {} },
    retry: { limit: 3, delaySeconds: 300 },
    handler: async (_payload, run) => {
      // The occurrence it stands for (its key), not the moment a retry happens to run.
      const at = run.key ? new Date(run.key) : new Date();
      const { below } = await recordStandardsFindings(ctx, at);
      ctx.log.info({ job: STANDARDS_NIGHTLY_JOB, below }, 'minimum-standard check recorded');
    },
  });
}
