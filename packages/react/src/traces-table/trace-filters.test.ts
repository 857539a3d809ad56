import { describe, expect, it } from 'vitest';
import { rowInfo } from '../test-support/trace-rows';
import { matchesText, searchParamsOf } from './trace-filters';

describe('searchParamsOf', () => {
  it('maps each filter to its GET /traces param, text included', () => {
    expect(
      searchParamsOf({ from: 1000, to: 2000, state: 'ERROR', assessmentName: ' user_feedback ', assessmentValue: 'false', tag: 'env = prod', text: ' refund policy ' }),
    ).toEqual({ start_time_ms: 1000, end_time_ms: 2000, state: 'ERROR', assessment_name: 'user_feedback', assessment_value: 'false', tags: { env: 'prod' }, text: 'refund policy' });
  });

  it('drops a value without a name, blank fields, and a tag without a key', () => {
    expect(searchParamsOf({ assessmentValue: 'true', assessmentName: '  ', tag: '=prod', text: '' })).toEqual({});
    expect(searchParamsOf({ tag: 'partial' })).toEqual({ tags: { partial: '' } });
  });
});

describe('matchesText', () => {
  it('finds every word, in any case, in the request or the response', () => {
    expect(matchesText(rowInfo(2), 'CANADA duties')).toBe(true);
    expect(matchesText(rowInfo(2), 'canada refund')).toBe(false);
    expect(matchesText(rowInfo(2), '  ')).toBe(true);
  });
});
