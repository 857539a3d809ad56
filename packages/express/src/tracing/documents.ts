import { DocumentSchema } from '@verdict/core';
import type { Document } from '@verdict/core';

const CONTENT_KEYS = ['page_content', 'pageContent', 'content', 'text'] as const;
const URI_KEYS = ['doc_uri', 'uri', 'url', 'source'] as const;

function firstString(record: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = record[key];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Retrievers that already return Documents are the common case; checking the shape by hand
// (exactly what DocumentSchema accepts) spares a zod parse and a copy per document.
function isDocument(item: Record<string, unknown>): item is Document {
  for (const key in item) if (key !== 'id' && key !== 'page_content' && key !== 'metadata') return false;
  const { id, page_content: pageContent, metadata } = item;
  return (
    typeof pageContent === 'string' &&
    (id === undefined || typeof id === 'string') &&
    isPlainRecord(metadata) &&
    (metadata['doc_uri'] === undefined || typeof metadata['doc_uri'] === 'string')
  );
}

function toDocument(item: unknown): Document | undefined {
  if (typeof item === 'string') return { page_content: item, metadata: {} };
  if (typeof item !== 'object' || item === null) return undefined;
  const record = item as Record<string, unknown>;
  if (isDocument(record)) return record;
  const pageContent = firstString(record, CONTENT_KEYS);
  if (pageContent === undefined) return undefined;
  const rawMetadata = record['metadata'];
  const metadata: Record<string, unknown> =
    isPlainRecord(rawMetadata) ? { ...rawMetadata } : {};
  // LangChain keeps the location in metadata.source; others put a uri/url beside the content.
  if (typeof metadata['doc_uri'] !== 'string') {
    const uri = firstString(metadata, URI_KEYS) ?? firstString(record, URI_KEYS);
    if (uri === undefined) delete metadata['doc_uri'];
    else metadata['doc_uri'] = uri;
  }
  const id = record['id'];
  const candidate = {
    ...(typeof id === 'string' || typeof id === 'number' ? { id: String(id) } : {}),
    page_content: pageContent,
    metadata,
  };
  const parsed = DocumentSchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}

/**
 * What a `RETRIEVER` span returned, as `Document[]`: strings become `{ page_content }`, objects
 * with `page_content` / `pageContent` / `content` / `text` keep their `id` and `metadata`
 * (`metadata.source`, `uri` or `url` fill in `doc_uri`), and a single document is wrapped in a
 * list. Returns undefined when some item is not a document, so the caller can keep the raw value.
 * @example normalizeDocuments(['a', { pageContent: 'b', metadata: { source: 'kb://1' } }])
 * // [{ page_content: 'a', metadata: {} }, { page_content: 'b', metadata: { source: 'kb://1', doc_uri: 'kb://1' } }]
 */
export function normalizeDocuments(value: unknown): Document[] | undefined {
  const items = Array.isArray(value) ? value : [value];
  const documents: Document[] = [];
  for (const item of items) {
    const document = toDocument(item);
    if (document === undefined) return undefined;
    documents.push(document);
  }
  return documents;
}
