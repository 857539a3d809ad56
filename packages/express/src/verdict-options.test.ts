import { VerdictError, memoryStore } from '@verdict/core';
import { describe, expect, it } from 'vitest';
import { resolveVerdictOptions } from './verdict-options';

function messageOf(options: unknown): string {
  try {
    resolveVerdictOptions(options);
  } catch (error) {
    expect(VerdictError.isInstance(error) && error.code).toBe('INVALID_ARGUMENT');
    return (error as Error).message;
  }
  throw new Error('expected the options to be refused');
}

describe('verdict() options', () => {
  it('fills the defaults', () => {
    const resolved = resolveVerdictOptions({ store: memoryStore() });
    expect(resolved.feedbackSecret).toBeUndefined();
    expect(resolved.feedbackTokenTtlMs).toBe(24 * 60 * 60 * 1000);
    expect(resolved.bodyLimitBytes).toBe(1024 * 1024);
    expect(resolved.onError).toBeUndefined();
  });

  it('reads body limits as bytes or sizes', () => {
    expect(resolveVerdictOptions({ store: memoryStore(), bodyLimit: '512kb' }).bodyLimitBytes).toBe(512 * 1024);
    expect(resolveVerdictOptions({ store: memoryStore(), bodyLimit: 2048 }).bodyLimitBytes).toBe(2048);
    expect(messageOf({ store: memoryStore(), bodyLimit: 'lots' })).toMatch(/bodyLimit must be a positive byte count/);
    expect(messageOf({ store: memoryStore(), bodyLimit: -1 })).toMatch(/bodyLimit/);
  });

  it('says how to get a store when it is missing or wrong', () => {
    expect(messageOf({})).toBe('verdict({ store }) needs a store: pass memoryStore() from @verdict/core or jsonStore(...)');
    expect(messageOf({ store: { traces: {} } })).toMatch(/is not a Store.*traces\.put\/get\/search/);
    expect(messageOf(undefined)).toMatch(/needs an options object with a store/);
  });

  it('suggests the option a typo meant', () => {
    // The known options grow with features: the list is checked by its start and a late entry.
    const message = messageOf({ store: memoryStore(), feedbackSecrets: 'x'.repeat(32) });
    expect(message).toMatch(/^verdict\(\) has no option "feedbackSecrets" \(did you mean feedbackSecret\?\); known options: store, feedbackSecret, feedbackTokenTtlMs, bodyLimit, onError/);
    expect(message).toMatch(/, authorize, claimTtlMs/);
    expect(messageOf({ store: memoryStore(), bodylimit: '1mb' })).toMatch(/did you mean bodyLimit\?/);
    expect(messageOf({ store: memoryStore(), zzzzzzzzzz: 1 })).not.toMatch(/did you mean/);
  });

  it('refuses short secrets, bad TTLs and non-function hooks, listing every problem', () => {
    const message = messageOf({ store: memoryStore(), feedbackSecret: 'short', feedbackTokenTtlMs: 0, onError: 'log' });
    expect(message).toMatch(/feedbackSecret must be at least 16 characters/);
    expect(message).toMatch(/feedbackTokenTtlMs must be positive/);
    expect(message).toMatch(/onError must be a function/);
  });

  it('checks the authorize hook and the labeling claim TTL', () => {
    const resolved = resolveVerdictOptions({ store: memoryStore() });
    expect(resolved.authorize).toBeUndefined();
    expect(resolved.claimTtlMs).toBe(15 * 60_000);
    const message = messageOf({ store: memoryStore(), authorize: { reviewer: true }, claimTtlMs: 1.5 });
    expect(message).toMatch(/authorize must be a function \(req, action, resource\) => user \| null \| false/);
    expect(message).toMatch(/claimTtlMs must be a whole number/);
  });
});
