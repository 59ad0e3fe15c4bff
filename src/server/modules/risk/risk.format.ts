import { z } from 'zod';
import { instrument } from '../../../shared/risk/instrument.js';

/** Where the published schema of the instrument format lives (kept equal to this module's output by a test). */
export const INSTRUMENT_SCHEMA_ID = 'urn:trama:schema:risk-instrument:1';

/**
 * The JSON Schema (draft 2020-12) of the instrument format
 * `trama-risk-instrument/1`, generated from the very Zod schema the server
 * checks a loaded instrument with, so the two cannot drift. What JSON Schema
 * cannot say — thresholds without gaps or overlaps, ids unique across
 * sections, weights only under a weighted sum, a critical item's level among
 * the instrument's levels — is checked on load and answered with a code at
 * its pointer (docs/risk.md, "the format").
 */
export function instrumentJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(instrument, { target: 'draft-2020-12', io: 'input' });
  return {
    ...generated,
    $id: INSTRUMENT_SCHEMA_ID,
    title: 'Trama risk-assessment instrument (trama-risk-instrument/1)',
    description:
      'A risk-assessment instrument as data: sections of items with their answer types, a scoring rule and thresholds mapping a score to a level. ' +
      'Cross-field rules (thresholds without gaps, unique ids, weights only under weighted_sum) are checked by Trama on load.',
  };
}
