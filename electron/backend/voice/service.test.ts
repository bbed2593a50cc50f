import { EventEmitter } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import Fastify from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { createTestLogger } from '../logging/logger';
import { defaultSpeechEngine, speechDispatcherEngine, silentEngine, type SpeechEngine } from './engine';
import { registerVoiceRoutes } from './routes';
import { VoiceService } from './service';

/** A stand-in for spawn: records each spd-say and lets the test end it. */
function fakeSpawn() {
  const runs: { args: readonly string[]; child: ChildProcess & EventEmitter; killed: boolean }[] = [];
  const spawn = (command: string, args: readonly string[]) => {
    expect(command).toBe('spd-say');
    const child = new EventEmitter() as ChildProcess & EventEmitter;
    const run = { args, child, killed: false };
    (child as { kill: (signal?: string) => boolean }).kill = () => {
      run.killed = true;
      queueMicrotask(() => child.emit('exit', null, 'SIGTERM'));
      return true;
    };
    runs.push(run);
    return child;
  };
  return { runs, spawn };
}

const missingProgram = (): ChildProcess => {
  const child = new EventEmitter() as ChildProcess & EventEmitter;
  queueMicrotask(() =>
    child.emit('error', Object.assign(new Error('spawn spd-say ENOENT'), { code: 'ENOENT' })),
  );
  return child;
};

describe('speech-dispatcher engine', () => {
  it('speaks Mandarin through espeak-ng, a little slow, the text after -- so it is never an option', async () => {
    const { runs, spawn } = fakeSpawn();
    const engine = speechDispatcherEngine({ spawn });
    const said = engine.speak('-请在读卡区放置身份证', 'zh-CN');
    expect(runs[0]!.args).toEqual([
      '-C',
      '-w',
      '-o',
      'espeak-ng',
      '-l',
      'zh',
      '-r',
      '-15',
      '--',
      '-请在读卡区放置身份证',
    ]);
    runs[0]!.child.emit('exit', 0, null);
    expect(await said).toEqual({ ok: true });
  });

  it('cuts off the utterance before when a new one comes: its client is ended, the new one cancels it in speech-dispatcher', async () => {
    const { runs, spawn } = fakeSpawn();
    const engine = speechDispatcherEngine({ spawn });
    const first = engine.speak('请选择业务', 'zh-CN');
    const second = engine.speak('Please choose', 'en');
    expect(runs[0]!.killed).toBe(true);
    expect(runs).toHaveLength(2);
    expect(runs[1]!.args.slice(0, 2)).toEqual(['-C', '-w']);
    expect(runs[1]!.args).toContain('en');
    expect(await first).toEqual({ ok: false, reason: 'cancelled' });
    runs[1]!.child.emit('exit', 0, null);
    expect(await second).toEqual({ ok: true });
  });

  it('cancels with one spd-say -C, never a pile of them, and only when something is being said', async () => {
    const { runs, spawn } = fakeSpawn();
    const engine = speechDispatcherEngine({ spawn });
    engine.cancel();
    expect(runs).toHaveLength(0);
    const said = engine.speak('请选择业务', 'zh-CN');
    engine.cancel();
    expect(await said).toEqual({ ok: false, reason: 'cancelled' });
    expect(runs.map((r) => r.args)).toHaveLength(2);
    expect(runs[1]!.args).toEqual(['-C']);
    // The first -C has not answered yet (a stuck speech-dispatcher): the next cancel adds none.
    void engine.speak('取号', 'zh-CN');
    engine.cancel();
    expect(runs.filter((r) => r.args.length === 1)).toHaveLength(1);
  });

  it('kills an spd-say that speech-dispatcher never answers (blocked audio), after its time limit', async () => {
    vi.useFakeTimers();
    try {
      const { runs, spawn } = fakeSpawn();
      const engine = speechDispatcherEngine({ spawn, timeoutMs: 5_000 });
      const said = engine.speak('请在读卡区放置身份证', 'zh-CN');
      vi.advanceTimersByTime(4_999);
      expect(runs[0]!.killed).toBe(false);
      vi.advanceTimersByTime(1);
      expect(runs[0]!.killed).toBe(true);
      await vi.runAllTimersAsync();
      expect(await said).toEqual({ ok: false, reason: 'failed', exitCode: null });
    } finally {
      vi.useRealTimers();
    }
  });

  it('tells a missing program from one that could not speak', async () => {
    const missing = speechDispatcherEngine({ spawn: missingProgram });
    expect(await missing.speak('取号', 'zh-CN')).toEqual({ ok: false, reason: 'missing' });
    const { runs, spawn } = fakeSpawn();
    const failing = speechDispatcherEngine({ spawn });
    const said = failing.speak('取号', 'zh-CN');
    runs[0]!.child.emit('exit', 1, null);
    expect(await said).toEqual({ ok: false, reason: 'failed', exitCode: 1 });
  });
});

