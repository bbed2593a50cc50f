import type { KioskLogger } from '../logging/logger';
import type { VoiceLanguage } from './contract';
import type { SpeechEngine, SpeechOutcome } from './engine';

/**
 * Voice guidance spoken by the kiosk itself. One utterance at a time: a new one cuts off the one
 * before, so a citizen tapping through screens hears the screen they are on, and a flood of
 * requests costs one engine process at a time. The text is never logged (it may hold masked data);
 * the engine's troubles are, once each until it speaks again.
 */
export class VoiceService {
  /** Set once the engine's program is known to be absent: it will not appear while we run. */
  private missing = false;
  private failing = false;
  private current: Promise<SpeechOutcome> = Promise.resolve({ ok: true });

  constructor(private readonly deps: { engine: SpeechEngine; logger: Pick<KioskLogger, 'info' | 'warn'> }) {}

  /** Whether this kiosk can speak as far as is known now. */
  get available(): boolean {
    return !this.missing && this.deps.engine.name !== 'none';
  }

  /** Starts saying `text` (not waiting for it to be said): 'silent' when there is no engine. */
  speak(text: string, language: VoiceLanguage): 'speaking' | 'silent' {
    if (!this.available) {
      this.noteMissing();
      return 'silent';
    }
    this.current = this.deps.engine.speak(text, language).then((outcome) => {
      this.note(outcome);
      return outcome;
    });
    return 'speaking';
  }

  cancel(): void {
    if (this.available) this.deps.engine.cancel();
  }

  /** The last utterance's outcome, once it is said, cut off or failed (for tests and shutdown). */
  idle(): Promise<SpeechOutcome> {
    return this.current;
  }

  private noteMissing(): void {
    if (this.missing) return;
    this.missing = true;
    this.deps.logger.warn('voice.engine-missing', { engine: this.deps.engine.name });
  }

  private note(outcome: SpeechOutcome): void {
    if (outcome.ok) {
      if (this.failing) this.deps.logger.info('voice.engine-recovered', { engine: this.deps.engine.name });
      this.failing = false;
    } else if (outcome.reason === 'missing') {
      this.noteMissing();
    } else if (outcome.reason === 'failed' && !this.failing) {
      this.failing = true;
      this.deps.logger.warn('voice.engine-failed', {
        engine: this.deps.engine.name,
        exitCode: outcome.exitCode,
      });
    }
  }
}
