import * as z from 'zod';
import { outputText } from './code-scorers';
import { JUDGE_PROMPTS, block } from './judge-prompts';
import { requestText, retrievedDocuments } from './row-text';
import type { Scorer, ScorerFeedback, ScorerInput } from './scorer';

const VerdictSchema = z.strictObject({ rationale: z.string(), value: z.boolean() });
const PerDocumentSchema = z.strictObject({ rationale: z.string(), value: z.array(z.boolean()) });

type Question = { user: string } | { missing: ScorerFeedback };

function missing(code: string, message: string): Question {
  return { missing: { error: { error_code: code, error_message: message } } };
}

/** A judge that asks one yes/no question about a row and reports `{ value, rationale }`. */
function booleanJudge(name: keyof typeof JUDGE_PROMPTS, question: (input: ScorerInput) => Question): Scorer {
  return {
    name,
    kind: 'judge',
    async score(input, { judge, signal }) {
      if (judge === undefined) return { error: { error_code: 'JUDGE_NOT_CONFIGURED', error_message: `${name} is an LLM judge: configure one with judge: { model, baseURL | client }` } };
      const asked = question(input);
      if ('missing' in asked) return asked.missing;
      const answer = await judge.ask({ name, system: JUDGE_PROMPTS[name], user: asked.user, schema: VerdictSchema }, signal);
      return answer.ok ? { value: answer.value.value, rationale: answer.value.rationale } : { error: answer.error };
    },
  };
}

function listText(values: readonly string[]): string {
  return values.map((value, index) => `${index + 1}. ${value}`).join('\n');
}

function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
  return undefined;
}

/**
 * `correctness`: is the answer right, against the row's `expected_response` or `expected_facts`?
 * A row with neither gets a `MISSING_EXPECTATION` error.
 * @example evaluate({ data: 'golden', predictFn, scorers: [correctness()], judge: { model: 'gpt-4.1-mini' } })
 */
export function correctness(): Scorer {
  return booleanJudge('correctness', ({ inputs, outputs, expectations }) => {
    const response = expectations.expected_response;
    const facts = stringList(expectations.expected_facts);
    if (response === undefined && facts === undefined) return missing('MISSING_EXPECTATION', 'correctness needs an expected_response or expected_facts expectation');
    const truth =
      response !== undefined
        ? block('expected_response', typeof response === 'string' ? response : JSON.stringify(response))
        : block('expected_facts', listText(facts ?? []));
    return { user: [block('request', requestText(inputs)), block('answer', outputText(outputs)), truth].join('\n\n') };
  });
}

/** Options of {@link guidelines}. */
export interface GuidelinesOptions {
  /** Guidelines for every row; a row's own `guidelines` expectation is added to them. */
  guidelines?: string | string[];
}

/**
 * `guidelines`: does the answer follow every guideline (global ones and the row's `guidelines` expectation)?
 * @example guidelines({ guidelines: ['Answer in English', 'Never promise refunds'] })
 */
export function guidelines(options: GuidelinesOptions = {}): Scorer {
  const global = stringList(options.guidelines) ?? [];
  return booleanJudge('guidelines', ({ inputs, outputs, expectations }) => {
    const all = [...global, ...(stringList(expectations.guidelines) ?? [])];
    if (all.length === 0) return missing('MISSING_EXPECTATION', 'guidelines needs guidelines: guidelines({ guidelines }) or a guidelines expectation on the row');
    return { user: [block('guidelines', listText(all)), block('request', requestText(inputs)), block('answer', outputText(outputs))].join('\n\n') };
  });
}

/**
 * `relevance_to_query`: does the answer address the request?
 * @example evaluate({ data, predictFn, scorers: [relevanceToQuery()], judge })
 */
export function relevanceToQuery(): Scorer {
  return booleanJudge('relevance_to_query', ({ inputs, outputs }) => ({
    user: [block('request', requestText(inputs)), block('answer', outputText(outputs))].join('\n\n'),
  }));
}

function documentsBlock(input: ScorerInput): string | undefined {
  const documents = retrievedDocuments(input.trace);
  if (documents.length === 0) return undefined;
  return block('documents', documents.map((document, index) => block(`document_${index + 1}`, document.page_content)).join('\n'));
}

/**
 * `retrieval_groundedness`: is the answer supported by the documents of the trace's RETRIEVER spans?
 * A row without retrieved documents gets a `MISSING_DOCUMENTS` error.
 * @example evaluate({ data: traces, scorers: [retrievalGroundedness()], judge })
 */
export function retrievalGroundedness(): Scorer {
  return booleanJudge('retrieval_groundedness', (input) => {
    const documents = documentsBlock(input);
    if (documents === undefined) return missing('MISSING_DOCUMENTS', 'retrieval_groundedness needs a trace with a RETRIEVER span that returned documents');
    return { user: [block('request', requestText(input.inputs)), documents, block('answer', outputText(input.outputs))].join('\n\n') };
  });
}

/**
 * `retrieval_relevance`: the share (0–1) of retrieved documents relevant to the request; the
 * rationale says which. A row without retrieved documents gets a `MISSING_DOCUMENTS` error.
 * @example evaluate({ data: traces, scorers: [retrievalRelevance()], judge })
 */
export function retrievalRelevance(): Scorer {
  const name = 'retrieval_relevance';
  return {
    name,
    kind: 'judge',
    async score(input, { judge, signal }) {
      if (judge === undefined) return { error: { error_code: 'JUDGE_NOT_CONFIGURED', error_message: `${name} is an LLM judge: configure one with judge: { model, baseURL | client }` } };
      const documents = retrievedDocuments(input.trace);
      const documentsText = documentsBlock(input);
      if (documentsText === undefined) return { error: { error_code: 'MISSING_DOCUMENTS', error_message: `${name} needs a trace with a RETRIEVER span that returned documents` } };
      const schema = PerDocumentSchema.refine((answer) => answer.value.length === documents.length, `value must hold one boolean per document (${documents.length})`);
      const answer = await judge.ask({ name, system: JUDGE_PROMPTS[name], user: [block('request', requestText(input.inputs)), documentsText].join('\n\n'), schema }, signal);
      if (!answer.ok) return { error: answer.error };
      const relevant = answer.value.value.filter(Boolean).length;
      return { value: relevant / documents.length, rationale: `${relevant} of ${documents.length} documents relevant. ${answer.value.rationale}` };
    },
  };
}

/**
 * `safety`: is the answer free of harmful content? (true = safe)
 * @example evaluate({ data: traces, scorers: [safety()], judge })
 */
export function safety(): Scorer {
  return booleanJudge('safety', ({ outputs }) => ({ user: block('answer', outputText(outputs)) }));
}
