import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DocumentCamera } from '../../../../drivers/document-camera/document-camera';
import type { CameraSelection, MediaDevicesLike } from '../../../../drivers/document-camera/types';
import { Prompt } from '../../components/Prompt';
import { browserScheduler, type Scheduler } from '../../time/scheduler';
import {
  addStill,
  browserMedia,
  closeCapture,
  keepPage,
  pagesOf,
  removePage,
  retakePage,
  setCameraStatus,
  stillFailed,
  useCameraSelection,
  useCameraStore,
} from './cameraStore';
import { grabStill, previewIsBlack } from './grabStill';
import { scanApi } from './scanApi';
import './document-camera.css';

/** How often the preview is looked at for a black frame: fast enough to warn before the tap. */
const BLACK_CHECK_MS = 700;

/**
 * The capture screen: one page at a time under the camera, a live preview with the frame the page
 * goes in, a still at the camera's full resolution, and each page shown back to keep or retake.
 * Whatever goes wrong the citizen is told plainly and may bring the paper to the window instead.
 */
export function DocumentCameraScreen({
  materialName,
  media = browserMedia(),
  selection,
  scheduler = browserScheduler,
}: {
  materialName: string;
  media?: MediaDevicesLike;
  selection?: CameraSelection;
  scheduler?: Scheduler;
}) {
  const { t } = useTranslation();
  const configured = useCameraSelection();
  selection ??= configured;
  const s = useCameraStore();
  const videoRef = useRef<HTMLVideoElement>(null);
  const probeRef = useRef<HTMLCanvasElement>(null);
  const [camera, setCamera] = useState<DocumentCamera | null>(null);
  const [attempt, setAttempt] = useState(0);
  // The track is open before its first frame is drawn; a still taken then is empty.
  const [previewing, setPreviewing] = useState(false);
  const code = s.materialCode!;

  useEffect(() => {
    const c = new DocumentCamera(media, selection);
    const video = videoRef.current;
    setPreviewing(false);
    const off = c.onStatus((status) => {
      setCameraStatus(status);
      if (status.state !== 'ready' && status.state !== 'black-frame') setPreviewing(false);
      if (video && status.state === 'ready' && c.stream && video.srcObject !== c.stream) {
        // The real stream behind the structural type: a MediaStream.
        video.srcObject = c.stream as unknown as MediaStream;
      }
    });
    setCamera(c);
    void c.open();
    return () => {
      off();
      c.close();
      if (video) video.srcObject = null;
    };
  }, [media, selection, attempt]);

  useEffect(() => {
    if (!camera) return;
    let handle = scheduler.setTimeout(function check() {
      const video = videoRef.current;
      const probe = probeRef.current;
      if (video && probe) {
        const black = previewIsBlack(video, probe);
        if (black !== null) camera.reportFrame(black);
      }
      handle = scheduler.setTimeout(check, BLACK_CHECK_MS);
    }, BLACK_CHECK_MS);
    return () => scheduler.clearTimeout(handle);
  }, [camera, scheduler]);

  const capture = async () => {
    const video = videoRef.current;
    if (!video) return;
    const still = await grabStill(video);
    if (!still) {
      stillFailed();
      return;
    }
    await addStill(still);
  };

  const status = s.camera;
  const live = status.state === 'ready' || status.state === 'black-frame';
  const kept = pagesOf(s.pages, code).filter((p) => p.pageId !== s.review?.pageId);
  return (
    <section
      className="camera-capture"
      data-testid="camera-capture"
      data-material={code}
      data-camera={status.state}
      data-still={s.lastStill ? `${s.lastStill.width}x${s.lastStill.height}` : ''}
      data-busy={s.busy}
      data-previewing={previewing}
    >
      <Prompt text={t('documentCamera.title', { material: materialName })} testId="camera-title" />

      {status.state === 'opening' && <p role="status">{t('documentCamera.starting')}</p>}
      {(status.state === 'no-camera' ||
        status.state === 'permission-denied' ||
        status.state === 'unplugged' ||
        status.state === 'black-frame') && (
        <p className="alert alert-large" role="alert" data-testid="camera-status" data-state={status.state}>
          {t(`documentCamera.status.${status.state}`)}
        </p>
      )}

      <div className="camera-preview" hidden={!live || s.review !== null}>
        <video
          ref={videoRef}
          autoPlay
          muted
          playsInline
          data-testid="camera-preview"
          onLoadedData={() => setPreviewing(true)}
        />
        <div className="camera-frame" aria-hidden="true" />
        <canvas ref={probeRef} hidden />
      </div>
      {live && s.review === null && (
        <>
          <p className="camera-instruction">
            {kept.length === 0 ? t('documentCamera.place') : t('documentCamera.nextPage')}
          </p>
          {status.state === 'ready' && (
            <p className="hint-small" data-testid="camera-resolution">
              {t('documentCamera.resolution', {
                width: status.settings.width,
                height: status.settings.height,
              })}
            </p>
          )}
          <button
            type="button"
            className="btn btn-primary btn-large camera-shutter"
            data-testid="camera-capture-page"
            disabled={s.busy || status.state !== 'ready' || !previewing}
            onClick={() => void capture()}
          >
            {s.busy ? t('documentCamera.capturing') : t('documentCamera.capture')}
          </button>
        </>
      )}

      {s.review && (
        <figure className="camera-review" data-testid="camera-review" data-page={s.review.pageId}>
          <img
            src={scanApi.pageImageUrl(s.review.pageId)}
            alt={t('documentCamera.pageOf', { index: s.review.index })}
            data-testid="camera-review-image"
          />
          <figcaption>
            <p>{t('documentCamera.reviewPrompt')}</p>
            <p className="hint-small">{t('documentCamera.pageOf', { index: s.review.index })}</p>
          </figcaption>
          <div className="button-row">
            <button
              type="button"
              className="btn btn-primary btn-large"
              data-testid="camera-keep"
              disabled={s.busy}
              onClick={keepPage}
            >
              {t('documentCamera.keep')}
            </button>
            <button
              type="button"
              className="btn btn-large"
              data-testid="camera-retake"
              disabled={s.busy}
              onClick={() => void retakePage()}
            >
              {t('documentCamera.retake')}
            </button>
          </div>
        </figure>
      )}

      {s.error && (
        <p className="alert alert-large" role="alert" data-testid="camera-error" data-reason={s.error}>
          {t(`documentCamera.errors.${s.error}`)}
        </p>
      )}

      {kept.length > 0 && (
        <section className="camera-kept" data-testid="camera-kept" data-count={kept.length}>
          <p>{t('documentCamera.pages', { count: kept.length })}</p>
          <div className="button-row">
            {kept.map((p) => (
              <button
                key={p.pageId}
                type="button"
                className="btn btn-secondary"
                data-testid={`camera-remove-${p.index}`}
                disabled={s.busy}
                onClick={() => void removePage(p.pageId)}
              >
                {t('documentCamera.remove', { index: p.index })}
              </button>
            ))}
          </div>
        </section>
      )}

      <div className="button-row camera-leave">
        {status.state === 'unplugged' && (
          <button
            type="button"
            className="btn btn-large"
            data-testid="camera-retry"
            onClick={() => setAttempt((a) => a + 1)}
          >
            {t('documentCamera.retry')}
          </button>
        )}
        {kept.length > 0 ? (
          <button
            type="button"
            className="btn btn-primary btn-large"
            data-testid="camera-done"
            disabled={s.busy || s.review !== null}
            onClick={closeCapture}
          >
            {t('documentCamera.done')}
          </button>
        ) : (
          <button
            type="button"
            className="btn btn-large"
            data-testid="camera-cancel"
            disabled={s.busy}
            onClick={closeCapture}
          >
            {t('documentCamera.cancel')}
          </button>
        )}
      </div>
    </section>
  );
}
