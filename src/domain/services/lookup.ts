import { CARE_ITEM_CODES, type CareItemCode } from '../careItems';
import { normaliseForSearch } from '../searchKey';
import type { ServiceCatalogue, ServiceDefinition } from './catalogue';
import { CARE_ITEM_TERMS, DEVICES_FOR_CARE_ITEM } from './careItemTerms';

/**
 * 制度 <keyword>: find systems by name or by need (「吸引」「レスパイト」「学校」). Text is compared
 * normalised (NFKC, katakana → hiragana, case and spaces ignored: normaliseForSearch), against the names,
 * the aliases and keywords in the catalogue, and the names of the care items its rules ask for. Several
 * words separated by spaces must all match. Pure: the catalogue is passed in.
 */

export const MATCH_KINDS = ['name', 'alias', 'keyword', 'careItem'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

export interface LookupHit {
  readonly service: ServiceDefinition;
  readonly score: number;
  /** How the words matched, best first, without repeats. */
  readonly matchedBy: readonly MatchKind[];
  /** Care items a word named whose rules list this system (e.g. SUCTION for 「吸引」). */
  readonly careItems: readonly CareItemCode[];
}

export interface LookupResult {
  readonly query: string;
  /** The normalised words searched for; empty when the query had no words. */
  readonly terms: readonly string[];
  readonly hits: readonly LookupHit[];
  /** Hits before cutting to the limit. */
  readonly total: number;
}

export const DEFAULT_LOOKUP_LIMIT = 10;
/** A query word that contains a whole catalogue word ("たん吸引器がほしい" ⊃ "吸引器") matches if that word is this long. */
const MIN_CONTAINED_LENGTH = 2;

const SCORES = { nameExact: 100, aliasExact: 90, name: 70, alias: 60, keyword: 40, careItem: 30 } as const;

/** How well one normalised word matches one normalised catalogue text: 'exact', 'partial' or no match. */
function compare(word: string, text: string): 'exact' | 'partial' | undefined {
  if (!text) return undefined;
  if (word === text) return 'exact';
  if (text.includes(word)) return 'partial';
  if (text.length >= MIN_CONTAINED_LENGTH && word.includes(text)) return 'partial';
  return undefined;
}

/** The care items one word names (「吸引」→ SUCTION; 「胃ろう」→ TUBE). */
export function careItemsNamedBy(word: string): CareItemCode[] {
  const w = normaliseForSearch(word);
  if (!w) return [];
  return CARE_ITEM_CODES.filter((code) => CARE_ITEM_TERMS[code].some((t) => compare(w, normaliseForSearch(t)) !== undefined));
}

interface WordMatch {
  readonly score: number;
  readonly kinds: readonly MatchKind[];
  readonly careItems: readonly CareItemCode[];
}

function matchWord(service: ServiceDefinition, word: string): WordMatch | undefined {
  let score = 0;
  const kinds: MatchKind[] = [];
  const best = (kind: MatchKind, value: number) => {
    if (value > score) score = value;
    if (!kinds.includes(kind)) kinds.push(kind);
  };
  for (const name of [service.name.ja, service.name.en]) {
    const m = compare(word, normaliseForSearch(name));
    if (m) best('name', m === 'exact' ? SCORES.nameExact : SCORES.name);
  }
  for (const alias of service.aliases) {
    const m = compare(word, normaliseForSearch(alias));
    if (m) best('alias', m === 'exact' ? SCORES.aliasExact : SCORES.alias);
  }
  for (const keyword of service.keywords) {
    if (compare(word, normaliseForSearch(keyword))) best('keyword', SCORES.keyword);
  }
  const needs = service.eligibility.needs;
  const careItems = needs
    ? careItemsNamedBy(word).filter((c) => needs.careItems.includes(c) || (DEVICES_FOR_CARE_ITEM[c] ?? []).some((d) => needs.devices.includes(d)))
    : [];
  if (careItems.length > 0) best('careItem', SCORES.careItem);
  return kinds.length > 0 ? { score, kinds, careItems } : undefined;
}

/** Systems matching every word of the query, best first (then catalogue order). */
export function lookupServices(catalogue: ServiceCatalogue, query: string, limit: number = DEFAULT_LOOKUP_LIMIT): LookupResult {
  const terms = query
    .normalize('NFKC')
    .split(/[\s\u3000、,]+/)
    .map(normaliseForSearch)
    .filter((t) => t.length > 0);
  if (terms.length === 0) return { query, terms, hits: [], total: 0 };
  const hits: (LookupHit & { readonly order: number })[] = [];
  catalogue.services.forEach((service, order) => {
    const perWord = terms.map((t) => matchWord(service, t));
    if (!perWord.every((m): m is WordMatch => m !== undefined)) return;
    const kinds = MATCH_KINDS.filter((k) => perWord.some((m) => m.kinds.includes(k)));
    const careItems = [...new Set(perWord.flatMap((m) => m.careItems))];
    hits.push({ service, score: perWord.reduce((sum, m) => sum + m.score, 0), matchedBy: kinds, careItems, order });
  });
  hits.sort((a, b) => b.score - a.score || a.order - b.order);
  return { query, terms, hits: hits.slice(0, Math.max(0, limit)).map(({ order: _order, ...hit }) => hit), total: hits.length };
}
