// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import example from '../../../shared/risk-instruments/example.json';
import { parseInstrument } from '../../../shared/risk/instrument';
import { answersOf, assessmentForm, emptyAssessment, judgementDirection, liveAssessment } from './risk.form';

const parsed = parseInstrument(example);
if (!parsed.ok) throw new Error('the example instrument does not parse');
const instrument = parsed.instrument;
const ID = '00000000-0000-4000-8000-000000000001';
const schema = assessmentForm(instrument);
const codes = (r: ReturnType<typeof schema.safeParse>) => (r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')} ${i.code === 'custom' ? i.message : i.code}`));

describe('the assessment form of an instrument', () => {
  it('sends what the radio groups hold as the API’s answers: unanswered left out, a scale’s choice as a number', () => {
    expect(answersOf(instrument, { escalation: 'parziale', paura: '3', armi: undefined, separazione: '', figli: 'non_noto' })).toEqual({ escalation: 'parziale', paura: 3, figli: 'non_noto' });
    expect(answersOf(instrument, { paura: 'non_noto' })).toEqual({ paura: 'non_noto' });
    // Unchecked radio groups hold null: nothing answered, not a scale's 0.
    expect(answersOf(instrument, { paura: null, armi: null })).toEqual({});
    expect(liveAssessment(instrument, { paura: null, escalation: null }).missing).toHaveLength(12);
  });

  it('scores live with the engine: a critical item makes the level at least elevato', () => {
    const live = liveAssessment(instrument, { 'minacce-di-morte': 'si' });
    expect(live.score).toBe(3);
    expect(live.bandLevel).toBe('basso');
    expect(live.computedLevel).toBe('elevato');
    expect(live.critical).toEqual(['minacce-di-morte']);
  });

  it('takes the computed level when no judgement is chosen, and sends only what was chosen', () => {
    const r = schema.safeParse({ ...emptyAssessment(ID, '2026-01-10'), answers: { separazione: 'si' }, occasion: 'iniziale' });
    expect(codes(r)).toEqual([]);
    expect(r.data).toEqual({ instrumentId: ID, answers: { separazione: 'si' }, occasion: 'iniziale', assessedOn: '2026-01-10' });
  });

  it('asks for the reason of a judgement that lowers or raises the computed level, not of one that confirms it', () => {
    const base = { ...emptyAssessment(ID, '2026-01-10'), answers: { 'minacce-di-morte': 'si' }, occasion: 'iniziale' };
    expect(codes(schema.safeParse({ ...base, judgementLevel: 'medio' }))).toEqual(['reason reason_required']);
    expect(codes(schema.safeParse({ ...base, judgementLevel: 'imminente', reason: '   ' }))).toEqual(['reason reason_required']);
    expect(codes(schema.safeParse({ ...base, judgementLevel: 'elevato' }))).toEqual([]);
    const lowered = schema.safeParse({ ...base, judgementLevel: 'medio', reason: 'Lui è in carcere da ieri.' });
    expect(codes(lowered)).toEqual([]);
    expect(lowered.data).toMatchObject({ judgementLevel: 'medio', reason: 'Lui è in carcere da ieri.' });
  });

  it('requires the occasion (left empty, it is absent) and a day that has come', () => {
    const r = schema.safeParse({ ...emptyAssessment(ID, '2999-01-01') });
    expect(codes(r)).toEqual(['occasion invalid_value', 'assessedOn in_future']);
    expect(r.error?.issues[0]?.input).toBeUndefined();
  });

  it('says whether the judgement raises or lowers the computed level', () => {
    expect(judgementDirection('elevato', undefined)).toBe('same');
    expect(judgementDirection('elevato', 'elevato')).toBe('same');
    expect(judgementDirection('elevato', 'medio')).toBe('lowered');
    expect(judgementDirection('medio', 'imminente')).toBe('raised');
    expect(judgementDirection(null, 'basso')).toBe('set');
  });
});
