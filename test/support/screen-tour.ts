import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { drawSignature } from './draw-signature';
import { TOUR_PIN, type CardBody, type TourHost } from './tour-host';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * One tour of every screen of the kiosk, used by the accessibility test, the screenshot script and
 * the documentation. Each stop says how to get there from a fresh page (home, nobody identified,
 * the mode's language and elderly setting chosen) and which DOM condition proves it arrived: a
 * state an earlier render could not already show.
 */

export type TourLanguage = 'zh-CN' | 'en';
export type Orientation = 'portrait' | 'landscape';

export interface TourMode {
  language: TourLanguage;
  elderly: boolean;
  orientation: Orientation;
}

/** The design size is portrait; halls also mount the same screen landscape. */
export const VIEWPORTS: Record<Orientation, { width: number; height: number }> = {
  portrait: { width: 1080, height: 1920 },
  landscape: { width: 1920, height: 1080 },
};

export function modeLabel(mode: TourMode): string {
  return `${mode.language}-${mode.elderly ? 'elderly' : 'normal'}-${mode.orientation}`;
}

/** A page of the tour in one mode. */
export interface TourPage {
  tour: TourHost;
  context: BrowserContext;
  page: Page;
  mode: TourMode;
  hideDevPanel: boolean;
}

export interface TourStop {
  /** File-name safe: `docs/screenshots/<mode>-<name>.png`. */
  name: string;
  /** One line for the screenshot index. */
  title: string;
  /** Citizen screens must meet the 适老化 numbers in elderly mode; staff screens need not. */
  audience: 'citizen' | 'staff';
  /** The stop this one is reached from, or null for a fresh page (see `freshStart`). */
  from: string | null;
  /** Drives the page from the `from` stop (or a fresh page) to this one. */
  go(t: TourPage): Promise<void>;
  /** A selector that matches only once the stop is on screen with its data. */
  arrived: string;
  /**
   * Shown only while 长辈模式 is off (the offer to switch to it): an elderly tour turns the mode off
   * to reach it, so the 适老化 numbers of elderly mode are not asked of it.
   */
  outsideElderlyMode?: true;
}

/** Long enough for Chromium and the backend on a busy 2-core machine; a wait on a condition. */
const ARRIVAL_TIMEOUT_MS = 15_000;

/** The developer panel exists only in simulated builds and is not part of any screen. */
export const DEV_PANEL = '[data-testid="dev-panel"]';

/**
 * A new browser context in the mode's viewport, with the page's clock under the test's control
 * (it runs in real time until a stop moves it forward, e.g. to the idle countdown). With
 * `hideDevPanel` every fresh page waits for the developer panel and hides it (for screenshots).
 */
export async function openTourPage(
  tour: TourHost,
  mode: TourMode,
  options: { hideDevPanel?: boolean; deviceScaleFactor?: number } = {},
): Promise<TourPage> {
  const context = await tour.browser.newContext({
    viewport: VIEWPORTS[mode.orientation],
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(ARRIVAL_TIMEOUT_MS);
  await page.clock.install();
  return { tour, context, page, mode, hideDevPanel: options.hideDevPanel ?? false };
}

/**
 * Retries `check` until it passes or `timeout` ms have gone by. Not vitest's waitFor: the
 * screenshot script walks this tour outside vitest, where vi is not available.
 */
async function until(
  check: () => Promise<void>,
  { timeout, interval }: { timeout: number; interval: number },
): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() >= deadline) throw err;
      await delay(interval);
    }
  }
}

const byTestId = (id: string) => `[data-testid="${id}"]`;
const applyStep = (step: string) => `${byTestId('apply-screen')}[data-step="${step}"]`;

async function tap(t: TourPage, testId: string): Promise<void> {
  const target = t.page.locator(byTestId(testId)).first();
  // 长辈模式's home holds the four most used services; a citizen finds the rest behind 全部服务.
  if ((await target.count()) === 0) {
    const all = t.page.locator(byTestId('elderly-all-services'));
    if (await all.isVisible()) await all.click();
  }
  await target.click();
}

