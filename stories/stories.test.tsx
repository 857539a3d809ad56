import { composeStories, setProjectAnnotations } from '@storybook/react-vite';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import preview from '../.storybook/preview';
import * as feedbackStories from './FeedbackButtons.stories';
import * as chatStories from './StreamingChat.stories';
import * as tracesTableStories from './TracesTable.stories';
import * as feedbackSummaryStories from './FeedbackSummary.stories';
import * as traceViewerStories from './TraceViewer.stories';
import * as evalResultsStories from './EvalResults.stories';
import * as labelingFormStories from './LabelingForm.stories';
import * as labelingQueueStories from './LabelingQueue.stories';
import * as createSessionStories from './CreateLabelingSessionForm.stories';

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

// TracesTable and FeedbackSummary stories (their own checks; cast because `Composed` names the first two files' types).
const tracesTable = composeStories(tracesTableStories);
const feedbackSummary = composeStories(feedbackSummaryStories);
const traceRows = (container: HTMLElement) => container.querySelectorAll('tbody tr[data-trace-id]');

const tracesTableChecks: Record<keyof typeof tracesTable, Check> = {
  WithAssessments: (container) => {
    expect(traceRows(container)).toHaveLength(12);
    for (const name of ['user_feedback', 'user_accuracy', 'tone', 'review_note']) expect(screen.getByRole('columnheader', { name: new RegExp(`^${name}`) })).toBeTruthy();
  },
  Selectable: (container) => expect(container.querySelectorAll('tr[aria-selected="true"]')).toHaveLength(12),
  Empty: () => expect(screen.getByText('No traces match these filters.')).toBeTruthy(),
  Loading: () => {
    expect(screen.getByRole('status').textContent).toBe('Loading traces…');
    expect(screen.getByRole('table').getAttribute('aria-busy')).toBe('true');
  },
  Failed: () => expect(screen.getByRole('alert').textContent).toBe('The trace store is unavailableRetry'),
  TenThousandRows: (container) => {
    expect(screen.getByRole('table').getAttribute('aria-rowcount')).toBe('10001');
    // Virtualised: a screenful of rows in the DOM, not 10,000.
    expect(traceRows(container).length).toBeGreaterThan(5);
    expect(traceRows(container).length).toBeLessThan(100);
  },
};

const figureOf = (name: string) => screen.getByText(name, { selector: 'dt' }).nextElementSibling?.textContent;

const feedbackSummaryChecks: Record<keyof typeof feedbackSummary, Check> = {
  Daily: () => {
    expect(figureOf('Traces')).toBe('2016');
    expect(screen.getByRole('img', { name: 'Feedback rate and positive rate per day' })).toBeTruthy();
    // A header and 15 UTC days: 14 × 24 hours back from 23:00 touch 15 dates.
    expect(screen.getAllByRole('row')).toHaveLength(16);
    expect(screen.getByText('Accuracy')).toBeTruthy();
  },
  Hourly: () => {
    expect(screen.getByRole('img', { name: 'Feedback rate and positive rate per hour' })).toBeTruthy();
    // A header and the 24 hours of 2023-11-14.
    expect(screen.getAllByRole('row')).toHaveLength(25);
  },
  EmptyWindow: () => {
    expect(figureOf('Feedback rate')).toBe('0 %');
    expect(screen.getByText('No traces in this window.')).toBeTruthy();
  },
  Loading: () => expect(screen.getByRole('status').textContent).toBe('Loading feedback summary…'),
  Failed: () => expect(screen.getByRole('alert').textContent).toBe('The summary could not be computedRetry'),
  WithGaps: (container) => {
    // Feedback rate: 1–4 and 7–14 November; positive rate also skips the vote-less 10th.
    expect(container.querySelectorAll('.vd-summary__line--feedback')).toHaveLength(2);
    expect(container.querySelectorAll('.vd-summary__line--positive')).toHaveLength(3);
    const tenth = screen.getByRole('rowheader', { name: '2023-11-10', hidden: true }).closest('tr');
    expect([...tenth!.children].map((cell) => cell.textContent).slice(2, 5)).toEqual(['0', '0 %', '—']);
  },
};

