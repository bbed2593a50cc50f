import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type {
  auditResponseSchema,
  configChangeSchema,
  logsResponseSchema,
  networkCheckResponseSchema,
  outboxResponseSchema,
  overviewResponseSchema,
  syncResponseSchema,
} from '../../../../electron/backend/maintenance/contract';
import { hallTimeLocalized } from '../../../../domain/hall-time';
import { useDeps } from '../../deps';
import { useKioskStore } from '../../state/kioskStore';
import type { MaintenanceError, MResult } from './maintenanceApi';
import { closeMaintenance, maintenanceApi, sessionLost, useMaintenanceStore } from './maintenanceStore';
import { PinPad } from './PinPad';
import { testDocumentCamera } from '../document-camera/cameraSelfTest';
import { browserMedia, useCameraSelection } from '../document-camera/cameraStore';

/** How often screen activity is reported to the backend's idle exit (well within its 30 s minimum). */
const TOUCH_INTERVAL_MS = 15_000;

type Tab = 'devices' | 'config' | 'outbox' | 'sync' | 'logs' | 'network' | 'system';
const TABS: readonly Tab[] = ['devices', 'config', 'outbox', 'sync', 'logs', 'network', 'system'];

/** Times on the staff screens are hall time, as the hall's clocks and paper show it, never raw UTC. */
function useHallTime(): (iso: string) => string {
  const { i18n } = useTranslation();
  return useCallback((iso: string) => hallTimeLocalized(iso, i18n.language), [i18n.language]);
}

/** A device state in the screen's language; a state this screen does not know yet is shown as sent. */
function useDeviceWords() {
  const { t } = useTranslation();
  return {
    device: (name: string) => t(`maintenance.deviceNames.${name}`, { defaultValue: name }),
    state: (state: string) => t(`maintenance.states.${state}`, { defaultValue: state }),
  };
}

/** What staff read for a failure: a configuration the disk refused in their words, else the detail. */
function failureText(
  t: (key: string, values?: Record<string, unknown>) => string,
  e: MaintenanceError,
): string {
  if (e.code === 'config-not-writable' && e.write)
    return e.write.owner
      ? t('maintenance.config.notWritable', {
          folder: e.write.folder,
          owner: e.write.owner,
          cause: e.write.cause,
        })
      : t('maintenance.config.notWritableNoOwner', { folder: e.write.folder, cause: e.write.cause });
  if (e.code === 'reason-required') return t('maintenance.outbox.reasonRequired');
  if (e.code === 'not-a-dead-letter') return t('maintenance.outbox.notADeadLetter');
  if (e.code === 'not-found') return t('maintenance.outbox.notFound');
  if (e.code === 'not-configured') return t('maintenance.devices.noScanner');
  if (e.code === 'config-unavailable') return t('maintenance.config.noFile');
  return t('maintenance.failed', { detail: e.detail ?? e.code });
}

/** A failed call: the session is gone → close; otherwise a message for staff. */
function useCall() {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const call = useCallback(
    async <T,>(p: Promise<MResult<T>>): Promise<T | undefined> => {
      const r = await p;
      if (r.ok) {
        setError(null);
        return r.value;
      }
      if (r.error.code === 'maintenance-required') {
        sessionLost();
        return undefined;
      }
      setError(failureText(t, r.error));
      return undefined;
    },
    [t],
  );
  const banner =
    error === null ? null : (
      <pre className="alert maintenance-error" role="alert" data-testid="maintenance-error">
        {error}
      </pre>
    );
  return { call, banner, setError };
}

/** Maintenance mode: the PIN pad, then the staff screens. Closes itself after the idle time. */
export function Maintenance() {
  const view = useMaintenanceStore((s) => s.view);
  if (view === 'closed') return null;
  if (view === 'pin') return <PinPad />;
  return <MaintenanceScreen />;
}

