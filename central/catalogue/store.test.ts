import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../cases/test-support';
import { openCentralDatabase } from '../db/database';
import { seedBundles, seedItems, seedVariants, CITY_REGION, XIHU } from './seed-data';
import { basisEn, conditionsEn, feeNamesEn } from './seed-english';
import { CatalogueStore, seedCatalogue } from './store';

describe('the catalogue in English', () => {
  it('has English for every condition, fee and basis of the reference catalogue', () => {
    const missing: string[] = [];
    for (const def of [...seedItems, ...seedVariants]) {
      for (const c of def.conditions) if (!conditionsEn[c]) missing.push(`condition ${c}`);
      for (const f of def.fees ?? []) {
        if (!feeNamesEn[f.name]) missing.push(`fee ${f.name}`);
        if (!basisEn[f.basis]) missing.push(`fee basis ${f.basis}`);
      }
      for (const m of def.materials) if (m.basis && !basisEn[m.basis]) missing.push(`basis ${m.basis}`);
    }
    expect(missing).toEqual([]);
  });

  it('serves English conditions, fees, bases, descriptions and aliases with the catalogue', () => {
    const db = openCentralDatabase(tempDbPath(), { seed: true });
    const store = new CatalogueStore(db);
    const idCard = store.item('GG06001001', CITY_REGION)!;
    expect(idCard.conditionsEn).toEqual([
      'Registered resident of this city aged 16 or over, or under 16 and applying by choice',
    ]);
    expect(idCard.fees[0]).toMatchObject({
      name: '居民身份证工本费',
      nameEn: 'ID card production fee',
      basisEn: 'MOF Comprehensive [2004] No. 8',
    });
    expect(idCard.materials.find((m) => m.code === 'HK')!.cancellation.basisEn).toBe(
      'Household register e-certificate',
    );
    expect(idCard.aliases).toContain('身份证');
    // A district variant carries its own English, not the city's.
    expect(store.item('JF00203001', XIHU)!.conditionsEn).toEqual([
      'Aged 80 or over and registered in Xihu District for at least 3 years',
    ]);
    const bundle = store.bundle('BD-BUSINESS', CITY_REGION)!;
    expect(bundle.descriptionEn).toMatch(/^Company registration/);
    expect(bundle.aliases).toContain('开公司');
    expect(store.department('330100-YB')!.aliases).toContain('医保');
    expect(seedBundles.every((b) => store.bundle(b.bundleCode, CITY_REGION)?.descriptionEn)).toBe(true);
    db.close();
  });

  it('gives a catalogue stored before it carried English its English, once, as a new version', () => {
    const path = tempDbPath();
    const db = openCentralDatabase(path, { seed: true });
    // The catalogue as an older central stored it: Chinese only, no aliases.
    const rows = db.prepare('SELECT kind, entry_key, document FROM catalogue_entries').all() as {
      kind: string;
      entry_key: string;
      document: string;
    }[];
    const strip = db.prepare('UPDATE catalogue_entries SET document = ? WHERE kind = ? AND entry_key = ?');
    for (const r of rows) {
      const doc = JSON.parse(r.document) as Record<string, unknown>;
      delete doc.conditionsEn;
      delete doc.aliases;
      delete doc.descriptionEn;
      if (Array.isArray(doc.fees))
        doc.fees = doc.fees.map((f: Record<string, unknown>) => ({
          ...f,
          nameEn: undefined,
          basisEn: undefined,
        }));
      strip.run(JSON.stringify(doc), r.kind, r.entry_key);
    }
    const before = new CatalogueStore(db);
    const oldVersion = before.version();
    expect(before.item('GG06001001', CITY_REGION)!.conditionsEn).toBeUndefined();

    seedCatalogue(db);
    const after = new CatalogueStore(db);
    expect(after.version()).toBe(oldVersion + 1);
    expect(after.item('GG06001001', CITY_REGION)!.conditionsEn).toHaveLength(1);
    expect(after.item('GG06001001', CITY_REGION)!.fees[0]!.nameEn).toBe('ID card production fee');
    expect(after.changesSince(oldVersion).length).toBeGreaterThan(80);

    // Nothing is missing any more: a restart writes nothing.
    seedCatalogue(db);
    expect(new CatalogueStore(db).version()).toBe(oldVersion + 1);
    db.close();
  });

  it('drops the English of conditions a manager rewrites without it, and keeps one given with them', () => {
    const db = openCentralDatabase(tempDbPath(), { seed: true });
    const store = new CatalogueStore(db);
    store.updateItem('GG08008001', { conditions: ['本人持身份证查询'] });
    expect(store.item('GG08008001', CITY_REGION)!.conditionsEn).toBeUndefined();
    store.updateItem('GG08008001', {
      conditions: ['本人持身份证查询'],
      conditionsEn: ['Searched by the person concerned, with their ID card'],
    });
    expect(store.item('GG08008001', CITY_REGION)!.conditionsEn).toEqual([
      'Searched by the person concerned, with their ID card',
    ]);
    // Another edit that leaves the conditions alone keeps their English.
    store.updateItem('GG08008001', { promisedDays: 2 });
    expect(store.item('GG08008001', CITY_REGION)!.conditionsEn).toHaveLength(1);
    db.close();
  });
});
