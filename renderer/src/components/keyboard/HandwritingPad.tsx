import { useCallback, useEffect, useRef, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  HANDWRITING_BOX,
  MAX_POINTS,
  MAX_POINTS_PER_STROKE,
  MAX_STROKES,
} from '../../../../electron/backend/handwriting/contract';
import { handwritingApi, type PadStroke } from './handwritingApi';
import './handwriting.css';

/** A finger's jitter below this (in box units) adds nothing to the shape, only points to send. */
const MIN_STEP = HANDWRITING_BOX / 128;
const CANDIDATES_SHOWN = 10;

type Recognition =
  | { state: 'idle' }
  | { state: 'working' }
  | { state: 'done'; candidates: string[]; strokes: number }
  | { state: 'failed' };

/**
 * 手写输入: the citizen writes one character in the square with a finger; after each stroke the
 * backend's recogniser answers with candidates, shown as large buttons. Tapping one hands it to
 * the keyboard (`onPick`) and clears the pad for the next character. Strokes stay in this
 * component only: what is written may be part of a name.
 */
export function HandwritingPad({ onPick, large }: { onPick: (text: string) => void; large?: boolean }) {
  const { t } = useTranslation();
  const size = large ? 520 : 400;
  const canvas = useRef<HTMLCanvasElement>(null);
  const strokes = useRef<PadStroke[]>([]);
  const drawing = useRef<{ pointerId: number; stroke: PadStroke } | null>(null);
  const asked = useRef(0);
  const [strokeCount, setStrokeCount] = useState(0);
  const [recognition, setRecognition] = useState<Recognition>({ state: 'idle' });

  const redraw = useCallback(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx) return;
    const scale = el.width / HANDWRITING_BOX;
    ctx.clearRect(0, 0, el.width, el.height);
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#1b2430';
    ctx.lineWidth = Math.max(4, el.width / 48);
    const all = drawing.current ? [...strokes.current, drawing.current.stroke] : strokes.current;
    for (const stroke of all) {
      ctx.beginPath();
      stroke.forEach(([x, y], i) =>
        i === 0 ? ctx.moveTo(x * scale, y * scale) : ctx.lineTo(x * scale, y * scale),
      );
      // A tap is a dot: a line of no length draws nothing.
      const [only] = stroke;
      if (stroke.length === 1 && only) ctx.lineTo(only[0] * scale + 0.1, only[1] * scale);
      ctx.stroke();
    }
  }, []);

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const ratio = window.devicePixelRatio || 1;
    el.width = Math.round(size * ratio);
    el.height = Math.round(size * ratio);
    redraw();
  }, [size, redraw]);

  const recognise = useCallback(() => {
    const ask = ++asked.current;
    if (strokes.current.length === 0) {
      setRecognition({ state: 'idle' });
      return;
    }
    setRecognition((r) => (r.state === 'done' ? r : { state: 'working' }));
    const written = strokes.current;
    void handwritingApi.recognise(written, CANDIDATES_SHOWN).then((answer) => {
      if (ask !== asked.current) return; // a later stroke's answer is on its way
      setRecognition(
        answer.ok
          ? { state: 'done', candidates: answer.value.candidates, strokes: written.length }
          : { state: 'failed' },
      );
    });
  }, []);

  const clear = useCallback(() => {
    strokes.current = [];
    drawing.current = null;
    asked.current++;
    setStrokeCount(0);
    setRecognition({ state: 'idle' });
    redraw();
  }, [redraw]);

  const pointAt = (e: PointerEvent<HTMLCanvasElement>): [number, number] => {
    const rect = e.currentTarget.getBoundingClientRect();
    const clamp = (v: number) => Math.min(HANDWRITING_BOX, Math.max(0, Math.round(v)));
    return [
      clamp(((e.clientX - rect.left) / rect.width) * HANDWRITING_BOX),
      clamp(((e.clientY - rect.top) / rect.height) * HANDWRITING_BOX),
    ];
  };

  const totalPoints = () => strokes.current.reduce((n, s) => n + s.length, 0);

  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    // One finger writes; a second one (a palm, a hand resting) is ignored rather than joined in.
    if (drawing.current || strokes.current.length >= MAX_STROKES) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drawing.current = { pointerId: e.pointerId, stroke: [pointAt(e)] };
    redraw();
  };

  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const current = drawing.current;
    if (!current || current.pointerId !== e.pointerId) return;
    const point = pointAt(e);
    const last = current.stroke[current.stroke.length - 1];
    if (last && Math.hypot(point[0] - last[0], point[1] - last[1]) < MIN_STEP) return;
    if (current.stroke.length >= MAX_POINTS_PER_STROKE) return;
    if (totalPoints() + current.stroke.length >= MAX_POINTS) return;
    current.stroke.push(point);
    redraw();
  };

  const onPointerEnd = (e: PointerEvent<HTMLCanvasElement>) => {
    const current = drawing.current;
    if (!current || current.pointerId !== e.pointerId) return;
    drawing.current = null;
    strokes.current = [...strokes.current, current.stroke];
    setStrokeCount(strokes.current.length);
    redraw();
    recognise();
  };

  const undo = () => {
    strokes.current = strokes.current.slice(0, -1);
    setStrokeCount(strokes.current.length);
    redraw();
    recognise();
  };

  const pick = (text: string) => {
    onPick(text);
    clear();
  };

  return (
    <div className={`handwriting-pad${large ? ' large' : ''}`} data-testid="handwriting-pad">
      <div className="handwriting-box" style={{ width: size, height: size }}>
        <canvas
          ref={canvas}
          style={{ width: size, height: size }}
          role="img"
          aria-label={t('handwriting.pad')}
          data-testid="handwriting-canvas"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerEnd}
          onPointerCancel={onPointerEnd}
        />
      </div>
      <div className="handwriting-side">
        <p className="handwriting-message">{t('handwriting.hint')}</p>
        <div className="handwriting-tools">
          <button
            type="button"
            className="btn"
            onClick={undo}
            disabled={strokeCount === 0}
            data-testid="handwriting-undo"
          >
            {t('handwriting.undo')}
          </button>
          <button
            type="button"
            className="btn"
            onClick={clear}
            disabled={strokeCount === 0}
            data-testid="handwriting-clear"
          >
            {t('handwriting.clear')}
          </button>
        </div>
        <Candidates recognition={recognition} onPick={pick} />
      </div>
    </div>
  );
}

function Candidates({ recognition, onPick }: { recognition: Recognition; onPick: (text: string) => void }) {
  const { t } = useTranslation();
  switch (recognition.state) {
    case 'idle':
      return null;
    case 'working':
      return (
        <p className="handwriting-message" role="status">
          {t('handwriting.working')}
        </p>
      );
    case 'failed':
      return (
        <p className="handwriting-message alert" role="alert">
          {t('handwriting.failed')}
        </p>
      );
    case 'done':
      if (recognition.candidates.length === 0)
        return (
          <p className="handwriting-message" role="status">
            {t('handwriting.none')}
          </p>
        );
      return (
        <div
          className="handwriting-candidates"
          role="group"
          aria-label={t('handwriting.candidates')}
          data-testid="handwriting-candidates"
          data-strokes={recognition.strokes}
        >
          {recognition.candidates.map((text, i) => (
            <button
              key={`${i}-${text}`}
              type="button"
              className="btn handwriting-candidate"
              aria-label={t('handwriting.pick', { text })}
              data-testid={`handwriting-candidate-${i}`}
              data-char={text}
              onClick={() => onPick(text)}
            >
              {text}
            </button>
          ))}
        </div>
      );
  }
}
