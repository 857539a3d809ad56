import type { Document } from '@verdict/core';

const STOP_WORDS = new Set(['a', 'an', 'and', 'are', 'can', 'do', 'does', 'for', 'how', 'i', 'in', 'is', 'it', 'my', 'of', 'on', 'or', 'the', 'to', 'what', 'when', 'with', 'you']);

/** Lower-case content words of a text, for keyword matching. */
export function keywords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 1 && !STOP_WORDS.has(word));
}

/**
 * Ranks documents by how many of the query's keywords they contain (a stand-in for a vector
 * search: deterministic, dependency-free, good enough to ground the demo).
 */
export function rankDocuments(query: string[], corpus: readonly Document[], limit: number): Document[] {
  const wanted = new Set(query);
  return corpus
    .map((document, index) => {
      const words = new Set(keywords(`${String(document.metadata.title ?? '')} ${document.page_content}`));
      let score = 0;
      for (const word of wanted) if (words.has(word) || words.has(word.replace(/s$/, ''))) score += 1;
      return { document, score, index };
    })
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, limit)
    .map((entry) => entry.document);
}
