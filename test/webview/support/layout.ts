import type { Page } from 'playwright-core';
import { waitFor } from './planPanel';

/** Drags the side bar's edge; the workbench stops at its minimum width, 170 px. */
export async function sidebarWidth(page: Page, width: number): Promise<void> {
  const sidebar = page.locator('#workbench\\.parts\\.sidebar');
  const box = await sidebar.boundingBox();
  if (!box) throw new Error('the side bar is not shown');
  const edge = box.x + box.width;
  await page.mouse.move(edge, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + Math.max(width, 100) - (width <= 170 ? 60 : 0), box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  await waitFor(async () => {
    const now = await sidebar.boundingBox();
    return now !== null && Math.abs(now.width - width) <= 2;
  }, `the side bar did not come to ${width} px`);
}
