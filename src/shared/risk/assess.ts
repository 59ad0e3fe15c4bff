import { z } from 'zod';
import {
  instrumentLevels,
  levelRank,
  levelsOf,
  maxScoreOf,
  presenceAnswers,
  roundScore,
  unknownAnswer,
  yesNoAnswers,
  type Instrument,
  type InstrumentItem,
  type InstrumentLevel,
} from './instrument.js';
import type { FieldIssue } from '../problems.js';

/**
 * Scoring an assessment against an instrument, and the rule of the
 * professional judgement. Pure functions: the caller stores, audits and
 * notifies. The rules, in docs/risk.md:
 *
 * - Points of an answer: `si` and `presente` 1, `parziale` 0.5, `no` and
 *   `assente` 0; a scale answer `a` gives `a − min` (weighted sum) or 1 when
 *   above `min` (count). `count` adds the points; `weighted_sum` adds
 *   points × weight (default 1). `spj` has no score.
 * - `non_noto`, and an item left unanswered, give 0 points — not present, but
 *   reported (`unknown`, `missing`) and flagged (`tooManyUnknown`) above the
 *   instrument's `maxUnknownShare`.
 * - The computed level is the threshold band of the score, raised to the
 *   floor of any critical item answered positively.
 * - The final level: a judgement may raise or lower the computed level, each
 *   time with a reason; a lowered level is marked `lowered` for the caller to
 *   audit. Without a computed level (spj) the judgement is mandatory.
 */

/** Every answer value: a code of the item's type, or an integer of a scale. */
export const answerCodes = [...new Set([...yesNoAnswers, ...presenceAnswers])] as [string, ...string[]];
export type AnswerCode = (typeof yesNoAnswers)[number] | (typeof presenceAnswers)[number];
export type AnswerValue = AnswerCode | number;
/** Answers by item id. */
export type Answers = Record<string, AnswerValue>;

const itemsOf = (instrument: Instrument): InstrumentItem[] => instrument.sections.flatMap((s) => s.items);
const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** The issue of one answer for its item, or null when it fits. */
function answerIssue(item: InstrumentItem, value: unknown): Omit<FieldIssue, 'pointer'> | null {
  const a = item.answer;
  if (a.kind === 'yes_no_unknown') return (yesNoAnswers as readonly unknown[]).includes(value) ? null : { code: 'invalid_value' };
  if (a.kind === 'absent_partial_present') return (presenceAnswers as readonly unknown[]).includes(value) ? null : { code: 'invalid_value' };
  if (value === unknownAnswer) return null;
  if (typeof value !== 'number' || !Number.isInteger(value)) return { code: 'invalid_value' };
  if (value < a.min) return { code: 'too_small', params: { minimum: a.min } };
  if (value > a.max) return { code: 'too_big', params: { maximum: a.max } };
  return null;
}

/** At most this many issues are listed for one answers object, then `too_many_errors`. */
export const maxAnswerIssues = 100;

/**
 * Checks answers against an instrument: every key an item of it, every value
 * of the item's type and range. Pointers are `prefix` + `/<item id>`.
 * Unanswered items are not an error here (`assess` reports them).
 */
export function checkAnswers(instrument: Instrument, input: unknown, prefix = ''): { ok: true; answers: Answers } | { ok: false; issues: FieldIssue[] } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, issues: [{ pointer: prefix, code: 'invalid_type' }] };
  const items = new Map(itemsOf(instrument).map((i) => [i.id, i]));
  const issues: FieldIssue[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (issues.length >= maxAnswerIssues) {
      issues.push({ pointer: prefix, code: 'too_many_errors' });
      break;
    }
    const pointer = `${prefix}/${escape(key)}`;
    const item = items.get(key);
    if (!item) {
      issues.push({ pointer, code: 'unknown_risk_item' });
      continue;
    }
    const found = answerIssue(item, value);
    if (found) issues.push({ pointer, ...found });
  }
  return issues.length ? { ok: false, issues } : { ok: true, answers: input as Answers };
}

/** The points an answer gives before its weight (see the module's comment). */
export function answerPoints(item: InstrumentItem, value: AnswerValue | undefined, rule: 'count' | 'weighted_sum'): number {
  if (value === undefined || value === unknownAnswer) return 0;
  if (item.answer.kind === 'scale') {
    if (typeof value !== 'number') return 0;
    return rule === 'count' ? (value > item.answer.min ? 1 : 0) : value - item.answer.min;
  }
  return value === 'si' || value === 'presente' ? 1 : value === 'parziale' ? 0.5 : 0;
}

/** Whether an answer triggers the item's critical rule: `si`, `presente`, or a scale answer of at least `atLeast`. */
export function triggersCritical(item: InstrumentItem, value: AnswerValue | undefined): boolean {
  if (!item.critical || value === undefined || value === unknownAnswer) return false;
  if (item.answer.kind === 'scale') return typeof value === 'number' && item.critical.atLeast !== undefined && value >= item.critical.atLeast;
  return value === 'si' || value === 'presente';
}

