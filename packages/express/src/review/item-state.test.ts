import type { LabelingItem } from '@verdict/core';
import { describe, expect, it } from 'vitest';
import { claimItem, inQueueOf, itemForViewer, itemState, presentItem, progressOf } from './item-state';

const hex = (n: number) => n.toString(16).padStart(32, '0');
const item = (fields: Partial<LabelingItem> = {}): LabelingItem => ({
  item_id: `li-${hex(1)}`,
  labeling_session_id: `ls-${hex(1)}`,
  source: { trace_id: `tr-${hex(1)}` },
  trace_id: `tr-${hex(2)}`,
  state: 'pending',
  labels: {},
  ...fields,
});
const T = 1_000_000;
const answer = { ok: { value: 'yes' } };

describe('item state (a clock passed in, no waiting)', () => {
  it('derives the state from labels, live claims and skips', () => {
    expect(itemState(item(), 1, T)).toBe('pending');
    expect(itemState(item({ claims: { ann: T + 1 } }), 1, T)).toBe('in_progress');
    expect(itemState(item({ claims: { ann: T } }), 1, T)).toBe('pending');
    expect(itemState(item({ skipped_by: ['ann'] }), 1, T)).toBe('skipped');
    expect(itemState(item({ labels: { ann: answer } }), 2, T)).toBe('in_progress');
    expect(itemState(item({ labels: { ann: answer, bob: answer } }), 2, T)).toBe('completed');
  });

  it('presents the latest live claim and drops expired ones', () => {
    const shown = presentItem(item({ claims: { ann: T - 1, bob: T + 10, cy: T + 20 } }), 3, T);
    expect(shown).toMatchObject({ state: 'in_progress', claimed_by: 'cy', claim_expires_ms: T + 20, claims: { bob: T + 10, cy: T + 20 } });
    const expired = presentItem(item({ claims: { ann: T - 1 }, claimed_by: 'ann', claim_expires_ms: T - 1 }), 1, T);
    expect(expired).not.toHaveProperty('claimed_by');
    expect(expired).not.toHaveProperty('claims');
  });

  it('claims: one slot per reviewers_per_item, renewable by the holder, free after expiry', () => {
    const held = claimItem(item(), 'ann', 1, T, 100);
    expect(held.claims).toEqual({ ann: T + 100 });
    expect(() => claimItem(held, 'bob', 1, T + 50, 100)).toThrow(/being labeled by ann/);
    expect(claimItem(held, 'ann', 1, T + 50, 100).claims).toEqual({ ann: T + 150 });
    expect(claimItem(held, 'bob', 1, T + 100, 100).claims).toEqual({ bob: T + 200 });
    // Two slots: a labeled reviewer and a holder fill them.
    const two = item({ labels: { ann: answer }, claims: { bob: T + 100 } });
    expect(() => claimItem(two, 'cy', 2, T, 100)).toThrow(/being labeled by bob/);
    expect(() => claimItem(item({ labels: { ann: answer } }), 'bob', 1, T, 100)).toThrow(/already completed/);
    // The labeler may come back to change their answers.
    expect(claimItem(item({ labels: { ann: answer } }), 'ann', 1, T, 100).claims).toEqual({ ann: T + 100 });
  });

  it('a queue holds what the reviewer can still label', () => {
    expect(inQueueOf(item(), 'ann', 1, T)).toBe(true);
    expect(inQueueOf(item({ labels: { ann: answer } }), 'ann', 2, T)).toBe(false);
    expect(inQueueOf(item({ skipped_by: ['ann'] }), 'ann', 1, T)).toBe(false);
    expect(inQueueOf(item({ claims: { bob: T + 1 } }), 'ann', 1, T)).toBe(false);
    expect(inQueueOf(item({ claims: { bob: T + 1 } }), 'ann', 2, T)).toBe(true);
    expect(inQueueOf(item({ claims: { ann: T + 1 } }), 'ann', 1, T)).toBe(true);
  });

  it('progress counts completed items and each reviewer\'s labels, assigned reviewers from 0', () => {
    const session = { labeling_session_id: `ls-${hex(1)}`, name: 's', assigned_users: ['ann', 'bob', 'cy'], label_schemas: ['ok'], reviewers_per_item: 1, create_time: T, created_by: 'dev' };
    const items = [item({ labels: { ann: answer } }), item({ labels: { bob: answer } }), item({ claims: { ann: T + 1 } })];
    expect(progressOf(session, items, T)).toEqual({ total: 3, completed: 2, by_user: { ann: 1, bob: 1, cy: 0 } });
  });

  it('reviewers see only their own answers and no gold; developers everything', () => {
    const full = item({ labels: { ann: answer, bob: { ok: { value: 'no' } } }, adjudicated: { by: 'dev', time: T, labels: answer } });
    expect(itemForViewer(full, { id: 'ann', role: 'reviewer' })).toEqual({ ...item(), labels: { ann: answer } });
    expect(itemForViewer(full, { id: 'cy', role: 'reviewer' }).labels).toEqual({});
    expect(itemForViewer(full, { id: 'dev', role: 'developer' })).toBe(full);
  });
});
