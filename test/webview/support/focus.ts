// Walks a webview with the Tab key and reports each stop: its accessible name and whether the
// focus can be seen on it.
import type { FrameLocator, Locator, Page } from 'playwright-core';

export interface FocusStop {
  readonly tag: string;
  readonly name: string;
  /** An outline is drawn, not transparent, and not the element's own colour painted inside it. */
  readonly outline: boolean;
}

/**
 * Focuses `start` from the keyboard (Tab, then Shift+Tab, so `:focus-visible` applies) and
 * presses Tab until `max` stops are seen or the focus leaves the webview.
 */
export async function focusTrail(frame: FrameLocator, page: Page, start: Locator, max: number): Promise<FocusStop[]> {
  await start.focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  const stops: FocusStop[] = [];
  for (let i = 0; i < max; i++) {
    if (i > 0) await page.keyboard.press('Tab');
    const focused = frame.locator(':focus');
    if ((await focused.count()) === 0) break;
    // Runs in the webview; its globals are reached through the element (no DOM library here).
    stops.push(
      await focused.evaluate((el) => {
        const doc = el.ownerDocument;
        const labelFor = el.id ? doc.querySelector(`label[for="${el.id}"]`)?.textContent : undefined;
        const name = (el.getAttribute('aria-label') || labelFor || el.textContent || el.getAttribute('title') || '').trim();
        const style = doc.defaultView?.getComputedStyle(el);
        if (!style) return { tag: el.tagName.toLowerCase(), name, outline: false };
        const transparent = /^transparent$|rgba\([^)]*,\s*0\)$/.test(style.outlineColor);
        const hidden = parseFloat(style.outlineOffset) <= 0 && style.outlineColor === style.backgroundColor;
        return { tag: el.tagName.toLowerCase(), name, outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 && !transparent && !hidden };
      }),
    );
  }
  return stops;
}