async function waitFor(t: TourPage, selector: string): Promise<void> {
  await t.page.locator(selector).first().waitFor();
}

/**
 * Back to a fresh page: no card, no session, no maintenance session, printer ready, no stubbed
 * requests; home in the mode's language and elderly setting.
 */
export async function freshStart(t: TourPage): Promise<void> {
  const { page, tour } = t;
  // Leaving maintenance logs its session out; otherwise it would idle out after the host closed.
  const exit = page.locator(byTestId('maintenance-exit'));
  if (await exit.isVisible()) {
    await exit.click();
    await exit.waitFor({ state: 'detached' });
  }
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  // Start only once the backend says nobody is identified: the reader notices a removal at its next
  // poll, so a stop that just placed a card can still have its session open for a moment.
  await until(
    async () => {
      await tour.dev('DELETE', '/api/dev/card');
      await tour.dev('POST', '/api/session/end');
      const { state } = (await tour.dev('GET', '/api/state')) as { state: { citizen: unknown } };
      if (state.citizen !== null) throw new Error('the session does not end: a citizen is still identified');
    },
    { timeout: 5_000, interval: 200 },
  );
  await tour.dev('POST', '/api/dev/printer/state', { state: 'ready' });
  await tour.dev('DELETE', '/api/dev/printer/paper');
  await page.goto(tour.host.url);
  await waitFor(t, byTestId('home-prompt'));
  if (t.hideDevPanel) {
    await page.locator(DEV_PANEL).waitFor({ state: 'attached' });
    // A style property, not a <style> element: the page's CSP allows no inline stylesheet.
    await page.evaluate(`document.querySelector('${DEV_PANEL}').style.setProperty('display', 'none')`);
  }
  await chooseMode(t);
}

/** The mode's language and elderly setting, chosen as a citizen would, from the defaults. */
async function chooseMode(t: TourPage): Promise<void> {
  const { mode } = t;
  if (mode.language === 'en') await tap(t, 'lang-en');
  if (mode.elderly) await tap(t, 'elderly-toggle');
  await waitFor(
    t,
    `${byTestId('kiosk')}[lang="${mode.language}"]${mode.elderly ? '.elderly' : ':not(.elderly)'}`,
  );
}

/** The stops from a fresh page down to `stop`, in order. */
export function chainTo(stop: TourStop, stops: readonly TourStop[] = TOUR): TourStop[] {
  const chain = [stop];
  for (let s = stop; s.from !== null;) {
    const parent = stops.find((p) => p.name === s.from);
    if (!parent) throw new Error(`tour stop "${s.name}" comes from "${s.from}", which is not in the tour`);
    chain.unshift(parent);
    s = parent;
  }
  return chain;
}

/** Where a stop that did not arrive leaves a screenshot of what the page showed instead. */
export const FAILURE_SHOTS_DIR = 'test-results';

/** Walks one stop and waits for its proof; throws naming the stop if it does not arrive. */
async function step(t: TourPage, stop: TourStop): Promise<void> {
  await orScreenshot(t, `tour stop "${stop.name}"`, stop.name, async () => {
    await stop.go(t);
    await t.page.locator(stop.arrived).first().waitFor({ state: 'attached' });
  });
}

/** Runs `walk`; if it fails, leaves a screenshot of the page and throws naming what was walked to. */
async function orScreenshot(t: TourPage, what: string, file: string, walk: () => Promise<void>) {
  try {
    await walk();
  } catch (err) {
    const shot = join(FAILURE_SHOTS_DIR, `tour-failed-${modeLabel(t.mode)}-${file}.png`);
    mkdirSync(FAILURE_SHOTS_DIR, { recursive: true });
    await t.page.screenshot({ path: shot }).catch(() => undefined);
    throw new Error(
      `${what} (${modeLabel(t.mode)}) not reached (screen left in ${shot}): ${(err as Error).message}`,
      { cause: err },
    );
  }
}

