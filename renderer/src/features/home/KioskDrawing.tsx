import type { KioskState } from '../../../../electron/backend/api/contract';

export type CardReaderPosition = NonNullable<KioskState['attract']>['cardReaderPosition'];

/** Where the reader is drawn on the cabinet (viewBox units), for each model's position. */
const READER_AT: Record<CardReaderPosition, { x: number; y: number; w: number; h: number }> = {
  'below-screen-right': { x: 168, y: 318, w: 76, h: 48 },
  'below-screen-center': { x: 112, y: 318, w: 76, h: 48 },
  'right-side': { x: 262, y: 250, w: 30, h: 80 },
};

/**
 * The kiosk as a citizen sees it standing in front of it: the screen, the slip slot, the scanner
 * and the card reader, lit, where this model has it. Drawn, not a photo, so one drawing serves
 * every model by moving the reader.
 */
export function KioskDrawing({ position, label }: { position: CardReaderPosition; label: string }) {
  const r = READER_AT[position];
  return (
    <svg
      className="kiosk-drawing"
      viewBox="0 0 300 480"
      role="img"
      aria-label={label}
      data-testid="kiosk-drawing"
      data-reader={position}
    >
      {/* Cabinet and screen */}
      <rect x="36" y="10" width="228" height="440" rx="18" className="kd-cabinet" />
      <rect x="54" y="30" width="192" height="260" rx="6" className="kd-screen" />
      {/* Slip slot and scanner window */}
      <rect x="70" y="400" width="100" height="10" rx="4" className="kd-part" />
      <rect x="70" y="330" width="60" height="30" rx="4" className="kd-part" />
      {/* Foot */}
      <rect x="20" y="450" width="260" height="20" rx="6" className="kd-cabinet" />
      {/* The reader, lit, with a ring drawing the eye */}
      <rect x={r.x - 8} y={r.y - 8} width={r.w + 16} height={r.h + 16} rx="12" className="kd-glow" />
      <rect x={r.x} y={r.y} width={r.w} height={r.h} rx="6" className="kd-reader" />
      <rect
        x={r.x + r.w * 0.2}
        y={r.y + r.h * 0.25}
        width={r.w * 0.6}
        height={r.h * 0.5}
        rx="3"
        className="kd-card"
      />
    </svg>
  );
}
