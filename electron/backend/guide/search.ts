import { pinyin } from 'pinyin-pro';
import type { LocalizedText } from '../api/contract';

/**
 * Guide search as people speak: by the name, by the short words and letter abbreviations the
 * catalogue keeps as aliases (社保, SB, 营业执照, YYZZ), and by pinyin (initials "bdc" or full
 * "budongchan") typed on the on-screen keyboard.
 *
 * Pinyin comes from `pinyin-pro`, which reads a character in its word (重庆 chongqing, 银行
 * yinhang), so a polyphone matches as it is said there.
 */

/** How well an entry matched; lower is better. */
export const MatchTier = {
  /** The query is the name (Chinese or English) or the code. */
  exactName: 0,
  /** The query is, or begins, one of the entry's own aliases (or their pinyin). */
  alias: 1,
  /** The query is a run of the name's pinyin initials. */
  initials: 2,
  /** The query is a run of the name's full pinyin, from a syllable's start. */
  fullPinyin: 3,
  /**
   * The query is one of its department's aliases, whole: after the name's own pinyin, since it
   * says only where an item is handled (不动产中心 would otherwise put every item of the bureau
   * before 不动产登记).
   */
  departmentAlias: 4,
  /** The query is inside the name, or begins the code. */
  substring: 5,
} as const;
export type MatchTier = (typeof MatchTier)[keyof typeof MatchTier];

/** A text as it can be searched: its letters-only forms, computed once per catalogue. */
interface SpokenText {
  zh: string;
  enLower: string;
  /** One letter per syllable (a Latin letter or digit counts as its own syllable). */
  initials: string;
  /** The syllables run together, with where each one starts. */
  full: string;
  starts: readonly number[];
}

export interface SearchEntry {
  code: string;
  name: LocalizedText;
  aliases?: readonly string[];
  departmentAliases?: readonly string[];
}

export interface IndexedEntry {
  code: string;
  name: SpokenText;
  aliases: SpokenText[];
  departmentAliases: SpokenText[];
}

/** Chinese characters become their syllables; Latin letters and digits stay; the rest is dropped. */
function spoken(text: string): SpokenText {
  const syllables = pinyin(text, { toneType: 'none', type: 'array', v: true })
    .map((s) => s.toLowerCase())
    .flatMap((s) => (/^[a-z]+$/.test(s) ? [s] : [...s].filter((ch) => /[a-z0-9]/.test(ch))));
  const starts: number[] = [];
  let full = '';
  for (const s of syllables) {
    starts.push(full.length);
    full += s;
  }
  return {
    zh: text,
    enLower: '',
    initials: syllables.map((s) => s[0]).join(''),
    full,
    starts,
  };
}

export function indexEntry(entry: SearchEntry): IndexedEntry {
  // "“一件事”" is in every life event's name; a search for it would match them all by initials.
  const name = { ...spoken(entry.name.zh.replace(/“一件事”/g, '')), zh: entry.name.zh };
  return {
    code: entry.code,
    name: { ...name, enLower: entry.name.en.toLowerCase() },
    aliases: (entry.aliases ?? []).map((a) => ({ ...spoken(a), enLower: a.toLowerCase() })),
    departmentAliases: (entry.departmentAliases ?? []).map((a) => ({
      ...spoken(a),
      enLower: a.toLowerCase(),
    })),
  };
}

function fullPinyinAt(text: SpokenText, letters: string): number {
  let from = text.full.indexOf(letters);
  while (from >= 0) {
    const syllable = text.starts.indexOf(from);
    if (syllable >= 0) return syllable;
    from = text.full.indexOf(letters, from + 1);
  }
  return -1;
}

/** The query (trimmed, any case) against one alias: is it the alias, or its beginning? */
function aliasMatch(alias: SpokenText, q: string, letters: string | null): number {
  const candidates = [alias.zh, alias.enLower];
  if (letters) candidates.push(alias.initials, alias.full);
  const lower = q.toLowerCase();
  if (candidates.some((c) => c === q || c === lower)) return 0;
  if (candidates.some((c) => c.length > 0 && (c.startsWith(q) || c.startsWith(lower)))) return 1;
  return -1;
}

/** The best tier and the position of the match inside it, or null when nothing matched. */
export function matchEntry(e: IndexedEntry, rawQuery: string): { tier: MatchTier; at: number } | null {
  const q = rawQuery.trim();
  if (q.length === 0) return null;
  const lower = q.toLowerCase();
  const letters = /^[a-z0-9]+$/.test(lower) ? lower : null;
  const n = e.name;
  if (n.zh === q || n.enLower === lower || e.code.toLowerCase() === lower) {
    return { tier: MatchTier.exactName, at: 0 };
  }
  const best = (list: SpokenText[]) =>
    Math.min(...list.map((a) => aliasMatch(a, q, letters)).map((x) => (x < 0 ? Infinity : x)));
  const own = best(e.aliases);
  if (own !== Infinity) return { tier: MatchTier.alias, at: own };
  if (letters) {
    const i = n.initials.indexOf(letters);
    if (i >= 0) return { tier: MatchTier.initials, at: i };
    const f = fullPinyinAt(n, letters);
    if (f >= 0) return { tier: MatchTier.fullPinyin, at: f };
  }
  // Only the whole alias: "不动产" begins 不动产中心 but asks for 不动产 items, not the bureau's.
  if (best(e.departmentAliases) === 0) return { tier: MatchTier.departmentAlias, at: 0 };
  const inside = [n.zh.indexOf(q), n.enLower.indexOf(lower), e.code.toLowerCase().startsWith(lower) ? 0 : -1]
    .filter((i) => i >= 0)
    .sort((a, b) => a - b);
  if (inside.length > 0) return { tier: MatchTier.substring, at: inside[0]! };
  return null;
}

/**
 * The entries that match, best first: by tier, then a match nearer the start of the name, then
 * catalogue order.
 */
export function rankEntries<T>(list: readonly T[], indexed: (x: T) => IndexedEntry, query: string): T[] {
  return list
    .map((x, index) => ({ x, index, m: matchEntry(indexed(x), query) }))
    .filter((r): r is { x: T; index: number; m: { tier: MatchTier; at: number } } => r.m !== null)
    .sort((a, b) => a.m.tier - b.m.tier || a.m.at - b.m.at || a.index - b.index)
    .map((r) => r.x);
}
