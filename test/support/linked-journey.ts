import { afterAll, beforeAll } from 'vitest';
import { startCentralLink, type CentralLink } from './central-link';
import { clockAt, startJourneyHost, type JourneyHost } from './journey-host';

/**
 * For one describe block: the kiosk in Chromium at `at` hall time, reaching a real central through
 * a link the test can cut, its page open. Read `link` and `j` in a `beforeAll` of the block's own
 * (registered after this one, so it runs after the start).
 */
export function useLinkedJourney(at = '09:05'): { readonly link: CentralLink; readonly j: JourneyHost } {
  let link: CentralLink | undefined;
  let j: JourneyHost | undefined;
  beforeAll(async () => {
    link = await startCentralLink();
    j = await startJourneyHost(clockAt(at), { central: link.kioskCentral });
    await j.page.goto(j.host.url);
  });
  afterAll(async () => {
    await j?.close();
    await link?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the linked journey is read before its beforeAll ran');
    return value;
  };
  return {
    get link() {
      return started(link);
    },
    get j() {
      return started(j);
    },
  };
}
