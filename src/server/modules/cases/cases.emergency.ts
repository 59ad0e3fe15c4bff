import { and, eq, ne } from 'drizzle-orm';
import type { EmergencySource } from '../../../shared/cases.js';
import type { Tx } from '../../platform/db.js';
import { cases } from './cases.tables.js';

/**
 * The case's emergency is derived, never edited (docs/cases.md, "Emergency"):
 * set by opening the case as an emergency, by a timeline event marked
 * `inizio` or by an assessment whose final level is `imminente` (the case's
 * latest); cleared by an event marked `fine` (its reason in the notes), or —
 * only when an assessment set it — by a later latest assessment below
 * `imminente`: an emergency the team declared (she fled, the emergency room
 * called) is over when the team says so, not because a score went down.
 *
 * Called in the transaction that records the event or the assessment, so
 * the flag never changes without it (and a refused event changes nothing).
 * It records only a change: what set it stays named until something clears
 * it. The case's version is not bumped (as for the risk level): a form open
 * on the record does not turn stale. Returns whether it changed.
 */
export async function deriveEmergency(
  tx: Tx,
  caseId: string,
  on: boolean,
  by: { source: EmergencySource; id: string | null },
  /** Clear only an emergency this source set (an assessment ends only what an assessment started). */
  onlyIfSetBy?: EmergencySource,
): Promise<boolean> {
  const changed = await tx
    .update(cases)
    .set({ emergency: on, emergencySource: by.source, emergencySourceId: by.id, emergencyChangedAt: new Date() })
    .where(and(eq(cases.id, caseId), ne(cases.emergency, on), onlyIfSetBy ? eq(cases.emergencySource, onlyIfSetBy) : undefined))
    .returning({ id: cases.id });
  return changed.length > 0;
}

/** The audit purpose of a change of the emergency (never more than that it changed). */
export const emergencyPurpose = (changed: boolean, on: boolean) => (changed ? (on ? 'emergency_on' : 'emergency_off') : null);
