import { useEffect, useRef } from 'react';
import KeyboardModule from 'simple-keyboard';
import 'simple-keyboard/build/css/index.css';

// simple-keyboard ships a CommonJS/UMD build: depending on the bundler's interop its class is the
// default export or the default export's `default`.
type KeyboardClass = typeof KeyboardModule;
const SimpleKeyboard: KeyboardClass =
  (KeyboardModule as unknown as { default?: KeyboardClass }).default ?? KeyboardModule;

/** The key layouts: the fields' own (ID number, code, phone) and the tabs of the one keyboard. */
export const KEY_ROWS = {
  id: ['1 2 3', '4 5 6', '7 8 9', 'X 0 {bksp}'],
  digits: ['1 2 3', '4 5 6', '7 8 9', '0 {bksp}'],
  code: ['1 2 3 4 5 6 7 8 9 0', 'Q W E R T Y U I O P', 'A S D F G H J K L', 'Z X C V B N M {bksp}'],
  /** Numbers in an address or a name's field: house numbers, 3-1-502, #. */
  numbers: ['1 2 3', '4 5 6', '7 8 9', '- 0 #', '{bksp}'],
  /** Letters with the digits above them: a code (GG0800), an alias (SB), a building (A座 3). */
  letters: [
    '1 2 3 4 5 6 7 8 9 0',
    'Q W E R T Y U I O P',
    'A S D F G H J K L',
    'Z X C V B N M {bksp}',
    '{space}',
  ],
  /** Pinyin letters, ü typed as v; ' separates syllables (xi'an). */
  pinyin: ['q w e r t y u i o p', 'a s d f g h j k l', "z x c v b n m '", '{bksp}'],
} as const;
export type KeyLayout = keyof typeof KEY_ROWS;

const KEY_NAMES: Record<string, { label: string; display: string; testId: string }> = {
  '{bksp}': { label: 'Backspace 删除', display: '⌫', testId: 'bksp' },
  '{space}': { label: 'Space 空格', display: '␣', testId: 'space' },
  "'": { label: "Syllable separator 隔音符 '", display: "'", testId: 'apostrophe' },
};

/**
 * A grid of keys (simple-keyboard): the kiosk has no physical keyboard. Either it keeps the text
 * itself (`value`, `onChange`: simple-keyboard's own input, as the ID number and code fields use
 * it), or it only reports each key (`onKey`) and the caller decides what a key does, as the
 * one keyboard's tabs do (a key there may edit a pinyin composition rather than the text).
 */
export function KeyGrid(
  props: { layout: KeyLayout } & (
    | { value: string; maxLength: number; onChange: (next: string) => void; onKey?: undefined }
    | { onKey: (key: string) => void; value?: undefined; maxLength?: undefined; onChange?: undefined }
  ),
) {
  const { layout, value, maxLength } = props;
  const host = useRef<HTMLDivElement>(null);
  const keyboard = useRef<InstanceType<KeyboardClass> | null>(null);
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });

  useEffect(() => {
    if (!host.current) return;
    const keysOnly = latest.current.onKey !== undefined;
    const kb = new SimpleKeyboard(host.current, {
      layout: { default: [...KEY_ROWS[layout]] },
      display: Object.fromEntries(Object.entries(KEY_NAMES).map(([k, v]) => [k, v.display])),
      ...(maxLength !== undefined ? { maxLength } : {}),
      theme: `hg-theme-default kiosk-keyboard kiosk-keyboard-${layout}`,
      useMouseEvents: true,
      ...(keysOnly
        ? { onKeyPress: (key: string) => latest.current.onKey?.(key) }
        : { onChange: (input: string) => latest.current.onChange?.(input) }),
    });
    // Name the buttons for screen readers and tests (simple-keyboard renders divs).
    host.current.querySelectorAll<HTMLElement>('.hg-button').forEach((b) => {
      const key = b.dataset.skbtn ?? '';
      const named = KEY_NAMES[key];
      b.setAttribute('role', 'button');
      b.setAttribute('aria-label', named?.label ?? key);
      b.setAttribute('data-testid', `key-${named?.testId ?? key}`);
    });
    keyboard.current = kb;
    return () => {
      kb.destroy();
      keyboard.current = null;
    };
  }, [layout, maxLength]);

  useEffect(() => {
    if (value !== undefined) keyboard.current?.setInput(value);
  }, [value]);

  return <div ref={host} className="keyboard-host" />;
}
