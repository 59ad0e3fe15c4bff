import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import exampleJson from '../../src/shared/risk-instruments/example.json';
import { assess, checkAnswers, finalLevel, judgementLevels, type Answers } from '../../src/shared/risk/assess.js';
import {
  instrument,
  instrumentLevels,
  levelRank,
  parseInstrument,
  type Instrument,
  type InstrumentInput,
  type InstrumentLevel,
} from '../../src/shared/risk/instrument.js';
import { fieldErrorCodes, fieldErrorText } from '../../src/shared/field-errors.js';

/** The codes the risk engine adds to the field errors. */
const riskIssueCodes = ['threshold_gap', 'threshold_overlap', 'threshold_order', 'threshold_empty', 'threshold_unreachable', 'level_not_in_instrument', 'unknown_risk_item', 'judgement_required', 'reason_required'] as const;

const t = (it: string) => ({ it, en: it });

/** A small instrument: three yes/no items, one absent/partial/present, one scale 0–3. */
function small(more: Partial<InstrumentInput> = {}, scoring?: InstrumentInput['scoring']): InstrumentInput {
  return {
    format: 'trama-risk-instrument/1',
    id: 'prova',
    version: 1,
    name: t('Prova'),
    example: true,
    notice: t('Esempio'),
    sections: [
      {
        id: 'a',
        title: t('A'),
        items: [
          { id: 'minacce', text: t('Minacce'), answer: { kind: 'yes_no_unknown' }, critical: { level: 'elevato' } },
          { id: 'armi', text: t('Armi'), answer: { kind: 'yes_no_unknown' } },
          { id: 'separazione', text: t('Separazione'), answer: { kind: 'yes_no_unknown' } },
        ],
      },
      {
        id: 'b',
        title: t('B'),
        items: [
          { id: 'controllo', text: t('Controllo'), answer: { kind: 'absent_partial_present' } },
          { id: 'paura', text: t('Paura'), answer: { kind: 'scale', min: 0, max: 3 } },
        ],
      },
    ],
    scoring: scoring ?? {
      rule: 'count',
      thresholds: [
        { level: 'basso', from: 0, below: 2 },
        { level: 'medio', from: 2, below: 4 },
        { level: 'elevato', from: 4 },
      ],
    },
    ...more,
  };
}