/** The band of a score: the threshold with `from ≤ score < below` (the last one open-ended). */
export function bandOf(instrument: Instrument, score: number): InstrumentLevel {
  if (instrument.scoring.rule === 'spj') throw new TypeError('spj has no thresholds');
  const list = instrument.scoring.thresholds;
  for (const t of list) if (score >= t.from && (t.below === undefined || score < t.below)) return t.level;
  // A parsed instrument's bands start at 0 and leave no gap: a score is never outside them.
  throw new RangeError('score outside the thresholds');
}

const higher = (a: InstrumentLevel | null, b: InstrumentLevel | null) => (a === null ? b : b === null ? a : levelRank(b) > levelRank(a) ? b : a);

export interface Assessment {
  /** Null for spj. */
  score: number | null;
  maxScore: number | null;
  /** The level of the score's threshold band (null for spj). */
  bandLevel: InstrumentLevel | null;
  /** Items whose critical rule fired, in the instrument's order. */
  critical: string[];
  /** The band raised to the critical items' floor; null for spj when no critical item fired. */
  computedLevel: InstrumentLevel | null;
  /** Items left unanswered, in the instrument's order. */
  missing: string[];
  /** Items answered `non_noto`, in the instrument's order. */
  unknown: string[];
  /** More items missing or unknown than the instrument's `maxUnknownShare` allows: the result says little. */
  tooManyUnknown: boolean;
}

/**
 * Scores answers already checked by `checkAnswers` (it throws on answers it
 * was not given checked: a programming error, not a user's).
 */
export function assess(instrument: Instrument, answers: Answers): Assessment {
  const checked = checkAnswers(instrument, answers);
  if (!checked.ok) throw new TypeError(`answers not checked: ${checked.issues.map((i) => `${i.pointer} ${i.code}`).join(', ')}`);
  const { rule } = instrument.scoring;
  const missing: string[] = [];
  const unknown: string[] = [];
  const critical: string[] = [];
  let score = 0;
  let floor: InstrumentLevel | null = null;
  const items = itemsOf(instrument);
  for (const item of items) {
    const value = Object.hasOwn(answers, item.id) ? answers[item.id] : undefined;
    if (value === undefined) missing.push(item.id);
    else if (value === unknownAnswer) unknown.push(item.id);
    if (rule !== 'spj') score += answerPoints(item, value, rule) * (rule === 'weighted_sum' ? (item.weight ?? 1) : 1);
    if (triggersCritical(item, value) && item.critical) {
      critical.push(item.id);
      floor = higher(floor, item.critical.level);
    }
  }
  const scored = rule === 'spj' ? null : roundScore(score);
  const bandLevel = scored === null ? null : bandOf(instrument, scored);
  return {
    score: scored,
    maxScore: maxScoreOf(instrument),
    bandLevel,
    critical,
    computedLevel: higher(bandLevel, floor),
    missing,
    unknown,
    tooManyUnknown: missing.length + unknown.length > instrument.maxUnknownShare * items.length,
  };
}

// ---- The professional judgement -----------------------------------------

export const reasonMax = 2000;

/** The assessor's judgement as a request carries it. */
export const judgement = z.strictObject({
  level: z.enum(instrumentLevels),
  reason: z.string().max(reasonMax).nullable().optional(),
});
export type Judgement = z.input<typeof judgement>;

export type FinalLevel =
  | {
      ok: true;
      level: InstrumentLevel;
      /** A judgement was given (even one confirming the computed level). */
      judged: boolean;
      raised: boolean;
      /** Below the computed level: the caller audits it. */
      lowered: boolean;
      /** Trimmed; null when none was given. */
      reason: string | null;
    }
  | { ok: false; issues: FieldIssue[] };

/**
 * The final level from the computed one and the assessor's judgement. Any
 * change of level needs a non-empty reason; lowering is allowed with one and
 * comes back `lowered: true`, never silently. Without a computed level (spj,
 * no critical item fired) the judgement and its reason are mandatory.
 * `levels` are the instrument's (`levelsOf`): a judgement cannot name another.
 * Pointers are `prefix` + `/judgement…`.
 */
export function finalLevel(
  computed: InstrumentLevel | null,
  given?: Judgement | null,
  levels: readonly InstrumentLevel[] = instrumentLevels,
  prefix = '',
): FinalLevel {
  if (!given) {
    if (computed === null) return { ok: false, issues: [{ pointer: `${prefix}/judgement`, code: 'judgement_required' }] };
    return { ok: true, level: computed, judged: false, raised: false, lowered: false, reason: null };
  }
  const issues: FieldIssue[] = [];
  if (!levels.includes(given.level)) issues.push({ pointer: `${prefix}/judgement/level`, code: 'level_not_in_instrument' });
  const reason = given.reason?.trim() || null;
  if (reason !== null && reason.length > reasonMax) issues.push({ pointer: `${prefix}/judgement/reason`, code: 'too_big', params: { maximum: reasonMax } });
  const changes = computed === null || given.level !== computed;
  if (changes && reason === null) issues.push({ pointer: `${prefix}/judgement/reason`, code: 'reason_required' });
  if (issues.length) return { ok: false, issues };
  const delta = computed === null ? 0 : levelRank(given.level) - levelRank(computed);
  return { ok: true, level: given.level, judged: true, raised: delta > 0, lowered: delta < 0, reason };
}

/** The levels a judgement may name for this instrument. */
export const judgementLevels = (instrument: Instrument): InstrumentLevel[] => levelsOf(instrument);
