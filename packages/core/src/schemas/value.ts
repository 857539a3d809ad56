import * as z from 'zod/mini';

/** Any JSON value (objects, arrays, strings, finite numbers, booleans, null). */
export const JsonValueSchema = z.json();
export type JsonValue = z.infer<typeof JsonValueSchema>;

/** A JSON object. */
export const JsonObjectSchema = z.record(z.string(), JsonValueSchema);
export type JsonObject = z.infer<typeof JsonObjectSchema>;

/**
 * The value of a feedback or expectation: boolean, number, string, list of strings, or a JSON object.
 * Anything else (null, nested lists of numbers, ...) is refused so every store can round-trip it.
 */
export const AssessmentValueSchema = z.union([
  z.boolean(),
  z.number().check(z.refine(Number.isFinite, 'must be a finite number')),
  z.string(),
  z.array(z.string()),
  JsonObjectSchema,
]);
export type AssessmentValue = z.infer<typeof AssessmentValueSchema>;

/** String → string maps (trace tags and metadata). */
export const StringMapSchema = z.record(z.string(), z.string());
export type StringMap = z.infer<typeof StringMapSchema>;