/**
 * Walks the tour (or some of its stops) and calls `atStop` on each once it has arrived. A stop
 * whose `from` is where the page already is continues from there; any other starts afresh and
 * walks its chain. The page is left as `atStop` found it between stops, so `atStop` must only look.
 */
export async function walkTour(
  t: TourPage,
  atStop: (stop: TourStop) => Promise<void>,
  stops: readonly TourStop[] = TOUR,
): Promise<void> {
  let current: string | null = null;
  for (const stop of stops) {
    if (stop.from === null || stop.from !== current) {
      await orScreenshot(t, `a fresh start before "${stop.name}"`, `fresh-before-${stop.name}`, () =>
        freshStart(t),
      );
      for (const s of chainTo(stop).slice(0, -1)) await step(t, s);
    }
    await step(t, stop);
    current = stop.name;
    await atStop(stop);
  }
  await freshStart(t);
}

// ---- Ways in ----

async function cardIn(t: TourPage, card: CardBody = t.tour.newCitizen()): Promise<void> {
  await t.tour.dev('POST', '/api/dev/card', card);
  await waitFor(t, byTestId('citizen-name'));
}

/** Types on the on-screen keyboard (simple-keyboard's keys carry `key-<char>` test ids). */
async function type(t: TourPage, text: string): Promise<void> {
  for (const ch of text) await tap(t, `key-${ch}`);
}

/** Answers GET /api/state with the kiosk's own answer, changed by `edit`. */
async function editState(t: TourPage, edit: (state: Record<string, unknown>) => void): Promise<void> {
  await t.page.route('**/api/state', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { state: Record<string, unknown> };
    edit(body.state);
    await route.fulfill({ response, json: body });
  });
}

/** The ID number the identify stop typed (with a wrong check character at first). */
const typedId = new WeakMap<TourPage, string>();

// ---- The stops, in walking order (a child right after its parent continues from it) ----