const parsed = (input: unknown): Instrument => {
  const r = parseInstrument(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.instrument;
};
const issuesOf = (input: unknown) => {
  const r = parseInstrument(input);
  if (r.ok) throw new Error('accepted');
  return r.issues.map((i) => `${i.pointer} ${i.code}`);
};
const weighted = (thresholds: { level: InstrumentLevel; from: number; below?: number }[]): InstrumentInput['scoring'] => ({ rule: 'weighted_sum', thresholds });
const withWeights = (weights: Record<string, number>, scoring: InstrumentInput['scoring']) => {
  const base = small({}, scoring);
  return { ...base, sections: base.sections.map((s) => ({ ...s, items: s.items.map((i) => (i.id in weights ? { ...i, weight: weights[i.id] } : i)) })) };
};
const run = (inst: Instrument, answers: Answers) => assess(inst, answers);

describe('the instrument schema', () => {
  it('accepts the example instrument, marked as an example with its notice in both languages', () => {
    const example = parsed(exampleJson);
    expect(example.example).toBe(true);
    expect(example.notice?.it).toMatch(/^Esempio — non è uno strumento validato; caricate lo strumento per cui avete la licenza/);
    expect(example.notice?.en).toMatch(/^Example — not a validated tool; load your licensed instrument/);
    expect(judgementLevels(example)).toEqual(['basso', 'medio', 'elevato', 'imminente']);
    const items = example.sections.flatMap((s) => s.items);
    expect(items.length).toBeGreaterThanOrEqual(12);
    for (const i of items) expect(i.text.it).not.toBe(i.text.en);
    // The example's highest score reaches its last band.
    expect(run(example, Object.fromEntries(items.map((i) => [i.id, i.answer.kind === 'scale' ? i.answer.max : i.answer.kind === 'yes_no_unknown' ? 'si' : 'presente']))).computedLevel).toBe('imminente');
  });

  it('accepts the small instruments the other tests use, and fills the defaults', () => {
    const s = parsed(small());
    expect(s.maxUnknownShare).toBe(0.25);
    expect(parsed(small({}, { rule: 'spj' })).scoring).toEqual({ rule: 'spj', imminente: false });
  });

  it('refuses gaps, overlaps, empty bands, wrong order and unreachable bands, each at its pointer', () => {
    const base = '/scoring/thresholds';
    const count = (thresholds: { level: InstrumentLevel; from: number; below?: number }[]) => small({}, { rule: 'count', thresholds });
    expect(issuesOf(count([{ level: 'basso', from: 0, below: 2 }, { level: 'medio', from: 3, below: 4 }, { level: 'elevato', from: 4 }]))).toEqual([`${base}/1/from threshold_gap`]);
    expect(issuesOf(count([{ level: 'basso', from: 1, below: 2 }, { level: 'medio', from: 2, below: 4 }, { level: 'elevato', from: 4 }]))).toEqual([`${base}/0/from threshold_gap`]);
    expect(issuesOf(count([{ level: 'basso', from: 0, below: 2 }, { level: 'medio', from: 2, below: 4 }, { level: 'elevato', from: 3 }]))).toEqual([`${base}/2/from threshold_overlap`]);
    expect(issuesOf(count([{ level: 'basso', from: 0, below: 2 }, { level: 'medio', from: 2, below: 2 }, { level: 'elevato', from: 2 }]))).toEqual([`${base}/1/below threshold_empty`]);
    expect(issuesOf(count([{ level: 'medio', from: 0, below: 2 }, { level: 'basso', from: 2, below: 4 }, { level: 'elevato', from: 4 }]))).toEqual([`${base}/0/level threshold_order`, `${base}/1/level threshold_order`]);
    expect(issuesOf(count([{ level: 'basso', from: 0, below: 2 }, { level: 'medio', from: 2, below: 4 }, { level: 'imminente', from: 4 }]))).toEqual([`${base}/2/level threshold_order`]);
    expect(issuesOf(count([{ level: 'basso', from: 0, below: 2 }, { level: 'medio', from: 2 }, { level: 'elevato', from: 4, below: 9 }]))).toEqual([
      `${base}/1/below required`,
      `${base}/2/below not_allowed`,
    ]);
    // Five items: a count reaches 5 at most.
    expect(issuesOf(count([{ level: 'basso', from: 0, below: 2 }, { level: 'medio', from: 2, below: 6 }, { level: 'elevato', from: 6 }]))).toEqual([`${base}/2/from threshold_unreachable`]);
    expect(parseInstrument(count([{ level: 'basso', from: 0, below: 2 }, { level: 'medio', from: 2, below: 6 }, { level: 'elevato', from: 6 }]))).toMatchObject({
      issues: [{ params: { maximum: 5 } }],
    });
    // Only basso, medio, elevato and imminente: too few or too many bands are refused by size.
    expect(issuesOf(count([{ level: 'basso', from: 0, below: 2 }, { level: 'elevato', from: 2 }]))).toEqual([`${base} too_small`, `${base}/1/level threshold_order`]);
  });

  it('refuses duplicate ids (an item in two sections too), weights outside a weighted sum, a missing example notice', () => {
    const s = small();
    const dupItem = { ...s, sections: [s.sections[0]!, { ...s.sections[1]!, items: [...s.sections[1]!.items, { id: 'armi', text: t('Armi'), answer: { kind: 'yes_no_unknown' as const } }] }] };
    expect(issuesOf(dupItem)).toEqual(['/sections/1/items/2/id duplicate']);
    expect(issuesOf({ ...s, sections: [s.sections[0]!, { ...s.sections[1]!, id: 'a' }] })).toEqual(['/sections/1/id duplicate']);
    expect(issuesOf(withWeights({ armi: 2 }, s.scoring))).toEqual(['/sections/0/items/1/weight not_allowed']);
    expect(issuesOf({ ...s, notice: undefined })).toEqual(['/notice required']);
    expect(parsed({ ...s, example: false, notice: undefined }).example).toBe(false);
    const { example: _, ...noFlag } = s;
    expect(issuesOf(noFlag)).toEqual(['/example invalid_type']);
  });

  it('refuses bad ids, scales, critical rules, thresholds on spj and unknown fields', () => {
    const s = small();
    expect(issuesOf({ ...s, id: 'Con Spazi' })).toEqual(['/id invalid_format']);
    expect(issuesOf({ ...s, version: 0 })).toEqual(['/version too_small']);
    const patchItem = (si: number, ii: number, patch: object) => ({
      ...s,
      sections: s.sections.map((sec, i) => (i === si ? { ...sec, items: sec.items.map((it, j) => (j === ii ? { ...it, ...patch } : it)) } : sec)),
    });
    expect(issuesOf(patchItem(1, 1, { answer: { kind: 'scale', min: 3, max: 3 } }))).toEqual(['/sections/1/items/1/answer/max from_after_to']);
    expect(issuesOf(patchItem(1, 1, { critical: { level: 'elevato' } }))).toEqual(['/sections/1/items/1/critical/atLeast required']);
    expect(issuesOf(patchItem(1, 1, { critical: { level: 'elevato', atLeast: 4 } }))).toEqual(['/sections/1/items/1/critical/atLeast invalid_value']);
    expect(issuesOf(patchItem(0, 1, { critical: { level: 'elevato', atLeast: 1 } }))).toEqual(['/sections/0/items/1/critical/atLeast not_allowed']);
    expect(issuesOf(patchItem(0, 1, { critical: { level: 'imminente' } }))).toEqual(['/sections/0/items/1/critical/level level_not_in_instrument']);
    expect(issuesOf(patchItem(0, 1, { colour: 'red' }))).toEqual(['/sections/0/items/1 unrecognized_keys']);
    expect(issuesOf(small({}, { rule: 'spj', thresholds: [] } as never))).toEqual(['/scoring unrecognized_keys']);
    expect(issuesOf({ ...s, sections: [] })).toEqual(['/sections too_small']);
    expect(parseInstrument({ ...s, version: 0 })).toMatchObject({ issues: [{ params: { minimum: 1 } }] });
  });

  it('has a text in both languages for each of its own codes, each a field-error code the web translates', () => {
    for (const code of riskIssueCodes) {
      expect(fieldErrorText(code, 'it').trim(), code).toBeTruthy();
      expect(fieldErrorText(code, 'en').trim(), code).toBeTruthy();
      expect(fieldErrorText(code, 'it'), code).not.toBe(fieldErrorText('custom', 'it'));
      expect((fieldErrorCodes as readonly string[]).includes(code), code).toBe(true);
    }
  });

  it('has an input JSON Schema to publish', () => {
    const schema = z.toJSONSchema(instrument, { io: 'input', unrepresentable: 'any' }) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['id', 'version', 'example', 'sections', 'scoring']));
  });
});

