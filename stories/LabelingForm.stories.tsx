import type { Meta, StoryObj } from '@storybook/react-vite';
import { LabelingForm } from '@verdict/react';
import { expect, fn, userEvent, within } from 'storybook/test';
import { ALL_KINDS, CORRECT, EXPECTED_FACTS, EXPECTED_RESPONSE, HELPFULNESS, ISSUES } from './labeling-schemas';

const meta = {
  title: 'Review/LabelingForm',
  component: LabelingForm,
  args: { schemas: ALL_KINDS, onSubmit: fn(), onSkip: fn() },
  parameters: { layout: 'padded' },
} satisfies Meta<typeof LabelingForm>;
export default meta;

type Story = StoryObj<typeof meta>;

/** A categorical question: a radio group (digits 1–3 pick in a queue), with a comment box. */
export const Categorical: Story = { args: { schemas: [CORRECT] } };

/** A categorical-list question: checkboxes. */
export const CategoricalList: Story = { args: { schemas: [ISSUES], defaultValues: { issues: { value: ['missing facts'] } } } };

/** A numeric question with both bounds: a number input and a slider, kept in sync. */
export const Numeric: Story = { args: { schemas: [HELPFULNESS], defaultValues: { helpfulness: { value: 4 } } } };

/** A text question: a textarea with a live character counter against `max_length`. */
export const Text: Story = { args: { schemas: [EXPECTED_RESPONSE], defaultValues: { expected_response: { value: 'Standard shipping takes 3 to 5 business days.' } } } };

/** A text-list question: rows with remove buttons and "Add row", up to `max_count`. */
export const TextList: Story = {
  args: { schemas: [EXPECTED_FACTS], defaultValues: { expected_facts: { value: ['Standard: 3 to 5 business days', 'Express: next business day'] } } },
};

/** Every input kind in one form, as a session with five questions shows it. */
export const AllKinds: Story = {};

/** Submitted with nothing answered and one value out of range: every message, tied to its question. */
export const ValidationErrors: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('spinbutton', { name: 'Helpfulness' }), '9');
    await userEvent.click(canvas.getByRole('button', { name: 'Submit' }));
    await expect(await canvas.findByText('Must be at most 5')).toBeTruthy();
  },
};

/** Earlier answers shown without controls to change them. */
export const ReadOnly: Story = {
  args: {
    readOnly: true,
    defaultValues: {
      correct: { value: 'partly', comment: 'Misses express shipping.' },
      issues: { value: ['missing facts'] },
      helpfulness: { value: 3 },
      expected_response: { value: 'Standard shipping takes 3 to 5 business days; express arrives the next business day.' },
      expected_facts: { value: ['Standard: 3 to 5 business days'] },
    },
  },
};
