// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { lia2Frame } from '../../../../shared/autonomy.frames';
import { budgetGridForm, cellName, newProgrammeForm, resultsForm } from './programme.form';

const NET = '0b6a3c1e-1d2f-4a5b-8c9d-0e1f2a3b4c5d';
const ORG = '9f8e7d6c-5b4a-4392-8180-7f6e5d4c3b2a';
const RESULT = '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d';
const paths = (r: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) => (r.error?.issues ?? []).map((i) => `${i.path.join('.')}:${i.message}`);

describe('the programmes forms, checked with the API schemas', () => {
  const programme = { networkId: NET, name: 'Programma', acronym: '', decreeRef: '', startsOn: '2026-01-01', endsOn: '2027-12-31', totalCents: '100.000,00', caps: lia2Frame.caps.map(() => '3.000') };

  it("makes a new programme from the L.I.A. 2 frame with the caps' amounts typed", () => {
    const out = newProgrammeForm.parse(programme);
    expect(out.totalCents).toBe(10_000_000);
    expect(out.acronym).toBeUndefined();
    expect(out.frame.caps.map((c) => c.amountCents)).toEqual(lia2Frame.caps.map(() => 300_000));
  });

  it("says which cap does not read, and keeps the API's rule on the dates", () => {
    expect(paths(newProgrammeForm.safeParse({ ...programme, caps: ['x', ...programme.caps.slice(1)] }))).toEqual(['caps.0:invalid_format']);
    expect(paths(newProgrammeForm.safeParse({ ...programme, endsOn: '2025-12-31' }))).toEqual(['endsOn:from_after_to']);
  });

  it('turns the budget grid into rows: empty or zero is none', () => {
    const form = budgetGridForm(['I', '1.1'], [ORG]);
    expect(form.parse({ cells: { [cellName(0, 0)]: '', [cellName(1, 0)]: '30.000' } })).toEqual({ budgets: [{ axisCode: '1.1', organisationId: ORG, amountCents: 3_000_000 }] });
    expect(paths(form.safeParse({ cells: { [cellName(0, 0)]: 'molti' } }))).toEqual([`cells.${cellName(0, 0)}:invalid_format`]);
  });

  it('reads targets and actual values as whole numbers, an empty actual value as none', () => {
    const row = { id: RESULT, label: 'Donne accolte', measure: 'manuale' as const };
    expect(resultsForm.parse({ results: [{ ...row, target: '12', manualActual: '' }] })).toEqual({ results: [{ ...row, target: 12, manualActual: null }] });
    expect(resultsForm.safeParse({ results: [{ ...row, target: '1,5', manualActual: '-1' }] }).success).toBe(false);
  });
});
