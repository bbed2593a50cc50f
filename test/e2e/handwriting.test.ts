import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDWRITING_BOX } from '../../electron/backend/handwriting/contract';
import { startJourneyHost, type JourneyHost } from '../support/journey-host';

/**
 * Characters written with the mouse on the keyboard's handwriting pad, in Chromium against the
 * real backend and its recogniser. The strokes are drawn here by hand, in the pad's box (0..1024,
 * y down), as a person would write them: straight segments, not the templates' own medians, in
 * the usual stroke order.
 */
const HANDWRITTEN: Record<string, [number, number][][]> = {
  十: [
    [
      [200, 500],
      [820, 505],
    ],
    [
      [510, 170],
      [515, 860],
    ],
  ],
  口: [
    [
      [270, 290],
      [285, 780],
    ],
    [
      [270, 290],
      [750, 285],
      [735, 780],
    ],
    [
      [285, 760],
      [735, 760],
    ],
  ],
  人: [
    [
      [520, 170],
      [480, 460],
      [230, 820],
    ],
    [
      [500, 420],
      [650, 650],
      [850, 820],
    ],
  ],
  大: [
    [
      [200, 400],
      [820, 400],
    ],
    [
      [520, 160],
      [490, 500],
      [220, 850],
    ],
    [
      [520, 470],
      [830, 850],
    ],
  ],
  王: [
    [
      [290, 250],
      [740, 250],
    ],
    [
      [515, 250],
      [510, 790],
    ],
    [
      [320, 515],
      [710, 515],
    ],
    [
      [220, 795],
      [810, 790],
    ],
  ],
};

describe('handwriting on the on-screen keyboard', () => {
  let j: JourneyHost;

  beforeAll(async () => {
    j = await startJourneyHost();
    await j.page.goto(j.host.url);
    await j.page.getByTestId('tile-guide').click();
    await j.page.getByTestId('guide-search').click();
    await j.page.getByTestId('keyboard-tab-handwriting').click();
  });
  afterAll(async () => {
    await j?.close();
  });

  /** Each stroke pressed, moved through in small steps as a finger goes, and lifted. */
  async function write(strokes: [number, number][][]) {
    const box = await j.page.getByTestId('handwriting-canvas').boundingBox();
    if (!box) throw new Error('the handwriting pad is not on screen');
    const at = ([x, y]: [number, number]) => [
      box.x + (x / HANDWRITING_BOX) * box.width,
      box.y + (y / HANDWRITING_BOX) * box.height,
    ];
    for (const stroke of strokes) {
      const [sx, sy] = at(stroke[0]!);
      await j.page.mouse.move(sx!, sy!);
      await j.page.mouse.down();
      for (const point of stroke.slice(1)) {
        const [x, y] = at(point);
        await j.page.mouse.move(x!, y!, { steps: 12 });
      }
      await j.page.mouse.up();
    }
  }

  const candidates = async () => {
    await j.page.getByTestId('handwriting-candidate-0').waitFor();
    return j.page
      .locator('[data-testid^="handwriting-candidate-"]')
      .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-char') ?? ''));
  };

  it('offers each character written among its first five candidates, and a tap types it', async () => {
    let typed = '';
    for (const [char, strokes] of Object.entries(HANDWRITTEN)) {
      await write(strokes);
      // The candidates answer each stroke: wait for those of the whole character.
      await j.page
        .locator(`[data-testid="handwriting-candidates"][data-strokes="${strokes.length}"]`)
        .waitFor();
      const offered = await candidates();
      expect(offered.slice(0, 5), `${char} in the first five`).toContain(char);
      await j.page.locator(`[data-testid^="handwriting-candidate-"][data-char="${char}"]`).first().click();
      typed += char;
      expect(await j.page.getByTestId('guide-query').textContent()).toContain(typed);
      // A pick clears the pad for the next character.
      expect(await j.page.locator('[data-testid="handwriting-candidates"]').count()).toBe(0);
    }
  });

  it('undoes the last stroke and clears the pad', async () => {
    const [first, second] = HANDWRITTEN['十']!;
    await write([first!]);
    await candidates();
    await write([second!]);
    await j.page.getByTestId('handwriting-undo').click();
    // One stroke left: the 横 alone reads as 一.
    await j.page.locator('[data-testid="handwriting-candidate-0"][data-char="一"]').waitFor();
    await j.page.getByTestId('handwriting-clear').click();
    expect(await j.page.locator('[data-testid="handwriting-candidates"]').count()).toBe(0);
    expect(await j.page.getByTestId('handwriting-undo').isDisabled()).toBe(true);
  });
});
