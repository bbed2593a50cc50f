import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskAddress, maskIdNumber, maskName, maskPhone } from './masking';

describe('masks', () => {
  it('shows a phone number as 3 + 4 digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('12345')).toBe('*****');
  });

  it('shows an address down to its street and hides the house number, building and room', () => {
    expect(maskAddress('浙江省杭州市上城区解放路1号')).toBe('浙江省杭州市上城区解放路**');
    expect(maskAddress('浙江省杭州市西湖区文三路90号东部软件园3幢502室')).toBe(
      '浙江省杭州市西湖区文三路********',
    );
    expect(maskAddress('上海市静安区南京西路1266弄3号')).toBe('上海市静安区南京西路*******');
    expect(maskAddress('浙江省杭州市上城区湖滨街道东坡路8号')).toBe('浙江省杭州市上城区湖滨街道东坡路**');
    expect(maskAddress('浙江省建德市大同镇上马村3组15号')).toBe('浙江省建德市大同镇上马村*****');
    expect(maskAddress('北京市东城区')).toBe('北京市东城区');
    expect(maskAddress('  ')).toBe('');
  });

  it('keeps at most half of an address it cannot read, and nothing from its first digit', () => {
    expect(maskAddress('12345678')).toBe('********');
    expect(maskAddress('Flat 3, 10 Downing St')).toBe('Flat ********');
  });
});

describe('ID-card masks', () => {
  it('masks the ID number keeping region code and last four', () => {
    expect(maskIdNumber('330106198001011234')).toBe('330106********1234');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('USA123456789012')).toBe('USA123*****9012');
  });

  it('masks names keeping the first character', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('李')).toBe('*');
    expect(maskName('John Smith')).toBe('J*** *****');
    expect(maskName('')).toBe('');
  });
});

describe('address mask properties', () => {
  const pick = (xs: readonly string[]) => fc.constantFrom(...xs);
  const region = fc.oneof(
    fc
      .tuple(pick(['浙江省', '广东省', '广西壮族自治区']), pick(['杭州市', '宁波市', '广州市']))
      .map((t) => t.join('')),
    pick(['北京市', '上海市', '重庆市']),
  );
  const district = pick(['上城区', '西湖区', '淳安县', '建德市', '静安区']);
  const town = pick(['', '湖滨街道', '千岛湖镇', '临岐镇']);
  const street = pick(['解放路', '中山北路', '人民大道', '长安街', '南门巷', '上马村']);
  const digits = fc.integer({ min: 1, max: 9999 }).map(String);
  const rest = fc
    .tuple(digits, pick(['号', '弄', '组']), fc.option(digits), pick(['', '幢', '栋']), fc.option(digits))
    .map(([a, b, c, d, e]) => `${a}${b}${c ?? ''}${d}${e ? `${e}室` : ''}`);
  const address = fc.tuple(region, district, town, street, rest);

  it('always shows province, city, district, town and street, and never a digit', () => {
    fc.assert(
      fc.property(address, ([r, d, t, s, n]) => {
        const masked = maskAddress(r + d + t + s + n);
        expect(masked.startsWith(r + d + t + s)).toBe(true);
        expect(masked).not.toMatch(/[0-9０-９]/u);
        expect(masked.length).toBeGreaterThan((r + d + t + s).length);
      }),
    );
  });

  it('never shows a digit of any text, and shows only a beginning of it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        const masked = maskAddress(text);
        const visible = masked.replace(/\*+$/u, '');
        expect(text.trim().startsWith(visible)).toBe(true);
        expect(visible).not.toMatch(/[0-9０-９]/u);
      }),
    );
  });
});
