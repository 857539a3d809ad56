import type { Document, JsonValue } from '@verdict/core';
import { documentTitle } from './documents';
import { FoldedText } from './folded-text';
import { JsonTree } from './json-tree';

/** Props of {@link DocumentsView}. */
export interface DocumentsViewProps {
  documents: readonly Document[];
  /** Characters of content shown before "Show more". @default 300 */
  foldAt?: number;
  className?: string;
}

/**
 * Retrieved documents as a list: title from `doc_uri`, the content (folded), the metadata.
 * Everything is rendered as text. Reused by the labeling views.
 * @example <DocumentsView documents={retrievedDocuments(span.outputs) ?? []} />
 */
export function DocumentsView({ documents, foldAt = 300, className }: DocumentsViewProps) {
  return (
    <ol className={['vd-documents', className].filter(Boolean).join(' ')} aria-label={`${documents.length} retrieved ${documents.length === 1 ? 'document' : 'documents'}`}>
      {documents.map((document, index) => {
        const { doc_uri, ...metadata } = document.metadata;
        return (
          <li key={document.id ?? index} className="vd-document">
            <h4 className="vd-document__title">{documentTitle(document, index)}</h4>
            {typeof doc_uri === 'string' && <p className="vd-document__uri">{doc_uri}</p>}
            <p className="vd-document__content">
              <FoldedText text={document.page_content} limit={foldAt} />
            </p>
            {Object.keys(metadata).length > 0 && <JsonTree value={metadata as JsonValue} label={`Metadata of ${documentTitle(document, index)}`} defaultOpenDepth={1} />}
          </li>
        );
      })}
    </ol>
  );
}
