import { spawn as nodeSpawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import type { VoiceLanguage } from './contract';

/**
 * A speech engine: says one utterance at a time. `speak` resolves when it is said, cut off or
 * failed; a new one cuts off the one before.
 */
export interface SpeechEngine {
  readonly name: string;
  speak(text: string, language: VoiceLanguage): Promise<SpeechOutcome>;
  cancel(): void;
}

/**
 * `missing`: the engine's program is not installed (it will not appear while the kiosk runs);
 * `failed`: it is installed but could not speak (no speech-dispatcher, no espeak-ng module).
 */
export type SpeechOutcome =
  | { ok: true }
  | { ok: false; reason: 'cancelled' }
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'failed'; exitCode: number | null };

export const silentEngine: SpeechEngine = {
  name: 'none',
  speak: () => Promise.resolve({ ok: false, reason: 'missing' }),
  cancel: () => undefined,
};

type Spawn = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

/** speech-dispatcher's language codes: the screen's `zh-CN` is Mandarin, espeak-ng's `cmn`. */
const SPD_LANGUAGE: Record<VoiceLanguage, string> = { 'zh-CN': 'zh', en: 'en' };

export interface SpeechDispatcherOptions {
  /** Output module; espeak-ng is the one with a Mandarin voice in Debian. */
  module?: string;
  /** -100..100; a little slower than the default because many listeners are elderly. */
  rate?: number;
  /** The environment of spd-say (SPEECHD_ADDRESS picks a speech-dispatcher other than the user's). */
  env?: NodeJS.ProcessEnv;
  spawn?: Spawn;
  /**
   * How long one spd-say may live. A speech-dispatcher whose audio output blocks (no sound device,
   * a stuck PulseAudio) never answers, and spd-say would wait for ever: each process is killed
   * after this, so a fault costs one waiting process, not one per prompt. The default covers the
   * longest prompt (600 characters at the kiosk's slower rate, about two minutes).
   */
  timeoutMs?: number;
  /** The same for the `spd-say -C` of a cancel, which should answer at once. */
  cancelTimeoutMs?: number;
}

/**
 * Debian's speech-dispatcher through its `spd-say` client. No npm package speaks SSIP and is kept
 * up, and spd-say is part of speech-dispatcher itself, so it is spawned: one short-lived process
 * per utterance, `-C` cancelling whatever any client was saying, `-w` so the process lives exactly
 * as long as its utterance (bounded by `timeoutMs`); killing it and one more `-C` cuts it off. speech-dispatcher is
 * started on demand by spd-say (its autospawn) when it is not running.
 */
export function speechDispatcherEngine(options: SpeechDispatcherOptions = {}): SpeechEngine {
  const spawn: Spawn = options.spawn ?? nodeSpawn;
  const module = options.module ?? 'espeak-ng';
  const rate = options.rate ?? -15;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const cancelTimeoutMs = options.cancelTimeoutMs ?? 3_000;
  let current: { child: ChildProcess; cancelled: boolean } | null = null;
  /** A `spd-say -C` still running: another one would only queue behind it. */
  let stopping: ChildProcess | null = null;

  const run = (args: string[], limitMs: number, holdExit: boolean): ChildProcess => {
    const child = spawn('spd-say', args, { env: options.env ?? process.env, stdio: 'ignore' });
    const limit = setTimeout(() => child.kill('SIGKILL'), limitMs);
    // A cancel's short limit holds the kiosk's exit (a close cancels): otherwise a -C that a stuck
    // speech-dispatcher never answers would outlive the kiosk as an orphan.
    if (!holdExit) limit.unref?.();
    child.on('exit', () => clearTimeout(limit));
    child.on('error', () => clearTimeout(limit));
    return child;
  };

  /** Ends our waiting client; its utterance is cut off in speech-dispatcher by the next -C. */
  const dropCurrent = (): boolean => {
    if (current === null) return false;
    current.cancelled = true;
    current.child.kill('SIGTERM');
    current = null;
    return true;
  };

  return {
    name: 'speech-dispatcher',
    cancel() {
      if (!dropCurrent() || stopping !== null) return;
      // The killed client's utterance may still be in speech-dispatcher's queue or playing.
      const stop = run(['-C'], cancelTimeoutMs, true);
      stopping = stop;
      const done = () => {
        if (stopping === stop) stopping = null;
      };
      stop.on('exit', done);
      stop.on('error', done);
    },
    speak(text, language) {
      // The new utterance's own -C cuts off the one before inside speech-dispatcher.
      dropCurrent();
      const args = ['-C', '-w', '-o', module, '-l', SPD_LANGUAGE[language], '-r', String(rate), '--', text];
      const child = run(args, timeoutMs, false);
      const mine = { child, cancelled: false };
      current = mine;
      return new Promise<SpeechOutcome>((resolve) => {
        child.on('error', (err: NodeJS.ErrnoException) => {
          if (current === mine) current = null;
          resolve(
            err.code === 'ENOENT'
              ? { ok: false, reason: 'missing' }
              : { ok: false, reason: 'failed', exitCode: null },
          );
        });
        child.on('exit', (code) => {
          if (current === mine) current = null;
          if (mine.cancelled) resolve({ ok: false, reason: 'cancelled' });
          else if (code === 0) resolve({ ok: true });
          else resolve({ ok: false, reason: 'failed', exitCode: code });
        });
      });
    },
  };
}

/** Set to `none` (a test machine without a sound device), the kiosk's backend never speaks. */
export const VOICE_ENGINE_ENV_VAR = 'KIOSK_VOICE_ENGINE';

/** The engine of this operating system: speech-dispatcher on Linux; elsewhere the browser speaks. */
export function defaultSpeechEngine(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): SpeechEngine {
  if (env[VOICE_ENGINE_ENV_VAR] === 'none') return silentEngine;
  return platform === 'linux' ? speechDispatcherEngine() : silentEngine;
}
