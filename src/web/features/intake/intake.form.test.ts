// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { idempotencyKeys, intakeFormSchema, intakeFormValues } from './intake.form';

const CAV = '00000000-0000-4000-8000-000000000001';
const codes = (r: ReturnType<typeof intakeFormSchema.safeParse>) => (r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')} ${i.code === 'custom' ? i.message : i.code}`).sort());

describe('the sender’s form', () => {
  it('refuses it without her consent, a number, her comune and the centre', () => {
    expect(codes(intakeFormSchema.safeParse(intakeFormValues('accesso_ps')))).toEqual(['comune required', 'consent.given consent_required', 'contact.phone invalid_type', 'recipientOrganisationId invalid_type']);
  });

  it('sends what the API takes: the comune chosen as its code, empty texts left out', () => {
    const values = intakeFormValues('chiamata_1522');
    const filled = { ...values, recipientOrganisationId: CAV, comune: { text: 'Treviglio (BG)', code: '016219' }, contact: { ...values.contact, phone: '+39 300 000 0101' }, consent: { ...values.consent, given: true } };
    const out = intakeFormSchema.parse(filled);
    expect(out).toMatchObject({ recipientOrganisationId: CAV, source: 'chiamata_1522', comuneCode: '016219', contact: { phone: '+39 300 000 0101', noMessages: false }, consent: { given: true, channel: 'telefono', form: 'orale' } });
    expect(out.contact.firstName).toBeUndefined();
    expect(out.note).toBeUndefined();
    expect('comune' in out).toBe(false);
  });

  it('keeps one Idempotency-Key per body until a referral is sent', () => {
    let n = 0;
    const keys = idempotencyKeys(() => `key-${++n}`);
    const body = intakeFormSchema.parse({ ...intakeFormValues('accesso_ps'), recipientOrganisationId: CAV, comune: { text: '016219', code: '' }, contact: { ...intakeFormValues('accesso_ps').contact, phone: '333 1234567' }, consent: { ...intakeFormValues('accesso_ps').consent, given: true } });
    expect(keys.keyFor(body)).toBe('key-1');
    expect(keys.keyFor(body)).toBe('key-1');
    expect(keys.keyFor({ ...body, urgency: 'urgente' })).toBe('key-2');
    keys.done();
    expect(keys.keyFor(body)).toBe('key-3');
  });
});
