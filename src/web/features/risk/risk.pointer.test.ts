import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { placeOf } from './risk.pointer';

const t = ((key: string, o?: Record<string, unknown>) => `${key.split('.').pop() ?? ''}${o ? JSON.stringify(o) : ''}`) as unknown as TFunction;
const file = { sections: [{ id: 'storia', items: [{ id: 'a' }, { id: 'b/c' }] }, { items: [{}] }], scoring: { thresholds: [{ level: 'basso' }] } };

describe('where an issue of a loaded instrument is, in words', () => {
  it('names sections and items by their number and id, and keeps other keys as they are', () => {
    expect(placeOf('/sections/0/items/1/weight', file, t)).toBe('sectionsNamed{"n":1,"id":"storia"} › itemsNamed{"n":2,"id":"b/c"} › weight');
    expect(placeOf('/sections/1/items/0/id', file, t)).toBe('sections{"n":2} › items{"n":1} › id');
    expect(placeOf('/scoring/thresholds/0/from', file, t)).toBe('scoring › thresholds{"n":1} › from');
  });

  it('reads escaped keys, and places what is not in the file by its number only', () => {
    expect(placeOf('/sections/7/items/0', file, t)).toBe('sections{"n":8} › items{"n":1}');
    expect(placeOf('/a~1b~0c', file, t)).toBe('a/b~c');
    expect(placeOf('', null, t)).toBe('file');
  });

  it('reads the server’s pointers into the request body as pointers into the file', () => {
    expect(placeOf('/body/sections/0/id', file, t)).toBe('sectionsNamed{"n":1,"id":"storia"} › id');
    expect(placeOf('/body', file, t)).toBe('file');
  });
});
