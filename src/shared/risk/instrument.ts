import { z } from 'zod';
import type { Lang } from '../labels.js';
import { type FieldErrorParams, codeOfIssue, limitParamsOf } from '../field-errors.js';
import type { FieldIssue } from '../problems.js';

/**
 * A risk-assessment instrument as data (issue 12): what a network admin
 * loads as JSON — items grouped in sections, their answer types, a scoring
 * rule and the thresholds that map a score to a level. The engine
 * (`assess.ts`) is pure; storage, routes and screens come in later slices.
 * The format, its rules and a worked example: docs/risk.md.
 *
 * Errors are codes with JSON pointers, never sentences: our refinements give
 * a field-error code (src/shared/field-errors.ts: the risk codes such as
 * `threshold_gap`, and `required`, `not_allowed`, `duplicate`, …) as their
 * message; `zodIssues` turns a failed parse into field issues
 * (`{ pointer, code, params }`).
 */

/** The levels, lowest first. `imminente` is optional in an instrument; the other three are always there. */
export const instrumentLevels = ['basso', 'medio', 'elevato', 'imminente'] as const;
export type InstrumentLevel = (typeof instrumentLevels)[number];
/** A level's place in the order (basso 0 … imminente 3). */
export const levelRank = (level: InstrumentLevel): number => instrumentLevels.indexOf(level);

// ---- Answers -------------------------------------------------------------

/** `non_noto` is an answer of every type: the assessor does not know. */
export const unknownAnswer = 'non_noto';
export const yesNoAnswers = ['si', 'no', unknownAnswer] as const;
export const presenceAnswers = ['assente', 'parziale', 'presente', unknownAnswer] as const;

export const answerLabels = {
  si: { it: 'Sì', en: 'Yes' },
  no: { it: 'No', en: 'No' },
  assente: { it: 'Assente', en: 'Absent' },
  parziale: { it: 'Parziale', en: 'Partial' },
  presente: { it: 'Presente', en: 'Present' },
  non_noto: { it: 'Non noto', en: 'Unknown' },
} as const satisfies Record<(typeof yesNoAnswers)[number] | (typeof presenceAnswers)[number], Record<Lang, string>>;

// ---- The instrument ------------------------------------------------------

export const instrumentLimits = { sections: 30, items: 200, name: 200, text: 600, help: 2000, weight: 100, scale: 100 } as const;

const slug = z.string().regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, 'invalid_format').max(64);
const text = (max: number) => z.strictObject({ it: z.string().trim().min(1).max(max), en: z.string().trim().min(1).max(max) });

const answerType = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('yes_no_unknown') }),
  z.strictObject({ kind: z.literal('absent_partial_present') }),
  z
    .strictObject({
      kind: z.literal('scale'),
      min: z.number().int().min(-instrumentLimits.scale).max(instrumentLimits.scale),
      max: z.number().int().min(-instrumentLimits.scale).max(instrumentLimits.scale),
      /** What the ends mean ("per niente" … "moltissimo"). */
      minLabel: text(instrumentLimits.name).optional(),
      maxLabel: text(instrumentLimits.name).optional(),
    })
    .refine((s) => s.min < s.max, { message: 'from_after_to', path: ['max'] }),
]);

/**
 * A critical item: answered positively, it sets a floor under the computed
 * level whatever the score (threats to kill → at least `elevato`). Positive
 * here means `si`, `presente` (not `parziale`), or a scale answer of at
 * least `atLeast` (required for a scale, refused otherwise).
 */
const critical = z.strictObject({
  level: z.enum(['medio', 'elevato', 'imminente']),
  atLeast: z.number().int().optional(),
});

const item = z.strictObject({
  id: slug,
  text: text(instrumentLimits.text),
  answer: answerType,
  /** Weighted sum only; 1 when left out. */
  weight: z.number().min(0).max(instrumentLimits.weight).optional(),
  help: text(instrumentLimits.help).optional(),
  critical: critical.optional(),
});

