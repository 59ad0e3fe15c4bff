import { z } from 'zod';
import { riskLevels, riskOccasions } from './cases.js';
import { isoDate } from './cases.api.js';
import { answerCodes, reasonMax } from './risk/assess.js';
import { instrument, instrumentLevels } from './risk/instrument.js';

/**
 * The risk assessment's API (issue 12), shared by the server and the web:
 * the instruments a network loads, the assessments of a case and its risk
 * summary (the trend, the re-assessment due). The rules: docs/risk.md.
 */

/** The occasions of an assessment and the events that change the risk are codes of the pathway (cases.ts, labelled in cases.labels.ts). */
export { riskEventKinds, riskOccasions, type RiskEventKind, type RiskOccasion } from './cases.js';

const named = z.object({ id: z.uuid(), name: z.string() });
const day = z.string();
const pair = z.object({ it: z.string(), en: z.string() });

// ---- Instruments ---------------------------------------------------------

/**
 * Loading an instrument: the body is the instrument's JSON itself
 * (`trama-risk-instrument/1`, docs/risk.md). The server checks it with
 * `parseInstrument` and answers 400 `validation_failed` with the issues'
 * pointers (under `/body`) and codes.
 */
export const instrumentLoad = instrument;
export type InstrumentLoad = z.input<typeof instrumentLoad>;

export const instrumentsQuery = z.object({
  /** Retired instruments too (an assessment made with one still shows it). */
  retired: z.stringbool().default(false),
});

export const instrumentListItem = z.object({
  id: z.uuid(),
  network: named,
  /** The instrument's own id (`trama-esempio`) and version: what an assessment records. */
  code: z.string(),
  version: z.number().int(),
  title: pair,
  example: z.boolean(),
  notice: pair.nullable(),
  rule: z.enum(['count', 'weighted_sum', 'spj']),
  items: z.number().int(),
  loadedAt: z.date(),
  loadedBy: z.string().nullable(),
  retiredAt: z.date().nullable(),
});
export const instrumentsOut = z.array(instrumentListItem);
export type InstrumentListItem = z.infer<typeof instrumentListItem>;

/** One instrument with its definition: what the assessment form is generated from. */
export const instrumentOut = instrumentListItem.extend({ definition: instrument });
export type InstrumentOut = z.infer<typeof instrumentOut>;

// ---- Assessments ---------------------------------------------------------

/** An answer: a code of the item's type (`si`, `presente`, `non_noto`…) or an integer of a scale. */
export const riskAnswer = z.union([z.enum(answerCodes), z.number().int()]);
export const MAX_RISK_ANSWERS = 200;

/**
 * A new assessment. The server checks the answers against the instrument
 * and computes score and level itself (a score from the client is never
 * read). `judgementLevel` other than the computed level needs `reason`.
 */
export const assessmentCreate = z
  .object({
    instrumentId: z.uuid(),
    answers: z.record(z.string().max(64), riskAnswer).refine((a) => Object.keys(a).length <= MAX_RISK_ANSWERS, { message: 'too_big' }),
    judgementLevel: z.enum(instrumentLevels).optional(),
    reason: z.string().trim().min(1).max(reasonMax).optional(),
    occasion: z.enum(riskOccasions),
    assessedOn: isoDate,
  })
  .strict();
export type AssessmentCreate = z.infer<typeof assessmentCreate>;

export const assessmentOut = z.object({
  id: z.uuid(),
  instrument: z.object({ id: z.uuid(), code: z.string(), version: z.number().int(), title: pair, example: z.boolean() }),
  answers: z.record(z.string(), riskAnswer),
  /** Null under structured professional judgement. */
  score: z.number().nullable(),
  maxScore: z.number().nullable(),
  computedLevel: z.enum(riskLevels).nullable(),
  judgementLevel: z.enum(riskLevels).nullable(),
  finalLevel: z.enum(riskLevels),
  /** The judgement set the final level below the computed one (with a reason, audited). */
  lowered: z.boolean(),
  /** The reason of the judgement; null when none was given. */
  reason: z.string().nullable(),
  /** Items whose critical rule fired, left unanswered, answered `non_noto`; too many unknown: the result says little. */
  critical: z.array(z.string()),
  missing: z.array(z.string()),
  unknown: z.array(z.string()),
  tooManyUnknown: z.boolean(),
  occasion: z.enum(riskOccasions),
  assessedOn: day,
  assessor: z.object({ displayName: z.string().nullable(), organisation: named }),
  createdAt: z.date(),
});
export type AssessmentOut = z.infer<typeof assessmentOut>;

/** The assessments of a case, the latest first. */
export const assessmentsOut = z.array(assessmentOut);

/** Answer to a new assessment: what was stored, and what it set off. */
export const assessmentCreated = z.object({
  id: z.uuid(),
  finalLevel: z.enum(riskLevels),
  /** The high-risk response was started (plan actions created, team notified): the level rose to elevato or above. */
  triggered: z.boolean(),
  /** The plan actions it created (empty unless triggered). */
  actionIds: z.array(z.uuid()),
});

// ---- The risk summary of a case ------------------------------------------

export const reassessmentReasons = ['interval', 'event'] as const;

export const riskSummaryOut = z.object({
  latest: assessmentOut.nullable(),
  /** Every assessment, the oldest first: the trend. */
  history: z.array(
    z.object({
      id: z.uuid(),
      assessedOn: day,
      occasion: z.enum(riskOccasions),
      instrumentCode: z.string(),
      instrumentVersion: z.number().int(),
      score: z.number().nullable(),
      maxScore: z.number().nullable(),
      computedLevel: z.enum(riskLevels).nullable(),
      finalLevel: z.enum(riskLevels),
      lowered: z.boolean(),
    }),
  ),
  /** When the next assessment is due (null: no assessment yet, or the case is closed). */
  reassessmentDueOn: day.nullable(),
  /** Why: the interval after the latest assessment, or a risk event recorded after it. */
  reassessmentReason: z.enum(reassessmentReasons).nullable(),
  /** The interval in weeks (RISK_REASSESS_WEEKS). */
  reassessWeeks: z.number().int(),
});
export type RiskSummaryOut = z.infer<typeof riskSummaryOut>;
