import { describe, expect, it } from 'vitest';
import * as publicApi from './index';

describe('@verdict/express public surface', () => {
  // A change here is a public API change: update the snapshot only on purpose.
  it('exports exactly these runtime names', () => {
    expect(Object.keys(publicApi).sort()).toMatchInlineSnapshot(`
      [
        "BUILT_IN_SCORER_NAMES",
        "DEFAULT_FEEDBACK_TOKEN_TTL_MS",
        "EVALUATION_TAG",
        "EVAL_ROW_TAG",
        "PII_PATTERNS",
        "REDACTED",
        "containsAll",
        "correctness",
        "createAdaptiveThrottle",
        "createTraceWriter",
        "createVerdictSpanProcessor",
        "currentTraceId",
        "evaluate",
        "exactMatch",
        "guidelines",
        "instrumentOpenAI",
        "lastTraceId",
        "latencyUnder",
        "redactPatterns",
        "redactingStore",
        "relevanceToQuery",
        "retrievalGroundedness",
        "retrievalRelevance",
        "runWithTraceWriter",
        "safety",
        "scorer",
        "signFeedbackToken",
        "startSpan",
        "trace",
        "updateCurrentTrace",
        "verdict",
        "verifyFeedbackToken",
        "withSpan",
      ]
    `);
  });
});
