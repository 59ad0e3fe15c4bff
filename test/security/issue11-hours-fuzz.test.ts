import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.js';
import { type Agent, createWorld, login } from '../support/world.js';

/**
 * Issue 11, tried as its enemy: the hours preview now answers the weekly
 * schedule the server derives. Expressions glued from the grammar's own
 * pieces (and stray characters) must each get a 200 (valid or not, a
 * schedule or null) or a 400 problem: never a 500.
 */

let t: TestApp;
let op: Agent;
beforeAll(async () => {
  t = await buildTestApp();
  const w = await createWorld(t);
  op = await login(t, w.users.operatorB);
});
afterAll(() => t.close());

const piece = fc.constantFrom(
  'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su', 'PH', 'SH', 'off', 'closed', 'open', '24/7', 'week', '1-53/2', 'Jan', 'Dec', '2026', 'easter',
  '00:00', '09:00', '13:00', '24:00', '26:00', '-', ',', ';', ' ', '||', '+', '[1]', '[-1]', '"su appuntamento"', 'sunrise', 'sunset', '(', ')', '\u0000', 'é', '😀',
);
const expression = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));

/** Well-formed rules too (night shifts, overlaps, holidays, week numbers), so the schedule derivation itself is exercised. */
const hhmm = fc.tuple(fc.integer({ min: 0, max: 26 }), fc.constantFrom(0, 15, 30, 59)).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const days = fc.constantFrom('Mo-Fr', 'Sa', 'Su', 'Mo,We,Fr', 'Fr-Mo', 'PH', 'Mo-Su', 'Tu[2]', 'week 1-53/2 Mo', '');
const times = fc.oneof(fc.tuple(hhmm, hhmm).map(([a, b]) => `${a}-${b}`), fc.constantFrom('off', 'closed', '00:00-24:00', '22:00-06:00', '08:00+', '09:00-13:00,14:00-17:00'));
const rule = fc.tuple(days, times).map(([d, h]) => `${d} ${h}`.trim());
const wellFormed = fc.array(rule, { minLength: 1, maxLength: 8 }).map((rules) => rules.join('; ').slice(0, 500));

async function answersWithoutFailing(openingHours: string) {
  const res = await op.request('POST', '/api/directory/hours/preview', { openingHours });
  expect([200, 400], `${JSON.stringify(openingHours)} → ${JSON.stringify(res.body).slice(0, 200)}`).toContain(res.status);
  if (res.status === 400) expect(String(res.headers['content-type'])).toContain('application/problem+json');
}

describe('the hours preview', () => {
  it('answers a 200 or a 400 problem to any string of the grammar’s pieces, never a 500', async () => {
    await fc.assert(fc.asyncProperty(expression, answersWithoutFailing), { numRuns: 300 });
  });

  // Few runs, with room: checking and compiling a well-formed expression with night shifts (checkHours, Hours.of) can still take the server a second or more.
  it('answers a 200 (a schedule or null) to well-formed rules with night shifts, overlaps and holidays, never a 500', { timeout: 180_000 }, async () => {
    await fc.assert(fc.asyncProperty(wellFormed, answersWithoutFailing), { numRuns: 12 });
  });
});
