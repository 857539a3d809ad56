// The label schemas the labeling stories ask: one of each input kind.
import type { LabelSchema } from '@verdict/core';

export const CORRECT: LabelSchema = {
  name: 'correct',
  type: 'feedback',
  title: 'Is the answer correct?',
  instruction: 'Judge it against the retrieved documents only.',
  enable_comment: true,
  input: { kind: 'categorical', options: ['yes', 'partly', 'no'] },
};
export const ISSUES: LabelSchema = {
  name: 'issues',
  type: 'feedback',
  title: 'What is wrong with it?',
  input: { kind: 'categorical_list', options: ['wrong facts', 'missing facts', 'off topic', 'tone'] },
};
export const HELPFULNESS: LabelSchema = {
  name: 'helpfulness',
  type: 'feedback',
  title: 'Helpfulness',
  instruction: '1 = useless, 5 = exactly what the customer needed.',
  input: { kind: 'numeric', min_value: 1, max_value: 5 },
};
export const EXPECTED_RESPONSE: LabelSchema = {
  name: 'expected_response',
  type: 'expectation',
  title: 'The answer it should have given',
  input: { kind: 'text', max_length: 280 },
};
export const EXPECTED_FACTS: LabelSchema = {
  name: 'expected_facts',
  type: 'expectation',
  title: 'Facts a correct answer contains',
  instruction: 'One fact per row. Enter adds a row.',
  input: { kind: 'text_list', max_count: 5, max_length_each: 120 },
};

export const ALL_KINDS: LabelSchema[] = [CORRECT, ISSUES, HELPFULNESS, EXPECTED_RESPONSE, EXPECTED_FACTS];
