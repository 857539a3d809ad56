// `@verdict/core/feedback`: what a feedback widget needs and no more — no zod, so a page that
// only shows thumbs does not download a schema library (answers are checked by hand-written guards).
export { createFeedbackClient } from './client/create-feedback-client';
export type { FeedbackClient } from './client/create-feedback-client';
export type { ClientOptions, RequestOptions, FeedbackRequestOptions, SendFeedbackInput, LogFeedbackInput, DetailedFeedbackInput } from './client/verdict-client';
export type { HeadersOption } from './client/send';
export { HttpError } from './client/http-error';
export type { HttpErrorCode, HttpErrorOptions } from './client/http-error';
export { IDEMPOTENCY_KEY_HEADER } from './schemas/idempotency';
