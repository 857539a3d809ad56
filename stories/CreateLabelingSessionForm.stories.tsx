import type { Decorator, Meta, StoryObj } from '@storybook/react-vite';
import type { LabelingSession } from '@verdict/core';
import { CreateLabelingSessionForm, VerdictProvider } from '@verdict/react';
import { useState } from 'react';
import { expect, userEvent, within } from 'storybook/test';
import { CORRECT, EXPECTED_RESPONSE, HELPFULNESS, ISSUES } from './labeling-schemas';
import { fixtureTraceId } from './trace-fixtures';

const SCHEMAS = [CORRECT, ISSUES, HELPFULNESS, EXPECTED_RESPONSE];
const TRACE_IDS = [fixtureTraceId(0x301), fixtureTraceId(0x302), fixtureTraceId(0x303)];

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * Scripted answers to the three routes the form calls: the schemas, the new session (echoed back
 * with an id), and its items; `addFails` refuses the items as the server does for a missing trace.
 */
function newSessionFetch(addFails: boolean): typeof globalThis.fetch {
  const sessionId = `ls-${'5e56'.padStart(32, '0')}`;
  return async (input, init) => {
    const method = init?.method ?? 'GET';
    const path = new URL(String(input), 'http://stories.invalid').pathname.replace(/^\/api/, '');
    const body = () => JSON.parse(String(init?.body)) as unknown;
    if (method === 'GET' && path === '/label-schemas') return json({ label_schemas: SCHEMAS });
    if (method === 'POST' && path === '/labeling-sessions') {
      const asked = body() as { name: string; assigned_users: string[]; label_schemas: string[]; reviewers_per_item?: number };
      const session: LabelingSession = {
        labeling_session_id: sessionId,
        reviewers_per_item: 1,
        ...asked,
        create_time: 1_700_000_000_000,
        created_by: 'story-developer',
        progress: { total: 0, completed: 0, by_user: {} },
      };
      return json(session);
    }
    if (method === 'POST' && path === `/labeling-sessions/${sessionId}/items`) {
      if (addFails) return json({ error: { code: 'NOT_FOUND', message: `trace(s) not found: ${TRACE_IDS[2]}` } }, 404);
      const { trace_ids } = body() as { trace_ids: string[] };
      const items = trace_ids.map((trace_id, n) => ({
        item_id: `li-${(0x2000 + n).toString(16).padStart(32, '0')}`,
        labeling_session_id: sessionId,
        source: { trace_id },
        trace_id: fixtureTraceId(0x400 + n),
        state: 'pending',
        labels: {},
      }));
      return json({ items });
    }
    if (method === 'DELETE' && path === `/labeling-sessions/${sessionId}`) return new Response(null, { status: 204 });
    return json({ error: { code: 'NOT_FOUND', message: `no scripted answer for ${method} ${path}` } }, 404);
  };
}

function withNewSessionTransport(addFails = false): Decorator {
  return function WithNewSessionTransport(Story) {
    const [fetch] = useState(() => newSessionFetch(addFails));
    return (
      <VerdictProvider baseUrl="/api" fetch={fetch}>
        <Story />
      </VerdictProvider>
    );
  };
}

const meta = {
  title: 'Review/CreateLabelingSessionForm',
  component: CreateLabelingSessionForm,
  args: { traceIds: TRACE_IDS, defaultAssignedUsers: ['ann', 'bob'], sessionHref: (id: string) => `#/review/${id}` },
  decorators: [withNewSessionTransport()],
} satisfies Meta<typeof CreateLabelingSessionForm>;
export default meta;

type Story = StoryObj<typeof meta>;

const ready = (canvasElement: HTMLElement) => within(canvasElement).findByRole('checkbox', { name: /Is the answer correct\?/ }, { timeout: 5000 });

/** Three traces selected in the table, the schemas loaded, nothing picked yet. */
export const Empty: Story = {
  play: async ({ canvasElement }) => {
    await ready(canvasElement);
  },
};

/** Submitted with no schema picked and no name: each field says what it needs. */
export const Invalid: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await ready(canvasElement);
    await userEvent.clear(canvas.getByRole('textbox', { name: 'Session name' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Create session with 3 traces' }));
    await expect(canvas.getByText('Pick at least one label schema')).toBeTruthy();
  },
};

/** Two schemas picked and sent: the session exists, with a link to label it. */
export const Created: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await ready(canvasElement));
    await userEvent.click(canvas.getByRole('checkbox', { name: /The answer it should have given/ }));
    await userEvent.click(canvas.getByRole('button', { name: 'Create session with 3 traces' }));
    await canvas.findByRole('status');
  },
};

/** A trace vanished before it could be copied: the session is taken back and the form says why. */
export const TracesMissing: Story = {
  decorators: [withNewSessionTransport(true)],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await ready(canvasElement));
    await userEvent.click(canvas.getByRole('button', { name: 'Create session with 3 traces' }));
    await canvas.findByRole('alert');
  },
};
