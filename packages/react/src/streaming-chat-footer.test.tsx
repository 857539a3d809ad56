import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, it } from 'vitest';
import { StreamingChat } from './streaming-chat';
import { startChatServer } from './test-support/chat-server';
import type { ChatServer } from './test-support/chat-server';

let server: ChatServer;
afterEach(async () => {
  cleanup();
  await server.close();
});

it('renders renderAnswerFooter under each finished answer, with the answer and its trace id', async () => {
  server = await startChatServer();
  const user = userEvent.setup();
  render(<StreamingChat baseUrl={server.api} renderAnswerFooter={(answer) => answer.trace_id && <a href={`#/traces/${answer.trace_id}`}>View trace</a>} />);
  await user.type(screen.getByLabelText('Message'), 'hello{Enter}');
  const link = await screen.findByRole('link', { name: 'View trace' });
  await waitFor(() => expect(link.getAttribute('href')).toMatch(/^#\/traces\/tr-[0-9a-f]{32}$/));
  const traceId = link.getAttribute('href')!.slice('#/traces/'.length);
  // The link names the trace that the server stored for this answer.
  expect((await fetch(`${server.api}/traces/${traceId}`)).status).toBe(200);
  // Only under answers, not under the user's own turn.
  expect(screen.getAllByRole('link')).toHaveLength(1);
});