const threshold = z.strictObject({
  level: z.enum(instrumentLevels),
  /** Lowest score of the band, included. */
  from: z.number().min(0),
  /** First score above the band, excluded; left out on the last band only (open-ended). */
  below: z.number().min(0).optional(),
});

const scoring = z.discriminatedUnion('rule', [
  z.strictObject({ rule: z.literal('count'), thresholds: z.array(threshold).min(3).max(4) }),
  z.strictObject({ rule: z.literal('weighted_sum'), thresholds: z.array(threshold).min(3).max(4) }),
  /** Structured professional judgement: no score; the assessor sets the level. */
  z.strictObject({ rule: z.literal('spj'), imminente: z.boolean().default(false) }),
]);

const section = z.strictObject({
  id: slug,
  title: text(instrumentLimits.name),
  items: z.array(item).min(1).max(instrumentLimits.items),
});

const instrumentShape = z.strictObject({
  /** The format of this file; a new format gets a new value. */
  format: z.literal('trama-risk-instrument/1'),
  id: slug,
  /** Positive integer, raised at every change of items, weights or thresholds: (id, version) names what an assessment used. */
  version: z.number().int().min(1),
  name: text(instrumentLimits.name),
  /** Mandatory: true for anything that is not a validated, licensed instrument. */
  example: z.boolean(),
  /** Shown wherever the instrument is; required when `example` is true. */
  notice: text(instrumentLimits.text).optional(),
  /** Publisher, edition, licence (free text, shown to assessors). */
  source: z.string().trim().min(1).max(instrumentLimits.text).optional(),
  /** Above this share of items answered `non_noto` or left unanswered, an assessment is flagged `tooManyUnknown`. */
  maxUnknownShare: z.number().min(0).max(1).default(0.25),
  sections: z.array(section).min(1).max(instrumentLimits.sections),
  scoring,
});

type Shape = z.output<typeof instrumentShape>;
export type InstrumentItem = Shape['sections'][number]['items'][number];
export type AnswerType = InstrumentItem['answer'];

/** What an item's answers can add to the score at most (before its weight). */
export function itemMaxPoints(item: InstrumentItem): number {
  return item.answer.kind === 'scale' ? item.answer.max - item.answer.min : 1;
}

/** Scores are rounded to 6 decimals, so weights like 0.1 add up to what they say at a threshold's edge. */
export const roundScore = (score: number): number => Math.round(score * 1e6) / 1e6;

/** The highest score an instrument can give (null for spj). */
export function maxScoreOf(instrument: Pick<Shape, 'sections' | 'scoring'>): number | null {
  const { rule } = instrument.scoring;
  if (rule === 'spj') return null;
  let max = 0;
  for (const s of instrument.sections) for (const i of s.items) max += rule === 'count' ? 1 : (i.weight ?? 1) * itemMaxPoints(i);
  return roundScore(max);
}

/** The levels an instrument uses, lowest first. */
export function levelsOf(instrument: Pick<Shape, 'scoring'>): InstrumentLevel[] {
  const s = instrument.scoring;
  const withImminente = s.rule === 'spj' ? s.imminente : s.thresholds.some((t) => t.level === 'imminente');
  return withImminente ? [...instrumentLevels] : instrumentLevels.slice(0, 3);
}

type Ctx = z.core.$RefinementCtx<Shape>;
const issue = (ctx: Ctx, message: string, path: (string | number)[], params?: Record<string, string | number>) =>
  ctx.addIssue({ code: 'custom', message, path, ...(params ? { params } : {}) });

