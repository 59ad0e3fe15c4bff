import { eq } from 'drizzle-orm';
import type { RiskLevel } from '../../src/shared/cases.js';
import { cases } from '../../src/server/modules/cases/index.js';
import type { TestApp } from './app.js';

/**
 * Sets a case's risk level as its latest assessment would have (the API no
 * longer takes it: docs/risk.md). For tests of what reads the level — the
 * caseload filter, the head's counts — not of the assessments themselves
 * (test/api/risk.test.ts records those through the API).
 */
export async function setRiskLevel(t: TestApp, caseId: string, level: RiskLevel | null): Promise<void> {
  await t.ctx.database.db.update(cases).set({ riskLevel: level }).where(eq(cases.id, caseId));
}
