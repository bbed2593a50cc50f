import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { encodeEscPos, textColumns, wrapText } from './escpos-encoder';

const hex = (b: Uint8Array | number[]): string => Buffer.from(b).toString('hex').toUpperCase();
const INIT = '1B40' + '1C26';

describe('encodeEscPos', () => {
  it('starts with ESC @ and FS & (Chinese mode)', () => {
    expect(hex(encodeEscPos({ blocks: [] }, { paperWidthMm: 80 }))).toBe(INIT);
  });

  it('encodes a native QR exactly as the reference: model 2, module size, EC, store, print', () => {
    const data = 'https://gov.example/q/A012';
    const bytes = encodeEscPos(
      { blocks: [{ kind: 'qr', data, moduleSize: 8, errorCorrection: 'Q' }] },
      { paperWidthMm: 80 },
    );
    const storeLen = data.length + 3;
    expect(hex(bytes)).toBe(
      INIT +
        '1B6101' +
        '1D286B0400314132' +
        '00' +
        '1D286B03003143' +
        '08' +
        '1D286B03003145' +
        '32' +
        '1D286B' +
        hex([storeLen & 0xff, storeLen >> 8]) +
        '315030' +
        hex([...Buffer.from(data)]) +
        '1D286B0300315130',
    );
  });

  it('computes the QR store length little-endian above 255 bytes, data as UTF-8', () => {
    const data = '办'.repeat(100); // 300 bytes of UTF-8
    const bytes = encodeEscPos({ blocks: [{ kind: 'qr', data }] }, { paperWidthMm: 58 });
    const store = hex(bytes).indexOf('315030');
    expect(hex(bytes).slice(store - 4, store)).toBe('2F01'); // 303 = 0x012F
    expect(hex(bytes)).toContain('1D286B03003145' + '31'); // default EC M
    expect(hex(bytes)).toContain('1D286B03003143' + '06'); // default module size
  });

  it('encodes partial and full cuts as GS V 66 n / GS V 65 n', () => {
    expect(hex(encodeEscPos({ blocks: [{ kind: 'cut', partial: true }] }, { paperWidthMm: 80 }))).toBe(
      INIT + '1D564200',
    );
    expect(hex(encodeEscPos({ blocks: [{ kind: 'cut' }] }, { paperWidthMm: 80 }))).toBe(INIT + '1D564100');
  });

  it('encodes alignment, emphasis and size (GS ! high nibble width-1, low nibble height-1)', () => {
    const bytes = encodeEscPos(
      {
        blocks: [{ kind: 'text', text: 'A012', align: 'center', bold: true, size: { width: 2, height: 3 } }],
      },
      { paperWidthMm: 80 },
    );
    expect(hex(bytes)).toBe(INIT + '1B6101' + '1B4501' + '1D2112' + hex([...Buffer.from('A012')]) + '0A');
  });

  it('encodes Chinese text in GB18030', () => {
    const bytes = encodeEscPos({ blocks: [{ kind: 'text', text: '社保¥' }] }, { paperWidthMm: 80 });
    expect(hex(bytes)).toBe(
      INIT + '1B6100' + '1B4500' + '1D2100' + hex([...iconv.encode('社保¥', 'gb18030')]) + '0A',
    );
  });

  it('feeds with ESC d, splitting counts above 255', () => {
    expect(hex(encodeEscPos({ blocks: [{ kind: 'feed', lines: 3 }] }, { paperWidthMm: 80 }))).toBe(
      INIT + '1B6403',
    );
    expect(hex(encodeEscPos({ blocks: [{ kind: 'feed', lines: 300 }] }, { paperWidthMm: 80 }))).toBe(
      INIT + '1B64FF' + '1B642D',
    );
  });

  it('sizes a rule to the paper: 48 columns on 80 mm, 32 on 58 mm', () => {
    const rule80 = encodeEscPos({ blocks: [{ kind: 'rule' }] }, { paperWidthMm: 80 });
    const rule58 = encodeEscPos({ blocks: [{ kind: 'rule' }] }, { paperWidthMm: 58 });
    expect(hex(rule80)).toBe(INIT + '1B6100' + '1B4500' + '1D2100' + '2D'.repeat(48) + '0A');
    expect(hex(rule58)).toBe(INIT + '1B6100' + '1B4500' + '1D2100' + '2D'.repeat(32) + '0A');
  });

  it('strips control characters so text cannot inject printer commands', () => {
    const bytes = encodeEscPos({ blocks: [{ kind: 'text', text: 'A\u001dV\u0041B' }] }, { paperWidthMm: 80 });
    expect(hex(bytes).endsWith(hex([...Buffer.from('AVAB')]) + '0A')).toBe(true);
    expect([...bytes.subarray(INIT.length / 2 + 9)]).not.toContain(0x1d);
  });

  it('throws for a QR that cannot exist or a bad module size (document bugs)', () => {
    expect(() =>
      encodeEscPos({ blocks: [{ kind: 'qr', data: 'x'.repeat(3000) }] }, { paperWidthMm: 80 }),
    ).toThrow(RangeError);
    expect(() =>
      encodeEscPos({ blocks: [{ kind: 'qr', data: 'x', moduleSize: 0 }] }, { paperWidthMm: 80 }),
    ).toThrow(RangeError);
  });
});

describe('wrapText', () => {
  it('counts a CJK character as two columns', () => {
    expect(textColumns('社保A')).toBe(5);
    const lines = wrapText('一二三四五六七八九十一二三四五六七', 32);
    expect(lines).toEqual(['一二三四五六七八九十一二三四五六', '七']);
  });

  it('wraps to a narrower width for double-width text', () => {
    const bytes = encodeEscPos(
      { blocks: [{ kind: 'text', text: '一二三四五六七八九', size: { width: 2, height: 2 } }] },
      { paperWidthMm: 58 },
    );
    const lfs = [...bytes].filter((b) => b === 0x0a).length;
    expect(lfs).toBe(2); // 16 columns at width 2 = 8 CJK chars per line
  });

  it('wraps slips with Chinese rules: no line starts with "）" and no bullet "·" stands alone', () => {
    expect(wrapText('户口簿（户籍窗口）办理', 16)).toEqual(['户口簿（户籍窗', '口）办理']);
    const bullet = wrapText('· 不动产权证书原件（市规划和自然资源局不动产登记中心，取B类号）', 48);
    expect(bullet[0]!.startsWith('· 不动产权证书')).toBe(true);
    expect(bullet.every((line) => !line.startsWith('）') && line.trim() !== '·')).toBe(true);
  });

  it('breaks Latin text at spaces and honours explicit newlines', () => {
    expect(wrapText('hello world again', 11)).toEqual(['hello world', 'again']);
    expect(wrapText('abc\ndef', 32)).toEqual(['abc', 'def']);
    expect(wrapText('', 32)).toEqual(['']);
    for (const line of wrapText('请到3号窗口办理 please go to window 3 and wait for your number', 16)) {
      expect(textColumns(line)).toBeLessThanOrEqual(16);
    }
  });
});
