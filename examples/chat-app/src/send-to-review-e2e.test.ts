import { ChatResponseSchema, createReviewClient, memoryStore } from '@verdict/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createChatApp } from './app';
import { demoModel } from './models';
import { axeViolations, buildWebFromSources, openPage, screenshot, servePage } from './test-support/browser';
import { parseUsers, usersAuthorize } from './users';

const USERS = 'ann:reviewer:ann-token,dev:developer:dev-token';
let webDir = '';
beforeAll(async () => {
  webDir = await buildWebFromSources('send-to-review');
}, 120_000);

describe('sending traces to review in Chromium', () => {
  it('a developer sends two selected traces to a new session from the Traces page; a reviewer labels them', async () => {
    const { app } = createChatApp({
      store: memoryStore(),
      model: demoModel({ tokenDelayMs: 0 }),
      feedbackSecret: 'send-to-review-e2e-secret-0123456789',
      authorize: usersAuthorize(parseUsers(USERS)),
    });
    const base = await servePage(app, webDir);
    // Three real answers; two of them go to review.
    const traceIds: string[] = [];
    for (const message of ['How long does standard shipping take?', 'How do I return an item?', 'Do you ship abroad?']) {
      const response = await fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message }) });
      traceIds.push(ChatResponseSchema.parse(await response.json()).trace_id);
    }
    const dev = createReviewClient({ baseUrl: `${base}/api`, headers: { authorization: 'Bearer dev-token' } });
    await dev.createLabelSchema({ name: 'correct', type: 'feedback', title: 'Is the answer correct?', input: { kind: 'categorical', options: ['yes', 'partly', 'no'] } });

    const { page, pageErrors } = await openPage({ width: 1300, height: 900 });
    // Every call the page makes, with the token it carried: once signed in, each must carry one.
    const calls: Promise<{ path: string; authorization: string | undefined }>[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/api/')) calls.push(request.allHeaders().then((headers) => ({ path, authorization: headers.authorization })));
    });
    await page.goto(`${base}/#/traces`);
    // Signed out, the developer routes refuse the page: proof that the token is what opens them.
    await page.locator('.vd-traces__error').waitFor();
    const signIn = async (token: string) => {
      await page.getByLabel('Your token').fill(token);
      await page.getByLabel('Your token').press('Enter');
    };
    const signedOut = calls.length;
    await signIn('dev-token');
    const [first, second] = [traceIds[0]!, traceIds[2]!];
    await page.getByRole('checkbox', { name: `Select trace ${first}` }).check();
    await page.getByRole('checkbox', { name: `Select trace ${second}` }).check();
    await page.getByRole('button', { name: 'Send 2 traces to review' }).click();

    const dialog = page.getByRole('dialog', { name: 'Send 2 traces to review' });
    await dialog.getByLabel('Session name').fill('Shipping answers');
    await dialog.getByLabel('Reviewers', { exact: true }).fill('ann');
    await dialog.getByRole('checkbox', { name: /Is the answer correct\?/ }).check();
    await dialog.getByRole('checkbox', { name: /expected_response/ }).check();
    expect(await axeViolations(page, '.traces__dialog')).toEqual([]);
    await dialog.getByRole('button', { name: 'Create session with 2 traces' }).click();
    await dialog.getByText('Created Shipping answers with 2 items.').waitFor();
    await screenshot(page, 'send-to-review.png');
    const href = await dialog.getByRole('link', { name: 'Open Shipping answers' }).getAttribute('href');
    const sessionId = /^#\/review\/(ls-[0-9a-f]{32})$/.exec(href ?? '')?.[1];
    expect(sessionId).toBeDefined();

    // Escape closes the dialog (the browser's own modal), and the page is usable again.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // Ann signs in on the same page, follows the link (the developer did not: opening the queue
    // would claim its first item) and labels both items with the keyboard.
    await signIn('ann-token');
    await page.goto(`${base}/${href}`);
    await page.getByText('Item 1 of 2').waitFor();
    const focusedType = () => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type ?? null);
    for (const [digit, expected] of [
      ['1', 'First answer, checked.'],
      ['3', 'Second answer, checked.'],
    ] as const) {
      await expect.poll(focusedType).toBe('radio');
      await page.keyboard.press(digit);
      await page.keyboard.press('Tab');
      await page.keyboard.type(expected);
      await page.keyboard.press('Control+Enter');
    }
    await page.getByRole('heading', { name: 'All done' }).waitFor();

    // Still Ann on the chat: the stream and the vote carry her token too.
    await page.getByRole('link', { name: 'Chat', exact: true }).click();
    await page.getByLabel('Message').fill('Can I change my order?');
    await page.getByRole('button', { name: 'Send' }).click();
    const good = page.getByRole('button', { name: 'Good answer' });
    await expect.poll(() => good.isEnabled()).toBe(true);
    await good.click();
    await page.getByText('Thanks for your feedback').waitFor();
    const sent = await Promise.all(calls);
    const afterSignIn = sent.slice(signedOut);
    expect(sent.slice(0, signedOut).some((call) => call.path === '/api/traces' && call.authorization === undefined)).toBe(true);
    expect(afterSignIn.map((call) => call.path)).toEqual(expect.arrayContaining(['/api/traces', '/api/label-schemas', '/api/labeling-sessions', '/api/chat/stream', '/api/feedback']));
    expect(afterSignIn.filter((call) => !/^Bearer (dev|ann)-token$/.test(call.authorization ?? ''))).toEqual([]);

    const session = await dev.getLabelingSession(sessionId!);
    expect(session).toMatchObject({ name: 'Shipping answers', assigned_users: ['ann'], label_schemas: ['correct', 'expected_response'], created_by: 'dev' });
    const { items } = await dev.listLabelingItems(sessionId!);
    // The session's items are the two selected traces (copied), labeled by Ann in queue order.
    expect(items.map((item) => item.source)).toEqual([first, second].sort().map((trace_id) => ({ trace_id })));
    expect(items.map((item) => [item.state, Object.keys(item.labels), item.labels.ann?.correct?.value, item.labels.ann?.expected_response?.value])).toEqual([
      ['completed', ['ann'], 'yes', 'First answer, checked.'],
      ['completed', ['ann'], 'no', 'Second answer, checked.'],
    ]);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
