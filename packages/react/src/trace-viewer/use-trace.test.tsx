import { createClient } from '@verdict/core';
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { startChatServer } from '../test-support/chat-server';
import type { ChatServer } from '../test-support/chat-server';
import { agentTrace, ragTrace } from '../test-support/trace-fixtures';
import { useTrace } from './use-trace';

let server: ChatServer;
afterEach(async () => server.close());

describe('useTrace', () => {
  it('follows traceId changes, and a write resolving after a switch does not touch the new trace', async () => {
    server = await startChatServer();
    const rag = ragTrace();
    const agent = agentTrace();
    await server.store.traces.put(rag);
    await server.store.traces.put(agent);
    const client = createClient({ baseUrl: server.api });
    const { result, rerender } = renderHook(({ id }: { id: string | null }) => useTrace(id, { client }), { initialProps: { id: rag.info.trace_id as string | null } });
    expect(result.current.status).toBe('loading');
    await waitFor(() => expect(result.current.status).toBe('ready'));
    expect(result.current.trace?.info.trace_id).toBe(rag.info.trace_id);

    let write: Promise<unknown> = Promise.resolve();
    act(() => {
      write = result.current.addAssessment({ assessment_name: 'late', feedback: { value: true } });
    });
    rerender({ id: agent.info.trace_id });
    expect(result.current.status).toBe('loading');
    await act(async () => void (await write));
    await waitFor(() => expect(result.current.status).toBe('ready'));
    expect(result.current.trace?.info.trace_id).toBe(agent.info.trace_id);
    expect(result.current.trace?.info.assessments).toEqual([]);
    // The write itself went to the trace it was made on.
    expect((await server.assessmentsOf(rag.info.trace_id)).map((assessment) => assessment.assessment_name)).toEqual(['late']);

    rerender({ id: null });
    expect(result.current.status).toBe('idle');
  });

  it('reload fetches again, and reports 404 as notFound', async () => {
    server = await startChatServer();
    const rag = ragTrace();
    const client = createClient({ baseUrl: server.api });
    const { result } = renderHook(() => useTrace(rag.info.trace_id, { client }));
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current.notFound).toBe(true);
    await server.store.traces.put(rag);
    act(() => result.current.reload());
    await waitFor(() => expect(result.current.status).toBe('ready'));
    expect(result.current.notFound).toBe(false);
  });

  it('explains a missing provider', () => {
    expect(() => renderHook(() => useTrace('tr-x'))).toThrow(/VerdictProvider/);
  });
});
