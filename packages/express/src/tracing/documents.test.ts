import { afterEach, describe, expect, test, vi } from 'vitest';
import { normalizeDocuments } from './documents';
import { trace, withSpan } from './index';
import { captureTraces, spanNamed } from './test-support';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('normalizeDocuments()', () => {
  test('turns strings and common document shapes into Document[]', () => {
    expect(
      normalizeDocuments([
        'plain text',
        { pageContent: 'langchain', metadata: { source: 'kb://1', score: 0.9 }, id: 7 },
        { content: 'content key', url: 'https://example.com/a' },
        { text: 'text key', metadata: { doc_uri: 'kb://keep', source: 'kb://ignored' } },
        { page_content: 'already', metadata: {}, id: 'd-1' },
      ]),
    ).toEqual([
      { page_content: 'plain text', metadata: {} },
      { id: '7', page_content: 'langchain', metadata: { source: 'kb://1', score: 0.9, doc_uri: 'kb://1' } },
      { page_content: 'content key', metadata: { doc_uri: 'https://example.com/a' } },
      { page_content: 'text key', metadata: { doc_uri: 'kb://keep', source: 'kb://ignored' } },
      { id: 'd-1', page_content: 'already', metadata: {} },
    ]);
  });

  test('wraps a single document and refuses what is not one', () => {
    expect(normalizeDocuments('only one')).toEqual([{ page_content: 'only one', metadata: {} }]);
    expect(normalizeDocuments([])).toEqual([]);
    expect(normalizeDocuments([{ title: 'no content' }])).toBeUndefined();
    expect(normalizeDocuments(42)).toBeUndefined();
  });
});

describe('RETRIEVER spans', () => {
  test('record their outputs as documents', async () => {
    const capture = captureTraces();
    const retrieve = trace(async function retrieve(query: string) {
      return [`about ${query}`, { pageContent: 'second', metadata: { source: 'kb://2' } }];
    }, { spanType: 'RETRIEVER' });
    const result = await capture.run(() => retrieve('cats'));
    // The caller gets its own value back; only the recording is normalised.
    expect(result[0]).toBe('about cats');
    const span = spanNamed(await capture.last(), 'retrieve');
    expect(span.span_type).toBe('RETRIEVER');
    expect(span.outputs).toEqual([
      { page_content: 'about cats', metadata: {} },
      { page_content: 'second', metadata: { source: 'kb://2', doc_uri: 'kb://2' } },
    ]);
  });

  test('store other outputs as-is and warn once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const capture = captureTraces();
    capture.run(() => withSpan({ name: 'odd', spanType: 'RETRIEVER' }, () => ({ hits: 3 })));
    capture.run(() => withSpan({ name: 'odd2', spanType: 'RETRIEVER' }, () => 5));
    expect(spanNamed(await capture.last(), 'odd2').outputs).toBe(5);
    expect(warn).toHaveBeenCalledOnce();
  });
});
