import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

// Loading the dictionary takes ~0.5 s: done once, on first use.
let jieba: Jieba | undefined;

const WORD = /[\p{L}\p{N}]/u;

/**
 * The words of a text for the search index: jieba's search segmentation (which also yields the
 * shorter words inside long ones: 卫生间 → 卫生, 卫生间), lower-cased, without punctuation,
 * each once. The same function cuts the query, so a query matches the words it contains.
 */
export function searchTerms(text: string, limit = 200): string[] {
  jieba ??= Jieba.withDict(dict);
  const terms = new Set<string>();
  for (const raw of jieba.cutForSearch(text.normalize('NFKC'), true)) {
    const term = raw.trim().toLowerCase();
    if (term && WORD.test(term) && term.length <= 40) terms.add(term);
    if (terms.size >= limit) break;
  }
  return [...terms];
}
