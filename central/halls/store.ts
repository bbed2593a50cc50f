import type { CentralDatabase } from '../db/database';
import { seedQueueCategories } from '../db/seed';

/** Hall ids as the docs and kiosk configurations write them, e.g. HALL-XH-02. */
export const HALL_ID_PATTERN = /^[A-Z0-9][A-Z0-9-]{2,63}$/;
/** A hall's name is printed on every ticket: one line of the slip. */
export const MAX_HALL_NAME_LENGTH = 60;

export interface HallSummary {
  hallId: string;
  name: { zh: string; en: string };
  /** The region whose catalogue variants the hall serves; null: the city's. */
  regionCode: string | null;
  /** Queue category codes, in the order the kiosk offers them. */
  categories: string[];
  kiosks: number;
}

export interface NewHall {
  hallId: string;
  nameZh: string;
  nameEn: string;
  regionCode?: string;
  /** Copy the queue categories of this hall instead of the reference set A–J. */
  likeHallId?: string;
}

/** A hall that cannot be added as asked; the message says why and what would be accepted. */
export class HallError extends Error {}

interface CategoryRow {
  code: string;
  name_zh: string;
  name_en: string;
  sort_order: number;
}

/**
 * Service halls and their queue categories, for the central's administration. A hall without
 * categories would accept kiosks that can issue no number, so a hall is always added with them.
 */
export class HallStore {
  private readonly stmts;

  constructor(private readonly db: CentralDatabase) {
    this.stmts = {
      halls: db.prepare<
        [],
        { hall_id: string; name_zh: string; name_en: string; region_code: string | null; kiosks: number }
      >(
        `SELECT h.hall_id, h.name_zh, h.name_en, r.region_code,
           (SELECT count(*) FROM kiosks k WHERE k.hall_id = h.hall_id) AS kiosks
         FROM halls h LEFT JOIN hall_regions r ON r.hall_id = h.hall_id ORDER BY h.hall_id`,
      ),
      categories: db.prepare<[string], CategoryRow>(
        'SELECT code, name_zh, name_en, sort_order FROM queue_categories WHERE hall_id = ? ORDER BY sort_order, code',
      ),
      hall: db.prepare<[string], { hall_id: string }>('SELECT hall_id FROM halls WHERE hall_id = ?'),
      regions: db.prepare<[], { region_code: string; name_zh: string }>(
        'SELECT region_code, name_zh FROM regions ORDER BY region_code',
      ),
      insertHall: db.prepare<[string, string, string]>(
        'INSERT INTO halls (hall_id, name_zh, name_en) VALUES (?, ?, ?)',
      ),
      insertCategory: db.prepare<[string, string, string, string, number]>(
        'INSERT INTO queue_categories (hall_id, code, name_zh, name_en, sort_order) VALUES (?, ?, ?, ?, ?)',
      ),
      insertRegion: db.prepare<[string, string]>(
        'INSERT INTO hall_regions (hall_id, region_code) VALUES (?, ?)',
      ),
    };
  }

  list(): HallSummary[] {
    return this.stmts.halls.all().map((h) => ({
      hallId: h.hall_id,
      name: { zh: h.name_zh, en: h.name_en },
      regionCode: h.region_code,
      categories: this.stmts.categories.all(h.hall_id).map((c) => c.code),
      kiosks: h.kiosks,
    }));
  }

  has(hallId: string): boolean {
    return this.stmts.hall.get(hallId) !== undefined;
  }

  /** "HALL-CITY-01, HALL-SC-01": for messages refusing an unknown hall. */
  knownHallIds(): string {
    return this.list()
      .map((h) => h.hallId)
      .join(', ');
  }

  /** Adds a hall with its queue categories (and region) in one transaction, or nothing at all. */
  add(input: NewHall): HallSummary {
    const { hallId } = input;
    if (!HALL_ID_PATTERN.test(hallId)) {
      throw new HallError(
        `Hall id "${hallId}" is not valid: capital letters, digits and dashes, 3 to 64 characters, e.g. HALL-XH-02.`,
      );
    }
    for (const [flag, name] of [
      ['--name-zh', input.nameZh],
      ['--name-en', input.nameEn],
    ] as const) {
      if (name.trim() === '' || name.length > MAX_HALL_NAME_LENGTH) {
        throw new HallError(`${flag} must be 1 to ${MAX_HALL_NAME_LENGTH} characters.`);
      }
    }
    // Checked inside the write transaction, so a second administrator adding the same hall at the
    // same moment gets the same plain refusal rather than a constraint error.
    this.db
      .transaction(() => {
        if (this.has(hallId)) throw new HallError(`Hall ${hallId} exists already; nothing was changed.`);
        const categories = this.categoriesFor(input.likeHallId);
        if (input.regionCode !== undefined) this.assertRegion(input.regionCode);
        this.stmts.insertHall.run(hallId, input.nameZh.trim(), input.nameEn.trim());
        categories.forEach((c, i) => this.stmts.insertCategory.run(hallId, c.code, c.zh, c.en, i + 1));
        if (input.regionCode !== undefined) this.stmts.insertRegion.run(hallId, input.regionCode);
      })
      .immediate();
    const added = this.list().find((h) => h.hallId === hallId);
    if (!added) throw new Error(`hall ${hallId} was not found after adding it`);
    return added;
  }

  private assertRegion(regionCode: string): void {
    const regions = this.stmts.regions.all();
    if (!regions.some((r) => r.region_code === regionCode)) {
      throw new HallError(
        `Unknown region code ${regionCode}. Known regions: ${regions
          .map((r) => `${r.region_code} ${r.name_zh}`)
          .join(', ')}.`,
      );
    }
  }

  private categoriesFor(likeHallId: string | undefined): readonly { code: string; zh: string; en: string }[] {
    if (likeHallId === undefined) return seedQueueCategories;
    if (!this.has(likeHallId)) {
      throw new HallError(`--like: no hall ${likeHallId}. Known halls: ${this.knownHallIds()}.`);
    }
    const categories = this.stmts.categories
      .all(likeHallId)
      .map((c) => ({ code: c.code, zh: c.name_zh, en: c.name_en }));
    if (categories.length === 0) {
      throw new HallError(`--like: hall ${likeHallId} has no queue categories to copy.`);
    }
    return categories;
  }
}
