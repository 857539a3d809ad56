import type { Decorator } from '@storybook/react-vite';
import { VerdictProvider } from '@verdict/react';
import { useState } from 'react';
import { scriptedEvalFetch } from './fake-eval-transport';
import type { EvalScript } from './fake-eval-transport';
import { scriptedReviewFetch } from './fake-review-transport';
import type { ReviewScript } from './fake-review-transport';
import { scriptedTraceFetch } from './fake-trace-transport';
import type { TraceScript } from './fake-trace-transport';
import { scriptedFetch } from './fake-transport';
import type { TransportScript } from './fake-transport';
import { scriptedTracesFetch } from './fake-traces-transport';
import type { TracesScript } from './fake-traces-transport';

/**
 * Wraps a story in a provider whose `fetch` is `createFetch()`: no server, the same answers every run.
 * @example decorators: [withScriptedFetch(() => scriptedFetch({ writes: 'pending' }))]
 */
export function withScriptedFetch(createFetch: () => typeof globalThis.fetch): Decorator {
  return function WithScriptedFetch(Story) {
    // One transport per mount, so a remount (or the next test) starts from the script again.
    const [fetch] = useState(createFetch);
    return (
      <VerdictProvider baseUrl="/api" fetch={fetch}>
        <Story />
      </VerdictProvider>
    );
  };
}

/**
 * The chat and feedback routes from a script.
 * @example decorators: [withTransport({ writes: { error: 'Feedback service is down' } })]
 */
export const withTransport = (script: TransportScript) => withScriptedFetch(() => scriptedFetch(script));

/**
 * The evaluation routes from a script.
 * @example decorators: [withEvalTransport({ runs: [fixtureRun({ rows })] })]
 */
export const withEvalTransport = (script: EvalScript) => withScriptedFetch(() => scriptedEvalFetch(script));

/**
 * The labeling routes from a script.
 * @example decorators: [withReviewTransport({ sessionName: 'Demo', schemas, queue: 3 })]
 */
export const withReviewTransport = (script: ReviewScript) => withScriptedFetch(() => scriptedReviewFetch(script));

/**
 * The trace and assessment routes from a script.
 * @example decorators: [withTraceTransport({ traces: [ragTrace()] })]
 */
export const withTraceTransport = (script: TraceScript) => withScriptedFetch(() => scriptedTraceFetch(script));

/**
 * The trace list and summary routes from a script.
 * @example decorators: [withTracesTransport({ traces: storyRows(40) })]
 */
export const withTracesTransport = (script: TracesScript) => withScriptedFetch(() => scriptedTracesFetch(script));
