import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_POINTS, MAX_POINTS_PER_STROKE, MAX_STROKES } from './contract';
import { HandwritingIndex, HandwritingInputError, type CharacterStrokes } from './recogniser';
import { ORDINARY_HAND, seededRandom, writeLikeAHand } from './synthetic-writing';
import { commonCharacters, loadCharacters } from './vocabulary';

// Characters alike in stroke count and parts, so a right answer is not the only one in reach.
const SAMPLE = [...'一二三十土士王玉主日目白口中国我永汉字人入八大天夫木本末未'];

let sample: CharacterStrokes[];
let index: HandwritingIndex;
beforeAll(async () => {
  sample = await loadCharacters(SAMPLE);
  index = new HandwritingIndex(sample);
});

const strokesOf = (char: string) => sample.find((c) => c.char === char)!.medians;

describe('the vocabulary', () => {
  it('is GB 2312’s first level: 3755 characters in everyday use, each with its strokes', async () => {
    const chars = commonCharacters();
    expect(chars).toHaveLength(3755);
    expect(chars[0]).toBe('啊');
    expect(chars.at(-1)).toBe('座');
    expect(new Set(chars).size).toBe(3755);
    expect(chars).toEqual(expect.arrayContaining(['我', '国', '张', '王', '李', '区', '路', '号']));
    expect(sample.map((c) => c.char)).toEqual(SAMPLE);
  });

  it('turns Make Me a Hanzi’s y-up strokes into the pad’s y-down box', () => {
    // 一 is one stroke from left to right, near the middle of the box.
    const [stroke] = strokesOf('一');
    const first = stroke![0]!;
    const last = stroke!.at(-1)!;
    expect(last[0]).toBeGreaterThan(first[0]);
    expect(first[1]).toBeGreaterThan(300);
    expect(first[1]).toBeLessThan(700);
    // 丨 of 十 goes down the page: y grows along it.
    const down = strokesOf('十')[1]!;
    expect(down.at(-1)![1]).toBeGreaterThan(down[0]![1]);
  });
});

describe('recognition', () => {
  it('knows a cleanly written character first', () => {
    for (const char of ['一', '十', '国', '我', '永', '末', '未']) {
      expect(index.recognise(strokesOf(char))[0]).toBe(char);
    }
  });

  it('tells 末 from 未 and 土 from 士 by the lengths of their strokes', () => {
    expect(index.recognise(strokesOf('末'))[0]).toBe('末');
    expect(index.recognise(strokesOf('未'))[0]).toBe('未');
    expect(index.recognise(strokesOf('土'))[0]).toBe('土');
    expect(index.recognise(strokesOf('士'))[0]).toBe('士');
  });

  it('still finds characters written by an ordinary hand among its first five', () => {
    const random = seededRandom(7);
    let inTopFive = 0;
    for (const c of sample) {
      if (
        index
          .recognise(writeLikeAHand(c.medians, random, ORDINARY_HAND))
          .slice(0, 5)
          .includes(c.char)
      )
        inTopFive++;
    }
    expect(inTopFive / sample.length).toBeGreaterThanOrEqual(0.9);
  });

  it('finds a character written with two strokes run together, or two strokes the other way round', () => {
    const ten = strokesOf('王');
    // 王's first 横 and its 丨 in one go.
    const joined = [[...ten[0]!, ...ten[1]!], ...ten.slice(2)];
    expect(index.recognise(joined).slice(0, 3)).toContain('王');
    const guo = strokesOf('国');
    const swapped = [guo[0]!, guo[2]!, guo[1]!, ...guo.slice(3)];
    expect(index.recognise(swapped).slice(0, 3)).toContain('国');
  });

  it('answers at most the limit, without repeats', () => {
    const out = index.recognise(strokesOf('王'), 3);
    expect(out.length).toBeLessThanOrEqual(3);
    expect(new Set(out).size).toBe(out.length);
  });

  it('offers nothing for a scribble no character is like', () => {
    // Thirty dots: no character of the sample has nearly as many strokes.
    const dots = Array.from({ length: 30 }, (_, i) => [[100 + i * 20, 500] as [number, number]]);
    expect(index.recognise(dots)).toEqual([]);
    // One long zigzag across the box is no one-or-two-stroke character either.
    const zigzag = Array.from({ length: 60 }, (_, i) => [i * 16, i % 2 === 0 ? 0 : 1024] as [number, number]);
    expect(index.recognise([zigzag])).toEqual([]);
  });
});

describe('bad input', () => {
  const refused = (strokes: unknown) => {
    try {
      index.recognise(strokes);
    } catch (err) {
      expect(err).toBeInstanceOf(HandwritingInputError);
      return (err as Error).message;
    }
    throw new Error('it was not refused');
  };

  it('refuses nothing written, a stroke without points and a point off the pad, saying which', () => {
    expect(refused([])).toBe('nothing was written: no strokes');
    expect(refused('一')).toBe('strokes must be a list of strokes');
    expect(refused([[[10, 10]], []])).toBe('stroke 2 has no points');
    expect(refused([[[10, Number.NaN]]])).toBe('stroke 1 has a point that is not [x, y] within 0..1024');
    expect(refused([[[10, 2000]]])).toMatch(/^stroke 1 has a point that is not/);
    expect(refused([[[1, 2, 3]]])).toMatch(/^stroke 1 has a point that is not/);
  });

  it('refuses too many strokes or points, naming the limit and never a coordinate', () => {
    const stroke = (points: number) => Array.from({ length: points }, (_, i) => [i % 1000, 777] as const);
    expect(refused(Array.from({ length: MAX_STROKES + 1 }, () => stroke(1)))).toBe(
      `too many strokes: at most ${MAX_STROKES}`,
    );
    const long = refused([stroke(MAX_POINTS_PER_STROKE + 1)]);
    expect(long).toBe(`stroke 1 has too many points: at most ${MAX_POINTS_PER_STROKE}`);
    expect(long).not.toContain('777');
    const many = Array.from({ length: 11 }, () => stroke(MAX_POINTS / 10));
    expect(refused(many)).toBe(`too many points: at most ${MAX_POINTS} in all`);
  });

  it('keeps answering after a refusal', () => {
    refused([]);
    expect(index.recognise(strokesOf('口'))[0]).toBe('口');
  });
});