function checkThresholds(s: Shape, ctx: Ctx) {
  if (s.scoring.rule === 'spj') return;
  const list = s.scoring.thresholds;
  const base = ['scoring', 'thresholds'];
  const max = maxScoreOf(s) ?? 0;
  list.forEach((t, i) => {
    const expected = instrumentLevels[i];
    if (t.level !== expected) issue(ctx, 'threshold_order', [...base, i, 'level']);
    const last = i === list.length - 1;
    if (last && t.below !== undefined) issue(ctx, 'not_allowed', [...base, i, 'below']);
    if (!last && t.below === undefined) issue(ctx, 'required', [...base, i, 'below']);
    if (t.below !== undefined && t.below <= t.from) issue(ctx, 'threshold_empty', [...base, i, 'below']);
    const previousEnd = i === 0 ? 0 : list[i - 1]?.below;
    if (previousEnd !== undefined && t.from > previousEnd) issue(ctx, 'threshold_gap', [...base, i, 'from']);
    if (previousEnd !== undefined && t.from < previousEnd) issue(ctx, 'threshold_overlap', [...base, i, 'from']);
    if (t.from > max && s.sections.some((x) => x.items.length > 0)) issue(ctx, 'threshold_unreachable', [...base, i, 'from'], { maximum: max });
  });
}

function checkItems(s: Shape, ctx: Ctx) {
  const sectionIds = new Set<string>();
  const itemIds = new Set<string>();
  const levels = levelsOf(s);
  let total = 0;
  s.sections.forEach((section, si) => {
    if (sectionIds.has(section.id)) issue(ctx, 'duplicate', ['sections', si, 'id']);
    sectionIds.add(section.id);
    section.items.forEach((it, ii) => {
      total += 1;
      const at = ['sections', si, 'items', ii];
      // One id, one item: an item cannot sit in two sections either.
      if (itemIds.has(it.id)) issue(ctx, 'duplicate', [...at, 'id']);
      itemIds.add(it.id);
      if (it.weight !== undefined && s.scoring.rule !== 'weighted_sum') issue(ctx, 'not_allowed', [...at, 'weight']);
      const c = it.critical;
      if (c) {
        if (!levels.includes(c.level)) issue(ctx, 'level_not_in_instrument', [...at, 'critical', 'level']);
        if (it.answer.kind === 'scale') {
          if (c.atLeast === undefined) issue(ctx, 'required', [...at, 'critical', 'atLeast']);
          else if (c.atLeast < it.answer.min || c.atLeast > it.answer.max) issue(ctx, 'invalid_value', [...at, 'critical', 'atLeast']);
        } else if (c.atLeast !== undefined) issue(ctx, 'not_allowed', [...at, 'critical', 'atLeast']);
      }
    });
  });
  if (total > instrumentLimits.items) issue(ctx, 'too_big', ['sections'], { maximum: instrumentLimits.items });
}

/** The instrument schema (publish its JSON Schema with `z.toJSONSchema(instrument, { io: 'input' })`). */
export const instrument = instrumentShape.superRefine((s, ctx) => {
  if (s.example && !s.notice) issue(ctx, 'required', ['notice']);
  checkItems(s, ctx);
  checkThresholds(s, ctx);
});

export type Instrument = z.output<typeof instrument>;
export type InstrumentInput = z.input<typeof instrument>;
export type Threshold = z.output<typeof threshold>;
export type CriticalRule = z.output<typeof critical>;

const pointerOf = (path: readonly PropertyKey[]) =>
  path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');

/** A failed parse as field issues: our refinements' codes (their message), Zod's own codes, anything else `custom`. */
export function zodIssues(error: z.ZodError, prefix = ''): FieldIssue[] {
  return error.issues.map((i) => {
    const raw = i as { code: string; message?: string; params?: FieldErrorParams; minimum?: unknown; maximum?: unknown };
    const params = raw.params ?? limitParamsOf(raw);
    return { pointer: prefix + pointerOf(i.path), code: codeOfIssue(raw.code, raw.message), ...(params ? { params } : {}) };
  });
}

/** Parses an instrument: the instrument, or every issue found. */
export function parseInstrument(input: unknown): { ok: true; instrument: Instrument } | { ok: false; issues: FieldIssue[] } {
  const r = instrument.safeParse(input);
  return r.success ? { ok: true, instrument: r.data } : { ok: false, issues: zodIssues(r.error) };
}
