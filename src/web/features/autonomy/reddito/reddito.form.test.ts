// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { formatEuro, formValuesOf, redditoForm } from './reddito.form';

const CAV = '00000000-0000-4000-8000-000000000001';
const SOCIAL = '00000000-0000-4000-8000-000000000002';

describe('the Reddito di libertà form', () => {
  it('reads empty fields as steps not reached, and sends what the API takes', () => {
    const empty = redditoForm.parse(formValuesOf(null));
    expect(empty).toEqual({ cavStatementOn: null, cavOrganisationId: null, socialStatementOn: null, socialOrganisationId: null, filedOn: null, outcome: null, outcomeOn: null, monthsPaid: 0 });
    const filled = redditoForm.parse({ ...formValuesOf(null), cavStatementOn: '2026-01-10', cavOrganisationId: CAV, socialStatementOn: '2026-01-12', socialOrganisationId: SOCIAL, filedOn: '2026-01-15', outcome: 'accolta', outcomeOn: '2026-02-01', monthsPaid: '3' });
    expect(filled).toMatchObject({ filedOn: '2026-01-15', outcome: 'accolta', monthsPaid: 3 });
  });

  it('checks the steps’ order like the API, naming the field', () => {
    const paths = (values: Record<string, unknown>) => {
      const r = redditoForm.safeParse({ ...formValuesOf(null), ...values });
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`);
    };
    expect(paths({ filedOn: '2026-01-15' })).toContain('filedOn reddito_statements_first');
    expect(paths({ cavStatementOn: '2026-01-10' })).toContain('cavOrganisationId required');
    expect(paths({ monthsPaid: '2' })).toContain('monthsPaid not_allowed');
  });

  it('shows cents as euro in the UI’s language', () => {
    expect(formatEuro(50_000, 'it')).toMatch(/500,00\s€/);
    expect(formatEuro(50_000, 'en')).toBe('€500.00');
  });
});
