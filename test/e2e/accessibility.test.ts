import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEV_PANEL,
  modeLabel,
  openTourPage,
  TOUR,
  walkTour,
  type TourMode,
  type TourStop,
} from '../support/screen-tour';
import { startTourHost, type TourHost } from '../support/tour-host';

/** How far a screen that fits portrait may scroll in landscape: half the landscape screen's height. */
const LANDSCAPE_SCROLL_MAX_PX = 540;

/**
 * Every screen of the tour, in both languages and both modes (and landscape): axe-core with the
 * WCAG 2 A and AA rules finds no serious or critical violation; in elderly mode (适老化) text is at
 * least 18 pt with something of at least 30 pt, and every tap target is at least 60 x 60 px;
 * nothing is cut off sideways. Each run collects every problem and fails once, listing them all.
 */

/** 适老化: main text ≥ 18 pt, largest ≥ 30 pt (1 pt = 4/3 px), touch targets ≥ 60 x 60. */
const ELDERLY_MIN_TEXT_PX = 24;
const ELDERLY_LARGEST_TEXT_PX = 40;
const ELDERLY_MIN_TARGET_PX = 60;

const RUNS: TourMode[] = [
  { language: 'zh-CN', elderly: false, orientation: 'portrait' },
  { language: 'en', elderly: false, orientation: 'portrait' },
  { language: 'zh-CN', elderly: true, orientation: 'portrait' },
  { language: 'en', elderly: true, orientation: 'portrait' },
  { language: 'zh-CN', elderly: false, orientation: 'landscape' },
  // Elderly landscape: where the help button used to scroll off the screen.
  { language: 'zh-CN', elderly: true, orientation: 'landscape' },
];

/** axe-core as the page is: serious and critical violations, one readable line each. */
async function axeProblems(page: Page): Promise<string[]> {
  // Legacy mode runs axe in the page itself: the same rules, without a blank page per analysis.
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa'])
    .exclude(DEV_PANEL)
    .options({ resultTypes: ['violations'] })
    .setLegacyMode()
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `axe ${v.id} (${v.impact}): ${v.help} at ${v.nodes
          .slice(0, 5)
          .map((n) => n.target.join(' '))
          .join(', ')}${v.nodes.length > 5 ? ` and ${v.nodes.length - 5} more` : ''}`,
    );
}

interface Measured {
  smallText: string[];
  largestTextPx: number;
  smallTargets: string[];
  clipped: string[];
  horizontalOverflowPx: number;
  verticalOverflowPx: number;
  /** The footer's 返回 / 首页 / 呼叫帮办 that are not wholly inside the viewport. */
  footerOutside: string[];
}

/**
 * Computed styles and boxes of what is on screen (the developer panel and visually hidden text
 * aside). A string, not a function: tsx's transpiler would add helpers the page does not have.
 */
const MEASURE = `(() => {
  const skip = (el) => el.closest('${DEV_PANEL}, .visually-hidden, [aria-hidden="true"].maintenance-corner');
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    return r.width > 1 && r.height > 1 && cs.visibility !== 'hidden' && cs.display !== 'none';
  };
  const name = (el) => {
    const id = el.getAttribute('data-testid');
    const text = (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 24);
    return (id ? '[data-testid=' + id + ']' : el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '')) + (text ? ' "' + text + '"' : '');
  };
  const root = document.querySelector('[data-testid="kiosk"]') || document.body;
  const content = document.querySelector('[data-testid="content"]');
  const smallText = [];
  let largestTextPx = 0;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!el || !node.textContent.trim() || skip(el) || !shown(el)) continue;
    const px = parseFloat(getComputedStyle(el).fontSize);
    largestTextPx = Math.max(largestTextPx, px);
    if (px < ${ELDERLY_MIN_TEXT_PX}) smallText.push(name(el) + ' ' + px + 'px');
  }
  const smallTargets = [];
  const clipped = [];
  const targets = root.querySelectorAll('button, a[href], input:not([type="hidden"]), select, textarea, [role="button"], [role="tab"]');
  for (const el of targets) {
    if (skip(el) || !shown(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width < ${ELDERLY_MIN_TARGET_PX} - 0.5 || r.height < ${ELDERLY_MIN_TARGET_PX} - 0.5) {
      smallTargets.push(name(el) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height));
    }
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (cs.overflowX === 'visible') continue;
      const box = a.getBoundingClientRect();
      if (r.left < box.left - 1 || r.right > box.right + 1) clipped.push(name(el) + ' by ' + name(a).slice(0, 40));
      break;
    }
  }
  return {
    smallText: [...new Set(smallText)],
    largestTextPx,
    smallTargets: [...new Set(smallTargets)],
    clipped: [...new Set(clipped)],
    horizontalOverflowPx: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    // The page itself never scrolls (only the content area does), so what scrolls is measured there.
    verticalOverflowPx: Math.max(
      document.documentElement.scrollHeight - document.documentElement.clientHeight,
      content ? content.scrollHeight - content.clientHeight : 0,
    ),
    footerOutside: ['nav-back', 'journey-home', 'call-staff'].filter((id) => {
      const el = document.querySelector('[data-testid="nav-footer"] [data-testid="' + id + '"]');
      if (!el) return true;
      const r = el.getBoundingClientRect();
      return r.top < 0 || r.left < 0 || r.bottom > innerHeight + 0.5 || r.right > innerWidth + 0.5 || r.height < 1;
    }),
  };
})()`;

