import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import SignaturePadEngine from 'signature_pad';
import {
  judgeSignature,
  measureStrokes,
  SIGNATURE_MIN_STROKE_POINTS,
  type SignatureVerdict,
} from '../../../../domain/signature';
import { hallDateTimeWritten } from '../../../../domain/hall-time';
import { useKioskStore } from '../../state/kioskStore';
import { signCommitments } from './applyActions';
import { clearSignature, useApplyStore } from './applyStore';
import './signature.css';

/**
 * Signature pad strokes: wide enough to read on a stored image scaled to 800 px, as a felt pen
 * would draw on the glass, and never the hairline a fast finger would leave with the defaults.
 */
const PEN = { minWidth: 1.6, maxWidth: 4, penColor: '#000000' } as const;
/** The canvas never draws at more than twice its CSS size: beyond that only the image grows. */
const MAX_PIXEL_RATIO = 2;

/** What the pad says of the strokes on it before anything is sent: the shared rule of domain/signature.ts. */
export function padVerdict(
  strokes: readonly { points: readonly { x: number; y: number }[] }[],
  boxWidth: number,
): SignatureVerdict {
  return judgeSignature(measureStrokes(strokes, boxWidth), SIGNATURE_MIN_STROKE_POINTS);
}

export interface SignaturePadProps {
  /** A signature passed the pad's check: its PNG as a data URL. */
  onConfirm(dataUrl: string): void;
  busy: boolean;
}

/**
 * A finger (or a mouse) signs in the box, using signature_pad for smooth, pressure-like strokes.
 * Undo takes back the last stroke, clear starts again; confirm refuses a blank box or a dot in
 * plain words before anything leaves the screen (the backend checks the image again).
 */
export function SignaturePad({ onConfirm, busy }: SignaturePadProps) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePadEngine | null>(null);
  const [strokes, setStrokes] = useState(0);
  const [refusal, setRefusal] = useState<Exclude<SignatureVerdict, 'ok'> | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const pad = new SignaturePadEngine(canvas, PEN);
    padRef.current = pad;
    // The canvas's bitmap follows its CSS box (and the screen's density), or strokes land off the finger.
    const fit = () => {
      const ratio = Math.min(Math.max(window.devicePixelRatio || 1, 1), MAX_PIXEL_RATIO);
      const data = pad.toData();
      canvas.width = Math.round(canvas.offsetWidth * ratio);
      canvas.height = Math.round(canvas.offsetHeight * ratio);
      canvas.getContext('2d')?.scale(ratio, ratio);
      pad.clear();
      pad.fromData(data);
    };
    fit();
    const onStroke = () => {
      setStrokes(pad.toData().length);
      setRefusal(null);
    };
    pad.addEventListener('endStroke', onStroke);
    window.addEventListener('resize', fit);
    return () => {
      window.removeEventListener('resize', fit);
      pad.removeEventListener('endStroke', onStroke);
      pad.off();
      padRef.current = null;
    };
  }, []);

  const undo = () => {
    const pad = padRef.current;
    if (!pad) return;
    const data = pad.toData();
    data.pop();
    pad.fromData(data);
    setStrokes(data.length);
    setRefusal(null);
  };
  const clear = () => {
    padRef.current?.clear();
    setStrokes(0);
    setRefusal(null);
  };
  const confirm = () => {
    const pad = padRef.current;
    const canvas = canvasRef.current;
    if (!pad || !canvas) return;
    const verdict = padVerdict(pad.toData(), canvas.offsetWidth);
    if (verdict !== 'ok') {
      setRefusal(verdict);
      return;
    }
    onConfirm(pad.toDataURL('image/png'));
  };

  return (
    <div className="signature-pad" data-testid="apply-signature-pad" data-strokes={strokes}>
      <p className="hint-small">{t('signature.hint')}</p>
      <canvas
        ref={canvasRef}
        className="signature-pad-canvas"
        data-testid="apply-signature-canvas"
        aria-label={t('signature.pad')}
        role="img"
      />
      {refusal && (
        <p className="alert" role="alert" data-testid="apply-signature-refused" data-reason={refusal}>
          {t(refusal === 'blank' ? 'signature.blank' : 'signature.tooSmall')}
        </p>
      )}
      <div className="button-row">
        <button
          type="button"
          className="btn btn-secondary"
          data-testid="apply-signature-undo"
          disabled={strokes === 0 || busy}
          onClick={undo}
        >
          {t('signature.undo')}
        </button>
        <button
          type="button"
          className="btn btn-secondary"
          data-testid="apply-signature-clear"
          disabled={strokes === 0 || busy}
          onClick={clear}
        >
          {t('signature.clear')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="apply-signature-confirm"
          disabled={busy}
          onClick={confirm}
        >
          {busy ? t('signature.checking') : t('signature.confirm')}
        </button>
      </div>
    </div>
  );
}

/**
 * The signature under the commitments: the wording's version it is bound to, then either the pad
 * or, once the backend has taken it, the signature with its time and a way to sign again.
 */
export function CommitmentSignature({ version }: { version: string }) {
  const { t } = useTranslation();
  const signature = useApplyStore((s) => s.signature);
  const busy = useApplyStore((s) => s.busy);
  const language = useKioskStore((s) => s.language);
  return (
    <section className="signature-section" data-testid="apply-signature" data-signed={signature !== null}>
      <h2>{t('signature.heading')}</h2>
      <p className="hint-small" data-testid="apply-commitment-version">
        {t('signature.version', { version: signature?.version ?? version })}
      </p>
      {signature ? (
        <div className="signature-taken">
          <img src={signature.dataUrl} alt={t('signature.image')} data-testid="apply-signature-image" />
          <p data-testid="apply-signature-signed-at">
            {t('signature.signedAt', { time: hallDateTimeWritten(signature.signedAt, language) })}
          </p>
          <button
            type="button"
            className="btn btn-secondary"
            data-testid="apply-signature-again"
            onClick={clearSignature}
          >
            {t('signature.again')}
          </button>
        </div>
      ) : (
        <SignaturePad busy={busy} onConfirm={(dataUrl) => void signCommitments(dataUrl)} />
      )}
    </section>
  );
}
