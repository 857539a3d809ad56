import { ChatResponseSchema, TraceSchema, memoryStore } from '@verdict/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createChatApp } from './app';
import { demoModel } from './models';
import { axeViolations, buildWebFromSources, openPage, screenshot, servePage } from './test-support/browser';

let webDir = '';

beforeAll(async () => {
  webDir = await buildWebFromSources('trace-viewer');
}, 120_000);

/** The example app (demo model, memory store) with the freshly built page in front of it. */
async function startExample(): Promise<string> {
  const { app } = createChatApp({ store: memoryStore(), model: demoModel({ tokenDelayMs: 0 }), feedbackSecret: 'trace-viewer-e2e-secret-0123456789' });
  return servePage(app, webDir);
}

describe('the trace viewer on the example RAG trace in Chromium', () => {
  it('shows the spans, the retrieved documents and the assessments; adds one; passes axe with colours', async () => {
    const base = await startExample();
    // A real RAG trace from the example's own traced pipeline.
    const chat = ChatResponseSchema.parse(
      await (await fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'How long does standard shipping take?' }) })).json(),
    );
    const { page, pageErrors } = await openPage({ width: 1400, height: 900 });

    await page.goto(`${base}/#/traces/${chat.trace_id}`);
    const tree = page.getByRole('tree', { name: 'Spans' });
    await tree.waitFor();
    const names = await page.locator('.vd-span-row__name').allTextContents();
    expect(names).toEqual(expect.arrayContaining(['rewrite_query', 'retrieve', 'generate']));

    await page.locator('.vd-span-row', { hasText: 'retrieve' }).first().click();
    const documents = page.getByRole('list', { name: /retrieved documents?$/ });
    await documents.waitFor();
    expect(await documents.locator('.vd-document').count()).toBeGreaterThan(0);
    expect(await documents.textContent()).toMatch(/shipping/i);
    // Bars are placed by time: every bar sits inside its track.
    const bars = await page.locator('.vd-span-row__bar').evaluateAll((elements) =>
      elements.map((element) => {
        const bar = element.getBoundingClientRect();
        const track = element.parentElement!.getBoundingClientRect();
        return bar.left >= track.left - 0.5 && bar.right <= track.right + 0.5 && bar.width >= 1;
      }),
    );
    expect(bars.length).toBe(names.length);
    expect(bars.every(Boolean)).toBe(true);

    // Keyboard: focus the tree and walk down to the next span.
    await tree.focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('article', { name: /^Span / }).getAttribute('aria-label')).not.toBe('Span retrieve');

    await page.getByRole('button', { name: 'Add assessment' }).click();
    const form = page.getByRole('form', { name: 'Add assessment' });
    await form.getByLabel('Name').fill('answer_correct');
    await form.getByLabel('Rationale (optional)').fill('Matches the shipping page');
    await form.getByRole('button', { name: 'Add assessment' }).click();
    await page.getByRole('article', { name: 'answer_correct (feedback)' }).waitFor();

    await page.locator('.vd-span-row', { hasText: 'retrieve' }).first().click();
    await screenshot(page, 'trace-viewer.png');

    // axe in a real browser, so colour contrast is checked too.
    expect(await axeViolations(page, '.vd-trace-viewer')).toEqual([]);

    const stored = TraceSchema.parse(await (await fetch(`${base}/api/traces/${chat.trace_id}`)).json());
    expect(stored.info.assessments).toEqual([
      expect.objectContaining({ assessment_name: 'answer_correct', feedback: { value: true }, rationale: 'Matches the shipping page', source: expect.objectContaining({ source_type: 'HUMAN' }) }),
    ]);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
