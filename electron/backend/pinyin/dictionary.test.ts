import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  deserializeDictionary,
  dictionaryKey,
  parseJiebaDictionary,
  PinyinReader,
  readDictionary,
  serializeDictionary,
} from './dictionary';
import { loadDictionary } from './loader';

const SOURCE = [
  '杭州 2806 ns',
  '重庆 1200 ns',
  '长 5000 a',
  'AA制 3 n',
  '一二三四五六七八九 3 m',
  '坏行 x',
  '',
].join('\n');

describe('the phrase dictionary', () => {
  it('keeps Chinese words with a count, and drops letters, over-long phrases and broken lines', () => {
    expect(parseJiebaDictionary(SOURCE)).toEqual([
      { text: '杭州', frequency: 2806 },
      { text: '重庆', frequency: 1200 },
      { text: '长', frequency: 5000 },
    ]);
    expect(parseJiebaDictionary('王伟 12 nr')).toEqual([{ text: '王伟', frequency: 12, personName: true }]);
  });

  it('reads a word in context and keeps every reading of a single character, the common one first', async () => {
    const words = await readDictionary(parseJiebaDictionary(SOURCE), new PinyinReader(), () =>
      Promise.resolve(),
    );
    expect(words.find((w) => w.text === '重庆')?.syllables).toEqual(['chong', 'qing']);
    const chang = words.filter((w) => w.text === '长');
    expect(chang.map((w) => w.syllables[0])).toEqual(['chang', 'zhang']);
    expect(chang[1]!.frequency).toBeLessThan(chang[0]!.frequency);
    expect(new PinyinReader().read('绿')[0]).toEqual(['lv']);
  });

  it('round-trips through its cache form, and refuses a cache of another source or a damaged one', async () => {
    const words = await readDictionary(parseJiebaDictionary(SOURCE));
    const key = dictionaryKey(SOURCE);
    const text = serializeDictionary(key, words);
    expect(deserializeDictionary(key, text)).toEqual(words);
    expect(deserializeDictionary(dictionaryKey(`${SOURCE}x`), text)).toBeNull();
    expect(deserializeDictionary(key, `${text}\n杭州\tnot-a-number\thang zhou`)).toBeNull();
    expect(deserializeDictionary(key, `${text}\n杭州\t5\thang`)).toBeNull();
  });

  it('builds once, then reads its cache; a damaged cache is rebuilt', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pinyin-dict-'));
    const sourcePath = join(dir, 'dict.txt');
    writeFileSync(sourcePath, SOURCE);
    const cacheDir = join(dir, 'cache');
    const first = await loadDictionary({ sourcePath, cacheDir });
    expect(first.from).toBe('built');
    const second = await loadDictionary({ sourcePath, cacheDir });
    expect(second).toEqual({ words: first.words, from: 'cache' });
    const [cacheFile] = readdirSync(cacheDir);
    writeFileSync(join(cacheDir, cacheFile!), 'garbage');
    expect((await loadDictionary({ sourcePath, cacheDir })).from).toBe('built');
    expect(readdirSync(cacheDir)).toEqual([cacheFile]);
  });

  it('fails plainly when the source is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pinyin-dict-'));
    await expect(loadDictionary({ sourcePath: join(dir, 'none.txt'), cacheDir: dir })).rejects.toThrow(
      /ENOENT/,
    );
  });
});
