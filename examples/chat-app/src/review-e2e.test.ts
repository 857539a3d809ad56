import { ChatResponseSchema, createReviewClient, memoryStore } from '@verdict/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createChatApp } from './app';
import { demoModel } from './models';
import { buildWebFromSources, openPage, screenshot, servePage } from './test-support/browser';
import { parseUsers, usersAuthorize } from './users';

const USERS = 'ann:reviewer:ann-token,dev:developer:dev-token';

let webDir = '';

beforeAll(async () => {
  webDir = await buildWebFromSources('review');
}, 120_000);

/** The example app with two users (a reviewer and a developer) and the freshly built page. */
async function startExample(): Promise<string> {
  const { app } = createChatApp({
    store: memoryStore(),
    model: demoModel({ tokenDelayMs: 0 }),
    feedbackSecret: 'review-e2e-secret-0123456789abcdef',
    authorize: usersAuthorize(parseUsers(USERS)),
  });
  return servePage(app, webDir);
}

describe('the Review page in Chromium', () => {
  it('a reviewer labels two answers with the keyboard alone; a developer syncs them into a dataset', async () => {
    const base = await startExample();
    // Two real answers from the example's traced RAG pipeline.
    const questions = ['How long does standard shipping take?', 'How do I return an item?'];
    const traceIds: string[] = [];
    for (const message of questions) {
      const response = await fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message }) });
      traceIds.push(ChatResponseSchema.parse(await response.json()).trace_id);
    }
    // The developer sets up the session over HTTP, as a script or the Traces page would.
    const dev = createReviewClient({ baseUrl: `${base}/api`, headers: { authorization: 'Bearer dev-token' } });
    await dev.createLabelSchema({ name: 'correct', type: 'feedback', title: 'Is the answer correct?', input: { kind: 'categorical', options: ['yes', 'partly', 'no'] } });
    const session = await dev.createLabelingSession({ name: 'Help-centre answers', assigned_users: ['ann'], label_schemas: ['correct', 'expected_response'] });
    await dev.addLabelingItems(session.labeling_session_id, { trace_ids: traceIds });

    const { page, pageErrors } = await openPage({ width: 1300, height: 900 });
    await page.goto(`${base}/#/review`);
    await page.getByRole('heading', { name: 'Review' }).waitFor();

    // Ann signs in with her token and opens the session, all from the keyboard.
    await page.getByLabel('Your token').focus();
    await page.keyboard.type('ann-token');
    await page.keyboard.press('Enter');
    const link = page.getByRole('link', { name: 'Help-centre answers' });
    await link.waitFor();
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByText('Item 1 of 2').waitFor();
    const progress = page.locator('.vd-labeling-progress__text');
    expect(await progress.textContent()).toBe('0 / 2');

    const focusedType = () => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type ?? null);
    const labelItem = async (digit: string, expected: string) => {
      // Focus lands on the first question by itself: no click anywhere.
      await expect.poll(focusedType).toBe('radio');
      await page.keyboard.press(digit);
      await page.keyboard.press('Tab');
      expect(await focusedType()).toBe('textarea');
      await page.keyboard.type(expected);
      await page.keyboard.press('Control+Enter');
    };
    await page.locator('.vd-io').first().waitFor();
    await screenshot(page, 'review-item.png');
    await labelItem('1', 'Standard shipping takes 3 to 5 business days.');
    await page.getByText('Item 2 of 2').waitFor();
    await expect.poll(() => progress.textContent()).toBe('1 / 2');
    await labelItem('2', 'Returns are free within 30 days.');
    await page.getByRole('heading', { name: 'All done' }).waitFor();
    await expect.poll(() => progress.textContent()).toBe('2 / 2');

    // A reviewer may not write datasets; the developer signs in and syncs.
    await page.getByLabel('Your token').fill('dev-token');
    await page.getByLabel('Your token').press('Enter');
    await page.getByRole('heading', { name: 'All done' }).waitFor();
    await page.getByRole('textbox', { name: 'Dataset', exact: true }).fill('help-centre-gold');
    await page.getByRole('button', { name: 'Sync expectations' }).click();
    await page.getByText('Synced to help-centre-gold: 2 inserted, 0 updated.').waitFor();
    await screenshot(page, 'review.png');

    const { items } = await dev.listLabelingItems(session.labeling_session_id);
    expect(items.map((item) => [item.state, item.labels.ann?.correct?.value])).toEqual([
      ['completed', 'yes'],
      ['completed', 'partly'],
    ]);
    const { records } = await dev.listDatasetRecords('help-centre-gold');
    expect(records.map((record) => record.expectations.expected_response).sort()).toEqual(['Returns are free within 30 days.', 'Standard shipping takes 3 to 5 business days.']);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