describe('the default engine', () => {
  it('is speech-dispatcher on Linux, none elsewhere or when KIOSK_VOICE_ENGINE=none', () => {
    expect(defaultSpeechEngine('linux', {}).name).toBe('speech-dispatcher');
    expect(defaultSpeechEngine('linux', { KIOSK_VOICE_ENGINE: 'none' }).name).toBe('none');
    expect(defaultSpeechEngine('win32', {}).name).toBe('none');
  });
});

describe('voice service', () => {
  it('reports a missing engine once in the log, then stays silent', async () => {
    const logger = createTestLogger();
    const voice = new VoiceService({ engine: speechDispatcherEngine({ spawn: missingProgram }), logger });
    expect(voice.speak('请在读卡区放置身份证', 'zh-CN')).toBe('speaking');
    await voice.idle();
    expect(voice.speak('取号', 'zh-CN')).toBe('silent');
    expect(voice.speak('取号', 'zh-CN')).toBe('silent');
    expect(logger.events('voice.engine-missing')).toHaveLength(1);
  });

  it('logs a failing engine once until it speaks again, and never the text', async () => {
    const logger = createTestLogger();
    const { runs, spawn } = fakeSpawn();
    const voice = new VoiceService({ engine: speechDispatcherEngine({ spawn }), logger });
    for (const code of [1, 1]) {
      voice.speak('号码A003，张*', 'zh-CN');
      runs.at(-1)!.child.emit('exit', code, null);
      await voice.idle();
    }
    voice.speak('号码A003，张*', 'zh-CN');
    runs.at(-1)!.child.emit('exit', 0, null);
    await voice.idle();
    expect(logger.events('voice.engine-failed')).toHaveLength(1);
    expect(logger.events('voice.engine-recovered')).toHaveLength(1);
    expect(logger.lines.join('\n')).not.toContain('A003');
  });

  it('with no engine at all answers silent, without an error', async () => {
    const app = Fastify();
    const logger = createTestLogger();
    registerVoiceRoutes(app, new VoiceService({ engine: silentEngine, logger }), { logger, simulated: true });
    const r = await app.inject({
      method: 'POST',
      url: '/api/voice/speak',
      payload: { text: '取号', language: 'zh-CN' },
    });
    expect(r.json()).toEqual({ ok: true, voice: 'silent' });
    await app.close();
  });

  it('refuses an empty or over-long text, or another language, naming the field but not the text', async () => {
    const app = Fastify();
    const logger = createTestLogger();
    const spoken: string[] = [];
    const engine: SpeechEngine = {
      name: 'recording',
      speak: (text) => (spoken.push(text), Promise.resolve({ ok: true })),
      cancel: () => undefined,
    };
    registerVoiceRoutes(app, new VoiceService({ engine, logger }), { logger, simulated: true });
    const post = (payload: object) => app.inject({ method: 'POST', url: '/api/voice/speak', payload });
    const long = '长'.repeat(601);
    for (const payload of [
      { text: '  ', language: 'zh-CN' },
      { text: long, language: 'zh-CN' },
      { text: '取号', language: 'fr' },
    ]) {
      const r = await post(payload);
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      expect(r.body).not.toContain(long);
    }
    expect(spoken).toEqual([]);
    expect((await post({ text: '取号', language: 'zh-CN' })).json()).toEqual({ ok: true, voice: 'speaking' });
    expect(spoken).toEqual(['取号']);
    await app.close();
  });
});