async function measure(page: Page): Promise<Measured> {
  return (await page.evaluate(MEASURE)) as Measured;
}

/** The 适老化 numbers in elderly mode, and in every mode: nothing cut off sideways. */
function layoutProblems(m: Measured, mode: TourMode, stop: TourStop): string[] {
  const problems: string[] = [];
  // The offer to switch to 长辈模式 is shown only while the mode is off: its page is not in the mode.
  if (mode.elderly && stop.audience === 'citizen' && !stop.outsideElderlyMode) {
    if (m.smallText.length > 0) {
      problems.push(`text under ${ELDERLY_MIN_TEXT_PX}px (18pt): ${m.smallText.slice(0, 8).join('; ')}`);
    }
    if (m.largestTextPx < ELDERLY_LARGEST_TEXT_PX) {
      problems.push(`largest text ${m.largestTextPx}px, under ${ELDERLY_LARGEST_TEXT_PX}px (30pt)`);
    }
    if (m.smallTargets.length > 0) {
      problems.push(`targets under ${ELDERLY_MIN_TARGET_PX}px: ${m.smallTargets.slice(0, 8).join('; ')}`);
    }
  }
  if (m.clipped.length > 0) problems.push(`cut off sideways: ${m.clipped.slice(0, 8).join('; ')}`);
  if (m.horizontalOverflowPx > 0) problems.push(`scrolls sideways by ${m.horizontalOverflowPx}px`);
  // "The help button scrolls off the screen": the footer stays whole on screen on every page.
  if (m.footerOutside.length > 0) problems.push(`footer off screen: ${m.footerOutside.join(', ')}`);
  return problems;
}

describe('every screen: axe in both languages and modes, 适老化 numbers, landscape layout', () => {
  let tour: TourHost;
  /** Which stops scroll in portrait, per language and mode, for the landscape run to compare. */
  const scrollsIn = new Map<string, Map<string, boolean>>();

  beforeAll(async () => {
    tour = await startTourHost();
  });

  afterAll(async () => {
    await tour?.close();
  });

  it('catches small text, small targets and a cut-off button (the checks can fail)', async () => {
    const context = await tour.browser.newContext({ viewport: { width: 600, height: 400 } });
    try {
      const page = await context.newPage();
      await page.setContent(
        `<div data-testid="kiosk"><p style="font-size:16px">小字</p>
         <div style="width:100px;overflow:hidden"><button style="width:200px;height:40px">x</button></div></div>`,
      );
      const m = await measure(page);
      const problems = layoutProblems(
        m,
        { language: 'zh-CN', elderly: true, orientation: 'portrait' },
        TOUR[0]!,
      );
      expect(problems).toEqual([
        expect.stringContaining('p "小字" 16px'),
        expect.stringContaining('largest text 16px'),
        expect.stringContaining('button "x" 200x40'),
        expect.stringContaining('cut off sideways: button "x" by div'),
        'footer off screen: nav-back, journey-home, call-staff',
      ]);
    } finally {
      await context.close();
    }
  });

  for (const mode of RUNS) {
    it(`has no serious axe violation and keeps the numbers on every screen (${modeLabel(mode)})`, async () => {
      // Landscape has 1080 px of height for portrait's 1920: a screen that fits portrait may scroll in
      // the content area (the header and footer stay), but by no more than half a screen, so nothing
      // that fits portrait grows into a list in landscape (same language and mode).
      const portrait =
        mode.orientation === 'landscape' ? scrollsIn.get(`${mode.language}-${mode.elderly}`) : undefined;
      const scrolls = new Map<string, boolean>();
      const t = await openTourPage(tour, mode);
      const problems: string[] = [];
      const visited: string[] = [];
      try {
        await walkTour(t, async (stop) => {
          visited.push(stop.name);
          const m = await measure(t.page);
          const found = [...(await axeProblems(t.page)), ...layoutProblems(m, mode, stop)];
          scrolls.set(stop.name, m.verticalOverflowPx > 0);
          if (portrait?.get(stop.name) === false && m.verticalOverflowPx > LANDSCAPE_SCROLL_MAX_PX) {
            found.push(
              `scrolls by ${m.verticalOverflowPx}px in landscape (at most ${LANDSCAPE_SCROLL_MAX_PX}), not in portrait`,
            );
          }
          problems.push(...found.map((p) => `${stop.name}: ${p}`));
        });
      } finally {
        await t.context.close();
      }
      if (mode.orientation === 'portrait') scrollsIn.set(`${mode.language}-${mode.elderly}`, scrolls);
      expect(visited).toEqual(TOUR.map((s) => s.name));
      expect(problems, `${modeLabel(mode)}:\n  ${problems.join('\n  ')}`).toEqual([]);
    }, 150_000);
  }
});
