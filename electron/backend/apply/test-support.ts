// Helpers shared by the apply tests (not a test file itself).
import { CatalogueStore } from '../../../central/catalogue/store';
import { CITY_REGION } from '../../../central/catalogue/seed-data';
import { openCentralDatabase } from '../../../central/db/database';
import type { CachedCatalogue } from '../guide/service';

/** The reference central's catalogue for the city, as the kiosk's service guide caches it. */
export function referenceCatalogue(regionCode = CITY_REGION): CachedCatalogue {
  const db = openCentralDatabase(':memory:');
  try {
    const store = new CatalogueStore(db);
    return {
      version: store.version(),
      regionCode,
      departments: store.departments(),
      items: store.items(regionCode),
      bundles: store.bundles(regionCode),
    };
  } finally {
    db.close();
  }
}
