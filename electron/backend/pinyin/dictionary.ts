import { createHash } from 'node:crypto';
import { pinyin } from 'pinyin-pro';

/**
 * The phrase dictionary of the pinyin input: words with their toneless pinyin and a frequency.
 *
 * Source: the dictionary of jieba (结巴分词), `dict.txt` as shipped in the npm package
 * `@node-rs/jieba` (MIT licence, © the jieba authors; the package's own LICENSE file). It holds
 * about 349,000 words, each with its count in jieba's training corpus and a part-of-speech tag
 * (`ns` a place name, `nr` a person's name). The counts are what orders candidates: the most
 * likely word comes first. The pinyin is not in that file: `pinyin-pro` (MIT) gives each word's
 * reading in context (重庆 chong qing, 银行 yin hang), which is why building takes seconds and is
 * cached (see loader.ts).
 */
export interface DictionaryWord {
  /** The word as the citizen gets it: Simplified Chinese characters only. */
  readonly text: string;
  /** One toneless syllable a character, ü written `v` (lv 绿) as pinyin keyboards type it. */
  readonly syllables: readonly string[];
  /** The word's corpus count (always ≥ 1). */
  readonly frequency: number;
}

/** Longer entries are idioms and set phrases; a citizen types names and addresses in shorter words. */
export const MAX_WORD_CHARS = 8;

const HAN = /^[\u4e00-\u9fff]+$/u;

/** The words of jieba's `dict.txt` ("word count tag" a line) that the input can offer. */
export function parseJiebaDictionary(source: string): SourceWord[] {
  const words: SourceWord[] = [];
  for (const line of source.split('\n')) {
    const [text, count, tag] = line.trim().split(' ');
    if (!text || !count || text.length > MAX_WORD_CHARS || !HAN.test(text)) continue;
    const frequency = Number.parseInt(count, 10);
    if (!(frequency >= 1)) continue;
    words.push(tag === 'nr' ? { text, frequency, personName: true } : { text, frequency });
  }
  return words;
}

/** A word of the source: `personName` for jieba's `nr` (names of people: 王伟, 张三丰). */
export interface SourceWord {
  text: string;
  frequency: number;
  personName?: true;
}

/**
 * A single character's count plus its counts in people's names. The corpus counts 伟 on its own
 * 398 times but in names far more, and a citizen at the kiosk types names: without this 伟 would
 * sit behind 畏 and 纬.
 */
function withNameCounts(words: readonly SourceWord[]): Map<string, number> {
  const inNames = new Map<string, number>();
  for (const w of words) {
    if (!w.personName) continue;
    for (const c of new Set(w.text)) inNames.set(c, (inNames.get(c) ?? 0) + w.frequency);
  }
  return inNames;
}

const TONELESS = { toneType: 'none', type: 'array', v: true } as const;

/**
 * Pinyin for words, a character's readings looked up once: most words hold no character whose
 * toneless readings differ, and those are read character by character; the others go through
 * pinyin-pro's word-level reading, which knows 重庆 from 重量. A single character keeps every
 * reading (长 chang and zhang), since a name's character is typed by whichever the citizen knows.
 */
export class PinyinReader {
  private readonly readings = new Map<string, readonly string[]>();
  private readonly syllables = new Map<string, string>();

  /** The same syllable string object for every word: 349,000 words share about 420 of them. */
  private intern(syllable: string): string {
    const known = this.syllables.get(syllable);
    if (known !== undefined) return known;
    this.syllables.set(syllable, syllable);
    return syllable;
  }

  readingsOf(char: string): readonly string[] {
    let known = this.readings.get(char);
    if (!known) {
      const all = pinyin(char, { ...TONELESS, multiple: true }).filter((s) => /^[a-z]+$/.test(s));
      known = [...new Set(all)].map((s) => this.intern(s));
      this.readings.set(char, known);
    }
    return known;
  }

  /**
   * Every reading the word is typed by: one for a word, each of a single character's (the most
   * common first, as pinyin-pro orders them).
   */
  read(text: string): string[][] {
    const chars = [...text];
    if (chars.length === 1) return this.readingsOf(text).map((s) => [s]);
    const perChar = chars.map((c) => this.readingsOf(c));
    if (perChar.some((r) => r.length === 0)) return [];
    if (perChar.every((r) => r.length === 1)) return [perChar.map((r) => r[0]!)];
    const inContext = pinyin(text, TONELESS);
    if (inContext.length !== chars.length || inContext.some((s) => !/^[a-z]+$/.test(s))) return [];
    return [inContext.map((s) => this.intern(s))];
  }

