import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  dictionaryKey,
  deserializeDictionary,
  parseJiebaDictionary,
  readDictionary,
  serializeDictionary,
  type DictionaryWord,
} from './dictionary';

/**
 * Where jieba's dictionary is: the `dict.txt` file of `@node-rs/jieba`. Only the data file is read;
 * the package's native segmenter is never loaded.
 */
export function jiebaDictionaryPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@node-rs/jieba/package.json')), 'dict.txt');
}

export interface LoadedDictionary {
  words: DictionaryWord[];
  /** 'cache': read from the file a previous build left; 'built': read from the source now. */
  from: 'cache' | 'built';
}

/**
 * The dictionary with its pinyin. Reading the pinyin of 349,000 words takes seconds, so the result
 * is kept in `cacheDir` under the source's digest: the next start reads it in a fraction of that,
 * and a new jieba release (another digest) is read afresh. A cache that cannot be written only
 * costs the next start the same seconds.
 */
export async function loadDictionary(options: {
  sourcePath?: string;
  cacheDir: string;
}): Promise<LoadedDictionary> {
  const source = await readFile(options.sourcePath ?? jiebaDictionaryPath(), 'utf8');
  const key = dictionaryKey(source);
  const cachePath = join(options.cacheDir, `pinyin-dictionary-${key.slice(0, 16)}.tsv`);
  const cached = await readFile(cachePath, 'utf8').then(
    (text) => deserializeDictionary(key, text),
    () => null,
  );
  if (cached) return { words: cached, from: 'cache' };
  const words = await readDictionary(parseJiebaDictionary(source));
  try {
    await mkdir(options.cacheDir, { recursive: true });
    // Written aside and renamed: a start that stops midway leaves no half file to trust.
    const partial = `${cachePath}.${process.pid}.partial`;
    await writeFile(partial, serializeDictionary(key, words));
    await rename(partial, cachePath);
  } catch {
    // Not kept: the next start builds it again.
  }
  return { words, from: 'built' };
}
