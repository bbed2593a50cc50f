/** A receipt or ticket as data; escpos-encoder turns it into printer bytes. */
export type PrintBlock =
  | {
      kind: 'text';
      /** May contain '\n'; long lines are wrapped to the paper width. */
      text: string;
      align?: 'left' | 'center' | 'right';
      bold?: boolean;
      size?: { width: 1 | 2 | 3 | 4; height: 1 | 2 | 3 | 4 };
    }
  | { kind: 'qr'; data: string; moduleSize?: number; errorCorrection?: 'L' | 'M' | 'Q' | 'H' }
  | { kind: 'feed'; lines: number }
  | { kind: 'rule' }
  | { kind: 'cut'; partial?: boolean };

export interface PrintDocument {
  blocks: PrintBlock[];
}
