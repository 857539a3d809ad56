import { beforeAll, describe, expect, it } from 'vitest';
import { demoModel } from './models';
import { ensureDistWeb, openPage } from './test-support/browser';
import { startApp } from './test-server';

beforeAll(ensureDistWeb, 60_000);

describe('the Traces and Summary pages in Chromium', () => {
  it('goes from an answer to its trace, lists it in the table, and counts its vote in the summary', async () => {
    const base = await startApp(demoModel({ tokenDelayMs: 2 }), 'traces-pages-secret-0123456789abcdef');
    const { page, pageErrors } = await openPage({ width: 1200, height: 800 });
    await page.goto(base);

    await page.getByLabel('Message').fill('How long does standard shipping take?');
    await page.getByRole('button', { name: 'Send' }).click();
    const good = page.getByRole('button', { name: 'Good answer' });
    await expect.poll(() => good.isEnabled(), { timeout: 10_000 }).toBe(true);
    await good.click();

    // "View trace" under the answer opens that trace in the viewer.
    await page.getByRole('link', { name: 'View trace' }).click();
    const traceId = /#\/traces\/(tr-[0-9a-f]{32})$/.exec(page.url())?.[1];
    expect(traceId).toBeDefined();
    await page.getByRole('heading', { name: `Trace ${traceId}` }).waitFor();
    await page.locator('.vd-trace-viewer').getByText('user_feedback').first().waitFor();

    // The table lists it with its vote; a click on the row opens it again.
    await page.getByRole('link', { name: 'Traces', exact: true }).click();
    const row = page.locator(`tr[data-trace-id="${traceId}"]`);
    await row.waitFor();
    expect(await row.locator('td[data-column="assessment:user_feedback"]').textContent()).toBe('👍yes');
    await row.click();
    await expect.poll(() => page.url()).toMatch(new RegExp(`#/traces/${traceId}$`));

    // The summary counts one trace, rated up.
    await page.getByRole('link', { name: 'Summary', exact: true }).click();
    const figure = (name: string) => page.locator('.vd-summary__figure', { has: page.locator('dt', { hasText: name }) }).locator('dd');
    await expect.poll(() => figure('Traces').textContent(), { timeout: 5_000 }).toBe('1');
    expect(await figure('Feedback rate').textContent()).toBe('100 %');
    expect(await figure('Positive rate').textContent()).toBe('100 %');

    // Back to the chat: the conversation is still there.
    await page.getByRole('link', { name: 'Chat', exact: true }).click();
    expect(await page.locator('.vd-message--assistant').count()).toBe(1);
    expect(pageErrors).toEqual([]);
  }, 40_000);
});
