import iconv from 'iconv-lite';

/**
 * Scanners pass the symbol's bytes through. Phone-made QR codes are UTF-8; Chinese codes made by
 * older systems are often GB18030, so invalid UTF-8 is read as GB18030.
 */
export function decodeScanText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(Buffer.from(bytes), 'gb18030');
  }
}

/**
 * Control bytes other than TAB and GS (the GS1 field separator, legitimately inside GS1 codes) do
 * not occur in a scan; they mean line noise.
 */
export function hasForeignControlBytes(bytes: Uint8Array): boolean {
  for (const b of bytes) if ((b < 0x20 && b !== 0x09 && b !== 0x1d) || b === 0x7f) return true;
  return false;
}
