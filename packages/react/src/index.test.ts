import { describe, expect, it } from 'vitest';
import * as api from './index';

describe('@verdict/react public API', () => {
  it('exports exactly the curated names (change this list deliberately)', () => {
    expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
      [
        "ChatMessage",
        "Feedback",
        "FeedbackButtons",
        "FeedbackComment",
        "FeedbackNegative",
        "FeedbackPositive",
        "FeedbackRoot",
        "StarRating",
        "StreamingChat",
        "VerdictProvider",
        "useFeedback",
        "useFeedbackPart",
        "useImplicitFeedback",
        "useRating",
        "useStreamingChat",
        "useVerdictClient",
      ]
    `);
  });
});
