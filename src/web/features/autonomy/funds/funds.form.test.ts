// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { callForm, governanceForm, planForm, planMoveForm, reviewForm } from './funds.form';

const ORG_A = '0b6a3c1e-1d2f-4a5b-8c9d-0e1f2a3b4c5d';
const ORG_B = '9f8e7d6c-5b4a-4392-8180-7f6e5d4c3b2a';
const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) => (r.error?.issues ?? []).map((i) => `${i.path.join('.')}:${i.message}`);

describe('the regional funds forms, checked with the API schemas', () => {
  it('reads euros as cents and leaves nothing else changed', () => {
    expect(governanceForm.parse({ description: ' Coordinamento ', amountCents: '10.000,00', incurredOn: '2032-03-01' })).toEqual({ description: 'Coordinamento', amountCents: 1_000_000, incurredOn: '2032-03-01' });
    // Empty fields arrive as absent, a type error (the form says `required`); an amount that does not read is `invalid_format`.
    const bad = governanceForm.safeParse({ description: '', amountCents: '1,2,3', incurredOn: '' });
    expect(bad.error?.issues.map((i) => [i.path.join('.'), i.code === 'custom' ? i.message : i.code])).toEqual([
      ['description', 'invalid_type'],
      ['amountCents', 'invalid_format'],
      ['incurredOn', 'invalid_type'],
    ]);
  });

  it('clears an emptied call field with null, as the API takes it', () => {
    expect(callForm.parse({ callOpensOn: '', callClosesOn: '2032-05-01', callReference: '  ' })).toEqual({ callOpensOn: null, callClosesOn: '2032-05-01', callReference: null });
  });

  it("keeps the review's rules: a refusal has its reason and no amount, an admission an amount", () => {
    expect(reviewForm.parse({ outcome: 'ammessa', reason: '', proposedCents: '1.500', reviewedOn: '2032-04-01' })).toEqual({ outcome: 'ammessa', proposedCents: 150_000, reviewedOn: '2032-04-01' });
    expect(paths(reviewForm.safeParse({ outcome: 'non_ammessa', reason: '', proposedCents: '10', reviewedOn: '2032-04-01' }))).toEqual(['reason:reason_required', 'proposedCents:not_allowed']);
  });

  it("keeps the plan moves' rules: sending needs its day and protocol", () => {
    expect(paths(planMoveForm.safeParse({ move: 'invia', on: '', protocol: '' }))).toEqual(['on:required', 'protocol:required']);
    expect(planMoveForm.parse({ move: 'riapri', on: '', protocol: '' })).toEqual({ move: 'riapri' });
  });

  it('makes the plan from the amounts typed: empty or zero allocates nothing', () => {
    expect(planForm.parse({ amounts: { [ORG_A]: '30.000', [ORG_B]: '' } })).toEqual({ allocations: [{ organisationId: ORG_A, amountCents: 3_000_000 }] });
    expect(planForm.parse({ amounts: { [ORG_A]: '0', [ORG_B]: '0,00' } })).toEqual({ allocations: [] });
    expect(paths(planForm.safeParse({ amounts: { [ORG_A]: 'tanti' } }))).toEqual([`amounts.${ORG_A}:invalid_format`]);
  });
});
