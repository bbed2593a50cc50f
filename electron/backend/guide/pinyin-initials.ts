import iconv from 'iconv-lite';

/**
 * Pinyin initials of Chinese text ("不动产登记" → b d c d j), for searching the service guide with
 * the letters of the on-screen keyboard.
 *
 * No pinyin package is installed (pinyin-pro is not in node_modules and this work may not add
 * dependencies), so the initials come from a small table instead of a dictionary:
 *
 * - GB 2312's level-1 characters (区 16–55, bytes 0xB0A1–0xD7F9: the 3,755 most common characters)
 *   are **ordered by pinyin**. The first character of each initial's run is therefore enough: a
 *   character's initial is that of the last boundary at or below its GB 2312 code. The 23
 *   boundaries below are the first characters of each run (啊 芭 擦 … 匝); there are none for i, u, v,
 *   which no syllable starts with. `iconv-lite` (already a dependency, for the GB18030 printer) does
 *   the encoding. Every character of the central's catalogue names is level 1 (checked by the test).
 * - Level-2 characters (0xD8A1–0xF7FE) are ordered by radical, not pinyin, and characters outside
 *   GB 2312 have no position at all: they get no initial, so a search by initials does not match
 *   through them (a name search in Chinese or English still does). LEVEL2 names the few that occur
 *   in service names; add to it when the catalogue grows.
 * - A character with more than one reading (多音字) sits in GB 2312 under one of them; POLYPHONES
 *   adds the other initials of those likely in service names, and any of them matches
 *   (银行 matches both "yh" and "yx").
 */
const BOUNDARIES: readonly [code: number, initial: string][] = [
  [0xb0a1, 'a'], // 啊
  [0xb0c5, 'b'], // 芭
  [0xb2c1, 'c'], // 擦
  [0xb4ee, 'd'], // 搭
  [0xb6ea, 'e'], // 蛾
  [0xb7a2, 'f'], // 发
  [0xb8c1, 'g'], // 噶
  [0xb9fe, 'h'], // 哈
  [0xbbf7, 'j'], // 击
  [0xbfa6, 'k'], // 喀
  [0xc0ac, 'l'], // 垃
  [0xc2e8, 'm'], // 妈
  [0xc4c3, 'n'], // 拿
  [0xc5b6, 'o'], // 哦
  [0xc5be, 'p'], // 啪
  [0xc6da, 'q'], // 期
  [0xc8bb, 'r'], // 然
  [0xc8f6, 's'], // 撒
  [0xcbfa, 't'], // 塌
  [0xcdda, 'w'], // 挖
  [0xcef4, 'x'], // 昔
  [0xd1b9, 'y'], // 压
  [0xd4d1, 'z'], // 匝
];
const LEVEL1_END = 0xd7f9;

/** Level-2 or non-GB 2312 characters seen in service names, with their initials. */
const LEVEL2: Readonly<Record<string, string>> = {
  圳: 'z', // 深圳
  鄞: 'y', // 鄞州
  滘: 'j', // 道滘
  婺: 'w', // 婺城
  衢: 'q', // 衢州
};

/** Other initials of characters with several readings (the GB 2312 one comes from the table). */
const POLYPHONES: Readonly<Record<string, string>> = {
  行: 'h', // 银行 yinhang (GB 2312: xing)
  长: 'z', // 镇长 zhang (chang)
  重: 'c', // 重新 chong (zhong)
  单: 's', // 单县 shan (dan)
  便: 'p', // 便宜 pian (bian)
  会: 'k', // 会计 kuai (hui)
  给: 'j', // 供给 ji (gei)
  解: 'x', // 解 xie (jie)
  传: 'z', // 传记 zhuan (chuan)
  藏: 'z', // 西藏 zang (cang)
  校: 'j', // 校对 jiao (xiao)
  省: 'x', // 反省 xing (sheng)
  率: 's', // 率领 shuai (lü)
  参: 's', // 人参 shen (can)
  调: 't', // 调解 tiao (diao)
  乐: 'y', // 音乐 yue (le)
  厦: 's', // 大厦 sha (xia)
};

function gbInitial(ch: string): string {
  const bytes = iconv.encode(ch, 'gb2312');
  if (bytes.length !== 2) return '';
  const code = (bytes[0]! << 8) | bytes[1]!;
  if (code < BOUNDARIES[0]![0] || code > LEVEL1_END) return '';
  let initial = '';
  for (const [start, letter] of BOUNDARIES) {
    if (code < start) break;
    initial = letter;
  }
  return initial;
}

/**
 * The possible initials of each character that counts for a search: for a Chinese character its
 * initial(s) ("xh" for 行), for a Latin letter or digit itself (lower case); punctuation and
 * characters without a known initial are left out.
 */
export function initialsOf(text: string): string[] {
  const out: string[] = [];
  for (const ch of text) {
    if (/[A-Za-z0-9]/.test(ch)) {
      out.push(ch.toLowerCase());
      continue;
    }
    if (!/\p{Script=Han}/u.test(ch)) continue;
    const base = LEVEL2[ch] ?? gbInitial(ch);
    const more = POLYPHONES[ch] ?? '';
    const all = [...new Set((base + more).split(''))].join('');
    if (all) out.push(all);
  }
  return out;
}

/**
 * Where `query` (lower-case letters) matches a run of `initials`: the index of the first match,
 * or -1. Each position may match any of its alternatives.
 */
export function matchInitials(initials: readonly string[], query: string): number {
  if (query.length === 0 || query.length > initials.length) return -1;
  outer: for (let start = 0; start + query.length <= initials.length; start++) {
    for (let i = 0; i < query.length; i++) {
      if (!initials[start + i]!.includes(query[i]!)) continue outer;
    }
    return start;
  }
  return -1;
}
