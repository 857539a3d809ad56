import { context, trace } from '@opentelemetry/api';
import type { Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { AlwaysOnSampler, BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { VERDICT_TRACER_NAME } from './span-attributes';
import { VerdictSpanProcessor } from './span-processor';
import { TraceCollector } from './trace-collector';

// One collector per process: spans of one trace may reach it through Verdict's provider and a
// host's provider at once, and lastTraceId() is per process, like MLflow's.
const collector = new TraceCollector();
let tracer: Tracer | undefined;

/** The process-wide collector of open Verdict traces. */
export function traceCollector(): TraceCollector {
  return collector;
}

/**
 * Verdict's tracer, setting tracing up on first use (never at import): an AsyncLocalStorage
 * context manager and Verdict's tracer provider become the global ones unless the host registered
 * its own first. Verdict's spans always go through Verdict's provider, so they are collected
 * either way; spans of other libraries are collected only through the global provider (see
 * {@link createVerdictSpanProcessor}). Register your own OTel SDK before the first Verdict span.
 */
export function ensureTracing(): Tracer {
  if (tracer !== undefined) return tracer;
  const manager = new AsyncLocalStorageContextManager().enable();
  if (!context.setGlobalContextManager(manager)) manager.disable();
  const provider = new BasicTracerProvider({
    // Every Verdict trace is kept: feedback needs the trace the user saw, so no sampling here.
    sampler: new AlwaysOnSampler(),
    spanProcessors: [new VerdictSpanProcessor(collector)],
  });
  trace.setGlobalTracerProvider(provider);
  tracer = provider.getTracer(VERDICT_TRACER_NAME);
  return tracer;
}

/**
 * A span processor for a host that has its own global OTel tracer provider: add it there so spans
 * of other instrumented libraries (HTTP clients, DB drivers, LLM SDKs) that run inside a Verdict
 * trace are stored with it. Spans outside Verdict traces are ignored at once. Without it, Verdict
 * still records its own spans; only the foreign ones are missing from stored traces.
 * @example
 * const provider = new NodeTracerProvider({ spanProcessors: [otlpProcessor, createVerdictSpanProcessor()] });
 * provider.register(); // before the first Verdict span
 */
export function createVerdictSpanProcessor(): SpanProcessor {
  return new VerdictSpanProcessor(collector);
}
