import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldErrorCodes, fieldErrorText, fieldErrorTexts, isFieldErrorCode } from '../../src/shared/field-errors.js';
import { problems } from '../../src/shared/problems.js';
import { importAliases } from '../../src/server/modules/directory/directory.import.errors.js';
import { AppError } from '../../src/server/platform/errors.js';
import { buildTestApp, type TestApp } from '../support/app.js';

const slots = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('every error code has its Italian and English text', () => {
  it('field error codes: a non-empty it and en text each, the same slots in both, no text for a code not in the list', () => {
    expect(new Set(fieldErrorCodes).size).toBe(fieldErrorCodes.length);
    for (const code of fieldErrorCodes) {
      const t = fieldErrorTexts[code] as { it: string; en: string };
      expect(t?.it.trim(), code).toBeTruthy();
      expect(t?.en.trim(), code).toBeTruthy();
      expect(slots(t.it), code).toEqual(slots(t.en));
      // One language per text: the pattern "italiano / english" is gone.
      expect(`${t.it}${t.en}`, code).not.toMatch(/ \/ [a-z]/);
    }
    expect(Object.keys(fieldErrorTexts).sort()).toEqual([...fieldErrorCodes].sort());
  });

  it('problem codes: a non-empty it and en title each', () => {
    for (const [code, p] of Object.entries(problems)) {
      expect(p.it.trim(), code).toBeTruthy();
      expect(p.en.trim(), code).toBeTruthy();
    }
  });

  it('fills slots from params and leaves out a bracket whose slot has no value', () => {
    expect(fieldErrorText('too_small', 'it', { minimum: 12 })).toContain('(minimo: 12)');
    expect(fieldErrorText('too_small', 'en')).not.toMatch(/[{}()]/);
    expect(fieldErrorText('file_too_large', 'en', { maxBytes: 1024 })).toBe('The file is over 1024 bytes.');
  });
});

/** Every .ts file under a directory. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

describe('the server emits only codes of the union', () => {
  const files = sources('src/server').filter((f) => !f.endsWith(path.join('platform', 'config.ts')));

  it('field errors written in the sources carry a code of the union and no detail sentence', () => {
    const bad: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      // { pointer: …, code: 'x', … } objects and ImportErrors.add(pointer, item, 'x') calls.
      for (const m of text.matchAll(/pointer[^\n]*?\bcode: '(\w+)'/g)) if (!isFieldErrorCode(m[1])) bad.push(`${file}: ${m[1]}`);
      for (const m of text.matchAll(/errors\.add\([^)]*'(\w+)'\)/g)) if (!isFieldErrorCode(m[1]) && !(m[1]! in importAliases)) bad.push(`${file}: ${m[1]}`);
      for (const m of text.matchAll(/pointer[^\n]*?\bdetail:/g)) bad.push(`${file}: detail in a field error (${m[0].slice(0, 60)})`);
    }
    expect(bad).toEqual([]);
  });

  it('refinements and formats name a code of the union as their message', () => {
    const bad: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const messages = [
        ...[...text.matchAll(/\.(?:refine|superRefine)\([\s\S]*?\bmessage: '([^']*)'/g)].map((m) => m[1]!),
        ...[...text.matchAll(/addIssue\(\{[^}]*\bmessage: '([^']*)'/g)].map((m) => m[1]!),
        ...[...text.matchAll(/\.regex\(\/(?:\[(?:[^\]\\]|\\.)*\]|[^/\\[]|\\.)+\/\w*, '([^']*)'/g)].map((m) => m[1]!),
      ];
      for (const message of messages) if (!isFieldErrorCode(message)) bad.push(`${file}: ${message}`);
    }
    expect(bad).toEqual([]);
  });
});

describe('the problem handler answers codes with their text in the language asked', () => {
  let t: TestApp;
  const config = { access: { public: true as const, reason: 'test-only route' } };
  beforeAll(async () => {
    t = await buildTestApp({
      extraRoutes: (app: FastifyInstance) => {
        app.post(
          '/api/test/every-zod-issue',
          {
            config,
            schema: {
              body: z
                .object({
                  type: z.string(),
                  small: z.string().min(12),
                  big: z.array(z.number()).max(1),
                  format: z.email(),
                  value: z.enum(['a', 'b']),
                  multiple: z.number().multipleOf(5),
                  union: z.union([z.string(), z.number()]),
                  record: z.record(z.string().regex(/^k/), z.number()),
                  refined: z.string().refine(() => false, { message: 'no_such_day' }),
                  foreign: z.string().refine(() => false, { message: 'Some sentence from a library' }),
                })
                .strict(),
            },
          },
          async () => ({}),
        );
        app.post('/api/test/app-error', { config }, async () => {
          throw new AppError('validation_failed', { errors: [{ pointer: '/body/file', code: 'file_too_large', params: { maxBytes: 1024 } }] });
        });
      },
    });
  });
  afterAll(() => t.close());

  it('every Zod issue becomes a code of the union, with its text in the language asked', async () => {
    const payload = { type: 1, small: 'x', big: [1, 2], format: 'no', value: 'c', multiple: 7, union: true, record: { x: 1 }, refined: 'a', foreign: 'a', extra: 1 };
    for (const lang of ['it', 'en'] as const) {
      const res = await t.app.inject({ method: 'POST', url: '/api/test/every-zod-issue', headers: { 'accept-language': lang }, payload });
      expect(res.statusCode).toBe(400);
      const errors = res.json().errors as { pointer: string; code: string; detail: string; params?: Record<string, string | number> }[];
      expect(errors.length).toBeGreaterThanOrEqual(10);
      for (const e of errors) {
        expect(isFieldErrorCode(e.code), e.code).toBe(true);
        expect(e.detail).toBe(fieldErrorText(e.code as never, lang, e.params));
      }
      const byPointer = Object.fromEntries(errors.map((e) => [e.pointer, e]));
      expect(byPointer['/body/small']).toMatchObject({ code: 'too_small', params: { minimum: 12 } });
      expect(byPointer['/body/big']).toMatchObject({ code: 'too_big', params: { maximum: 1 } });
      expect(byPointer['/body/refined']).toMatchObject({ code: 'no_such_day' });
      expect(byPointer['/body/foreign']).toMatchObject({ code: 'custom' });
      expect(res.body).not.toContain('Some sentence');
    }
  });

  it('an AppError field error gets its text, params filled, in Italian or English', async () => {
    const it_ = await t.app.inject({ method: 'POST', url: '/api/test/app-error' });
    expect(it_.json().errors).toEqual([{ pointer: '/body/file', code: 'file_too_large', params: { maxBytes: 1024 }, detail: 'Il file supera 1024 byte.' }]);
    const en = await t.app.inject({ method: 'POST', url: '/api/test/app-error', headers: { 'accept-language': 'en' } });
    expect(en.json().errors[0].detail).toBe('The file is over 1024 bytes.');
  });
});
