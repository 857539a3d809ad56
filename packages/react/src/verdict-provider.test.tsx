import { createClient } from '@verdict/core';
import { render, renderHook, screen } from '@testing-library/react';
import { useEffect, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { useVerdictClient, VerdictProvider } from './verdict-provider';

function TraceTitle({ traceId }: { traceId: string }) {
  const client = useVerdictClient();
  const [title, setTitle] = useState('loading');
  useEffect(() => {
    client.getTrace(traceId).then(
      (trace) => setTitle(trace.info.request_preview),
      (error: Error) => setTitle(`error: ${error.message}`),
    );
  }, [client, traceId]);
  return <p>{title}</p>;
}

describe('VerdictProvider', () => {
  it('builds a client from baseUrl and fetch, used by the hooks below it', async () => {
    const traceId = `tr-${'a'.repeat(32)}`;
    const calls: string[] = [];
    const fetch: typeof globalThis.fetch = async (input) => {
      calls.push(String(input));
      const info = { trace_id: traceId, request_time: 1, execution_duration: 2, state: 'OK', request_preview: 'hello', response_preview: 'hi' };
      return new Response(JSON.stringify({ info, data: { spans: [] } }), { headers: { 'Content-Type': 'application/json' } });
    };
    render(
      <VerdictProvider baseUrl="http://verdict.test/api" fetch={fetch}>
        <TraceTitle traceId={traceId} />
      </VerdictProvider>,
    );
    expect(await screen.findByText('hello')).toBeTruthy();
    expect(calls).toEqual([`http://verdict.test/api/traces/${traceId}`]);
  });

  it('passes a given client through unchanged', () => {
    const client = createClient({ baseUrl: 'http://verdict.test/api' });
    const { result } = renderHook(() => useVerdictClient(), {
      wrapper: ({ children }) => <VerdictProvider client={client}>{children}</VerdictProvider>,
    });
    expect(result.current).toBe(client);
  });

  it('explains what is missing when used without a provider', () => {
    expect(() => renderHook(() => useVerdictClient())).toThrow(/needs a <VerdictProvider/);
  });
});
