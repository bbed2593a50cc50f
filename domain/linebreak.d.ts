// The linebreak package (UAX #14) ships no type declarations; this is the part of its API used here.
declare module 'linebreak' {
  interface Break {
    /** The string index (UTF-16) a line may start at. */
    position: number;
    /** A mandatory break (after a newline). */
    required: boolean;
  }
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): Break | null;
  }
}
