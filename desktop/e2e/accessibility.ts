/**
 * What the screen tests check on each screen: a saved full-page picture, axe-core's WCAG 2.1
 * A/AA rules (no serious or critical violation), and that every control the Tab key reaches
 * shows a visible focus ring.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

/** One line per failing element, enough to find it without rerunning: rule, impact, where, why. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations
    .filter((violation) => BLOCKING_IMPACTS.has(violation.impact ?? ''))
    .flatMap((violation) =>
      violation.nodes.map(
        (node) =>
          `${violation.id} (${violation.impact}) at ${node.target.join(' ')}: ${violation.help}` +
          (node.failureSummary ? ` — ${node.failureSummary.replace(/\s+/g, ' ')}` : ''),
      ),
    );
}

/** Saved where a person looks after the run, and attached to the report beside the test. */
export async function saveScreenshot(page: Page, testInfo: TestInfo, path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  // Why no animations: a transition caught half way gives a picture nobody sees in the app.
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  await testInfo.attach(path.split('/').slice(-2).join('/'), { path, contentType: 'image/png' });
}

/** What a Tab walk found on one screen. */
export interface TabWalk {
  /** How many controls the Tab key reached before coming back round. */
  reached: number;
  /** Controls that look the same focused and unfocused. */
  unringed: string[];
  /** Visible, enabled controls the Tab key never reached. */
  unreached: string[];
}

/** Installs, in the page, the names both halves of the walk give an element. */
async function installNaming(page: Page): Promise<void> {
  await page.evaluate(() => {
    const named = window as unknown as { a11yName: (element: Element) => { key: string; name: string } };
    named.a11yName = (element) => {
      const path: string[] = [];
      for (let at: Element | null = element; at && at !== document.body; at = at.parentElement) {
        const index = at.parentElement ? [...at.parentElement.children].indexOf(at) : 0;
        path.unshift(`${at.tagName.toLowerCase()}:${index}`);
      }
      const testId = element.closest('[data-testid]')?.getAttribute('data-testid') ?? '';
      const label = (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 40);
      return { key: path.join('>'), name: `${element.tagName.toLowerCase()}[${testId}] "${label}"` };
    };
  });
}

/** Every control a keyboard user should be able to reach now (inside the open modal dialog, if any). */
async function reachableControls(page: Page): Promise<Map<string, string>> {
  const controls = await page.evaluate(() => {
    const { a11yName } = window as unknown as {
      a11yName: (element: Element) => { key: string; name: string };
    };
    const scope: ParentNode = document.querySelector('dialog[open]') ?? document;
    const all = [
      ...scope.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary, [tabindex]'),
    ];
    const checkedRadioGroups = new Set(
      all
        .filter((e) => e instanceof HTMLInputElement && e.type === 'radio' && e.checked)
        .map((e) => (e as HTMLInputElement).name),
    );
    return (
      all
        .filter((element) => element.tabIndex >= 0 && !(element as HTMLButtonElement).disabled)
        .filter(
          (element) => element.checkVisibility({ visibilityProperty: true }) && !element.closest('[inert]'),
        )
        .filter((element) => element.getClientRects().length > 0 && element.getBoundingClientRect().width > 1)
        // Why: of a radio group, the Tab key reaches only the chosen one (arrows move within).
        .filter(
          (element) =>
            !(
              element instanceof HTMLInputElement &&
              element.type === 'radio' &&
              !element.checked &&
              checkedRadioGroups.has(element.name)
            ),
        )
        .map((element) => a11yName(element))
    );
  });
  return new Map(controls.map((control) => [control.key, control.name]));
}

/**
 * Presses Tab until the focus comes back round (or `limit` presses), and says which focused
 * element looks the same focused and unfocused (outline, shadow, border, background,
 * underline: a keyboard user would not see where they are), and which control was never
 * reached.
 */
export async function walkWithTab(page: Page, limit = 300): Promise<TabWalk> {
  await installNaming(page);
  const expected = await reachableControls(page);
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.getSelection()?.removeAllRanges();
  });
  const seen = new Set<string>();
  const unringed: string[] = [];
  for (let press = 0; press < limit; press += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const { a11yName } = window as unknown as {
        a11yName: (element: Element) => { key: string; name: string };
      };
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return null;
      // Why the ancestors too: a card may draw the ring round itself for its title button.
      const look = (): string => {
        const looks: string[] = [];
        for (let at: Element | null = element; at && at !== document.body; at = at.parentElement) {
          const style = getComputedStyle(at);
          const outline =
            style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
              ? `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`
              : 'none';
          looks.push(
            `${outline}|${style.boxShadow}|${style.borderColor}|${style.backgroundColor}|${style.textDecorationLine}`,
          );
        }
        return looks.join('/');
      };
      const focusedLook = look();
      // Why compare with the element unfocused: a ring may be an outline, a shadow or a border,
      // and a card's resting shadow is no ring. Chrome's Tab goes on from the blurred element.
      element.blur();
      const restingLook = look();
      return { ...a11yName(element), ringed: focusedLook !== restingLook };
    });
    if (!focused) continue;
    if (seen.has(focused.key)) break;
    seen.add(focused.key);
    if (!focused.ringed) unringed.push(focused.name);
  }
  const unreached = [...expected].filter(([key]) => !seen.has(key)).map(([, name]) => name);
  return { reached: seen.size, unringed, unreached };
}