  /** The syllables met so far: what a typed piece is checked against. */
  knownSyllables(): ReadonlySet<string> {
    return new Set(this.syllables.keys());
  }
}

/** A single character's other readings count this much less than its most common one. */
export const OTHER_READING_SHARE = 20;

/**
 * Words with a character outside GB2312 (the 6,763 characters of everyday Simplified Chinese) count
 * this much less: jieba's corpus also counts traditional forms (張, 賬) and rare characters, which
 * would push 伟 off the first pages. They stay reachable, for a name written with a rare one (喆).
 */
export const UNCOMMON_SHARE = 100;

/**
 * GB2312's characters, decoded from its code table (rows 0xB0-0xF7, cells 0xA1-0xFE) by the
 * platform's own decoder rather than listed here.
 */
function gb2312Characters(): ReadonlySet<string> {
  const decoder = new TextDecoder('gb2312');
  const chars = new Set<string>();
  for (let row = 0xb0; row <= 0xf7; row++) {
    for (let cell = 0xa1; cell <= 0xfe; cell++) {
      const char = decoder.decode(new Uint8Array([row, cell]));
      if (HAN.test(char)) chars.add(char);
    }
  }
  return chars;
}

/** How many words are read between two turns of the event loop while building. */
const WORDS_PER_SLICE = 4_000;

/**
 * Reads the pinyin of every word. A slice of words at a time, yielding between slices: the build
 * takes seconds, and the backend answers other requests (the queue, a card) meanwhile.
 */
export async function readDictionary(
  words: readonly SourceWord[],
  reader = new PinyinReader(),
  yieldNow: () => Promise<void> = () => new Promise((resolve) => setImmediate(resolve)),
): Promise<DictionaryWord[]> {
  const out: DictionaryWord[] = [];
  const gb2312 = gb2312Characters();
  const inNames = withNameCounts(words);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const count = word.text.length === 1 ? word.frequency + (inNames.get(word.text) ?? 0) : word.frequency;
    const common = [...word.text].every((c) => gb2312.has(c));
    reader.read(word.text).forEach((syllables, nth) => {
      // The corpus counts the character, not the reading: a rarer reading (见 read xian) would
      // otherwise outweigh the characters usually typed by it (先, 现).
      let share = nth === 0 ? 1 : OTHER_READING_SHARE;
      if (!common) share *= UNCOMMON_SHARE;
      out.push({ text: word.text, syllables, frequency: Math.max(1, Math.round(count / share)) });
    });
    if (i % WORDS_PER_SLICE === WORDS_PER_SLICE - 1) await yieldNow();
  }
  return out;
}

/** Bump when the way words are read changes, so a cache built the old way is rebuilt. */
export const DICTIONARY_FORMAT = 'kiosk-pinyin-dictionary/4';

/** The cache's key: the source's content and the format, so a new jieba release rebuilds it. */
export function dictionaryKey(source: string): string {
  return createHash('sha256').update(DICTIONARY_FORMAT).update('\0').update(source).digest('hex');
}

/** The cached form: a header line with the key, then "text<TAB>frequency<TAB>syllables" a line. */
export function serializeDictionary(key: string, words: readonly DictionaryWord[]): string {
  const lines = [`# ${DICTIONARY_FORMAT} ${key}`];
  for (const w of words) lines.push(`${w.text}\t${w.frequency}\t${w.syllables.join(' ')}`);
  return lines.join('\n');
}

/** The words of a cache file, or null when it was built from another source or is damaged. */
export function deserializeDictionary(key: string, text: string): DictionaryWord[] | null {
  const lines = text.split('\n');
  if (lines[0] !== `# ${DICTIONARY_FORMAT} ${key}`) return null;
  const intern = new Map<string, string>();
  const words: DictionaryWord[] = [];
  for (let i = 1; i < lines.length; i++) {
    const [word, count, readings] = lines[i]!.split('\t');
    const frequency = Number(count);
    if (!word || !readings || !(frequency >= 1)) return null;
    const syllables = readings.split(' ').map((s) => {
      const known = intern.get(s);
      if (known !== undefined) return known;
      intern.set(s, s);
      return s;
    });
    if (syllables.length !== [...word].length) return null;
    words.push({ text: word, frequency, syllables });
  }
  return words;
}
