import { HttpError } from '@verdict/core';
import { cleanup, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../test-support/axe';
import { seedSession, startReviewServer } from '../test-support/review-server';
import type { ReviewServer } from '../test-support/review-server';
import { VerdictProvider } from '../verdict-provider';
import { MIN_RENEWAL_DELAY_MS, ownClaimExpiry, renewalDelayMs } from './claim-renewal';
import { LabelingQueue } from './labeling-queue';

configure({ asyncUtilTimeout: 5000 });

// Short claims, so renewal (at half the time left) happens several times within a test.
const TTL_MS = 1500;
let server: ReviewServer;
beforeAll(async () => {
  server = await startReviewServer({ claimTtlMs: TTL_MS });
});
afterAll(() => server.close());
afterEach(cleanup);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const position = () => screen.queryByText(/^Item \d+ of \d+$/)?.textContent;

function renderQueue(sessionId: string, idleAfterMs?: number) {
  return render(
    <VerdictProvider baseUrl={server.api} headers={server.headers('token-ann')}>
      <LabelingQueue sessionId={sessionId} confirmDiscard={() => true} {...(idleAfterMs === undefined ? {} : { idleAfterMs })} />
    </VerdictProvider>,
  );
}

/** Ann's claim on item `n` as the server holds it, once she has one. */
async function annHolds(sessionId: string, n: number): Promise<number> {
  const dev = server.as('token-dev');
  let expiry = 0;
  await waitFor(async () => {
    const item = (await dev.listLabelingItems(sessionId)).items[n];
    expect(item?.claims?.ann).toBeGreaterThan(Date.now());
    expiry = item?.claims?.ann ?? 0;
  });
  return expiry;
}

/** Bob's claim on item `n`: the HTTP status the server answers (200 when he gets it). */
async function bobClaims(sessionId: string, n: number): Promise<number> {
  const item = (await server.as('token-dev').listLabelingItems(sessionId)).items[n]!;
  return server
    .as('token-bob')
    .claimLabelingItem(sessionId, item.item_id)
    .then(
      () => 200,
      (error: unknown) => (error instanceof HttpError ? error.status : 0),
    );
}

describe('claim renewal', () => {
  it('waits half the time left, never less than the floor', () => {
    expect(renewalDelayMs(10_000, 0)).toBe(5000);
    expect(renewalDelayMs(100, 0)).toBe(MIN_RENEWAL_DELAY_MS);
    // A browser clock ahead of the server's sees the claim as already expired.
    expect(renewalDelayMs(0, 5000)).toBe(MIN_RENEWAL_DELAY_MS);
  });

  it("reads the caller's own claim, not only the latest one", () => {
    const item = {
      item_id: `li-${'1'.repeat(32)}`,
      labeling_session_id: `ls-${'1'.repeat(32)}`,
      source: { trace_id: `tr-${'1'.repeat(32)}` },
      trace_id: `tr-${'1'.repeat(32)}`,
      state: 'in_progress' as const,
      claimed_by: 'bob',
      claim_expires_ms: 2000,
      claims: { ann: 1000, bob: 2000 },
      labels: {},
    };
    expect(ownClaimExpiry(item, 'ann')).toBe(1000);
    expect(ownClaimExpiry({ ...item, claims: undefined }, 'bob')).toBe(2000);
    expect(ownClaimExpiry({ ...item, claims: undefined }, 'ann')).toBeUndefined();
    expect(ownClaimExpiry(null, 'ann')).toBeUndefined();
  });

  it('keeps the item for a reviewer who stays past the claim time, and lets go when she moves on or leaves', async () => {
    const sessionId = await seedSession(server, 2, { name: 'Slow reviewer', reviewers: ['ann', 'bob'] });
    renderQueue(sessionId);
    await waitFor(() => expect(position()).toBe('Item 1 of 2'));
    const first = await annHolds(sessionId, 0);
    // Well past the first claim's end: without renewal the item would be free by now.
    await sleep(first - Date.now() + TTL_MS / 2);
    expect(await bobClaims(sessionId, 0)).toBe(409);
    expect(await annHolds(sessionId, 0)).toBeGreaterThan(first);
    expect(screen.queryByRole('alert')).toBeNull();

    // On the next item, the first one's claim is no longer renewed: it runs out, and Bob gets it.
    await userEvent.setup().keyboard('j');
    await waitFor(() => expect(position()).toBe('Item 2 of 2'));
    const second = await annHolds(sessionId, 1);
    await sleep(TTL_MS + 200);
    expect(await bobClaims(sessionId, 0)).toBe(200);
    expect(await annHolds(sessionId, 1)).toBeGreaterThan(second);

    // Gone from the page: no more renewals.
    cleanup();
    await sleep(TTL_MS + 200);
    expect(await bobClaims(sessionId, 1)).toBe(200);
  }, 20_000);

  it('says so, and stops taking answers, when another reviewer took the item before a renewal', async () => {
    const sessionId = await seedSession(server, 1, { name: 'Lost claim', reviewers: ['ann', 'bob'] });
    const { container } = renderQueue(sessionId);
    await waitFor(() => expect(position()).toBe('Item 1 of 1'));
    await annHolds(sessionId, 0);
    // As if Ann's laptop slept past her claim and Bob claimed the item meanwhile.
    await server.store.labelingSessions.update(sessionId, (stored) => ({
      ...stored,
      items: stored.items.map((item) => ({ ...item, claims: { bob: Date.now() + 60_000 } })),
    }));
    const notice = await screen.findByRole('alert');
    expect(notice.textContent).toMatch(/another reviewer has taken it/);
    expect(screen.getByRole('radio', { name: /yes/ }).matches(':disabled')).toBe(true);
    expect(screen.queryByRole('button', { name: 'Submit' })).toBeNull();
    await expectAccessible(container);
    // No further renewals: Bob's claim stays his.
    await sleep(TTL_MS);
    const item = (await server.as('token-dev').listLabelingItems(sessionId)).items[0];
    expect(Object.keys(item?.claims ?? {})).toEqual(['bob']);
  }, 20_000);

  it('stops renewing while nobody is there, and finds the item lost when the reviewer comes back', async () => {
    const sessionId = await seedSession(server, 1, { name: 'Idle reviewer', reviewers: ['ann', 'bob'] });
    renderQueue(sessionId, 1000);
    await waitFor(() => expect(position()).toBe('Item 1 of 1'));
    await annHolds(sessionId, 0);
    // No key, click or scroll since the form took focus: the claim runs out and Bob gets the item.
    await waitFor(async () => expect(await bobClaims(sessionId, 0)).toBe(200), { timeout: 8000 });
    expect(screen.queryByRole('alert')).toBeNull();
    // Ann is back: the first click renews, finds Bob's claim, and says so.
    fireEvent.pointerDown(document.body);
    expect((await screen.findByRole('alert')).textContent).toMatch(/another reviewer has taken it/);
  }, 20_000);
});
