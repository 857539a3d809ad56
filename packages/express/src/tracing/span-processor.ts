import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { TraceCollector } from './trace-collector';

/**
 * The OTel span processor feeding a {@link TraceCollector}. It does no I/O: finished traces go
 * to the writer of their context, so `forceFlush` has nothing of its own to wait for.
 */
export class VerdictSpanProcessor implements SpanProcessor {
  readonly #collector: TraceCollector;
  #failed = false;

  constructor(collector: TraceCollector) {
    this.#collector = collector;
  }

  onStart(span: Span, parentContext: Context): void {
    try {
      this.#collector.spanStarted(span, parentContext);
    } catch (error) {
      this.#report(error);
    }
  }

  onEnd(span: ReadableSpan): void {
    try {
      this.#collector.spanEnded(span);
    } catch (error) {
      this.#report(error);
    }
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }

  // Processors run inside span.start()/end(), on the host's request path: never throw there.
  #report(error: unknown): void {
    if (this.#failed) return;
    this.#failed = true;
    console.error('[verdict] the span processor failed (logged once):', error);
  }
}
