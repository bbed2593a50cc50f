import type { DictionaryWord } from './dictionary';

/**
 * Phrase candidates for typed pinyin, the way a pinyin input method offers them: `hangzhou` gives
 * 杭州, `hz` (initials) gives 杭州 among the first, `xihuq` (the last syllable begun) gives 西湖区,
 * and `hangzhouxihu` gives 杭州 for the first part, leaving `xihu` to type on.
 *
 * No npm package does this over a frequency dictionary on the server side (pinyin-pro converts
 * characters to pinyin and matches one string against another, but does not search a lexicon), so
 * the search is written here. Words are indexed by the first letters of their syllables (杭州 →
 * "hz"); typed letters are split every way into pieces that each begin a syllable, walking only
 * splits whose first letters begin some word's key, and a word matches when each piece begins the
 * word's syllable in turn.
 */

/** A candidate: the text, and how many typed characters it stands for (the rest stays typed). */
export interface Candidate {
  readonly text: string;
  readonly consumed: number;
}

export interface CandidatePage {
  readonly candidates: Candidate[];
  readonly hasMore: boolean;
}

/**
 * The hall's own place names (the central's region list: 杭州市, 西湖区, 西溪街道) weigh this
 * much more than their corpus count. A citizen at this hall types an address in this city far
 * more often than the national corpus suggests: without it `hz` would offer 孩子 and 合作 before
 * 杭州, and a street that the corpus never met would not be offered at all.
 */
export const LOCAL_PLACE_WEIGHT = 50;

/** Where a match stands, best first: the whole input spelled out; abbreviated; only its start. */
const enum Tier {
  Spelled = 0,
  Abbreviated = 1,
  Start = 2,
}

interface Entry {
  text: string;
  syllables: readonly string[];
  weight: number;
}

interface Match {
  entry: Entry;
  tier: Tier;
  consumed: number;
}

/** A typed piece is at most this long: the longest syllables (zhuang, shuang) have six letters. */
const MAX_PIECE = 6;

export class PinyinIndex {
  /** Word entries by the first letters of their syllables ("hz" → 杭州, 孩子, 合作 ...). */
  private readonly byKey = new Map<string, Entry[]>();
  /** Every beginning of a key: a split whose first letters are not in here leads to no word. */
  private readonly keyPrefixes = new Set<string>();
  /** Every beginning of a known syllable ("z", "zh", "zho", "zhon", "zhong"). */
  private readonly syllablePrefixes = new Set<string>();
  private readonly syllables = new Set<string>();
  private longestKey = 0;
  private entries = 0;

  constructor(words: Iterable<DictionaryWord>) {
    for (const w of words) this.add(w.text, w.syllables, w.frequency);
  }

  get size(): number {
    return this.entries;
  }

  /**
   * The hall's place names, weighted up (LOCAL_PLACE_WEIGHT); a name the dictionary lacks is
   * added with the reading given.
   */
  addLocalPlaces(places: Iterable<DictionaryWord>): void {
    for (const place of places) {
      const key = keyOf(place.syllables);
      const known = this.byKey
        .get(key)
        ?.find((e) => e.text === place.text && same(e.syllables, place.syllables));
      if (known) known.weight = Math.max(known.weight, place.frequency) * LOCAL_PLACE_WEIGHT;
      else this.add(place.text, place.syllables, Math.max(1, place.frequency) * LOCAL_PLACE_WEIGHT);
    }
  }

  private add(text: string, syllables: readonly string[], weight: number): void {
    if (syllables.length === 0) return;
    const key = keyOf(syllables);
    let list = this.byKey.get(key);
    if (!list) {
      list = [];
      this.byKey.set(key, list);
      for (let i = 1; i <= key.length; i++) this.keyPrefixes.add(key.slice(0, i));
      this.longestKey = Math.max(this.longestKey, key.length);
    }
    list.push({ text, syllables, weight });
    this.entries++;
    for (const s of syllables) {
      if (this.syllables.has(s)) continue;
      this.syllables.add(s);
      for (let i = 1; i <= s.length; i++) this.syllablePrefixes.add(s.slice(0, i));
    }
  }

  /**
   * One page of candidates for `input` (lower-case letters, `'` between syllables where the
   * citizen separates them: xi'an). Best first: words spelling the whole input out, then those
   * matching it with initials or a begun syllable, then words for only its beginning (longest
   * first); within each, the higher frequency first. The input is checked by the caller.
   */
  lookup(input: string, page: number, pageSize: number): CandidatePage {
    const ranked = this.rank(input);
    const start = page * pageSize;
    return {
      candidates: ranked.slice(start, start + pageSize),
      hasMore: ranked.length > start + pageSize,
    };
  }

  private rank(input: string): Candidate[] {
    const best = new Map<string, Match>();
    const consider = (m: Match) => {
      const known = best.get(m.entry.text);
      if (!known || better(m, known)) best.set(m.entry.text, m);
    };
    const pieces: string[] = [];
    const walk = (pos: number, key: string) => {
      if (key.length > 0) {
        const whole = pos === input.length;
        for (const entry of this.byKey.get(key) ?? []) {
          if (!pieces.every((p, i) => entry.syllables[i]!.startsWith(p))) continue;
          // Before the last piece a syllable is spelled out or given by its initial (zh, or its
          // first letter): "zhan|g|wei" is no way of typing 张国维, while "zh|g|w" and "zhang|g" are.
          if (!pieces.every((p, i) => i === pieces.length - 1 || entry.syllables[i] === p || isInitial(p))) {
            continue;
          }
          const spelled = pieces.every((p, i) => entry.syllables[i] === p);
          const tier = !whole ? Tier.Start : spelled ? Tier.Spelled : Tier.Abbreviated;
          // Only its start: offered as words spelled out, or as the single character begun.
          if (tier === Tier.Start && !spelled) continue;
          consider({ entry, tier, consumed: pos });
        }
        if (whole || key.length >= this.longestKey) return;
      }
      let from = pos;
      if (input[from] === "'") {
        if (key.length === 0) return;
        from++;
      }
      for (let len = 1; len <= MAX_PIECE && from + len <= input.length; len++) {
        const piece = input.slice(from, from + len);
        if (!this.syllablePrefixes.has(piece)) break;
        const next = key + piece[0]!;
        if (!this.keyPrefixes.has(next)) break;
        pieces.push(piece);
        walk(from + len, next);
        pieces.pop();
      }
    };
    walk(0, '');
    return [...best.values()]
      .sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0))
      .map((m) => ({ text: m.entry.text, consumed: m.consumed }));
  }
}

function better(a: Match, b: Match): boolean {
  if (a.tier !== b.tier) return a.tier < b.tier;
  if (a.consumed !== b.consumed) return a.consumed > b.consumed;
  return a.entry.weight > b.entry.weight;
}

/** A syllable's initial as typed for it alone: its first letter, or zh, ch, sh. */
function isInitial(piece: string): boolean {
  return piece.length === 1 || piece === 'zh' || piece === 'ch' || piece === 'sh';
}

function keyOf(syllables: readonly string[]): string {
  return syllables.map((s) => s[0]).join('');
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}
