import { useEffect, useRef } from 'react';
import KeyboardModule from 'simple-keyboard';
import 'simple-keyboard/build/css/index.css';

// simple-keyboard ships a CommonJS/UMD build: depending on the bundler's interop its class is the
// default export or the default export's `default`.
type KeyboardClass = typeof KeyboardModule;
const Keyboard: KeyboardClass =
  (KeyboardModule as unknown as { default?: KeyboardClass }).default ?? KeyboardModule;

/**
 * The on-screen keyboard (simple-keyboard): the kiosk has no physical one. `layout` is
 * 'id' (digits and X), 'code' (digits and capital letters) or 'digits' (a phone number). The value
 * lives in the parent.
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
  const host = useRef<HTMLDivElement>(null);
  const keyboard = useRef<InstanceType<KeyboardClass> | null>(null);
  const change = useRef(onChange);
  useEffect(() => {
    change.current = onChange;
  }, [onChange]);

  useEffect(() => {
    if (!host.current) return;
    const rows =
      layout === 'id'
        ? ['1 2 3', '4 5 6', '7 8 9', 'X 0 {bksp}']
        : layout === 'digits'
          ? ['1 2 3', '4 5 6', '7 8 9', '0 {bksp}']
          : ['1 2 3 4 5 6 7 8 9 0', 'Q W E R T Y U I O P', 'A S D F G H J K L', 'Z X C V B N M {bksp}'];
    const kb = new Keyboard(host.current, {
      layout: { default: rows },
      display: { '{bksp}': '⌫' },
      maxLength,
      theme: `hg-theme-default kiosk-keyboard kiosk-keyboard-${layout}`,
      useMouseEvents: true,
      onChange: (input: string) => change.current(input),
    });
    // Name the buttons for screen readers and tests (simple-keyboard renders divs).
    host.current.querySelectorAll<HTMLElement>('.hg-button').forEach((b) => {
      const key = b.dataset.skbtn ?? '';
      b.setAttribute('role', 'button');
      b.setAttribute('aria-label', key === '{bksp}' ? 'Backspace 删除' : key);
      b.setAttribute('data-testid', `key-${key === '{bksp}' ? 'bksp' : key}`);
    });
    keyboard.current = kb;
    return () => {
      kb.destroy();
      keyboard.current = null;
    };
  }, [layout, maxLength]);

  useEffect(() => {
    keyboard.current?.setInput(value);
  }, [value]);

  return <div ref={host} className="keyboard-host" />;
}
