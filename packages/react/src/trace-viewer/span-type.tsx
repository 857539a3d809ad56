import type { SpanType } from '@verdict/core';

/** How a span type is shown: a decorative icon and the words a screen reader hears. */
export interface SpanTypeLook {
  icon: string;
  label: string;
}

const LOOKS: Record<SpanType, SpanTypeLook> = {
  LLM: { icon: '🧠', label: 'LLM' },
  CHAT_MODEL: { icon: '💬', label: 'Chat model' },
  RETRIEVER: { icon: '🔎', label: 'Retriever' },
  TOOL: { icon: '🔧', label: 'Tool' },
  AGENT: { icon: '🤖', label: 'Agent' },
  CHAIN: { icon: '🔗', label: 'Chain' },
  EMBEDDING: { icon: '🧮', label: 'Embedding' },
  RERANKER: { icon: '📶', label: 'Reranker' },
  PARSER: { icon: '📄', label: 'Parser' },
  UNKNOWN: { icon: '◻️', label: 'Span' },
};

/**
 * The icon and label of a span type; types a newer server invents fall back to `UNKNOWN`'s.
 * @example spanTypeLook('RETRIEVER') // { icon: '🔎', label: 'Retriever' }
 */
export function spanTypeLook(type: string): SpanTypeLook {
  return LOOKS[type as SpanType] ?? LOOKS.UNKNOWN;
}

/**
 * The span type as a small badge: icon hidden from screen readers, label kept.
 * @example <SpanTypeBadge type="RETRIEVER" /> // 🔎 Retriever
 */
export function SpanTypeBadge({ type }: { type: string }) {
  const look = spanTypeLook(type);
  return (
    <span className="vd-span-type" data-type={type}>
      <span aria-hidden="true">{look.icon}</span> {look.label}
    </span>
  );
}
