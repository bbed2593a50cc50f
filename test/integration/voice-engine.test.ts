/**
 * Voice that is heard: one prompt spoken through the kiosk's voice route by the real engine,
 * Debian's speech-dispatcher with espeak-ng's Mandarin voice, recorded and measured with sox.
 *
 * What stands in for what: the loudspeaker. speech-dispatcher runs as its own instance (its own
 * config folder, socket and HOME in a temporary folder) with ALSA output, and that HOME's .asoundrc
 * makes ALSA's default device a `file` plugin, so the samples the speaker would play are written to
 * a WAV file instead. The file plugin's null slave takes samples faster than real time, so the
 * recording is complete when spd-say returns; the WAV header's length is only written when the
 * device closes, hence sox's --ignore-length.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, appendFileSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestLogger } from '../../electron/backend/logging/logger';
import { speechDispatcherEngine } from '../../electron/backend/voice/engine';
import { registerVoiceRoutes } from '../../electron/backend/voice/routes';
import { VoiceService } from '../../electron/backend/voice/service';

/** The Debian packages behind each program (scripts/system-needs.mjs installs them). */
const NEEDS: Record<string, string> = {
  'speech-dispatcher': 'speech-dispatcher',
  'spd-say': 'speech-dispatcher',
  'espeak-ng': 'espeak-ng',
  sox: 'sox',
};
const SPD_MODULE = '/usr/lib/speech-dispatcher-modules/sd_espeak-ng';
const SPD_CONFIG = '/etc/speech-dispatcher';

/** A prompt the home screen reads: about two seconds of speech at the kiosk's rate. */
const PROMPT = '请在读卡区放置身份证';
/** Speech-length: a prompt is at least a word and well under the time anyone listens to one. */
const MIN_SECONDS = 0.5;
const MAX_SECONDS = 10;
/**
 * Louder than silence: espeak-ng's Mandarin measures about 0.16 RMS here; dither or a stuck
 * sample stays far below 0.02.
 */
const RMS_FLOOR = 0.02;

function requireVoiceTools(): void {
  for (const [program, pkg] of Object.entries(NEEDS)) {
    if (spawnSync('sh', ['-c', `command -v ${program}`]).status !== 0)
      throw new Error(
        `${program} is missing: install the Debian package ${pkg} (see scripts/system-needs.mjs)`,
      );
  }
  if (!existsSync(SPD_MODULE))
    throw new Error(`${SPD_MODULE} is missing: install speech-dispatcher-espeak-ng`);
  if (!existsSync(SPD_CONFIG)) throw new Error(`${SPD_CONFIG} is missing: reinstall speech-dispatcher`);
}

/** sox's `stat` of a recording: its length in seconds and its RMS amplitude (0..1). */
function soxStat(file: string): { seconds: number; rms: number } {
  const r = spawnSync('sox', ['--ignore-length', file, '-n', 'stat'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sox stat failed: ${r.stderr}`);
  const field = (label: string) => {
    const m = new RegExp(`^${label}:\\s+(-?[\\d.]+)`, 'm').exec(r.stderr);
    if (!m) throw new Error(`sox stat gave no "${label}": ${r.stderr}`);
    return Number(m[1]);
  };
  return { seconds: field('Length \\(seconds\\)'), rms: field('RMS\\s+amplitude') };
}

let dir = '';
let daemon: ChildProcess | null = null;
let daemonExit: Promise<unknown> = Promise.resolve();

beforeAll(async () => {
  requireVoiceTools();
  dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-voice-'));
  cpSync(SPD_CONFIG, dir, { recursive: true });
  appendFileSync(
    path.join(dir, 'speechd.conf'),
    [
      '',
      'AudioOutputMethod "alsa"',
      'AddModule "espeak-ng" "sd_espeak-ng" "espeak-ng.conf"',
      'DefaultModule espeak-ng',
      '',
    ].join('\n'),
  );
  writeFileSync(
    path.join(dir, '.asoundrc'),
    `pcm.!default { type file; slave.pcm "null"; file "${path.join(dir, 'out.wav')}"; format "wav" }\n`,
  );
  const socket = path.join(dir, 'speechd.sock');
  daemon = spawn(
    'speech-dispatcher',
    ['-s', '-C', dir, '-S', socket, '-c', 'unix_socket', '-L', dir, '-t', '60'],
    { env: { ...process.env, HOME: dir }, stdio: 'ignore' },
  );
  const started = daemon;
  daemonExit = new Promise((resolve) => started.once('exit', resolve));
  await vi.waitFor(
    () => {
      if (started.exitCode !== null) throw new Error(`speech-dispatcher exited ${started.exitCode}`);
      if (!existsSync(socket)) throw new Error('speech-dispatcher has not opened its socket yet');
    },
    { timeout: 15_000, interval: 50 },
  );
});

afterAll(async () => {
  if (daemon && daemon.exitCode === null) {
    daemon.kill('SIGTERM');
    await daemonExit;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('voice guidance with the real engine', () => {
  it('tells silence from speech (the measure itself)', () => {
    const silence = path.join(dir, 'silence.wav');
    const r = spawnSync('sox', ['-n', '-r', '22050', '-b', '16', '-c', '1', silence, 'trim', '0', '2']);
    expect(r.status).toBe(0);
    const stat = soxStat(silence);
    expect(stat.seconds).toBeCloseTo(2, 1);
    expect(stat.rms).toBeLessThan(RMS_FLOOR);
  });

  it('speaks a prompt posted to /api/voice/speak: speech-length and not silence', async () => {
    const logger = createTestLogger();
    const engine = speechDispatcherEngine({
      env: { ...process.env, HOME: dir, SPEECHD_ADDRESS: `unix_socket:${path.join(dir, 'speechd.sock')}` },
    });
    const voice = new VoiceService({ engine, logger });
    const app = Fastify();
    registerVoiceRoutes(app, voice, { logger, simulated: true });
    const r = await app.inject({
      method: 'POST',
      url: '/api/voice/speak',
      payload: { text: PROMPT, language: 'zh-CN' },
    });
    expect(r.json()).toEqual({ ok: true, voice: 'speaking' });
    expect(await voice.idle()).toEqual({ ok: true });
    await app.close();

    // Stopping speech-dispatcher closes the ALSA device: the recording is whole.
    daemon!.kill('SIGTERM');
    await daemonExit;
    const stat = soxStat(path.join(dir, 'out.wav'));
    expect(stat.seconds).toBeGreaterThan(MIN_SECONDS);
    expect(stat.seconds).toBeLessThan(MAX_SECONDS);
    expect(stat.rms).toBeGreaterThan(RMS_FLOOR);
    expect(logger.lines.join('\n')).not.toContain(PROMPT);
  });
});
