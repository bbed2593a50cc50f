import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The installed Electron binary's path, or undefined when its download never happened. */
export function electronBinary(): string | undefined {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}
