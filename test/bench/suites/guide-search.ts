import { tempDbPath } from '../../../central/cases/test-support';
import { CatalogueStore } from '../../../central/catalogue/store';
import { CITY_REGION } from '../../../central/catalogue/seed-data';
import { openCentralDatabase } from '../../../central/db/database';
import { indexEntry, rankEntries, type SearchEntry } from '../../../electron/backend/guide/search';
import { medianMs, type BenchFigure } from '../figure';

// Guide search over the whole reference catalogue (every item and life event of the city), as the
// kiosk runs it on each key of the on-screen keyboard. Absolute targets, with wide headroom: a
// keypress should answer well inside one frame of the screen (16 ms) even on a slow day.
function catalogue(): SearchEntry[] {
  const db = openCentralDatabase(tempDbPath(), { seed: true });
  const store = new CatalogueStore(db);
  const departments = new Map(store.departments().map((d) => [d.departmentId, d.aliases ?? []]));
  const entries: SearchEntry[] = [
    ...store.items(CITY_REGION).map((i) => ({
      code: i.itemCode,
      name: i.name,
      aliases: i.aliases ?? [],
      departmentAliases: departments.get(i.departmentId) ?? [],
    })),
    ...store
      .bundles(CITY_REGION)
      .map((b) => ({ code: b.bundleCode, name: b.name, aliases: b.aliases ?? [] })),
  ];
  db.close();
  return entries;
}

const QUERIES = ['SB', 'yb', 'YYZZ', 'bdc', 'budongchan', '公积金', 'passport', 'GG0800', 'zzz'];

export const figures: BenchFigure[] = [
  {
    name: 'guide search index of the whole catalogue (pinyin-pro), build',
    unit: 'ms',
    target: 200,
    better: 'lower',
    measure: () => {
      const entries = catalogue();
      return medianMs(() => entries.map(indexEntry), 20, 3);
    },
  },
  {
    name: 'guide search over the whole catalogue, one query (median of 9 kinds)',
    unit: 'ms',
    target: 5,
    better: 'lower',
    measure: () => {
      const entries = catalogue();
      const index = new Map(entries.map((e) => [e.code, indexEntry(e)]));
      let q = 0;
      return medianMs(() => rankEntries(entries, (e) => index.get(e.code)!, QUERIES[q++ % QUERIES.length]!));
    },
  },
];
