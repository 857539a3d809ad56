import type { FrameScheduler } from '@verdict/core';
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useStreamingChat } from './use-streaming-chat';
import type { UseStreamingChatResult } from './use-streaming-chat';

const traceId = `tr-${'c'.repeat(32)}`;

/** A fetch whose event stream the test writes; a scheduler the test runs frame by frame. */
function harness() {
  const encoder = new TextEncoder();
  let feed!: ReadableStreamDefaultController<Uint8Array>;
  const fetch: typeof globalThis.fetch = async () =>
    new Response(new ReadableStream<Uint8Array>({ start: (controller) => void (feed = controller) }), { headers: { 'content-type': 'text/event-stream' } });
  const frames: (() => void)[] = [];
  const scheduler: FrameScheduler = (callback) => {
    frames.push(callback);
    return () => frames.splice(frames.indexOf(callback), 1);
  };
  return { fetch, scheduler, frames, push: (text: string) => feed.enqueue(encoder.encode(text)), close: () => feed.close() };
}

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 5)));

describe('useStreamingChat', () => {
  it('renders once per frame however many tokens arrive, then exposes the finished message', async () => {
    const { fetch, scheduler, frames, push, close } = harness();
    let renders = 0;
    let chat!: UseStreamingChatResult;
    function Probe() {
      renders++;
      chat = useStreamingChat({ baseUrl: 'http://verdict.test/api', fetch, scheduler });
      return <p data-testid="text">{chat.streamingContent}</p>;
    }
    render(<Probe />);
    await act(async () => void chat.send('Hi'));
    expect(chat.isStreaming).toBe(true);
    push(`data: {"type":"start","trace_id":"${traceId}","message_id":"msg-9"}\n\n`);
    await settle();
    expect(chat.status).toBe('streaming');
    const before = renders;
    push(Array.from({ length: 1000 }, () => 'data: {"type":"token","content":"x"}\n\n').join(''));
    await settle();
    expect(renders).toBe(before);
    act(() => frames.splice(0).forEach((frame) => frame()));
    expect(renders).toBe(before + 1);
    expect(screen.getByTestId('text').textContent).toHaveLength(1000);
    push(`data: {"type":"done","trace_id":"${traceId}"}\n\n`);
    close();
    await settle();
    expect(chat.isStreaming).toBe(false);
    expect(chat.messages.at(-1)).toMatchObject({ id: 'msg-9', role: 'assistant', trace_id: traceId, status: 'complete' });
    act(() => chat.reset());
    expect(chat.messages).toEqual([]);
  });

  it('explains what is missing without a provider, baseUrl or client', () => {
    function Bare() {
      useStreamingChat();
      return null;
    }
    expect(() => render(<Bare />)).toThrow(/VerdictProvider/);
  });
});