export const TOUR: readonly TourStop[] = [
  {
    name: 'home',
    title:
      'Attract screen, nobody identified: where the card goes on this model, the other ways in, the app’s QR code',
    audience: 'citizen',
    from: null,
    go: async () => {},
    arrived: byTestId('home-prompt'),
  },
  {
    name: 'identify-keyboard',
    title: 'Typing the ID number on the on-screen keyboard: a wrong check character is named',
    audience: 'citizen',
    from: 'home',
    go: async (t) => {
      const id = t.tour.newCitizen().idNumber;
      typedId.set(t, id);
      await tap(t, 'identify-type');
      await type(t, id.slice(0, 17) + (id.endsWith('1') ? '2' : '1'));
    },
    arrived: byTestId('id-invalid'),
  },
  {
    name: 'home-typed',
    title: 'Home after a typed ID number: masked, and what a typed number cannot do',
    audience: 'citizen',
    from: 'identify-keyboard',
    go: async (t) => {
      await tap(t, 'key-bksp');
      await type(t, typedId.get(t)!.slice(-1));
      await tap(t, 'id-submit');
    },
    arrived: byTestId('declared-limits'),
  },
  {
    name: 'staff-message',
    title: 'Call staff (帮办代办): where to find a person',
    audience: 'citizen',
    from: 'home',
    go: (t) => tap(t, 'call-staff'),
    arrived: byTestId('staff-message'),
  },
  {
    name: 'guide',
    title: 'Service guide: life events (一件事)',
    audience: 'citizen',
    from: 'home',
    go: (t) => tap(t, 'tile-guide'),
    arrived: byTestId('guide-bundle-BD-HOMESALE'),
  },
  {
    name: 'guide-life-event',
    title: 'Service guide: a life event, its merged materials and its items',
    audience: 'citizen',
    from: 'guide',
    go: (t) => tap(t, 'guide-bundle-BD-HOMESALE'),
    arrived: byTestId('guide-item-QR01001001'),
  },
  {
    name: 'guide-departments',
    title: 'Service guide: by department',
    audience: 'citizen',
    from: 'guide-life-event',
    go: async (t) => {
      await tap(t, 'guide-back');
      await tap(t, 'guide-tab-departments');
    },
    arrived: byTestId('guide-department-330100-GT'),
  },
  {
    name: 'guide-search',
    title: 'Service guide: search by pinyin initials on the keyboard (BDC → 不动产…)',
    audience: 'citizen',
    from: 'guide-departments',
    go: async (t) => {
      await tap(t, 'guide-search');
      // The search keyboard opens on pinyin; initials are typed on its letters tab.
      await tap(t, 'keyboard-tab-letters');
      await type(t, 'BDC');
    },
    arrived: `${byTestId('guide-results')} ${byTestId('guide-item-QR01003001')}`,
  },
  {
    name: 'guide-item',
    title: 'Service guide: an item, what to bring, and what 四个一律取消 dropped and why',
    audience: 'citizen',
    from: 'guide-search',
    go: (t) => t.page.locator(`${byTestId('guide-results')} ${byTestId('guide-item-QR01003001')}`).click(),
    arrived: byTestId('guide-dropped-ID'),
  },
  {
    name: 'guide-department',
    title: 'Service guide: a department’s items, a page at a time (上一页 / 下一页) with the footer in reach',
    audience: 'citizen',
    from: 'guide-departments',
    go: (t) => tap(t, 'guide-department-330100-GT'),
    arrived: byTestId('guide-item-QR01003001'),
  },
  {
    name: 'home-card',
    title: 'Home after the ID card: masked name and number, every service',
    audience: 'citizen',
    from: null,
    go: (t) => cardIn(t),
    arrived: byTestId('tile-pay'),
  },
  {
    name: 'take-number',
    title: 'Take a number: the queue categories with the people waiting',
    audience: 'citizen',
    from: 'home-card',
    go: (t) => tap(t, 'take-number'),
    arrived: byTestId('category-J'),
  },
  {
    name: 'ticket',
    title: 'The ticket, printed',
    audience: 'citizen',
    from: 'take-number',
    go: (t) => tap(t, 'category-A'),
    arrived: `${byTestId('ticket-screen')} ${byTestId('take-away')}`,
  },
  {
    name: 'ticket-paper-out',
    title: 'The printer is out of paper: the number stays on screen',
    audience: 'citizen',
    from: 'take-number',
    go: async (t) => {
      await t.tour.dev('POST', '/api/dev/printer/state', { state: 'paper-out' });
      await tap(t, 'category-B');
    },
    arrived: `${byTestId('ticket-screen')} ${byTestId('error-message')}`,
  },
  {
    name: 'error',
    title: 'An error without a ticket (the central cannot be reached): try again, or go home',
    audience: 'citizen',
    from: 'take-number',
    go: async (t) => {
      await t.page.route('**/api/queue/tickets', (route) =>
        route.fulfill({ status: 503, json: { ok: false, error: { code: 'central-unreachable' } } }),
      );
      await tap(t, 'category-C');
    },
    arrived: `.screen.error ${byTestId('error-retry')}`,
  },
  {
    name: 'take-card',
    title: 'Finished: take your ID card (the session is over, nothing of it is left on screen)',
    audience: 'citizen',
    from: 'home-card',
    go: async (t) => {
      await tap(t, 'end-session');
      await waitFor(t, byTestId('take-card'));
      // The end of a session resets language and mode; the tour shows the screen in its own.
      await chooseMode(t);
    },
    arrived: byTestId('take-card'),
  },
  {
    name: 'card-error',
    title: 'The card was pulled away while it was read: place it again',
    audience: 'citizen',
    from: null,
    go: async (t) => {
      t.tour.host.kiosk.devices.simulatedCard!.injectFault('remove-mid-read');
      await t.tour.dev('POST', '/api/dev/card', t.tour.newCitizen());
    },
    arrived: byTestId('card-error'),
  },
  {
    name: 'elderly-offer',
    title: 'A card holder of 60 or more is offered 长辈模式 (是否切换到长辈模式？)',
    audience: 'citizen',
    from: null,
    go: async (t) => {
      // The offer is made only to someone not in the mode yet: an elderly tour turns it off first.
      if (t.mode.elderly) await tap(t, 'elderly-toggle');
      await cardIn(t, t.tour.newCitizen('1962-03-01'));
    },
    arrived: byTestId('elderly-offer'),
    outsideElderlyMode: true,
  },
  {
    name: 'elderly-menu',
    title: '长辈模式: the four most used services, voice on, larger everything',
    audience: 'citizen',
    from: 'elderly-offer',
    go: (t) => tap(t, 'elderly-offer-yes'),
    arrived: byTestId('elderly-menu'),
  },
  {
    name: 'home-green-channel',
    title: 'Home for a citizen aged 70 or more: the green channel (绿色通道)',
    audience: 'citizen',
    from: null,
    go: async (t) => {
      await cardIn(t, t.tour.newCitizen('1948-03-01'));
      // Aged 60 or more: 长辈模式 is offered first (unless already on); this stop is the full menu.
      if (!t.mode.elderly) await tap(t, 'elderly-offer-no');
    },
    arrived: byTestId('green-channel'),
  },
  {
    name: 'appointments',
    title: 'Appointments: book, or check in',
    audience: 'citizen',
    from: 'home-green-channel',
    go: (t) => tap(t, 'tile-appointments'),
    arrived: byTestId('appointments-check-in'),
  },
  {
    name: 'appointments-book',
    title: 'Book: the categories',
    audience: 'citizen',
    from: 'appointments',
    go: (t) => tap(t, 'appointments-book'),
    arrived: byTestId('book-category-A'),
  },
  {
    name: 'appointments-slots',
    title: 'Book: the dates and the slots of the day',
    audience: 'citizen',
    from: 'appointments-book',
    go: (t) => tap(t, 'book-category-A'),
    arrived: '.slot-grid button',
  },
  {
    name: 'appointments-booked',
    title: 'Booked: the appointment code and its QR code',
    audience: 'citizen',
    from: 'appointments-slots',
    go: (t) => t.page.locator('.slot-grid button:not([disabled])').first().click(),
    arrived: byTestId('appointment-qr'),
  },
  {
    name: 'appointments-check-in',
    title: "Check in: today's appointment, the code by keyboard or by scanner",
    audience: 'citizen',
    from: 'appointments-booked',
    go: async (t) => {
      await tap(t, 'journey-home');
      await tap(t, 'tile-appointments');
      await tap(t, 'appointments-check-in');
    },
    arrived: `${byTestId('check-in-screen')} .tile[data-testid^="check-in-"]`,
  },
  {
    name: 'appointments-checked-in',
    title: 'Checked in: the priority ticket',
    audience: 'citizen',
    from: 'appointments-check-in',
    go: (t) =>
      t.page
        .locator(`${byTestId('check-in-screen')} .tile[data-testid^="check-in-"]`)
        .first()
        .click(),
    arrived: `${byTestId('checked-in-screen')} ${byTestId('ticket-number')}`,
  },
  {
    name: 'apply',
    title: 'Apply: choose a life event (一件事) or an item',
    audience: 'citizen',
    from: 'home-card',
    go: (t) => tap(t, 'tile-apply'),
    arrived: byTestId('apply-bundle-BD-RETIRE'),
  },
  {
    name: 'apply-form',
    title: 'Apply: the form, prefilled and masked from the card, conditions to confirm, a phone number',
    audience: 'citizen',
    from: 'apply',
    go: async (t) => {
      await tap(t, 'apply-tab-items');
      await tap(t, 'apply-item-QR01001001');
    },
    arrived: `${applyStep('form')} ${byTestId('apply-field-name')}`,
  },
  {
    name: 'apply-materials',
    title: 'Apply: the materials, e-certificates found, what to hand in on paper and where',
    audience: 'citizen',
    from: 'apply-form',
    go: async (t) => {
      const conditions = t.page.locator('[data-testid^="apply-condition-"]');
      for (let i = 0; i < (await conditions.count()); i++) await conditions.nth(i).click();
      await type(t, '13812345678');
      await tap(t, 'apply-next');
    },
    arrived: `${applyStep('materials')} ${byTestId('apply-material-ID')}[data-status]`,
  },
  {
    name: 'apply-commitments',
    title: 'Apply: a written commitment (告知承诺) instead of a document, signed on screen',
    audience: 'citizen',
    from: 'apply-materials',
    go: async (t) => {
      await tap(t, 'apply-next');
      await drawSignature(t.page);
      await tap(t, 'apply-signature-confirm');
    },
    arrived: `${byTestId('apply-commitment-MARITAL')}[data-state="signed"]`,
  },
  {
    name: 'apply-pickup',
    title: 'Apply: how to get the result (window, post, self-service pickup)',
    audience: 'citizen',
    from: 'apply-commitments',
    go: async (t) => {
      await tap(t, 'apply-next');
      await tap(t, 'apply-delivery-window');
    },
    arrived: `${applyStep('pickup')} ${byTestId('apply-delivery-window')}[aria-pressed="true"]`,
  },
  {
    name: 'apply-review',
    title: 'Apply: review before submitting, personal data masked',
    audience: 'citizen',
    from: 'apply-pickup',
    go: (t) => tap(t, 'apply-next'),
    arrived: `${applyStep('review')} ${byTestId('apply-submit')}`,
  },
  {
    name: 'apply-receipt',
    title: 'Apply: the receipt with the case number and its QR code, printed',
    audience: 'citizen',
    from: 'apply-review',
    go: (t) => tap(t, 'apply-submit'),
    arrived: `${byTestId('apply-receipt')}[data-pending="false"][data-printed="true"]`,
  },
  {
    name: 'idle-countdown',
    title: 'A forgotten session: the countdown before it ends, with “continue”',
    audience: 'citizen',
    from: 'home-card',
    go: async (t) => {
      const idle = t.tour.host.kiosk.config.idle;
      const seconds = t.mode.elderly ? idle.elderlySessionSeconds : idle.sessionSeconds;
      // The page's clock, moved past the idle time: no sleeping for a minute and a half.
      await t.page.clock.fastForward(seconds * 1000);
    },
    arrived: byTestId('idle-continue'),
  },
  {
    name: 'pay-orders',
    title: 'Pay: the unpaid fees of the citizen’s cases',
    audience: 'citizen',
    from: null,
    go: async (t) => {
      await cardIn(t, await t.tour.newPayer());
      await tap(t, 'tile-pay');
    },
    arrived: '[data-testid^="order-"]',
  },
  {
    name: 'pay-qr',
    title: 'Pay: the QR code to scan with a payment app, waiting for the payment',
    audience: 'citizen',
    from: 'pay-orders',
    go: (t) => t.page.locator('[data-testid^="order-"]').first().click(),
    arrived: `${byTestId('pay-qr')} ~ ${byTestId('pay-waiting')}`,
  },
  {
    name: 'pay-paid',
    title: 'Paid: the e-receipt number, the receipt printed',
    audience: 'citizen',
    from: 'pay-qr',
    go: async (t) => {
      await t.tour.dev('POST', '/api/dev/pay', { channel: 'wechat' });
    },
    arrived: byTestId('receipt-printed'),
  },
  {
    name: 'rate',
    title: 'Rate (好差评): choose a completed case, or scan the ticket of a visit',
    audience: 'citizen',
    from: 'pay-paid',
    go: async (t) => {
      await tap(t, 'journey-home');
      await tap(t, 'tile-rate');
    },
    arrived: '[data-testid^="rate-case-"]',
  },
  {
    name: 'rate-levels',
    title: 'Rate: the five levels; a poor one asks why',
    audience: 'citizen',
    from: 'rate',
    go: async (t) => {
      await t.page.locator('[data-testid^="rate-case-"]').first().click();
      await tap(t, 'rate-level-2');
    },
    arrived: '[data-testid^="indicator-"]',
  },
  {
    name: 'rated',
    title: 'Rated: thanks, and the follow-up a poor rating gets',
    audience: 'citizen',
    from: 'rate-levels',
    go: async (t) => {
      await t.page.locator('[data-testid^="indicator-"]').first().click();
      await tap(t, 'rate-submit');
    },
    arrived: `${byTestId('rated-screen')} ${byTestId('rate-follow-up')}`,
  },
  {
    name: 'progress',
    title: 'Progress: the citizen’s cases, their status in words and due dates',
    audience: 'citizen',
    from: 'rated',
    go: async (t) => {
      await tap(t, 'journey-home');
      await tap(t, 'tile-progress');
    },
    arrived: `${byTestId('progress-screen')}[data-loaded="true"] [data-testid^="progress-row-"]`,
  },
  {
    name: 'progress-case',
    title: 'Progress: one case, its timeline newest first, the result notice to print',
    audience: 'citizen',
    from: 'progress',
    go: (t) => t.page.locator('[data-testid^="progress-row-"]').first().click(),
    arrived: `${byTestId('case-status')}[data-status]`,
  },
  {
    name: 'offline',
    title: 'The kiosk’s backend cannot be reached: said plainly, retried',
    audience: 'citizen',
    from: null,
    go: async (t) => {
      await t.page.route('**/api/state', (route) => route.abort('connectionrefused'));
      await t.page.reload();
      await waitFor(t, byTestId('offline'));
      await chooseMode(t);
    },
    arrived: byTestId('offline'),
  },
  {
    name: 'central-offline',
    title: 'The central cannot be reached: numbers are still issued from offline blocks',
    audience: 'citizen',
    from: null,
    go: async (t) => {
      await editState(t, (state) => {
        state.sync = { ...(state.sync as object), online: false };
      });
      // A card makes the renderer fetch the state again, now through the edit.
      await cardIn(t);
    },
    arrived: byTestId('central-offline'),
  },
  {
    name: 'maintenance-pin',
    title: 'Maintenance: the PIN pad (hold the top-left corner for three seconds)',
    audience: 'staff',
    from: null,
    go: async (t) => {
      const { page } = t;
      // Held for the entry's three seconds on the page's clock, not by sleeping.
      await page.mouse.move(20, 20);
      await page.mouse.down();
      await page.clock.fastForward(3_000);
      await waitFor(t, byTestId('pin-pad'));
      await page.mouse.up();
    },
    arrived: byTestId('pin-enter'),
  },
  {
    name: 'maintenance-devices',
    title: 'Maintenance: devices and self-tests',
    audience: 'staff',
    from: 'maintenance-pin',
    go: async (t) => {
      for (const digit of TOUR_PIN) await tap(t, `pin-${digit}`);
      await tap(t, 'pin-enter');
    },
    arrived: `${byTestId('device-receiptPrinter')}[data-state]`,
  },
  ...(
    [
      [
        'config',
        'the configuration, its diff and rollback',
        `${byTestId('config-editor')}, ${byTestId('config-no-file')}`,
      ],
      ['outbox', 'the outbox and its dead letters', byTestId('dead-letter-count')],
      ['sync', 'sync with the central, heartbeat, catalogue', byTestId('sync-online')],
      ['logs', 'logs by event', `${byTestId('log-lines')}[data-filter="|all"]`],
      ['network', 'network check', byTestId('network-check')],
      ['system', 'system, restart, leave kiosk mode, audit', byTestId('system-info')],
    ] as const
  ).map(([tab, what, arrived], i, tabs): TourStop => ({
    name: `maintenance-${tab}`,
    title: `Maintenance: ${what}`,
    audience: 'staff',
    from: i === 0 ? 'maintenance-devices' : `maintenance-${tabs[i - 1]![0]}`,
    go: (t) => tap(t, `tab-${tab}`),
    arrived,
  })),
];
