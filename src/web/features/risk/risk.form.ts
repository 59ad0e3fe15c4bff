import { z } from 'zod';
import { assessmentCreate } from '../../../shared/risk.api';
import { assess, finalLevel, judgementLevels, type Answers } from '../../../shared/risk/assess';
import { levelRank, type Instrument, type InstrumentItem, type InstrumentLevel } from '../../../shared/risk/instrument';
import { blank } from '../../ui/form';
import { pastDay } from '../cases/cases.form';

/**
 * The assessment form, generated from an instrument and checked with the
 * API's schema (src/shared/risk.api.ts) and the engine the server runs
 * (src/shared/risk/assess.ts): the same score, the same computed level and
 * the same rule of the professional judgement, before anything is sent.
 */

/** What the radio groups hold: the answer's code, or a scale's number as text; absent (or null) while unanswered. */
export type AnswerFields = Record<string, string | null | undefined>;

/** The values of a scale item's choices, lowest first. */
export function scaleValues(item: InstrumentItem): number[] {
  const a = item.answer;
  return a.kind === 'scale' ? Array.from({ length: a.max - a.min + 1 }, (_, i) => a.min + i) : [];
}

/** The radio groups' values as the API's answers: unanswered items left out, a scale's choice as its number. */
export function answersOf(instrument: Instrument, fields: AnswerFields | undefined): Answers {
  const out: Answers = {};
  for (const section of instrument.sections) {
    for (const item of section.items) {
      // An unchecked radio group holds null (react-hook-form): not answered.
      const value: unknown = fields?.[item.id];
      if (typeof value !== 'string' || value === '') continue;
      out[item.id] = item.answer.kind === 'scale' && /^-?\d+$/.test(value) ? Number(value) : (value as Answers[string]);
    }
  }
  return out;
}

/** The live result: the engine's assessment of what is answered so far. */
export const liveAssessment = (instrument: Instrument, fields: AnswerFields | undefined) => assess(instrument, answersOf(instrument, fields));

/** Where the judgement's issues of the engine (`/judgement…`) sit in this form. */
const judgementPath = (pointer: string) => (pointer.endsWith('/reason') ? 'reason' : 'judgementLevel');

const shape = assessmentCreate.shape;

/**
 * The form's schema for one instrument. `judgementLevel` empty means "the
 * computed level"; any other level, or no computed level at all (spj with
 * no critical item), asks for the reason — the engine's `finalLevel` says so.
 */
export function assessmentForm(instrument: Instrument) {
  const levels = judgementLevels(instrument);
  return z
    .object({
      instrumentId: blank(shape.instrumentId),
      answers: z.record(z.string(), z.string().nullable().optional()).transform((fields) => answersOf(instrument, fields)),
      judgementLevel: blank(shape.judgementLevel),
      reason: blank(shape.reason),
      occasion: blank(shape.occasion),
      assessedOn: blank(pastDay),
    })
    .superRefine((v, ctx) => {
      const computed = assess(instrument, v.answers).computedLevel;
      const judged = v.judgementLevel ? { level: v.judgementLevel, reason: v.reason ?? null } : null;
      const result = finalLevel(computed, judged, levels);
      if (!result.ok) for (const issue of result.issues) ctx.addIssue({ code: 'custom', message: issue.code, path: [judgementPath(issue.pointer)] });
    });
}
export type AssessmentFormValues = z.input<ReturnType<typeof assessmentForm>>;

/** The empty form: nothing answered, the judgement left to the computed level, today. */
export const emptyAssessment = (instrumentId: string, today: string): AssessmentFormValues => ({
  instrumentId,
  answers: {},
  judgementLevel: '',
  reason: '',
  occasion: '',
  assessedOn: today,
});

/** How a chosen level stands to the computed one: the screen calls a lowering out. */
export function judgementDirection(computed: InstrumentLevel | null, chosen: InstrumentLevel | undefined): 'same' | 'raised' | 'lowered' | 'set' {
  if (!chosen || chosen === computed) return 'same';
  if (computed === null) return 'set';
  return levelRank(chosen) > levelRank(computed) ? 'raised' : 'lowered';
}
