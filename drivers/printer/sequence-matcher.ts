/** A stream split into pass-through bytes and recognised command sequences, in arrival order. */
export type MatchedSegment = { bytes: Uint8Array } | { command: number };

/**
 * Finds known byte sequences (vendor commands) in a stream that may split them across chunks,
 * passing every other byte through in order. For simulators: a real printer parses its own
 * commands, and a sequence inside arbitrary data (an image) could match; ticket data has none.
 */
export class SequenceMatcher {
  private held: number[] = [];

  constructor(private readonly sequences: readonly Uint8Array[]) {}

  push(chunk: Uint8Array): MatchedSegment[] {
    const out: MatchedSegment[] = [];
    let plain: number[] = [];
    const flush = (): void => {
      if (plain.length > 0) out.push({ bytes: Uint8Array.from(plain) });
      plain = [];
    };
    const buf = [...this.held, ...chunk];
    let i = 0;
    outer: while (i < buf.length) {
      for (let s = 0; s < this.sequences.length; s++) {
        const seq = this.sequences[s]!;
        if (seq.length === 0) continue;
        let k = 0;
        while (k < seq.length && i + k < buf.length && buf[i + k] === seq[k]) k++;
        if (k === seq.length) {
          flush();
          out.push({ command: s });
          i += k;
          continue outer;
        }
        if (i + k === buf.length && k > 0) {
          // A possible start of a command at the very end: wait for the next chunk.
          flush();
          this.held = buf.slice(i);
          return out;
        }
      }
      plain.push(buf[i]!);
      i++;
    }
    flush();
    this.held = [];
    return out;
  }
}
