import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instrumentJsonSchema } from '../../src/server/modules/risk/index.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { createWorld, login } from '../support/world.js';

/**
 * The published format of a risk instrument: the JSON Schema generated from
 * the schema the server checks with, committed in docs/ and served to those
 * who read instruments.
 */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const published = JSON.parse(readFileSync('docs/risk-instrument.schema.json', 'utf8')) as Record<string, any>;

describe('the instrument format’s JSON Schema', () => {
  it('in docs/ is what the server checks with (regenerate: npm run -s trama -- risk:schema > docs/risk-instrument.schema.json)', () => {
    expect(published).toEqual(instrumentJsonSchema());
  });

  it('describes the example instrument: its fields, the required ones, and the format tag', () => {
    const example = JSON.parse(readFileSync('src/shared/risk-instruments/example.json', 'utf8')) as Record<string, unknown>;
    expect(published.additionalProperties).toBe(false);
    for (const key of Object.keys(example)) expect(Object.keys(published.properties)).toContain(key);
    for (const key of published.required as string[]) expect(example).toHaveProperty(key);
    expect(published.properties.format.const).toBe(example.format);
  });

  it('is served to those who read instruments, and to nobody else', async () => {
    const w = await createWorld(t);
    const [coordinator, operator, helpline] = await Promise.all([login(t, w.users.coordinator), login(t, w.users.operatorA), login(t, w.users.helpline)]);
    for (const agent of [coordinator, operator]) {
      const res = await agent.request('GET', '/api/risk/instrument-format');
      expect(res.status).toBe(200);
      expect(String(res.headers['content-type'])).toMatch(/^application\/schema\+json/);
      expect(res.body).toEqual(published);
    }
    expect((await helpline.request('GET', '/api/risk/instrument-format')).status).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/risk/instrument-format' })).statusCode).toBe(401);
  });
});