function MaintenanceScreen() {
  const { t } = useTranslation();
  const { scheduler } = useDeps();
  const idleExitSeconds = useMaintenanceStore((s) => s.idleExitSeconds);
  const [tab, setTab] = useState<Tab>('devices');

  useEffect(() => {
    let timer = scheduler.setTimeout(closeMaintenance, idleExitSeconds * 1000);
    let lastTouch = scheduler.now();
    const onActivity = () => {
      scheduler.clearTimeout(timer);
      timer = scheduler.setTimeout(closeMaintenance, idleExitSeconds * 1000);
      // Typing or scrolling makes no request: tell the backend now and then, so its idle exit
      // (the same length) does not close the session under the technician's hands.
      if (scheduler.now() - lastTouch >= TOUCH_INTERVAL_MS) {
        lastTouch = scheduler.now();
        void maintenanceApi.touch();
      }
    };
    window.addEventListener('pointerdown', onActivity, true);
    window.addEventListener('keydown', onActivity, true);
    return () => {
      scheduler.clearTimeout(timer);
      window.removeEventListener('pointerdown', onActivity, true);
      window.removeEventListener('keydown', onActivity, true);
    };
  }, [scheduler, idleExitSeconds]);

  return (
    <div className="overlay maintenance" role="dialog" aria-modal="true" aria-labelledby="maintenance-title">
      <div className="maintenance-screen" data-testid="maintenance-screen">
        <header className="maintenance-header">
          <h2 id="maintenance-title">{t('maintenance.title')}</h2>
          <span className="maintenance-note">{t('maintenance.idleNote', { seconds: idleExitSeconds })}</span>
          <button
            type="button"
            className="btn btn-secondary"
            data-testid="maintenance-exit"
            onClick={closeMaintenance}
          >
            {t('maintenance.exit')}
          </button>
        </header>
        <nav className="maintenance-tabs" role="tablist">
          {TABS.map((k) => (
            <button
              key={k}
              type="button"
              role="tab"
              aria-selected={tab === k}
              className={tab === k ? 'btn btn-primary' : 'btn'}
              data-testid={`tab-${k}`}
              onClick={() => setTab(k)}
            >
              {t(`maintenance.tabs.${k}`)}
            </button>
          ))}
        </nav>
        <section className="maintenance-body" role="tabpanel">
          {tab === 'devices' && <DevicesPanel />}
          {tab === 'config' && <ConfigPanel />}
          {tab === 'outbox' && <OutboxPanel />}
          {tab === 'sync' && <SyncPanel />}
          {tab === 'logs' && <LogsPanel />}
          {tab === 'network' && <NetworkPanel />}
          {tab === 'system' && <SystemPanel />}
        </section>
      </div>
    </div>
  );
}

type Overview = z.infer<typeof overviewResponseSchema>;

