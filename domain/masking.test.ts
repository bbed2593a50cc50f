import { describe, expect, it } from 'vitest';
import { maskAddress, maskPhone } from './masking';

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
