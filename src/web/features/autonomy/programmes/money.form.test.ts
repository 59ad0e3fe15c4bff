import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { euroCents } from './money.form';
import { euroText } from './money';

const schema = z.object({ amountCents: euroCents(z.number().int().min(1)), optionalCents: euroCents(z.number().int().min(0).optional()) });

describe('a euro field read for a shared cents schema', () => {
  it('reads euros as cents, empty as absent', () => {
    expect(schema.parse({ amountCents: '1.234,50', optionalCents: '' })).toEqual({ amountCents: 123_450 });
  });

  it('fails text that is no amount as invalid_format, and an empty required one as a type (required)', () => {
    const bad = schema.safeParse({ amountCents: '1.2.3,456', optionalCents: 'abc' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['amountCents', 'invalid_format'],
      ['optionalCents', 'invalid_format'],
    ]);
    const empty = schema.safeParse({ amountCents: ' ', optionalCents: '' });
    expect(empty.error?.issues.map((i) => [i.path.join('.'), i.code, i.input])).toEqual([['amountCents', 'invalid_type', undefined]]);
  });

  it('writes cents back for editing, in the UI language', () => {
    expect(euroText(123_450, 'it')).toBe('1234,50');
    expect(euroText(7, 'en')).toBe('0.07');
    expect(euroText(null, 'it')).toBe('');
  });
});
