import { describe, expect, it } from 'vitest';
import { CARD_TYPE_MARKER_OFFSET, decodeCardText, encodeCardText, TEXT_LAYOUTS } from './card-text';
import { idCheckCharacter } from '../../domain/id-number';
import { sampleIdentity } from './simulated-sdt-device';
import type { CardIdentity, CardType } from './types';

const field = (block: Uint8Array, offset: number, width: number): string =>
  Buffer.from(block.subarray(offset, offset + width)).toString('utf16le');

const hmt: CardIdentity = {
  cardType: 'hmt-residence-permit',
  name: '陈大文',
  gender: 'female',
  nationCode: '',
  birthDate: '1990-05-06',
  address: '广东省深圳市福田区福华路1号',
  idNumber: '81000019900506' + '002' + idCheckCharacter('81000019900506002'),
  issuingAuthority: '深圳市公安局',
  validFrom: '2019-01-01',
  validTo: '2024-01-01',
  passNumber: 'H12345678',
  issueCount: '01',
};

const foreigner: CardIdentity = {
  cardType: 'foreign-permanent-resident',
  name: 'SMITH, JOHN MICHAEL',
  gender: 'male',
  nationCode: 'USA',
  birthDate: '1975-12-31',
  address: '',
  idNumber: 'USA110075123100',
  issuingAuthority: '1500',
  validFrom: '2015-06-01',
  validTo: '2025-06-01',
  chineseName: '史密斯',
  cardVersion: '01',
};

const foreigner2023: CardIdentity = {
  ...foreigner,
  cardType: 'foreign-permanent-resident-2023',
  nationCode: '',
  idNumber: '93384019751231002' + idCheckCharacter('93384019751231002'),
};

describe('text block layout', () => {
  it('declares fields that stay inside the block and do not overlap', () => {
    for (const [type, layout] of Object.entries(TEXT_LAYOUTS)) {
      const sorted = [...layout].sort((a, b) => a.offset - b.offset);
      let end = 0;
      for (const spec of sorted) {
        expect(spec.offset, `${type}.${spec.key}`).toBeGreaterThanOrEqual(end);
        expect(spec.width % 2).toBe(0);
        end = spec.offset + spec.width;
      }
      expect(end).toBeLessThanOrEqual(CARD_TYPE_MARKER_OFFSET);
    }
  });
});

describe('encodeCardText / decodeCardText', () => {
  it('puts resident fields at the reference offsets, UTF-16LE space padded', () => {
    const id = sampleIdentity({ validTo: 'long-term' });
    const block = encodeCardText(id);
    expect(block.length).toBe(256);
    expect(field(block, 0, 30)).toBe('张三' + ' '.repeat(13));
    expect(field(block, 30, 2)).toBe('1');
    expect(field(block, 32, 4)).toBe('01');
    expect(field(block, 36, 16)).toBe('19800101');
    expect(field(block, 122, 36)).toBe(id.idNumber);
    expect(field(block, 204, 16)).toBe('长期' + ' '.repeat(6));
    expect(field(block, 248, 2)).toBe(' ');
  });

  it.each<[CardType, CardIdentity]>([
    ['resident', sampleIdentity()],
    ['resident', sampleIdentity({ name: '买买提·艾力', validTo: 'long-term', gender: 'female' })],
    ['hmt-residence-permit', hmt],
    ['foreign-permanent-resident', foreigner],
    ['foreign-permanent-resident-2023', foreigner2023],
  ])('round-trips a %s card', (type, identity) => {
    const decoded = decodeCardText(encodeCardText(identity));
    expect(decoded).toEqual({ ok: true, identity });
    expect(decoded.ok && decoded.identity.cardType).toBe(type);
  });

  it('writes the HMT pass number and issue count and the J marker', () => {
    const block = encodeCardText(hmt);
    expect(field(block, 220, 18)).toBe('H12345678');
    expect(field(block, 238, 4)).toBe('01');
    expect(field(block, 248, 2)).toBe('J');
  });

  it('reads the foreigner card with the older layout', () => {
    const block = encodeCardText(foreigner);
    expect(field(block, 0, 120).trim()).toBe('SMITH, JOHN MICHAEL');
    expect(field(block, 122, 30)).toBe('USA110075123100');
    expect(field(block, 152, 6)).toBe('USA');
    expect(field(block, 158, 30).trim()).toBe('史密斯');
    expect(field(block, 220, 16)).toBe('19751231');
    expect(field(block, 248, 2)).toBe('I');
    const block2023 = encodeCardText(foreigner2023);
    expect(field(block2023, 248, 2)).toBe('Y');
    expect(field(block2023, 122, 36)).toBe(foreigner2023.idNumber);
  });

  it('accepts NUL padding as readers of some firmware send it', () => {
    const block = encodeCardText(sampleIdentity());
    block.fill(0, 52 + 2 * 16, 122); // pad the tail of the address with NULs
    block.fill(0, 248, 256);
    const decoded = decodeCardText(block);
    expect(decoded.ok && decoded.identity.address).toBe('浙江省杭州市西湖区文三路100号');
    expect(decoded.ok && decoded.identity.cardType).toBe('resident');
  });

  it('reports an unknown marker and a malformed date without personal data in the detail', () => {
    const block = encodeCardText(sampleIdentity());
    block[248] = 0x5a; // 'Z'
    expect(decodeCardText(block)).toMatchObject({ ok: false, error: 'unknown-card-type' });

    const bad = encodeCardText(sampleIdentity());
    bad.set(Buffer.from('1980ab01', 'utf16le'), 36);
    const result = decodeCardText(bad);
    expect(result).toEqual({
      ok: false,
      error: 'malformed',
      detail: 'resident field birthDate is malformed',
    });
  });

  it('rejects a block of the wrong length', () => {
    expect(decodeCardText(new Uint8Array(100))).toMatchObject({ ok: false, error: 'malformed' });
  });

  it('refuses to encode a value that does not fit its field', () => {
    expect(() => encodeCardText(sampleIdentity({ name: '名'.repeat(16) }))).toThrow(RangeError);
    expect(() => encodeCardText(sampleIdentity({ birthDate: '1980/01/01' }))).toThrow(RangeError);
  });
});
