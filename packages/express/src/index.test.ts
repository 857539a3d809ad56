import { describe, expect, it } from 'vitest';
import * as publicApi from './index';

describe('@verdict/express public surface', () => {
  // A change here is a public API change: update the snapshot only on purpose.
  it('exports exactly these runtime names', () => {
    expect(Object.keys(publicApi).sort()).toMatchInlineSnapshot(`
      [
        "DEFAULT_FEEDBACK_TOKEN_TTL_MS",
        "createTraceWriter",
        "createVerdictSpanProcessor",
        "currentTraceId",
        "instrumentOpenAI",
        "lastTraceId",
        "runWithTraceWriter",
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
