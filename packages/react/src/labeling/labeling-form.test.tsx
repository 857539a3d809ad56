import type { LabelSchema } from '@verdict/core';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectAccessible } from '../test-support/axe';
import { LabelingForm } from './labeling-form';
import { LabelingFormParts } from './labeling-form-parts';
import type { LabelingFormHandle } from './labeling-form';

afterEach(cleanup);

const tone: LabelSchema = {
  name: 'tone',
  type: 'feedback',
  title: 'Tone of the answer',
  instruction: 'How does it sound to a customer?',
  enable_comment: true,
  input: { kind: 'categorical', options: ['friendly', 'neutral', 'rude'] },
};
const issues: LabelSchema = { name: 'issues', type: 'feedback', title: 'Problems', input: { kind: 'categorical_list', options: ['wrong', 'incomplete', 'off-topic'] } };
const score: LabelSchema = { name: 'score', type: 'feedback', title: 'Score', input: { kind: 'numeric', min_value: 1, max_value: 5 } };
const answer: LabelSchema = { name: 'expected_response', type: 'expectation', title: 'Expected answer', input: { kind: 'text', max_length: 20 } };
const facts: LabelSchema = { name: 'expected_facts', type: 'expectation', title: 'Facts', input: { kind: 'text_list', max_count: 3, max_length_each: 10 } };

function renderForm(schemas: LabelSchema[], extra: Partial<Parameters<typeof LabelingForm>[0]> = {}) {
  const onSubmit = vi.fn();
  const onSkip = vi.fn();
  const ref = createRef<LabelingFormHandle>();
  const view = render(<LabelingForm ref={ref} schemas={schemas} onSubmit={onSubmit} onSkip={onSkip} {...extra} />);
  return { ...view, onSubmit, onSkip, ref, user: userEvent.setup() };
}

const submit = () => screen.getByRole('button', { name: 'Submit' });

describe('LabelingForm: categorical', () => {
  it('asks with a radio group, refuses no choice with a tied message, then submits the choice and comment', async () => {
    const { container, onSubmit, user } = renderForm([tone]);
    const group = screen.getByRole('radiogroup', { name: 'Tone of the answer' });
    expect(within(group).getAllByRole('radio')).toHaveLength(3);
    expect(screen.getByText('How does it sound to a customer?')).toBeTruthy();

    await user.click(submit());
    expect(onSubmit).not.toHaveBeenCalled();
    const message = screen.getByText('Choose one of "friendly", "neutral", "rude"');
    expect(group.getAttribute('aria-invalid')).toBe('true');
    expect(group.getAttribute('aria-describedby')?.split(' ')).toContain(message.id);
    await expectAccessible(container);

    await user.click(screen.getByRole('radio', { name: /neutral/ }));
    // Validation re-runs on change once the form was submitted: the message goes at once.
    expect(screen.queryByText(/Choose one of/)).toBeNull();
    expect(group.getAttribute('aria-invalid')).toBe('false');
    await user.type(screen.getByLabelText('Comment (optional) on Tone of the answer'), 'a bit flat');
    await user.click(submit());
    expect(onSubmit).toHaveBeenCalledWith({ tone: 'neutral' }, { tone: 'a bit flat' });
    await expectAccessible(container);
  });
});

describe('LabelingForm: categorical_list', () => {
  it('asks with checkboxes, needs at least one, and submits the checked options in schema order', async () => {
    const { container, onSubmit, user } = renderForm([issues]);
    const group = screen.getByRole('group', { name: 'Problems' });
    await user.click(submit());
    expect(screen.getByText('Choose at least one option')).toBeTruthy();
    expect(group.getAttribute('aria-invalid')).toBe('true');
    await user.click(screen.getByRole('checkbox', { name: /off-topic/ }));
    await user.click(screen.getByRole('checkbox', { name: /wrong/ }));
    expect(screen.getByRole('checkbox', { name: /wrong/ }).closest('label')?.dataset.state).toBe('checked');
    await user.click(submit());
    expect(onSubmit).toHaveBeenCalledWith({ issues: ['wrong', 'off-topic'] }, {});
    await expectAccessible(container);
  });
});

