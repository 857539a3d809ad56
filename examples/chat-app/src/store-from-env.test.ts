import { describe, expect, it } from 'vitest';
import { parseStoreSpec } from './store-from-env';

describe('VERDICT_STORE', () => {
  it('defaults to the JSON store', () => {
    expect(parseStoreSpec(undefined)).toEqual({ kind: 'json', dir: '.verdict-data' });
    expect(parseStoreSpec('', 'elsewhere')).toEqual({ kind: 'json', dir: 'elsewhere' });
    expect(parseStoreSpec('json:/var/verdict')).toEqual({ kind: 'json', dir: '/var/verdict' });
  });

  it('reads mlflow:<trackingUri>#<experimentName>', () => {
    expect(parseStoreSpec('mlflow:http://127.0.0.1:5000#chat-app')).toEqual({ kind: 'mlflow', trackingUri: 'http://127.0.0.1:5000', experimentName: 'chat-app' });
  });

  it('refuses anything else with the accepted forms', () => {
    for (const value of ['mlflow:http://127.0.0.1:5000', 'json:', 'sqlite:x', 'mlflow:ftp://x#y']) {
      expect(() => parseStoreSpec(value)).toThrow(/json:<dir> or mlflow:<trackingUri>#<experimentName>/);
    }
  });
});
