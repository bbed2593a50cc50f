import type { Clock } from '../../../domain/clock';
import type { ServiceResult } from '../api/replies';
import type { KioskLogger } from '../logging/logger';
import { PinyinIndex, type CandidatePage } from './candidates';
import { candidatesRequestSchema, type CandidatesRequest } from './contract';
import { PinyinReader, type DictionaryWord } from './dictionary';
import type { LoadedDictionary } from './loader';

export interface PinyinServiceOptions {
  /** Reads the dictionary (the cache, or the source at a first start). */
  load: () => Promise<LoadedDictionary>;
  logger: KioskLogger;
  clock: Clock;
}

/**
 * Pinyin candidates for the on-screen keyboard. The dictionary is read once, at the first use or
 * when `warm` is called (a keyboard with a pinyin tab opened); a lookup before it is ready waits.
 * The letters typed may spell a name: they are never logged, and a failure names the rule broken,
 * never the input.
 */
export class PinyinService {
  private index: Promise<PinyinIndex> | null = null;
  private readonly reader = new PinyinReader();
  private places: string[] = [];

  constructor(private readonly options: PinyinServiceOptions) {}

  /** Starts reading the dictionary now if it was not yet. */
  warm(): void {
    void this.ready().catch(() => undefined);
  }

  ready(): Promise<PinyinIndex> {
    if (!this.index) {
      const started = this.options.clock.now();
      this.index = this.options.load().then(
        ({ words, from }) => {
          const index = new PinyinIndex(words);
          index.addLocalPlaces(this.placeWords(this.places));
          this.options.logger.info('pinyin.dictionary-ready', {
            words: index.size,
            from,
            ms: this.options.clock.now() - started,
          });
          return index;
        },
        (err: Error) => {
          // Forgotten, so the next lookup tries again (a file being replaced by an update).
          this.index = null;
          this.options.logger.error('pinyin.dictionary-failed', { reason: err.message });
          throw err;
        },
      );
    }
    return this.index;
  }

  /**
   * The hall's place names (from the central's region list), weighted up in the candidates. Names
   * given before the dictionary is ready join it when it is.
   */
  setLocalPlaces(names: readonly string[]): void {
    const fresh = names.filter((n) => !this.places.includes(n));
    this.places = [...this.places, ...fresh];
    if (this.index && fresh.length > 0) {
      void this.index.then((index) => index.addLocalPlaces(this.placeWords(fresh))).catch(() => undefined);
    }
  }

  /** A place name and the short form people type (杭州市 → 杭州, 西溪街道 → 西溪). */
  private placeWords(names: readonly string[]): DictionaryWord[] {
    const forms = new Set<string>();
    for (const name of names) {
      forms.add(name);
      const short = /^(.{2,}?)(?:街道|社区|市|区|县|镇|乡)$/u.exec(name)?.[1];
      if (short) forms.add(short);
    }
    const words: DictionaryWord[] = [];
    for (const text of forms) {
      if (!/^[\u4e00-\u9fff]+$/u.test(text)) continue;
      for (const syllables of this.reader.read(text)) words.push({ text, syllables, frequency: 1 });
    }
    return words;
  }

  async candidates(request: CandidatesRequest): Promise<ServiceResult<CandidatePage & { page: number }>> {
    const parsed = candidatesRequestSchema.safeParse(request);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, code: 'bad-request', detail: `${issue?.path.join('.')}: ${issue?.message}` };
    }
    const { input, page, pageSize } = parsed.data;
    let index: PinyinIndex;
    try {
      index = await this.ready();
    } catch {
      return { ok: false, code: 'internal', detail: 'the pinyin dictionary could not be read' };
    }
    return { ok: true, value: { page, ...index.lookup(input, page, pageSize) } };
  }
}