describe('thresholds, property', () => {
  // N yes/no items under `count`; cut points on the half-point grid the scores live on.
  const setup = fc.integer({ min: 2, max: 20 }).chain((n) =>
    fc.tuple(fc.constant(n), fc.uniqueArray(fc.integer({ min: 1, max: 2 * n }), { minLength: 2, maxLength: 3 }).map((cuts) => cuts.sort((a, b) => a - b).map((c) => c / 2))),
  );
  const build = (n: number, cuts: number[]) => {
    const items = Array.from({ length: n }, (_, i) => ({ id: `i${i}`, text: t(`I${i}`), answer: { kind: 'absent_partial_present' as const } }));
    const starts = [0, ...cuts];
    const thresholds = starts.map((from, i) => ({ level: instrumentLevels[i]!, from, ...(i < cuts.length ? { below: cuts[i] } : {}) }));
    return { ...small(), sections: [{ id: 's', title: t('S'), items }], scoring: { rule: 'count' as const, thresholds } };
  };

  it('contiguous bands are accepted, and every score falls in the band whose edges hold it, edges included at from', () => {
    fc.assert(
      fc.property(setup, ([n, cuts]) => {
        const inst = parsed(build(n, cuts));
        for (let halves = 0; halves <= 2 * n; halves++) {
          const answers: Answers = Object.fromEntries(Array.from({ length: n }, (_, i) => [`i${i}`, i < Math.floor(halves / 2) ? 'presente' : i === Math.floor(halves / 2) && halves % 2 ? 'parziale' : 'assente']));
          const a = assess(inst, answers);
          expect(a.score).toBe(halves / 2);
          expect(a.bandLevel).toBe(instrumentLevels[cuts.filter((c) => c <= halves / 2).length]);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('moving one band’s start by half a point is a gap or an overlap at that band', () => {
    fc.assert(
      fc.property(setup, fc.nat(), fc.boolean(), ([n, cuts], pick, later) => {
        const input = build(n, cuts);
        const i = 1 + (pick % cuts.length);
        const band = input.scoring.thresholds[i]!;
        band.from += later ? 0.5 : -0.5;
        const r = parseInstrument(input);
        expect(r.ok).toBe(false);
        if (r.ok) return;
        expect(r.issues).toContainEqual({ pointer: `/scoring/thresholds/${i}/from`, code: later ? 'threshold_gap' : 'threshold_overlap' });
      }),
      { numRuns: 200 },
    );
  });
});

describe('answers against an instrument', () => {
  const s = parsed(small());
  it('accepts answers of each type, unknown included, and leaves unanswered items to assess', () => {
    expect(checkAnswers(s, { minacce: 'si', armi: 'non_noto', controllo: 'parziale', paura: 3 })).toMatchObject({ ok: true });
    expect(checkAnswers(s, { paura: 'non_noto' })).toMatchObject({ ok: true });
    expect(checkAnswers(s, {})).toMatchObject({ ok: true });
  });

  it('refuses unknown items, wrong types and scales out of range, with pointers and limits', () => {
    const r = checkAnswers(s, { minacce: 'presente', controllo: 'si', paura: 4, armi: 1, sconosciuto: 'si', separazione: 'sì' }, '/answers');
    expect(r).toEqual({
      ok: false,
      issues: [
        { pointer: '/answers/minacce', code: 'invalid_value' },
        { pointer: '/answers/controllo', code: 'invalid_value' },
        { pointer: '/answers/paura', code: 'too_big', params: { maximum: 3 } },
        { pointer: '/answers/armi', code: 'invalid_value' },
        { pointer: '/answers/sconosciuto', code: 'unknown_risk_item' },
        { pointer: '/answers/separazione', code: 'invalid_value' },
      ],
    });
    expect(checkAnswers(s, { paura: -1 })).toMatchObject({ issues: [{ pointer: '/paura', code: 'too_small', params: { minimum: 0 } }] });
    expect(checkAnswers(s, { paura: 1.5 })).toMatchObject({ issues: [{ pointer: '/paura', code: 'invalid_value' }] });
    expect(checkAnswers(s, JSON.parse('{"__proto__": "si", "a/b": "si"}'))).toMatchObject({
      issues: [{ pointer: '/__proto__', code: 'unknown_risk_item' }, { pointer: '/a~1b', code: 'unknown_risk_item' }],
    });
    const flood = checkAnswers(s, Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`x${i}`, 'si'])));
    expect(flood.ok ? [] : flood.issues).toHaveLength(101);
    expect(flood.ok ? null : flood.issues.at(-1)).toEqual({ pointer: '', code: 'too_many_errors' });
    expect(checkAnswers(s, ['si'])).toEqual({ ok: false, issues: [{ pointer: '', code: 'invalid_type' }] });
    expect(() => assess(s, { paura: 9 })).toThrow(TypeError);
  });
});

describe('scoring', () => {
  it('count: si and presente count 1, parziale 0.5, a scale above its minimum 1; bands at their edges', () => {
    const s = parsed(small());
    expect(run(s, {})).toMatchObject({ score: 0, maxScore: 5, bandLevel: 'basso', computedLevel: 'basso' });
    expect(run(s, { armi: 'si', controllo: 'parziale' })).toMatchObject({ score: 1.5, computedLevel: 'basso' });
    expect(run(s, { armi: 'si', controllo: 'presente' })).toMatchObject({ score: 2, computedLevel: 'medio' }); // exactly at medio's from
    expect(run(s, { armi: 'si', separazione: 'si', controllo: 'parziale' })).toMatchObject({ score: 2.5, computedLevel: 'medio' });
    expect(run(s, { armi: 'si', separazione: 'si', controllo: 'parziale', paura: 1 })).toMatchObject({ score: 3.5, computedLevel: 'medio' });
    expect(run(s, { armi: 'si', separazione: 'si', controllo: 'presente', paura: 1 })).toMatchObject({ score: 4, computedLevel: 'elevato' }); // at elevato's from
    expect(run(s, { armi: 'no', separazione: 'no', controllo: 'assente', paura: 0 })).toMatchObject({ score: 0, computedLevel: 'basso' });
  });

  it('weighted sum: points × weight (1 by default), a scale giving its distance from the minimum; edges exact with decimal weights', () => {
    const s = parsed(
      withWeights(
        { minacce: 3, armi: 0.1, separazione: 0.2, controllo: 2 },
        weighted([
          { level: 'basso', from: 0, below: 0.3 },
          { level: 'medio', from: 0.3, below: 4 },
          { level: 'elevato', from: 4, below: 7 },
          { level: 'imminente', from: 7 },
        ]),
      ),
    );
    expect(run(s, {}).maxScore).toBe(8.3);
    expect(run(s, { armi: 'si' })).toMatchObject({ score: 0.1, computedLevel: 'basso' });
    // 0.1 + 0.2 is 0.30000000000000004 in floating point: rounded, it is exactly medio's edge.
    expect(run(s, { armi: 'si', separazione: 'si' })).toMatchObject({ score: 0.3, computedLevel: 'medio' });
    expect(run(s, { paura: 3, controllo: 'parziale' })).toMatchObject({ score: 4, computedLevel: 'elevato' });
    expect(run(s, { paura: 2, controllo: 'parziale', armi: 'si', separazione: 'si' })).toMatchObject({ score: 3.3, computedLevel: 'medio' });
    expect(run(s, { paura: 3, controllo: 'presente', separazione: 'si' })).toMatchObject({ score: 5.2, computedLevel: 'elevato' });
    expect(run(s, { paura: 3, controllo: 'presente', minacce: 'no', armi: 'si' })).toMatchObject({ score: 5.1, computedLevel: 'elevato' });
    expect(run(s, { paura: 2, controllo: 'presente', minacce: 'si' })).toMatchObject({ score: 7, computedLevel: 'imminente' });
  });

  it('a scale with a negative minimum counts from its minimum', () => {
    const base = small({}, weighted([{ level: 'basso', from: 0, below: 2 }, { level: 'medio', from: 2, below: 4 }, { level: 'elevato', from: 4 }]));
    const s = parsed({ ...base, sections: [{ id: 'x', title: t('X'), items: [{ id: 'scala', text: t('S'), answer: { kind: 'scale', min: -2, max: 2 } }] }] });
    expect(run(s, { scala: -2 }).score).toBe(0);
    expect(run(s, { scala: 2 })).toMatchObject({ score: 4, computedLevel: 'elevato' });
  });

  it('critical items set a floor whatever the score; parziale and non_noto do not fire them', () => {
    const s = parsed(small());
    expect(run(s, { minacce: 'si' })).toMatchObject({ score: 1, bandLevel: 'basso', critical: ['minacce'], computedLevel: 'elevato' });
    expect(run(s, { minacce: 'non_noto' })).toMatchObject({ critical: [], computedLevel: 'basso' });
    const withScale = parsed({
      ...small(),
      sections: [{ id: 'x', title: t('X'), items: [{ id: 'paura', text: t('P'), answer: { kind: 'scale', min: 0, max: 4 }, critical: { level: 'medio', atLeast: 3 } }, { id: 'c', text: t('C'), answer: { kind: 'absent_partial_present' }, critical: { level: 'elevato' } }, { id: 'd', text: t('D'), answer: { kind: 'yes_no_unknown' } }, { id: 'e', text: t('E'), answer: { kind: 'yes_no_unknown' } }] }],
    });
    expect(run(withScale, { paura: 2 })).toMatchObject({ critical: [], computedLevel: 'basso' });
    expect(run(withScale, { paura: 3 })).toMatchObject({ score: 1, critical: ['paura'], computedLevel: 'medio' });
    expect(run(withScale, { c: 'parziale' })).toMatchObject({ critical: [], computedLevel: 'basso' });
    expect(run(withScale, { paura: 4, c: 'presente' })).toMatchObject({ critical: ['paura', 'c'], computedLevel: 'elevato' });
    // A floor never lowers the band.
    expect(run(withScale, { paura: 4, c: 'presente', d: 'si', e: 'si' })).toMatchObject({ score: 4, bandLevel: 'elevato', computedLevel: 'elevato' });
  });

  it('spj: no score, no computed level unless a critical item fires', () => {
    const s = parsed(small({}, { rule: 'spj' }));
    expect(run(s, { armi: 'si', separazione: 'si', controllo: 'presente', paura: 3 })).toMatchObject({ score: null, maxScore: null, bandLevel: null, computedLevel: null });
    expect(run(s, { minacce: 'si' })).toMatchObject({ score: null, critical: ['minacce'], computedLevel: 'elevato' });
  });

  it('unknown and missing answers count as not present, are reported, and flagged above the share', () => {
    const s = parsed(small());
    // Five items, share 0.25: one unknown or missing is fine (1 ≤ 1.25), two are too many.
    expect(run(s, { minacce: 'no', armi: 'non_noto', separazione: 'no', controllo: 'assente', paura: 0 })).toMatchObject({ unknown: ['armi'], missing: [], tooManyUnknown: false });
    expect(run(s, { minacce: 'no', armi: 'non_noto', separazione: 'no', controllo: 'assente' })).toMatchObject({ unknown: ['armi'], missing: ['paura'], tooManyUnknown: true });
    expect(run(s, { paura: 'non_noto', armi: 'si', separazione: 'si' })).toMatchObject({ score: 2, unknown: ['paura'], missing: ['minacce', 'controllo'], tooManyUnknown: true });
    const strict = parsed(small({ maxUnknownShare: 0 }));
    expect(run(strict, { minacce: 'no', armi: 'no', separazione: 'no', controllo: 'assente', paura: 'non_noto' }).tooManyUnknown).toBe(true);
  });
});

describe('the final level', () => {
  it('keeps the computed level without a judgement; confirms it without a reason', () => {
    expect(finalLevel('medio')).toEqual({ ok: true, level: 'medio', judged: false, raised: false, lowered: false, reason: null });
    expect(finalLevel('medio', { level: 'medio' })).toEqual({ ok: true, level: 'medio', judged: true, raised: false, lowered: false, reason: null });
  });

  it('raises with a reason, lowers only with a reason and says so, refuses either without one', () => {
    expect(finalLevel('medio', { level: 'elevato', reason: '  Lui ha appena saputo della separazione. ' })).toEqual({
      ok: true,
      level: 'elevato',
      judged: true,
      raised: true,
      lowered: false,
      reason: 'Lui ha appena saputo della separazione.',
    });
    expect(finalLevel('medio', { level: 'elevato', reason: '   ' }, undefined, '/body')).toEqual({ ok: false, issues: [{ pointer: '/body/judgement/reason', code: 'reason_required' }] });
    expect(finalLevel('elevato', { level: 'basso' })).toMatchObject({ ok: false, issues: [{ code: 'reason_required' }] });
    expect(finalLevel('elevato', { level: 'basso', reason: 'Lui è in carcere.' })).toMatchObject({ ok: true, level: 'basso', raised: false, lowered: true });
  });

  it('spj: the judgement and its reason are mandatory; levels are the instrument’s', () => {
    expect(finalLevel(null)).toEqual({ ok: false, issues: [{ pointer: '/judgement', code: 'judgement_required' }] });
    expect(finalLevel(null, { level: 'medio' })).toMatchObject({ ok: false, issues: [{ code: 'reason_required' }] });
    expect(finalLevel(null, { level: 'medio', reason: 'Valutazione strutturata.' })).toMatchObject({ ok: true, level: 'medio', raised: false, lowered: false });
    const levels = judgementLevels(parsed(small()));
    expect(levels).toEqual(['basso', 'medio', 'elevato']);
    expect(finalLevel('elevato', { level: 'imminente', reason: 'x' }, levels)).toEqual({ ok: false, issues: [{ pointer: '/judgement/level', code: 'level_not_in_instrument' }] });
    expect(finalLevel('elevato', { level: 'elevato', reason: 'x'.repeat(2001) })).toMatchObject({ ok: false, issues: [{ code: 'too_big' }] });
  });

  const level = fc.constantFrom(...instrumentLevels);
  const reason = fc.option(fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('', '  ', '\n\t', 'motivo')), { nil: undefined });
  const judgementArb = fc.option(fc.record({ level, reason }, { requiredKeys: ['level'] }), { nil: undefined });

  it('property: never below the computed level unless a reason is given and lowered is set; spj without a judgement refused', () => {
    fc.assert(
      fc.property(fc.option(level, { nil: null }), judgementArb, (computed, j) => {
        const r = finalLevel(computed, j);
        const hasReason = (j?.reason ?? '').trim() !== '';
        if (computed === null && !j) expect(r.ok).toBe(false);
        if (!r.ok) return;
        if (computed !== null) {
          const below = levelRank(r.level) < levelRank(computed);
          expect(r.lowered).toBe(below);
          if (below) expect(hasReason).toBe(true);
          if (r.level !== computed) expect(r.reason?.trim()).toBeTruthy();
          expect(r.raised).toBe(levelRank(r.level) > levelRank(computed));
        } else {
          expect(hasReason).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('property: on the example, any answers scored then judged keep the rule, and the computed level is at least the band and every critical floor', () => {
    const example = parsed(exampleJson);
    const items = example.sections.flatMap((s) => s.items);
    const answerOf = (i: (typeof items)[number]) =>
      i.answer.kind === 'scale'
        ? fc.oneof(fc.integer({ min: i.answer.min, max: i.answer.max }), fc.constant('non_noto' as const))
        : fc.constantFrom(...(i.answer.kind === 'yes_no_unknown' ? (['si', 'no', 'non_noto'] as const) : (['assente', 'parziale', 'presente', 'non_noto'] as const)));
    const answersArb = fc.record(Object.fromEntries(items.map((i) => [i.id, answerOf(i)])), { requiredKeys: [] }) as fc.Arbitrary<Answers>;
    fc.assert(
      fc.property(answersArb, judgementArb, (answers, j) => {
        const a = assess(example, answers);
        expect(a.score).toBeGreaterThanOrEqual(0);
        expect(a.score).toBeLessThanOrEqual(a.maxScore!);
        expect(levelRank(a.computedLevel!)).toBeGreaterThanOrEqual(levelRank(a.bandLevel!));
        for (const id of a.critical) expect(levelRank(a.computedLevel!)).toBeGreaterThanOrEqual(levelRank(items.find((i) => i.id === id)!.critical!.level));
        expect(a.missing.length + a.unknown.length > 0.25 * items.length).toBe(a.tooManyUnknown);
        const r = finalLevel(a.computedLevel, j, judgementLevels(example));
        if (r.ok && levelRank(r.level) < levelRank(a.computedLevel!)) {
          expect(r.lowered).toBe(true);
          expect(r.reason).toBeTruthy();
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('the worked example of docs/risk.md', () => {
  it('scores and judges as the document says', () => {
    const doc = readFileSync(new URL('../../docs/risk.md', import.meta.url), 'utf8');
    const blocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!) as unknown);
    const [mini, answers, judgement] = blocks as [unknown, Answers, { level: InstrumentLevel; reason: string }];
    const inst = parsed(mini);
    expect(checkAnswers(inst, answers).ok).toBe(true);
    const a = assess(inst, answers);
    expect(a).toEqual({ score: 4, maxScore: 9, bandLevel: 'medio', critical: [], computedLevel: 'medio', missing: [], unknown: ['minacce'], tooManyUnknown: false });
    expect(finalLevel(a.computedLevel, judgement, judgementLevels(inst))).toEqual({ ok: true, level: 'elevato', judged: true, raised: true, lowered: false, reason: judgement.reason });
    expect(finalLevel(a.computedLevel, { level: 'elevato' })).toMatchObject({ ok: false, issues: [{ code: 'reason_required' }] });
    expect(assess(inst, { ...answers, minacce: 'si' })).toMatchObject({ score: 7, critical: ['minacce'], computedLevel: 'elevato' });
  });
});
