import { KeyGrid } from './keyboard/KeyGrid';

/**
 * The on-screen keyboard of a field that takes no Chinese: 'id' (digits and X), 'code' (digits and
 * capital letters) or 'digits' (a phone number). The value lives in the parent. Where a citizen
 * types Chinese (a name, an address, a search), the one keyboard with its tabs is
 * `keyboard/Keyboard.tsx`.
 */
export function OnScreenKeyboard({
  layout,
  value,
  maxLength,
  onChange,
}: {
  layout: 'id' | 'code' | 'digits';
  value: string;
  maxLength: number;
  onChange: (next: string) => void;
}) {
  return <KeyGrid layout={layout} value={value} maxLength={maxLength} onChange={onChange} />;
}
