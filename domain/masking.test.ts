import { describe, expect, it } from 'vitest';
import { maskAddress, maskIdNumber, maskName, maskPhone } from './masking';

describe('masks', () => {
  it('shows a phone number as 3 + 4 digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('12345')).toBe('*****');
  });

  it('keeps an address down to about the district and never more than half of it', () => {
    expect(maskAddress('浙江省杭州市上城区解放路1号')).toBe('浙江省杭州市********');
    expect(maskAddress('北京市东城区')).toBe('北京市***');
    expect(maskAddress('  ')).toBe('');
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
