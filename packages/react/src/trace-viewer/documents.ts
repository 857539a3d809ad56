import type { Document, JsonValue } from '@verdict/core';

const isObject = (value: unknown): value is Record<string, JsonValue> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A retriever's outputs as documents, or null when they are not `Document[]`
 * (`{ id?, page_content, metadata }`), so the caller falls back to the JSON view.
 * @example retrievedDocuments(span.outputs)?.[0]?.metadata.doc_uri
 */
export function retrievedDocuments(outputs: JsonValue | undefined): Document[] | null {
  if (!Array.isArray(outputs) || outputs.length === 0) return null;
  const documents: Document[] = [];
  for (const item of outputs) {
    if (!isObject(item) || typeof item.page_content !== 'string') return null;
    const { doc_uri, ...rest } = isObject(item.metadata) ? item.metadata : {};
    documents.push({
      ...(typeof item.id === 'string' ? { id: item.id } : {}),
      page_content: item.page_content,
      // A non-string doc_uri cannot be a title; it stays visible with the other metadata.
      metadata: typeof doc_uri === 'string' ? { ...rest, doc_uri } : doc_uri === undefined ? rest : { ...rest, doc_uri_value: doc_uri },
    });
  }
  return documents;
}

/**
 * A document's title: the last path segment of its `doc_uri` (or the whole URI), else its id.
 * @example documentTitle({ page_content: '', metadata: { doc_uri: 'https://x.com/help/shipping' } }, 0) // 'shipping'
 */
export function documentTitle(document: Document, index: number): string {
  const uri = document.metadata.doc_uri;
  if (typeof uri === 'string' && uri !== '') {
    const segment = uri.replace(/[?#].*$/, '').replace(/\/+$/, '').split('/').pop();
    return segment !== undefined && segment !== '' && !segment.includes(':') ? segment : uri;
  }
  return document.id ?? `Document ${index + 1}`;
}
