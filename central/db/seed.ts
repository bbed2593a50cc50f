import type { Database } from 'better-sqlite3';
import { seedCatalogue } from '../catalogue/store';

/**
 * Reference halls and queue categories. Inserted only where missing, so an operator's later
 * renaming survives a restart.
 */
export const seedHalls = [
  { hallId: 'HALL-CITY-01', zh: '市民服务中心', en: 'Citizen Service Center' },
  { hallId: 'HALL-SC-01', zh: '上城区市民之家', en: 'Shangcheng District Citizen Home' },
] as const;

export const seedQueueCategories = [
  { code: 'A', zh: '综合受理', en: 'General intake' },
  { code: 'B', zh: '不动产登记', en: 'Real estate registration' },
  { code: 'C', zh: '社保医保', en: 'Social and medical insurance' },
  { code: 'D', zh: '公积金', en: 'Housing provident fund' },
  { code: 'E', zh: '市场准入', en: 'Business registration' },
  { code: 'F', zh: '税务', en: 'Taxation' },
  { code: 'G', zh: '公安户政', en: 'Household registration' },
  { code: 'H', zh: '交通出行', en: 'Vehicles and driving' },
  { code: 'I', zh: '出入境', en: 'Exit and entry' },
  { code: 'J', zh: '帮办代办', en: 'Assisted service' },
] as const;

export function seedReferenceData(db: Database): void {
  const insertHall = db.prepare('INSERT OR IGNORE INTO halls (hall_id, name_zh, name_en) VALUES (?, ?, ?)');
  const insertCategory = db.prepare(
    'INSERT OR IGNORE INTO queue_categories (hall_id, code, name_zh, name_en, sort_order) VALUES (?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (const hall of seedHalls) {
      insertHall.run(hall.hallId, hall.zh, hall.en);
      seedQueueCategories.forEach((c, i) => insertCategory.run(hall.hallId, c.code, c.zh, c.en, i + 1));
    }
  })();
  seedCatalogue(db);
}
