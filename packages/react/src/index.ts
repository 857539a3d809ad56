export { VerdictProvider, useVerdictClient } from './verdict-provider';
export type { VerdictProviderProps } from './verdict-provider';

export { useStreamingChat } from './use-streaming-chat';
export type { UseStreamingChatOptions, UseStreamingChatResult } from './use-streaming-chat';
export { StreamingChat } from './streaming-chat';
export type { StreamingChatProps, StreamingChatLabels } from './streaming-chat';
export { ChatMessage } from './chat-message';
export type { ChatMessageProps } from './chat-message';

export { useFeedback } from './use-feedback';
export type { UseFeedbackOptions, UseFeedbackResult, FeedbackStatus, FeedbackSubmission } from './use-feedback';
export type { FeedbackConnectionProps } from './use-feedback-client';
export { Feedback, FeedbackRoot, FeedbackPositive, FeedbackNegative, FeedbackComment, useFeedbackPart } from './feedback';
export type { FeedbackRootProps, FeedbackVoteProps, FeedbackCommentProps } from './feedback';
export { FeedbackButtons } from './feedback-buttons';
export type { FeedbackButtonsProps, FeedbackLabels } from './feedback-buttons';
export { useRating } from './use-rating';
export type { UseRatingOptions, UseRatingResult } from './use-rating';
export { StarRating } from './star-rating';
export type { StarRatingProps } from './star-rating';
export { useImplicitFeedback } from './use-implicit-feedback';
export type { UseImplicitFeedbackOptions, ImplicitFeedbackName } from './use-implicit-feedback';
