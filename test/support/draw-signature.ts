import type { Page } from 'playwright-core';

/**
 * Signs the commitments' pad as a citizen would with a finger: trusted pointer moves across the
 * box, a name's worth of strokes, then the confirm button. `dot` taps the box once instead.
 */
export async function drawSignature(page: Page, kind: 'name' | 'dot' = 'name'): Promise<void> {
  const canvas = page.getByTestId('apply-signature-canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  if (!box) throw new Error('the signature pad is not on screen');
  const at = (fx: number, fy: number) => [box.x + box.width * fx, box.y + box.height * fy] as const;
  if (kind === 'dot') {
    await page.mouse.move(...at(0.5, 0.5));
    await page.mouse.down();
    await page.mouse.up();
    return;
  }
  // Two strokes: a wave across half the box, then a downstroke through it.
  await page.mouse.move(...at(0.1, 0.6));
  await page.mouse.down();
  for (let i = 1; i <= 24; i++) await page.mouse.move(...at(0.1 + i * 0.02, 0.6 - Math.sin(i / 3) * 0.25));
  await page.mouse.up();
  await page.mouse.move(...at(0.35, 0.2));
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(...at(0.35 + i * 0.005, 0.2 + i * 0.05));
  await page.mouse.up();
}

/** Draws a name and confirms it; waits until the backend has taken it. */
export async function signCommitments(page: Page): Promise<void> {
  await drawSignature(page);
  await page.getByTestId('apply-signature-confirm').click();
  await page.getByTestId('apply-signature-image').waitFor();
}
