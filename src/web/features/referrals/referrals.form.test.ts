// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { emptyReferral, idempotencyKeys, prefill, referralForm } from './referrals.form';
import type { ConsentOption } from './referrals.types';

const consent: ConsentOption = {
  consentId: '00000000-0000-4000-8000-000000000001',
  recipient: { id: '00000000-0000-4000-8000-000000000002', name: 'Servizio sociale', type: 'servizio_sociale' },
  sections: ['profile', 'timeline'],
  purposes: ['presa_in_carico'],
  expiresOn: null,
};
const schema = referralForm([consent]);
const issues = (r: ReturnType<typeof schema.safeParse>) => (r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')} ${i.code === 'custom' ? i.message : i.code}`));

describe('the referral form', () => {
  it('prefills the consent’s sections and its only purpose, and sends what the API takes', () => {
    const values = { ...emptyReferral(), consentId: consent.consentId, ...prefill(consent), note: '  ' };
    expect(values.sections).toEqual(['profile', 'timeline']);
    expect(values.purpose).toBe('presa_in_carico');
    const r = schema.safeParse(values);
    expect(r.success && r.data).toEqual({ consentId: consent.consentId, purpose: 'presa_in_carico', urgency: 'ordinaria', sections: ['profile', 'timeline'] });
  });

  it('refuses a section or a purpose the chosen consent does not allow, and nothing chosen (each said as required by the form)', () => {
    expect(issues(schema.safeParse({ ...emptyReferral(), consentId: consent.consentId, purpose: 'alloggio', sections: ['profile', 'children'] }))).toEqual([
      'sections sections_not_consented',
      'purpose purpose_not_consented',
    ]);
    expect(issues(schema.safeParse(emptyReferral()))).toEqual(['consentId invalid_type', 'purpose invalid_value', 'sections too_small']);
  });
});

describe('the Idempotency-Key of a submission', () => {
  it('is the same for the same body sent again, new for another body and after a referral was made', () => {
    let n = 0;
    const keys = idempotencyKeys(() => `key-${++n}`);
    const body = { consentId: consent.consentId, purpose: 'presa_in_carico' as const, urgency: 'ordinaria' as const, sections: ['profile' as const] };
    expect(keys.keyFor(body)).toBe('key-1');
    expect(keys.keyFor({ ...body })).toBe('key-1');
    expect(keys.keyFor({ ...body, urgency: 'urgente' })).toBe('key-2');
    keys.done();
    expect(keys.keyFor(body)).toBe('key-3');
  });
});
