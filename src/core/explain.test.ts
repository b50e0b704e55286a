import { describe, expect, it } from 'vitest';
import { mergeLineRefs, type ResolvedSourceRef } from './explain.js';

const ref = (source: string, at?: string, treaty = 'atop-3740'): ResolvedSourceRef => ({ source, title: `title of ${source}`, kind: 'dataset', treaty, ...(at !== undefined ? { at } : {}) });

describe('mergeLineRefs', () => {
  it('cites each source once, its lines as ascending runs', () => {
    const out = mergeLineRefs([ref('a', 'line 395'), ref('m', 'line 1261'), ref('m', 'line 1294'), ref('m', 'line 1259'), ref('m', 'line 1260'), ref('m', 'line 1295'), ref('m', 'line 1300')]);
    expect(out).toEqual([ref('a', 'line 395'), ref('m', 'lines 1259-1261, 1294-1295, 1300')]);
  });

  it('keeps references that are not single lines, and separates treaties', () => {
    const input = [ref('text', 'art. 5'), ref('m', 'line 7'), ref('m'), ref('m', 'line 9', 'other'), ref('m', 'line 8'), ref('text', 'art. 6')];
    expect(mergeLineRefs(input)).toEqual([ref('text', 'art. 5'), ref('m', 'lines 7-8'), ref('m'), ref('m', 'line 9', 'other'), ref('text', 'art. 6')]);
  });

  it('leaves a lone or repeated line as one line', () => {
    expect(mergeLineRefs([ref('m', 'line 12'), ref('m', 'line 12')])).toEqual([ref('m', 'line 12')]);
    const single = [ref('m', 'line 12')];
    expect(mergeLineRefs(single)[0]).toBe(single[0]);
  });
});
