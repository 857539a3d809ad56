import { SearchTracesResponseSchema, TraceSchema } from '@verdict/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoModel } from './models';
import { ensureDistWeb, openPage, screenshot } from './test-support/browser';
import { startApp } from './test-server';

beforeAll(ensureDistWeb, 60_000);

describe('the React example page in Chromium', () => {
  it('streams an answer, takes a 👎 with a comment, and the trace holds it', async () => {
    const base = await startApp(demoModel({ tokenDelayMs: 5 }), 'e2e-test-secret-0123456789abcdef');
    const { page, pageErrors } = await openPage({ width: 900, height: 700 });

    await page.goto(base);
    await page.getByText('offline demo', { exact: false }).waitFor();
    expect(await page.locator('h1').textContent()).toContain('Verdict example');

    await page.getByLabel('Message').fill('How long does standard shipping take?');
    await page.getByRole('button', { name: 'Send' }).click();
    // 👎 turns on once the finished answer has its trace id.
    const thumbsDown = page.getByRole('button', { name: 'Bad answer' });
    await expect.poll(() => thumbsDown.isEnabled(), { timeout: 10_000 }).toBe(true);
    const answer = page.locator('.vd-message--assistant .vd-message__content');
    expect(await answer.textContent()).toMatch(/3 to 5 business days/);

    await thumbsDown.click();
    await page.getByLabel('Tell us more (optional)').fill('Which carrier ships it?');
    await page.getByRole('button', { name: 'Send comment' }).click();
    await page.getByText('Thanks for your feedback').waitFor();
    await screenshot(page, 'e2e.png');

    const userId = await page.evaluate(() => localStorage.getItem('verdict-example-user'));
    expect(userId).toMatch(/^browser-/);
    const found = SearchTracesResponseSchema.parse(
      await (await fetch(`${base}/api/traces?assessment_name=user_feedback&assessment_value=false`)).json(),
    );
    expect(found.traces).toHaveLength(1);
    const trace = TraceSchema.parse(await (await fetch(`${base}/api/traces/${found.traces[0]?.trace_id}`)).json());
    const valid = trace.info.assessments.filter((assessment) => assessment.valid);
    expect(valid).toEqual([
      expect.objectContaining({
        assessment_name: 'user_feedback',
        feedback: { value: false },
        rationale: 'Which carrier ships it?',
        source: expect.objectContaining({ source_type: 'HUMAN', source_id: userId }),
      }),
    ]);
    expect(pageErrors).toEqual([]);
  }, 30_000);
});
