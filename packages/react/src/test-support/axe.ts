// Test-only: accessibility checks with axe-core after each state change.
import axe from 'axe-core';
import { expect } from 'vitest';

/**
 * Fails the test with a readable list when axe finds violations in `container`.
 * @example await expectAccessible(container)
 */
export async function expectAccessible(container: Element): Promise<void> {
  // jsdom cannot compute colours, so contrast is checked in the browser (Storybook), not here.
  const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  const violations = results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`);
  expect(violations).toEqual([]);
}