function DevicesPanel() {
  const { t } = useTranslation();
  const words = useDeviceWords();
  const { call, banner } = useCall();
  const [overview, setOverview] = useState<Overview | null>(null);
  const [results, setResults] = useState<{ key: string; ok: boolean; text: string; detail?: string }[]>([]);
  const [busy, setBusy] = useState(false);
  // The kiosk state follows the backend's event stream (a device change sends state-changed), so
  // its device states change the moment a printer runs out of paper: the tab reloads then, untapped.
  const liveDevices = useKioskStore((s) => s.kiosk?.devices);
  const liveKey = JSON.stringify(liveDevices ?? null);

  const refresh = useCallback(async () => {
    const o = await call(maintenanceApi.overview());
    if (o) setOverview(o);
  }, [call]);
  useEffect(() => {
    let current = true;
    void call(maintenanceApi.overview()).then((o) => current && o && setOverview(o));
    return () => {
      current = false;
    };
  }, [call, liveKey]);

  const cameraSelection = useCameraSelection();
  const run = async (what: () => Promise<{ key: string; ok: boolean; text: string }[] | undefined>) => {
    setBusy(true);
    setResults([]);
    const r = await what();
    setBusy(false);
    if (r) setResults(r);
    await refresh();
  };

  return (
    <div>
      {banner}
      <ul className="maintenance-list" data-testid="device-list">
        {overview?.devices.map((d) => (
          <li key={d.name} data-testid={`device-${d.name}`} data-state={d.status.state}>
            <strong>{words.device(d.name)}</strong> · {t('maintenance.devices.status')}
            {t('maintenance.colon')}
            <span data-testid={`device-state-${d.name}`}>{words.state(d.status.state)}</span>
            {d.status.detail && (
              <div className="maintenance-small">
                {t('maintenance.devices.technical')}
                {t('maintenance.colon')}
                <code>{d.status.detail}</code>
              </div>
            )}
            {d.counters && (
              <div className="maintenance-small">{t('maintenance.devices.counters', d.counters)}</div>
            )}
          </li>
        ))}
      </ul>
      {overview?.alerts && overview.alerts.length > 0 && (
        <ul className="maintenance-list" role="alert" data-testid="staff-alerts">
          {overview.alerts.map((a) => (
            <li key={`${a.at}-${a.device}-${a.number ?? ''}`} data-testid="staff-alert" data-state={a.state}>
              {t(`maintenance.devices.alert.${a.what}`, {
                device: words.device(a.device),
                state: words.state(a.state),
                number: a.number ?? '-',
              })}
            </li>
          ))}
        </ul>
      )}
      <div className="button-row">
        <button
          type="button"
          className="btn"
          data-testid="run-self-test"
          disabled={busy}
          onClick={() =>
            void run(async () =>
              (await call(maintenanceApi.selfTest()))?.results.map((r) => ({
                key: r.device,
                ok: r.ok,
                text: words.device(r.device),
                detail: r.detail,
              })),
            )
          }
        >
          {t('maintenance.devices.selfTest')}
        </button>
        <button
          type="button"
          className="btn"
          data-testid="run-test-print"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              const r = await call(maintenanceApi.testPrint());
              return (
                r && [
                  {
                    key: 'print',
                    ok: r.printed,
                    text: r.printed ? t('maintenance.devices.printed') : t('maintenance.devices.notPrinted'),
                    detail: r.detail,
                  },
                ]
              );
            })
          }
        >
          {t('maintenance.devices.testPrint')}
        </button>
        {overview?.devices.some((d) => d.name === 'a4Printer') && (
          <button
            type="button"
            className="btn"
            data-testid="run-test-print-a4"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                const r = await call(maintenanceApi.testPrintA4());
                return (
                  r && [
                    {
                      key: 'a4Printer',
                      ok: r.printed,
                      text: r.printed
                        ? t('maintenance.devices.printed')
                        : t('maintenance.devices.notPrinted'),
                      detail: r.detail,
                    },
                  ]
                );
              })
            }
          >
            {t('proofs.testPrintA4')}
          </button>
        )}
        <button
          type="button"
          className="btn"
          data-testid="run-test-camera"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              const r = await testDocumentCamera(browserMedia(), cameraSelection);
              return [
                {
                  key: 'documentCamera',
                  ok: r.ok,
                  text: r.ok
                    ? t('documentCamera.selfTestOk', r)
                    : t(`documentCamera.selfTestFailed.${r.reason}`, r.reason === 'low-resolution' ? r : {}),
                },
              ];
            })
          }
        >
          {t('documentCamera.selfTest')}
        </button>
        <button
          type="button"
          className="btn"
          data-testid="run-test-card"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              const r = await call(maintenanceApi.testCard());
              if (!r) return undefined;
              const text = r.card
                ? t('maintenance.devices.cardResult', { name: r.card.maskedName, id: r.card.maskedIdNumber })
                : t('maintenance.devices.cardNotRead');
              return [{ key: 'card', ok: r.read, text, ...(r.card ? {} : { detail: r.detail }) }];
            })
          }
        >
          {t('maintenance.devices.testCard')}
        </button>
        <button
          type="button"
          className="btn"
          data-testid="run-test-scan"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              const r = await call(maintenanceApi.testScan());
              if (!r) return undefined;
              const text = r.scanned
                ? t('maintenance.devices.scanResult', { length: r.length ?? 0 })
                : t('maintenance.devices.noScan');
              return [{ key: 'scan', ok: r.scanned, text }];
            })
          }
        >
          {t('maintenance.devices.testScan')}
        </button>
      </div>
      {busy && <p role="status">{t('maintenance.devices.running')}</p>}
      <ul className="maintenance-list" data-testid="test-results">
        {results.map((r) => (
          <li key={r.key} data-testid={`result-${r.key}`} data-ok={r.ok} className={r.ok ? 'ok' : 'bad'}>
            {r.ok ? t('maintenance.devices.pass') : t('maintenance.devices.fail')} — {r.text}
            {!r.ok && overview?.devices.some((d) => d.name === r.key) && (
              <>
                {t('maintenance.devices.stateNow', {
                  state: words.state(overview.devices.find((d) => d.name === r.key)!.status.state),
                })}
              </>
            )}
            {r.detail && (
              <div className="maintenance-small">
                {t('maintenance.devices.technical')}
                {t('maintenance.colon')}
                <code>{r.detail}</code>
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

type Change = z.infer<typeof configChangeSchema>;

function ConfigPanel() {
  const { t } = useTranslation();
  const { call, banner } = useCall();
  const [path, setPath] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [hasPrevious, setHasPrevious] = useState(false);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [checked, setChecked] = useState<{ text: string; changes: Change[] } | null>(null);
  const [saved, setSaved] = useState(false);

  const load = useCallback(async () => {
    const v = await call(maintenanceApi.config());
    if (v) {
      setPath(v.path);
      setText(v.text);
      setHasPrevious(v.hasPrevious);
    }
  }, [call]);
  useEffect(() => {
    void call(maintenanceApi.config()).then((v) => {
      if (!v) return;
      setPath(v.path);
      setText(v.text);
      setHasPrevious(v.hasPrevious);
    });
  }, [call]);

  const check = async () => {
    setSaved(false);
    const r = await maintenanceApi.checkConfig(text);
    if (r.ok) {
      setInvalid(null);
      setChecked({ text, changes: r.value.changes });
    } else if (r.error.code === 'config-invalid') {
      setChecked(null);
      setInvalid(r.error.detail ?? '');
    } else await call(Promise.resolve(r));
  };
  const apply = async () => {
    const r = await maintenanceApi.applyConfig(text);
    if (r.ok) {
      setSaved(true);
      setChecked(null);
      await load();
    } else if (r.error.code === 'config-invalid') setInvalid(r.error.detail ?? '');
    else await call(Promise.resolve(r));
  };
  const rollback = async () => {
    const r = await call(maintenanceApi.rollbackConfig());
    if (r) {
      setChecked({ text: '', changes: r.changes });
      setSaved(true);
      await load();
    }
  };

  if (path === null && text !== '')
    return <p data-testid="config-no-file">{t('maintenance.config.noFile')}</p>;
  return (
    <div>
      {banner}
      <p className="maintenance-small">{t('maintenance.config.file', { path: path ?? '' })}</p>
      <label className="maintenance-label">
        {t('maintenance.config.editor')}
        <textarea
          className="config-editor"
          data-testid="config-editor"
          spellCheck={false}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setChecked(null);
            setSaved(false);
          }}
        />
      </label>
      <div className="button-row">
        <button type="button" className="btn" data-testid="config-check" onClick={() => void check()}>
          {t('maintenance.config.check')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="config-apply"
          disabled={checked === null || checked.text !== text || checked.changes.length === 0}
          onClick={() => void apply()}
        >
          {t('maintenance.config.apply')}
        </button>
        <button
          type="button"
          className="btn btn-secondary"
          data-testid="config-rollback"
          disabled={!hasPrevious}
          onClick={() => void rollback()}
        >
          {t('maintenance.config.rollback')}
        </button>
      </div>
      {invalid !== null && (
        <div className="alert" role="alert" data-testid="config-invalid">
          <p>{t('maintenance.config.invalid')}</p>
          <pre>{invalid}</pre>
        </div>
      )}
      {checked !== null && (
        <div data-testid="config-diff">
          <h3>{t('maintenance.config.diff')}</h3>
          {checked.changes.length === 0 ? (
            <p>{t('maintenance.config.noChanges')}</p>
          ) : (
            <ul className="maintenance-list">
              {checked.changes.map((c) => (
                <li key={c.path}>
                  <code>{c.path}</code>: {c.before === undefined ? '—' : JSON.stringify(c.before)} →{' '}
                  {c.after === undefined ? '—' : JSON.stringify(c.after)}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {saved && (
        <p className="green-channel" role="status" data-testid="config-saved">
          {t('maintenance.restartNeeded')}
        </p>
      )}
    </div>
  );
}

type Outbox = z.infer<typeof outboxResponseSchema>;
const DAY_MS = 24 * 3_600_000;

/** Queue depth over the last day as a small line chart (SVG attributes only: no inline style). */
function DepthChart({ samples, now }: { samples: Outbox['samples']; now: number }) {
  const { t } = useTranslation();
  const width = 600;
  const height = 120;
  const max = Math.max(1, ...samples.map((s) => s.depth));
  const points = samples
    .map((s) => {
      const x = ((s.at - (now - DAY_MS)) / DAY_MS) * width;
      const y = height - (s.depth / max) * (height - 10);
      return `${Math.max(0, Math.min(width, x)).toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
  return (
    <svg
      className="depth-chart"
      data-testid="depth-chart"
      data-points={samples.length}
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-label={t('maintenance.outbox.chart')}
    >
      <rect x="0" y="0" width={width} height={height} fill="#f5f5f5" stroke="#5c5c5c" />
      <text x="4" y="14" fontSize="12" fill="#3d3d3d">
        {max}
      </text>
      <polyline points={points} fill="none" stroke="#0b4f9c" strokeWidth="2" />
    </svg>
  );
}

/** A dead letter's discard: staff type why (it goes into the audit log), then confirm. */
function DiscardForm({ id, onDone }: { id: number; onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const { call } = useCall();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  if (!open)
    return (
      <button type="button" className="btn" data-testid={`discard-${id}`} onClick={() => setOpen(true)}>
        {t('maintenance.outbox.discard')}
      </button>
    );
  const submit = async () => {
    if (reason.trim() === '') {
      setRefusal(t('maintenance.outbox.reasonRequired'));
      return;
    }
    const r = await maintenanceApi.discard(id, reason);
    if (r.ok) {
      setOpen(false);
      await onDone();
    } else if (r.error.code === 'maintenance-required') await call(Promise.resolve(r));
    else setRefusal(failureText(t, r.error));
  };
  return (
    <div className="maintenance-discard" data-testid={`discard-form-${id}`}>
      <label className="maintenance-label">
        {t('maintenance.outbox.discardReason')}
        <input
          type="text"
          data-testid={`discard-reason-${id}`}
          maxLength={300}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            setRefusal(null);
          }}
        />
      </label>
      <button
        type="button"
        className="btn btn-primary"
        data-testid={`discard-confirm-${id}`}
        onClick={() => void submit()}
      >
        {t('maintenance.outbox.discardConfirm')}
      </button>
      <button type="button" className="btn btn-secondary" onClick={() => setOpen(false)}>
        {t('maintenance.cancel')}
      </button>
      {refusal !== null && (
        <p className="alert" role="alert" data-testid={`discard-refused-${id}`}>
          {refusal}
        </p>
      )}
    </div>
  );
}

function OutboxPanel() {
  const { t } = useTranslation();
  const when = useHallTime();
  const { scheduler } = useDeps();
  const { call, banner } = useCall();
  const [data, setData] = useState<Outbox | null>(null);
  const load = useCallback(async () => {
    const o = await call(maintenanceApi.outbox());
    if (o) setData(o);
  }, [call]);
  useEffect(() => {
    void call(maintenanceApi.outbox()).then((o) => o && setData(o));
  }, [call]);

  const exportLetters = async () => {
    const file = await call(maintenanceApi.exportDeadLetters());
    if (!file) return;
    const blob = new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = 'dead-letters.json';
    a.click();
    URL.revokeObjectURL(url);
  };

  if (data === null) return banner;
  return (
    <div>
      {banner}
      <ul className="maintenance-list" data-testid="outbox-counts">
        <li>{t('maintenance.outbox.pending', { count: data.pending })}</li>
        <li>{t('maintenance.outbox.inFlight', { count: data.inFlight })}</li>
        <li data-testid="dead-letter-count" data-count={data.deadLetters}>
          {t('maintenance.outbox.deadLetters', { count: data.deadLetters })}
        </li>
        <li data-testid="refused-count" data-count={data.refused}>
          {t('maintenance.outbox.refused', { count: data.refused })}
        </li>
        {data.discarded > 0 && <li>{t('maintenance.outbox.discarded', { count: data.discarded })}</li>}
        {data.oldestPendingAgeSeconds !== null && (
          <li>{t('maintenance.outbox.oldest', { seconds: data.oldestPendingAgeSeconds })}</li>
        )}
      </ul>
      <h3>{t('maintenance.outbox.chart')}</h3>
      <DepthChart samples={data.samples} now={scheduler.now()} />
      <h3>{t('maintenance.outbox.reasons')}</h3>
      {data.letters.length === 0 ? (
        <p data-testid="no-dead-letters">{t('maintenance.outbox.none')}</p>
      ) : (
        <ul className="maintenance-list" data-testid="dead-letters">
          {data.letters.map((l) => (
            <li key={l.id} data-testid={`dead-letter-${l.id}`}>
              #{l.id} <code>{l.kind}</code> · <code>{l.reason ?? ''}</code> · {when(l.rejectedAt)}{' '}
              {!l.purged && (
                <button
                  type="button"
                  className="btn"
                  data-testid={`retry-${l.id}`}
                  onClick={() =>
                    void (async () => {
                      await call(maintenanceApi.retry(l.id));
                      await load();
                    })()
                  }
                >
                  {t('maintenance.outbox.retry')}
                </button>
              )}
              <DiscardForm id={l.id} onDone={load} />
            </li>
          ))}
        </ul>
      )}
      <h3>{t('maintenance.outbox.refusals')}</h3>
      <p className="maintenance-small">{t('maintenance.outbox.refusalsNote')}</p>
      {data.refusals.length === 0 ? (
        <p data-testid="no-refusals">{t('maintenance.outbox.noRefusals')}</p>
      ) : (
        <ul className="maintenance-list" data-testid="refusals">
          {data.refusals.map((l) => (
            <li key={l.id} data-testid={`refusal-${l.id}`}>
              #{l.id} <code>{l.kind}</code> · <code>{l.reason ?? ''}</code> · {when(l.rejectedAt)}
            </li>
          ))}
        </ul>
      )}
      <button
        type="button"
        className="btn"
        data-testid="export-dead-letters"
        onClick={() => void exportLetters()}
      >
        {t('maintenance.outbox.export')}
      </button>
    </div>
  );
}

function SyncPanel() {
  const { t } = useTranslation();
  const when = useHallTime();
  const { call, banner } = useCall();
  const [s, setS] = useState<z.infer<typeof syncResponseSchema> | null>(null);
  useEffect(() => {
    void call(maintenanceApi.sync()).then((r) => r && setS(r));
  }, [call]);
  if (s === null) return banner;
  return (
    <ul className="maintenance-list" data-testid="sync-state">
      <li data-testid="sync-online" data-online={s.online}>
        {s.online ? t('maintenance.sync.online') : t('maintenance.sync.offline')}
        {s.lastError ? ` (${s.lastError})` : ''}
      </li>
      <li>
        {t('maintenance.sync.lastSuccess', {
          time: s.lastSuccessAt === null ? t('maintenance.sync.never') : when(s.lastSuccessAt),
        })}
      </li>
      {s.heartbeat && (
        <li data-testid="sync-heartbeat" data-ok={s.heartbeat.ok}>
          {t('maintenance.sync.heartbeat', {
            detail: s.heartbeat.ok ? t('maintenance.sync.heartbeatOk') : s.heartbeat.detail,
            time: when(s.heartbeat.at),
          })}
        </li>
      )}
      {s.heartbeat?.clockSkewSeconds != null && (
        <li>{t('maintenance.sync.skew', { seconds: s.heartbeat.clockSkewSeconds })}</li>
      )}
      <li>{t('maintenance.sync.catalogue', { version: s.catalogueVersion ?? '—' })}</li>
      <li>{t('maintenance.sync.central', { url: s.centralBaseUrl })}</li>
    </ul>
  );
}

function LogsPanel() {
  const { t } = useTranslation();
  const when = useHallTime();
  const { call, banner } = useCall();
  const [event, setEvent] = useState('');
  const [failuresOnly, setFailuresOnly] = useState(false);
  const [data, setData] = useState<z.infer<typeof logsResponseSchema> | null>(null);
  // The filter the shown lines answer, so a reader (or a test) can tell a stale list from a new one.
  const [shownFilter, setShownFilter] = useState<string | null>(null);
  const search = useCallback(
    async (e: string, f: boolean) => {
      const r = await call(maintenanceApi.logs(e, f));
      if (r) {
        setData(r);
        setShownFilter(`${e}|${f ? 'failures' : 'all'}`);
      }
    },
    [call],
  );
  useEffect(() => {
    void call(maintenanceApi.logs('', false)).then((r) => {
      if (!r) return;
      setData(r);
      setShownFilter('|all');
    });
  }, [call]);
  return (
    <div>
      {banner}
      <div className="button-row">
        <label className="maintenance-label">
          {t('maintenance.logs.event')}
          <select data-testid="log-event" value={event} onChange={(e) => setEvent(e.target.value)}>
            <option value="">{t('maintenance.logs.all')}</option>
            {data?.events.map((e) => (
              <option key={e.id} value={e.id}>
                {e.id} ({t(`maintenance.logs.outcome.${e.outcome}`, { defaultValue: e.outcome })})
              </option>
            ))}
          </select>
        </label>
        <label className="maintenance-label">
          <input
            type="checkbox"
            data-testid="log-failures"
            checked={failuresOnly}
            onChange={(e) => setFailuresOnly(e.target.checked)}
          />
          {t('maintenance.logs.failuresOnly')}
        </label>
        <button
          type="button"
          className="btn"
          data-testid="log-search"
          onClick={() => void search(event, failuresOnly)}
        >
          {t('maintenance.logs.search')}
        </button>
      </div>
      {data?.logFile === null && <p>{t('maintenance.logs.noFile')}</p>}
      {data && data.logFile !== null && data.lines.length === 0 && <p>{t('maintenance.logs.empty')}</p>}
      <ul className="maintenance-list log-lines" data-testid="log-lines" data-filter={shownFilter ?? ''}>
        {data?.lines.map((l, i) => (
          <li key={i} data-event={l.event} className={l.outcome === 'failure' ? 'bad' : undefined}>
            <code>
              {when(l.time)} {l.event} {JSON.stringify(l.fields)}
            </code>
          </li>
        ))}
      </ul>
    </div>
  );
}

function NetworkPanel() {
  const { t } = useTranslation();
  const { call, banner } = useCall();
  const [r, setR] = useState<z.infer<typeof networkCheckResponseSchema> | null>(null);
  return (
    <div>
      {banner}
      <button
        type="button"
        className="btn"
        data-testid="network-check"
        onClick={() => void call(maintenanceApi.networkCheck()).then((x) => x && setR(x))}
      >
        {t('maintenance.network.check')}
      </button>
      {r && (
        <p data-testid="network-result" data-reachable={r.reachable} className={r.reachable ? 'ok' : 'alert'}>
          {r.reachable
            ? t('maintenance.network.ok', { ms: r.latencyMs })
            : t('maintenance.network.failed', { error: r.error ?? '' })}{' '}
          <code>{r.url}</code>
        </p>
      )}
    </div>
  );
}

function SystemPanel() {
  const { t } = useTranslation();
  const when = useHallTime();
  const { call, banner } = useCall();
  const [overview, setOverview] = useState<Overview | null>(null);
  const [audit, setAudit] = useState<z.infer<typeof auditResponseSchema>['entries']>([]);
  const [armed, setArmed] = useState<'restart' | 'leave' | null>(null);
  useEffect(() => {
    void call(maintenanceApi.overview()).then((o) => o && setOverview(o));
    void call(maintenanceApi.audit()).then((a) => a && setAudit(a.entries));
  }, [call]);
  const act = async (which: 'restart' | 'leave') => {
    if (armed !== which) {
      setArmed(which);
      return;
    }
    const r = await call(which === 'restart' ? maintenanceApi.restart() : maintenanceApi.leaveKiosk());
    if (r) sessionLost();
  };
  return (
    <div>
      {banner}
      {overview && (
        <p data-testid="system-info">
          {t('maintenance.system.info', {
            terminalId: overview.terminalId,
            version: overview.appVersion,
            uptime: overview.uptimeSeconds,
          })}
        </p>
      )}
      <div className="button-row">
        <button type="button" className="btn" data-testid="restart" onClick={() => void act('restart')}>
          {t('maintenance.system.restart')}
        </button>
        <button type="button" className="btn" data-testid="leave-kiosk" onClick={() => void act('leave')}>
          {t('maintenance.system.leaveKiosk')}
        </button>
      </div>
      {armed && (
        <p className="alert" role="alert">
          {t('maintenance.system.confirm')}
        </p>
      )}
      <h3>{t('maintenance.system.audit')}</h3>
      <ul className="maintenance-list" data-testid="audit-log">
        {audit.map((e, i) => (
          <li key={i} className={e.result === 'ok' ? undefined : 'bad'} data-result={e.result}>
            {when(e.at)} · <code>{e.action}</code> · {t(`maintenance.system.results.${e.result}`)}
            {e.staff ? ` · ${t('maintenance.system.staff', { staff: e.staff })}` : ''}
            {e.detail ? (
              <>
                {' · '}
                <code>{e.detail}</code>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
