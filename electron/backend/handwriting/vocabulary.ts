import { readFileSync } from 'node:fs';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import iconv from 'iconv-lite';
import { HANDWRITING_BOX } from './contract';
import { HandwritingIndex, type CharacterStrokes } from './recogniser';

/**
 * The characters the pad recognises and where their strokes come from.
 *
 * The vocabulary is GB 2312's first level (一级汉字, 3755 characters): the standard set of the
 * characters in everyday use, which covers names and addresses as well as any frequency list of
 * the size, and keeps recognition fast. It is read from GB 2312's own code table (rows 16–55)
 * through iconv-lite rather than kept as a list here.
 *
 * The strokes are Make Me a Hanzi's stroke medians as the hanzi-writer-data package ships them
 * (one JSON file a character). Their graphics derive from Arphic's fonts and are under the Arphic
 * Public License (node_modules/hanzi-writer-data/ARPHICPL.TXT): free to use and redistribute
 * unchanged with the licence; the kiosk reads the files as shipped and changes none.
 */
export function commonCharacters(): string[] {
  const chars: string[] = [];
  for (let row = 0xb0; row <= 0xd7; row++) {
    for (let cell = 0xa1; cell <= 0xfe; cell++) {
      // Row 55 (0xD7) ends at cell 89: its last five code points are unassigned.
      if (row === 0xd7 && cell > 0xf9) break;
      chars.push(iconv.decode(Buffer.from([row, cell]), 'gb2312'));
    }
  }
  return chars;
}

/** Make Me a Hanzi draws in a 1024 box with y upwards and its baseline at 900. */
const MMAH_BASELINE = 900;

interface HanziWriterData {
  medians: [number, number][][];
}

function dataDir(): string {
  return dirname(createRequire(import.meta.url).resolve('hanzi-writer-data/package.json'));
}

/** One character's medians from hanzi-writer-data, turned into the pad's box (y downwards). */
function readCharacter(dir: string, char: string): CharacterStrokes | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, `${char}.json`), 'utf8');
  } catch {
    return undefined; // a character the data lacks is simply not offered
  }
  const data = JSON.parse(text) as HanziWriterData;
  const clamp = (v: number) => Math.min(HANDWRITING_BOX, Math.max(0, v));
  return {
    char,
    medians: data.medians.map((stroke) =>
      stroke.map(([x, y]) => [clamp(x), clamp(MMAH_BASELINE - y)] as const),
    ),
  };
}

/**
 * The stroke data of `chars`, a batch at a time with a turn of the event loop between: the small
 * files read several times faster one after the other than through the thread pool, and the
 * kiosk's other requests still get their turn.
 */
export async function loadCharacters(
  chars: readonly string[] = commonCharacters(),
): Promise<CharacterStrokes[]> {
  const dir = dataDir();
  const out: CharacterStrokes[] = [];
  const BATCH = 128;
  for (let i = 0; i < chars.length; i += BATCH) {
    if (i > 0) await yieldToEvents();
    for (const char of chars.slice(i, i + BATCH)) {
      const c = readCharacter(dir, char);
      if (c) out.push(c);
    }
  }
  return out;
}

let shared: Promise<HandwritingIndex> | undefined;

/**
 * The index of the whole vocabulary, built once per process at first use (about half a second)
 * and kept: the module asks for it at start so a citizen's first character does not wait for it.
 */
export function vocabularyIndex(): Promise<HandwritingIndex> {
  shared ??= loadCharacters().then((chars) => new HandwritingIndex(chars));
  // A failed load (a broken install) is not cached: the next request tries again.
  shared.catch(() => (shared = undefined));
  return shared;
}
