/**
 * Keyboard shortcuts the citizen-facing kiosk swallows. Pure: no electron import.
 *
 * A kiosk usually has no keyboard, but a USB barcode scanner or a keyboard left plugged in by a
 * technician types like one. Electron binds most of these only through the application menu, which
 * the shell removes outside maintenance; swallowing them here as well keeps that true if a menu
 * ever comes back.
 */
export interface KeyInput {
  readonly type: string;
  readonly key: string;
  readonly control: boolean;
  readonly meta: boolean;
  readonly shift: boolean;
  readonly alt: boolean;
}

// Ctrl/Cmd + these: zoom in, zoom out, reset zoom (the page layout is made for 100 %).
const ZOOM_KEYS = new Set(['+', '=', '-', '_', '0']);
// Ctrl/Cmd + these: reload (interrupts a citizen mid-session), print dialog, find bar, save page.
const COMMAND_KEYS = new Set(['r', 'p', 'f', 's', 'o', 'w', 'q']);
// Ctrl+Shift + these: devtools, inspect element, console.
const DEVTOOLS_KEYS = new Set(['i', 'j', 'c']);
// Reload, fullscreen toggle, caret browsing, devtools.
const FUNCTION_KEYS = new Set(['F5', 'F7', 'F11', 'F12']);

export function isLockedKey(input: KeyInput): boolean {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return false;
  if (FUNCTION_KEYS.has(input.key)) return true;
  const command = input.control || input.meta;
  if (!command) return false;
  const key = input.key.toLowerCase();
  if (ZOOM_KEYS.has(key)) return true;
  if (input.shift && DEVTOOLS_KEYS.has(key)) return true;
  return COMMAND_KEYS.has(key);
}