// Tables are axe's slowest pages in jsdom (every cell checked): room for a loaded machine.
describe('data views', { timeout: 30_000 }, () => {
  testStories('TracesTable', tracesTable as unknown as Record<string, Composed>, tracesTableChecks);
  testStories('FeedbackSummary', feedbackSummary as unknown as Record<string, Composed>, feedbackSummaryChecks);
});

// TraceViewer stories (cast as above: `Composed` names the first two files' types).
const traceViewer = composeStories(traceViewerStories);
const selectedSpan = () => screen.getByRole('article', { name: /^Span / }).getAttribute('aria-label');

const traceViewerChecks: Record<keyof typeof traceViewer, Check> = {
  Empty: () => expect(screen.getByText('No trace selected.')).toBeTruthy(),
  NotFound: () => expect(screen.getByRole('alert').textContent).toMatch(/was not found\.$/),
  Loading: () => expect(screen.getByRole('status').textContent).toBe('Loading trace…'),
  Failed: () => {
    expect(screen.getByRole('alert').textContent).toBe('Could not load the trace: The trace store is unavailable');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  },
  RagTrace: () => {
    expect(screen.getAllByRole('treeitem')).toHaveLength(5);
    expect(selectedSpan()).toBe('Span retrieve_docs');
    expect(within(screen.getByRole('list', { name: '2 retrieved documents' })).getAllByRole('heading').map((heading) => heading.textContent)).toEqual(['shipping', 'returns']);
  },
  ChatTranscript: () => {
    expect(selectedSpan()).toBe('Span openai.chat.completions.create');
    expect(screen.getByText('Token usage')).toBeTruthy();
  },
  AgentWithToolError: () => {
    expect(screen.getByRole('region', { name: 'Exception' }).textContent).toContain('TimeoutError');
    expect(screen.getAllByRole('treeitem').filter((row) => row.dataset.status === 'ERROR')).toHaveLength(2);
  },
  FiveThousandSpans: (container) => {
    expect(container.querySelector('.vd-trace__facts')?.textContent).toContain('5000 spans');
    // Virtualised: a screenful of rows in the DOM, not 5,000.
    expect(screen.getAllByRole('treeitem').length).toBeLessThan(60);
    expect(container.querySelector<HTMLElement>('.vd-span-tree__sizer')?.style.height).toBe('140000px');
  },
  AssessmentsWithOverrides: () => {
    const history = screen.getByText('2 earlier values').closest('details');
    expect(history?.open).toBe(true);
    expect(history?.querySelectorAll('li')).toHaveLength(2);
  },
  AddFormWithErrors: () => {
    expect(screen.getByText('Give the assessment a name')).toBeTruthy();
    expect(screen.getByLabelText('Value (JSON)').getAttribute('aria-invalid')).toBe('true');
  },
  ReadOnly: () => {
    expect(within(screen.getByRole('region', { name: 'Assessments' })).queryAllByRole('button', { name: /^(Add assessment|Edit|Delete)/ })).toEqual([]);
    expect(within(screen.getByRole('region', { name: 'Assessments' })).getAllByRole('article')).toHaveLength(5);
  },
};

testStories('TraceViewer', traceViewer as unknown as Record<string, Composed>, traceViewerChecks);

// EvalResults: the scripted evaluation routes (fake-eval-transport.ts), one check per story.
const evalResults = composeStories(evalResultsStories);
const evalRows = (container: HTMLElement) => container.querySelectorAll('tr.vd-eval-table__row');