describe('LabelingForm: numeric', () => {
  it('bounds the number, shows the bounds, refuses out-of-range values and keeps the slider in sync', async () => {
    const { container, onSubmit, user } = renderForm([score]);
    const number = screen.getByRole('spinbutton', { name: 'Score' }) as HTMLInputElement;
    const slider = screen.getByRole('slider', { name: 'Score (slider)' }) as HTMLInputElement;
    expect([number.min, number.max]).toEqual(['1', '5']);
    expect(screen.getByText('Between 1 and 5').id).toBe(number.getAttribute('aria-describedby')?.split(' ')[0]);
    expect(slider.dataset.state).toBe('unset');

    await user.click(submit());
    expect(screen.getByText('Enter a number')).toBeTruthy();
    await user.type(number, '7');
    expect(screen.getByText('Must be at most 5')).toBeTruthy();
    expect(number.getAttribute('aria-invalid')).toBe('true');
    expect(slider.value).toBe('5'); // a range input clamps what it shows; the answer stays 7
    await expectAccessible(container);

    fireEvent.change(slider, { target: { value: '2' } });
    expect(number.value).toBe('2');
    expect(slider.dataset.state).toBe('set');
    await waitFor(() => expect(screen.queryByText(/Must be at/)).toBeNull());
    await user.clear(number);
    await user.type(number, '4');
    expect(slider.value).toBe('4');
    await user.click(submit());
    expect(onSubmit).toHaveBeenCalledWith({ score: 4 }, {});
  });

  it('has no slider when a bound is missing', () => {
    renderForm([{ ...score, input: { kind: 'numeric', min_value: 0 } }]);
    expect(screen.queryByRole('slider')).toBeNull();
    expect(screen.getByText('At least 0')).toBeTruthy();
  });
});

