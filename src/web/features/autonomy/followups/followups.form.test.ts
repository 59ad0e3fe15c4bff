// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { emptyFollowUp, followUpForm } from './followups.form';

const issues = (v: Record<string, unknown>) => {
  const r = followUpForm.safeParse({ ...emptyFollowUp, ...v });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')} ${i.code}${i.input === undefined ? ' (empty)' : ''}`);
};

describe('the follow-up outcome form', () => {
  it('sends what the API takes: work and housing only with fatto', () => {
    expect(followUpForm.parse({ state: 'fatto', workStatus: 'non_occupata', housingStatus: 'ospite' })).toEqual({ state: 'fatto', workStatus: 'non_occupata', housingStatus: 'ospite' });
    expect(followUpForm.parse({ state: 'non_raggiungibile', workStatus: 'non_occupata', housingStatus: '' })).toEqual({ state: 'non_raggiungibile' });
  });

  it('names the empty fields', () => {
    expect(issues({})).toEqual(['state invalid_value (empty)']);
    expect(issues({ state: 'fatto' })).toEqual(['workStatus invalid_value (empty)', 'housingStatus invalid_value (empty)']);
  });
});