const evalResultsChecks: Record<keyof typeof evalResults, Check> = {
  Running: (container) => {
    expect(screen.getByRole('progressbar', { name: 'Evaluation progress' }).getAttribute('aria-valuetext')).toBe('20 / 60 rows scored');
    expect(container.querySelector('.vd-eval-progress__text')?.textContent).toBe('20 / 60');
    expect(screen.getByRole('button', { name: 'Cancel evaluation' })).toBeTruthy();
    expect(evalRows(container)).toHaveLength(20);
  },
  Finished: (container) => {
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(within(screen.getByRole('list', { name: 'Scorers' })).getAllByRole('listitem')[0]?.textContent).toContain('75%');
    expect(evalRows(container)).toHaveLength(24);
    expect(screen.getByRole('link', { name: 'View trace of row 1' }).getAttribute('href')).toMatch(/^#\/traces\/tr-/);
  },
  WithErrors: (container) => {
    expect(container.querySelectorAll('[data-score="error"]')).toHaveLength(3);
    expect(container.querySelector('[data-scorer="correctness"] .vd-eval-card__errors')?.textContent).toBe('2 errors');
    expect(container.querySelector('[data-scorer="relevance"] .vd-eval-card__errors')?.textContent).toBe('1 error');
  },
  Compare: (container) => {
    expect([...evalRows(container)].map((row) => (row as HTMLElement).dataset.change)).toEqual(['regressed', 'improved', 'unchanged']);
    expect(screen.getByRole('status').textContent).toBe('1 regressed · 1 improved · 1 unchanged');
  },
  Empty: () => {
    expect(screen.getByText('This evaluation has no rows.')).toBeTruthy();
  },
  WithJudgeAgreement: (container) => {
    expect(container.querySelector('.vd-eval-agreement__kappa')?.textContent).toBe('Cohen’s kappa 0.63substantial12 traces · 83% exact agreement');
    expect(screen.getByRole('rowheader', { name: 'human: true' }).parentElement?.textContent).toBe('human: true18');
  },
  TenThousandRows: (container) => {
    expect(screen.getByRole('table', { name: /^Rows of/ }).getAttribute('aria-rowcount')).toBe('10001');
    expect(evalRows(container).length).toBeLessThan(100);
  },
};

testStories('EvalResults', evalResults as unknown as Record<string, Composed>, evalResultsChecks);

// Labeling stories (cast as above: `Composed` names the first two files' types).
const labelingForm = composeStories(labelingFormStories);
const labelingQueue = composeStories(labelingQueueStories);
const field = (name: string) => screen.getByRole(name === 'Helpfulness' ? 'spinbutton' : 'textbox', { name }) as HTMLInputElement;

const labelingFormChecks: Record<keyof typeof labelingForm, Check> = {
  Categorical: () => {
    expect(within(screen.getByRole('radiogroup', { name: 'Is the answer correct?' })).getAllByRole('radio')).toHaveLength(3);
    expect(screen.getByLabelText('Comment (optional) on Is the answer correct?')).toBeTruthy();
  },
  CategoricalList: () => expect((screen.getByRole('checkbox', { name: /missing facts/ }) as HTMLInputElement).checked).toBe(true),
  Numeric: () => {
    expect(field('Helpfulness').value).toBe('4');
    expect((screen.getByRole('slider', { name: 'Helpfulness (slider)' }) as HTMLInputElement).value).toBe('4');
  },
  Text: (container) => expect(container.querySelector('.vd-label-counter')?.textContent).toBe('45 / 280 characters'),
  TextList: () => {
    expect(screen.getAllByRole('textbox')).toHaveLength(2);
    expect(screen.getByRole('button', { name: 'Remove row 2' })).toBeTruthy();
    expect(screen.getByText('2 / 5 rows')).toBeTruthy();
  },
  AllKinds: (container) => {
    expect([...container.querySelectorAll('[data-label-question]')].map((question) => question.getAttribute('data-kind'))).toEqual([
      'categorical',
      'categorical_list',
      'numeric',
      'text',
      'text_list',
    ]);
  },
  ValidationErrors: (container) => {
    expect(container.querySelectorAll('[data-invalid]').length).toBeGreaterThanOrEqual(4);
    expect(field('Helpfulness').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Choose one of "yes", "partly", "no"')).toBeTruthy();
  },
  ReadOnly: () => {
    expect(screen.queryByRole('button', { name: 'Submit' })).toBeNull();
    expect((screen.getByRole('radio', { name: /partly/ }) as HTMLInputElement).checked).toBe(true);
  },
};

const progressOf = (container: HTMLElement) => container.querySelector('.vd-labeling-progress__text')?.textContent;

const labelingQueueChecks: Record<keyof typeof labelingQueue, Check> = {
  WithProgress: async (container) => {
    expect(progressOf(container)).toBe('12 / 40');
    expect(screen.getByRole('progressbar', { name: 'Session progress' }).getAttribute('aria-valuenow')).toBe('12');
    expect(screen.getByText('Item 1 of 28')).toBeTruthy();
    await screen.findByText('Question 1: how long does standard shipping take to Spain?');
  },
  AfterSubmit: async (container) => {
    await waitFor(() => expect(progressOf(container)).toBe('13 / 40'));
    expect((screen.getByRole('radio', { name: /partly/ }) as HTMLInputElement).checked).toBe(false);
  },
  Shortcuts: () => expect(within(screen.getByRole('dialog')).getByText('Skip the item')).toBeTruthy(),
  Completed: (container) => {
    expect(progressOf(container)).toBe('40 / 40');
    expect(container.querySelector('.vd-labeling-queue')?.getAttribute('data-state')).toBe('done');
  },
  Failed: () => expect(screen.getByRole('alert').textContent).toContain('The review store is unavailable'),
  Disagreements: (container) => {
    expect(container.querySelectorAll('.vd-adjudication__item')).toHaveLength(2);
    expect(screen.getByRole('button', { name: "Use bob's answer to Is the answer correct?" })).toBeTruthy();
    // Ann and Bob disagreed on every shared answer: three questions each, 0 % agreement, no gold yet.
    const reviewers = within(screen.getByRole('table', { name: 'Agreement per reviewer' }));
    expect(reviewers.getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual(['ann', 'ann', 'ann', 'bob', 'bob', 'bob']);
    expect(reviewers.getAllByRole('row').slice(1).map((row) => [...row.children].slice(2).map((cell) => cell.textContent))).toEqual(Array(6).fill(['1', '0 %', '—']));
  },
};

testStories('LabelingForm', labelingForm as unknown as Record<string, Composed>, labelingFormChecks);
testStories('LabelingQueue', labelingQueue as unknown as Record<string, Composed>, labelingQueueChecks);

// CreateLabelingSessionForm: sending selected traces to a new labeling session.
const createSession = composeStories(createSessionStories);
const createSessionChecks: Record<keyof typeof createSession, Check> = {
  Empty: () => {
    expect(screen.getAllByRole('checkbox')).toHaveLength(4);
    expect(screen.getAllByRole('checkbox').some((box) => (box as HTMLInputElement).checked)).toBe(false);
    expect((screen.getByRole('textbox', { name: /Reviewers$/ }) as HTMLInputElement).value).toBe('ann, bob');
  },
  Invalid: () => {
    expect(screen.getByText('Name the session')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Session name' }).getAttribute('aria-invalid')).toBe('true');
  },
  Created: () => {
    expect(screen.getByRole('status').textContent).toBe('Created Review of 3 traces with 3 items.');
    expect(screen.getByRole('link', { name: 'Open Review of 3 traces' }).getAttribute('href')).toMatch(/^#\/review\/ls-/);
  },
  TracesMissing: () => {
    expect(screen.getByRole('alert').textContent).toMatch(/^Could not add the traces: trace\(s\) not found/);
    expect(screen.getByRole('form', { name: 'New labeling session' })).toBeTruthy();
  },
};
testStories('CreateLabelingSessionForm', createSession as unknown as Record<string, Composed>, createSessionChecks);
