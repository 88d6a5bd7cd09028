import { describe, expect, it } from 'vitest';
import { searchTerms } from './search-terms.ts';

describe('search terms', () => {
  it('cuts Chinese into words, including the shorter words inside long ones, without punctuation', () => {
    const terms = searchTerms('卫生间漏水，楼下天花板在滴水！');
    expect(terms).toEqual(expect.arrayContaining(['卫生间', '卫生', '漏水', '天花板', '滴水']));
    expect(terms).not.toContain('，');
  });

  it('matches a query the same way it indexed the text', () => {
    const indexed = new Set(searchTerms('厨房下水道堵塞'));
    expect(searchTerms('下水道').every((t) => indexed.has(t))).toBe(true);
  });

  it('lower-cases Latin words, folds full-width forms and keeps markup as plain words', () => {
    expect(searchTerms('ＡＢＣ Lift <script>')).toEqual(expect.arrayContaining(['abc', 'lift', 'script']));
  });
});
