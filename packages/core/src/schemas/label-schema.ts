import * as z from 'zod/mini';

const name = () => z.string().check(z.minLength(1), z.maxLength(256));
const options = () =>
  z.array(z.string().check(z.minLength(1), z.maxLength(256))).check(
    z.minLength(1),
    z.refine((list) => new Set(list).size === list.length, 'options must be distinct'),
  );
const positiveInt = () => z.number().check(z.int(), z.positive());

/** The kind of answer a label schema asks for, with its bounds. */
export const LabelInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('categorical'), options: options() }),
  z.strictObject({ kind: z.literal('categorical_list'), options: options() }),
  z
    .strictObject({ kind: z.literal('numeric'), min_value: z.optional(z.number()), max_value: z.optional(z.number()) })
    .check(
      z.refine((input) => input.min_value === undefined || input.max_value === undefined || input.min_value <= input.max_value, {
        message: 'min_value must not exceed max_value',
        path: ['min_value'],
      }),
    ),
  z.strictObject({ kind: z.literal('text'), max_length: z.optional(positiveInt()) }),
  z.strictObject({ kind: z.literal('text_list'), max_length_each: z.optional(positiveInt()), max_count: z.optional(positiveInt()) }),
]);
export type LabelInput = z.infer<typeof LabelInputSchema>;

/** One structured question reviewers answer: its label becomes a feedback or an expectation. */
export const LabelSchemaSchema = z.strictObject({
  name: name(),
  type: z.enum(['feedback', 'expectation']),
  title: z.string().check(z.minLength(1), z.maxLength(1000)),
  instruction: z.optional(z.string().check(z.maxLength(10_000))),
  enable_comment: z.optional(z.boolean()),
  input: LabelInputSchema,
});
export type LabelSchema = z.infer<typeof LabelSchemaSchema>;

/** `POST /label-schemas`: a schema, replacing an existing one of that name only with `overwrite`. */
export const CreateLabelSchemaBodySchema = z.strictObject({
  ...LabelSchemaSchema.shape,
  overwrite: z.optional(z.boolean()),
});
export type CreateLabelSchemaBody = z.infer<typeof CreateLabelSchemaBodySchema>;

/** `PATCH /label-schemas/:name`: edits in place; a change that would break existing labels is refused. */
export const UpdateLabelSchemaBodySchema = z.strictObject({
  title: z.optional(LabelSchemaSchema.shape.title),
  instruction: z.optional(LabelSchemaSchema.shape.instruction),
  enable_comment: z.optional(z.boolean()),
  input: z.optional(LabelInputSchema),
});
export type UpdateLabelSchemaBody = z.infer<typeof UpdateLabelSchemaBodySchema>;

/** `GET /label-schemas`. */
export const ListLabelSchemasResponseSchema = z.object({ label_schemas: z.array(LabelSchemaSchema) });
export type ListLabelSchemasResponse = z.infer<typeof ListLabelSchemasResponseSchema>;

/** The schemas every store starts with (MLflow's built-in names). */
export const BUILT_IN_LABEL_SCHEMAS: readonly LabelSchema[] = [
  {
    name: 'guidelines',
    type: 'expectation',
    title: 'Guidelines the answer must follow',
    instruction: 'One guideline per row, each a rule a good answer obeys.',
    input: { kind: 'text_list' },
  },
  {
    name: 'expected_facts',
    type: 'expectation',
    title: 'Facts a correct answer contains',
    instruction: 'One fact per row.',
    input: { kind: 'text_list' },
  },
  {
    name: 'expected_response',
    type: 'expectation',
    title: 'The answer it should have given',
    input: { kind: 'text' },
  },
];
