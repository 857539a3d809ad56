import { composeStories, setProjectAnnotations } from '@storybook/react-vite';
import { cleanup, render, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import preview from '../.storybook/preview';
import * as feedbackStories from './FeedbackButtons.stories';
import * as chatStories from './StreamingChat.stories';

// The same global config Storybook applies, so a story renders here as it does there.
setProjectAnnotations(preview);
afterEach(cleanup);

const feedback = composeStories(feedbackStories);
const chat = composeStories(chatStories);

type Composed = (typeof feedback)[keyof typeof feedback] | (typeof chat)[keyof typeof chat];

/** Renders a story with Testing Library and runs its play function, as Storybook would. */
async function show(Story: Composed): Promise<HTMLElement> {
  const { container } = render(<Story />);
  await Story.play?.({ canvasElement: container });
  return container;
}

async function expectAccessible(container: Element): Promise<void> {
  // jsdom computes no colours; contrast is left to Storybook in a real browser.
  const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`)).toEqual([]);
}

type Check = (container: HTMLElement) => Promise<void> | void;

const pressed = (name: string) => screen.getByRole('button', { name }).getAttribute('aria-pressed');

/** What each story's name promises, checked after it rendered and played. */
const feedbackChecks: Record<keyof typeof feedback, Check> = {
  Idle: () => {
    expect([pressed('Good answer'), pressed('Bad answer')]).toEqual(['false', 'false']);
    expect((screen.getByRole('button', { name: 'Good answer' }) as HTMLButtonElement).disabled).toBe(false);
  },
  VotedUp: async () => {
    await screen.findByText('Thanks for your feedback');
    expect(pressed('Good answer')).toBe('true');
  },
  VotedDownWithComment: () => {
    expect(pressed('Bad answer')).toBe('true');
    expect((screen.getByLabelText('Tell us more (optional)') as HTMLTextAreaElement).value).toBe('The year is wrong');
    expect(screen.getByText('Thanks for your feedback')).toBeTruthy();
  },
  Submitting: () => {
    expect(screen.getByRole('group').dataset.state).toBe('submitting');
    expect(pressed('Good answer')).toBe('true');
  },
  Failed: () => {
    expect(screen.getByRole('alert').textContent).toBe('Feedback service is down');
    expect(pressed('Bad answer')).toBe('false');
  },
  Disabled: () => {
    for (const name of ['Good answer', 'Bad answer']) expect((screen.getByRole('button', { name }) as HTMLButtonElement).disabled).toBe(true);
  },
  Stars: () => {
    expect(screen.getByRole('radio', { name: '4 of 5' }).getAttribute('aria-checked')).toBe('true');
    expect(screen.getAllByRole('radiogroup')).toHaveLength(1);
  },
  Dimensions: async () => {
    for (const name of ['Accuracy', 'Helpfulness', 'Relevance']) expect(screen.getByRole('radiogroup', { name })).toBeTruthy();
    await within(screen.getByRole('radiogroup', { name: 'Accuracy' })).findByRole('radio', { name: '5 of 5', checked: true });
  },
};

const assistantAnswers = (container: HTMLElement) => [...container.querySelectorAll<HTMLElement>('li[data-role="assistant"]')];

const chatChecks: Record<keyof typeof chat, Check> = {
  Empty: () => {
    expect(screen.queryAllByRole('listitem')).toEqual([]);
    expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
  },
  Streaming: (container) => {
    expect(container.querySelector('.vd-chat__status')?.textContent).toBe('Generating answer…');
    expect(screen.getByRole('button', { name: 'Stop' })).toBeTruthy();
    expect(assistantAnswers(container).at(-1)?.dataset.state).toBe('streaming');
  },
  FinishedWithFeedback: (container) => {
    const [answer] = assistantAnswers(container);
    expect(answer?.dataset.state).toBe('complete');
    expect(within(answer!).getByText('A span is one timed step.')).toBeTruthy();
    expect(within(answer!).getByRole('button', { name: 'Good answer' }).getAttribute('aria-pressed')).toBe('true');
  },
  StreamError: () => {
    expect(screen.getByRole('alert').textContent).toBe('The model is overloaded, try again');
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
  },
  LongConversation: (container) => {
    expect(screen.getAllByRole('listitem')).toHaveLength(8);
    expect(assistantAnswers(container).map((answer) => answer.dataset.state)).toEqual(['complete', 'complete', 'complete', 'complete']);
  },
};

/** One test per story: a story added without a check fails here instead of going untested. */
function testStories(title: string, stories: Record<string, Composed>, checks: Record<string, Check>): void {
  describe(`${title} stories`, () => {
    it('every story has a check', () => expect(Object.keys(checks).sort()).toEqual(Object.keys(stories).sort()));
    for (const [name, Story] of Object.entries(stories)) {
      it(`${Story.storyName} shows what its name says, accessibly`, async () => {
        const container = await show(Story);
        await checks[name]?.(container);
        await expectAccessible(container);
      });
    }
  });
}

testStories('FeedbackButtons', feedback, feedbackChecks);
testStories('StreamingChat', chat, chatChecks);