describe('LabelingForm: text', () => {
  it('counts characters live against max_length and refuses blank or too long text', async () => {
    const { container, onSubmit, user } = renderForm([answer]);
    const box = screen.getByRole('textbox', { name: 'Expected answer' });
    const counter = container.querySelector('.vd-label-counter') as HTMLElement;
    expect(counter.textContent).toBe('0 / 20 characters');
    expect(box.getAttribute('aria-describedby')).toContain(counter.id);

    await user.type(box, '   ');
    await user.click(submit());
    expect(screen.getByText('Write an answer')).toBeTruthy();
    await user.clear(box);
    await user.type(box, 'Three to five business days');
    expect(counter.textContent).toBe('27 / 20 characters');
    expect(counter.dataset.state).toBe('over');
    expect(screen.getByText('Must be at most 20 characters')).toBeTruthy();
    expect(box.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(container);

    await user.clear(box);
    await user.type(box, '3 to 5 days');
    expect(counter.dataset.state).toBe('within');
    await user.click(submit());
    expect(onSubmit).toHaveBeenCalledWith({ expected_response: '3 to 5 days' }, {});
  });
});

describe('LabelingForm: text_list', () => {
  it('adds and removes rows up to max_count, checks each row, and Enter adds the next row', async () => {
    const { container, onSubmit, user } = renderForm([facts]);
    const row = (n: number) => screen.getByRole('textbox', { name: `Facts, row ${n}` });
    expect(screen.getAllByRole('textbox')).toHaveLength(1);

    await user.click(submit());
    expect(screen.getByText('A row must not be empty')).toBeTruthy();
    expect(row(1).getAttribute('aria-invalid')).toBe('true');

    await user.type(row(1), 'ships free{Enter}');
    expect(document.activeElement).toBe(row(2));
    await user.type(row(2), 'way too long a fact');
    expect(screen.getByText('Each row must be at most 10 characters')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Add row' }));
    expect(screen.getAllByRole('textbox')).toHaveLength(3);
    expect(document.activeElement).toBe(row(3));
    expect((screen.getByRole('button', { name: 'Add row' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('3 / 3 rows')).toBeTruthy();
    await user.type(row(3), 'EU only');
    await expectAccessible(container);

    await user.click(screen.getByRole('button', { name: 'Remove row 2' }));
    expect(screen.getAllByRole('textbox').map((box) => (box as HTMLInputElement).value)).toEqual(['ships free', 'EU only']);
    expect(screen.queryByText(/Each row must be/)).toBeNull();
    await user.click(submit());
    expect(onSubmit).toHaveBeenCalledWith({ expected_facts: ['ships free', 'EU only'] }, {});
  });
});

describe('LabelingForm: the whole form', () => {
  it('focuses the first invalid question on a failed submit and shows earlier answers', async () => {
    const { user } = renderForm([tone, score], { defaultValues: { tone: { value: 'rude', comment: 'harsh' } } });
    expect((screen.getByRole('radio', { name: /rude/ }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('Comment (optional) on Tone of the answer') as HTMLTextAreaElement).value).toBe('harsh');
    await user.click(submit());
    expect(document.activeElement).toBe(screen.getByRole('spinbutton', { name: 'Score' }));
  });

  it('skips, marks itself dirty, guards unloading while dirty, and shows a refused submit', async () => {
    const onDirtyChange = vi.fn();
    const failing = vi.fn().mockRejectedValue(new Error('The server is down'));
    const { container, onSkip, user } = renderForm([tone], { onDirtyChange, onSubmit: failing });
    const form = container.querySelector('form') as HTMLFormElement;
    const unload = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(unload()).toBe(false);
    await user.click(screen.getByRole('radio', { name: /friendly/ }));
    expect(form.dataset.dirty).toBe('');
    expect(onDirtyChange).toHaveBeenLastCalledWith(true);
    expect(unload()).toBe(true);
    await user.click(submit());
    expect(failing).toHaveBeenCalledWith({ tone: 'friendly' }, {});
    expect(screen.getByRole('alert').textContent).toBe('The server is down');
    expect(form.dataset.dirty).toBe('');
    await expectAccessible(container);
    await user.click(screen.getByRole('button', { name: 'Skip' }));
    expect(onSkip).toHaveBeenCalledTimes(1);
  });

  it('is not dirty after a submit that succeeded', async () => {
    const { container, user } = renderForm([tone]);
    await user.click(screen.getByRole('radio', { name: /friendly/ }));
    await user.click(submit());
    expect((container.querySelector('form') as HTMLFormElement).dataset.dirty).toBeUndefined();
  });

  it('read-only: shows the answers, disables every control, offers no buttons', () => {
    renderForm([tone, facts], { readOnly: true, defaultValues: { tone: { value: 'neutral' }, expected_facts: { value: ['a', 'b'] } } });
    expect(screen.queryByRole('button', { name: 'Submit' })).toBeNull();
    expect((screen.getByRole('radio', { name: /neutral/ }) as HTMLInputElement).checked).toBe(true);
    for (const box of screen.getAllByRole('textbox')) expect(box.matches(':disabled')).toBe(true);
  });

  it('picks options by number through its handle, in the focused or the first categorical question', async () => {
    const second: LabelSchema = { ...tone, name: 'verdict', title: 'Verdict', enable_comment: false, input: { kind: 'categorical', options: ['pass', 'fail'] } };
    const { ref, onSubmit } = renderForm([issues, tone, second]);
    const pick = (n: number) => {
      let picked: boolean | undefined;
      act(() => {
        picked = ref.current?.pickOption(n);
      });
      return picked;
    };
    expect(pick(2)).toBe(true);
    expect((screen.getByRole('radio', { name: /neutral/ }) as HTMLInputElement).checked).toBe(true);
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: /neutral/ }));
    screen.getByRole('radio', { name: /pass/ }).focus();
    pick(2);
    expect((screen.getByRole('radio', { name: /fail/ }) as HTMLInputElement).checked).toBe(true);
    screen.getByRole('checkbox', { name: /wrong/ }).focus();
    pick(3);
    expect(pick(4)).toBe(false);
    expect(ref.current?.isDirty()).toBe(true);
    await act(() => ref.current?.submit());
    expect(onSubmit).toHaveBeenCalledWith({ issues: ['off-topic'], tone: 'neutral', verdict: 'fail' }, {});
  });
});

describe('LabelingFormParts (headless)', () => {
  it('composes into a custom form with the same validation, data-* state and submit', async () => {
    const onSubmit = vi.fn();
    const user = userEvent.setup();
    const { container } = render(
      <LabelingFormParts.Root schemas={[score, tone]} onSubmit={onSubmit} aria-label="Custom labels" className="mine">
        <LabelingFormParts.Question index={1} />
        <LabelingFormParts.Question index={0} />
        <LabelingFormParts.Error />
        <LabelingFormParts.Submit>Save</LabelingFormParts.Submit>
      </LabelingFormParts.Root>,
    );
    const form = screen.getByRole('form', { name: 'Custom labels' });
    expect(form.dataset.state).toBe('idle');
    // The questions render in the order the parts are placed.
    expect([...container.querySelectorAll('[data-label-question]')].map((question) => question.getAttribute('data-kind'))).toEqual(['categorical', 'numeric']);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(container.querySelectorAll('[data-invalid]')).toHaveLength(2);
    await user.click(screen.getByRole('radio', { name: /rude/ }));
    await user.type(screen.getByRole('spinbutton', { name: 'Score' }), '3');
    expect(form.dataset.dirty).toBe('');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit).toHaveBeenCalledWith({ score: 3, tone: 'rude' }, {});
    await expectAccessible(container);
  });

  it('refuses to render a part outside its root', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => render(<LabelingFormParts.Submit />)).toThrow('<LabelingForm.Submit> must be inside <LabelingForm.Root>.');
    vi.restoreAllMocks();
  });
});
