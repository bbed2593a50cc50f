// A stand-in for signature_pad in jsdom, which has no canvas to draw on (not a test file itself).
// The tests draw by handing it strokes; the component's own logic (undo, clear, the ink rule,
// what it sends) runs as it does on the kiosk.

interface FakePoint {
  x: number;
  y: number;
  pressure: number;
  time: number;
}
interface FakeGroup {
  points: FakePoint[];
}

/** A PNG data URL as the real pad would give (its bytes are not looked at on the screen side). */
export const FAKE_SIGNATURE_DATA_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

export default class FakeSignaturePad extends EventTarget {
  /** The pad on screen now, for a test to draw on. */
  static current: FakeSignaturePad | null = null;
  private groups: FakeGroup[] = [];

  constructor(_canvas: HTMLCanvasElement, _options?: unknown) {
    super();
    FakeSignaturePad.current = this;
  }

  /** A test draws one stroke through these points (CSS pixels of the box). */
  stroke(points: { x: number; y: number }[]): void {
    this.groups.push({ points: points.map((p, i) => ({ ...p, pressure: 0.5, time: i * 16 })) });
    this.dispatchEvent(new Event('endStroke'));
  }

  toData(): FakeGroup[] {
    return this.groups.map((g) => ({ points: [...g.points] }));
  }
  fromData(groups: FakeGroup[]): void {
    this.groups = groups.map((g) => ({ points: [...g.points] }));
  }
  clear(): void {
    this.groups = [];
  }
  isEmpty(): boolean {
    return this.groups.length === 0;
  }
  toDataURL(): string {
    return FAKE_SIGNATURE_DATA_URL;
  }
  on(): void {}
  off(): void {
    if (FakeSignaturePad.current === this) FakeSignaturePad.current = null;
  }
}

/** A handwritten name's worth of points across the box. */
export function signatureStroke(): { x: number; y: number }[] {
  return Array.from({ length: 40 }, (_, i) => ({ x: 40 + i * 12, y: 100 + Math.sin(i / 3) * 40 }));
}
