/**
 * Money is counted in fen (分, 0.01 CNY) as whole numbers everywhere it is stored or sent, so sums
 * never round. Yuan appear only where a person reads an amount.
 */

/** CNY from fen, as printed and shown: 8000 → 80.00. */
export function yuan(fen: number): string {
  return (fen / 100).toFixed(2);
}

/** Fen from an amount written in yuan (a fee schedule's 80 → 8000), rounded to the whole fen. */
export function fenOf(yuanAmount: number): number {
  return Math.round(yuanAmount * 100);
}
