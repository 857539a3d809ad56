import { describe, expect, it } from 'vitest';
import { SearchTracesParamsSchema, searchParamsFromQuery, searchParamsToQuery } from './search';
import type { SearchTracesParams } from './search';

const roundTrip = (params: SearchTracesParams) =>
  SearchTracesParamsSchema.parse(searchParamsFromQuery(Object.fromEntries(searchParamsToQuery(params))));

describe('search params', () => {
  it('fills defaults', () => {
    expect(SearchTracesParamsSchema.parse({})).toEqual({ max_results: 100, order_by: 'request_time DESC' });
  });

  it('round-trips through a query string, tags and metadata included', () => {
    const params: SearchTracesParams = {
      start_time_ms: 1_700_000_000_000,
      end_time_ms: 1_700_000_100_000,
      state: 'ERROR',
      tags: { env: 'prod', 'mlflow.traceName': 'chat', 'with space': 'a&b=c' },
      metadata: { 'mlflow.user': 'u1' },
      assessment_name: 'user_feedback',
      assessment_value: '"thumbs up"',
      client_request_id: 'req-1',
      max_results: 25,
      page_token: 'abc_-',
      order_by: 'request_time ASC',
    };
    expect(roundTrip(params)).toEqual(params);
    expect(searchParamsToQuery({ tags: { env: 'prod' }, metadata: { k: 'v' }, max_results: 5 }).toString()).toBe(
      'tag.env=prod&metadata.k=v&max_results=5',
    );
  });

  it('reads query objects as Express gives them: repeated keys keep the last value', () => {
    expect(searchParamsFromQuery({ state: ['OK', 'ERROR'], 'tag.env': ['a', 'b'], skip: undefined })).toEqual({
      state: 'ERROR',
      tags: { env: 'b' },
    });
  });

  it('keeps unknown keys so strict parsing names them', () => {
    const result = SearchTracesParamsSchema.safeParse(searchParamsFromQuery({ filter: 'x' }));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['filter'] });
  });

  it('refuses assessment_value without assessment_name, and out-of-range numbers', () => {
    expect(SearchTracesParamsSchema.safeParse({ assessment_value: 'true' }).success).toBe(false);
    for (const max_results of ['0', '1001', '1.5', 'ten']) {
      expect(SearchTracesParamsSchema.safeParse({ max_results }).success, max_results).toBe(false);
    }
    expect(SearchTracesParamsSchema.safeParse({ start_time_ms: '-1' }).success).toBe(false);
    expect(SearchTracesParamsSchema.parse({ max_results: '1000' }).max_results).toBe(1000);
  });
});
