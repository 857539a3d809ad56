// Plain browser code on purpose: the React components come with @verdict/react.
// Everything from the server is written with textContent, so trace content stays inert.
const log = document.getElementById('log');
const form = document.getElementById('ask');
const input = document.getElementById('message');
const askButton = form.querySelector('button[type="submit"]');
const stopButton = document.getElementById('stop');
const template = document.getElementById('answer-template');
const userId = localStorage.getItem('verdict-user') ?? `visitor-${crypto.randomUUID().slice(0, 8)}`;
localStorage.setItem('verdict-user', userId);
let current;

async function postJson(url, body) {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const data = await response.json();
  if (!response.ok) throw new Error(data.error?.message ?? `HTTP ${response.status}`);
  return data;
}

function addTurn(question) {
  const turn = template.content.firstElementChild.cloneNode(true);
  turn.querySelector('.question').textContent = question;
  turn.querySelector('.answer').textContent = '';
  turn.querySelector('.feedback').hidden = true;
  log.append(turn);
  return turn;
}

function enableFeedback(turn, { trace_id, feedback_token }) {
  const box = turn.querySelector('.feedback');
  const status = box.querySelector('.status');
  box.hidden = false;
  box.querySelector('.trace').href = `api/traces/${encodeURIComponent(trace_id)}`;
  for (const button of box.querySelectorAll('button')) {
    button.addEventListener('click', async () => {
      const isCorrect = button.dataset.value === 'true';
      const comment = box.querySelector('.comment').value.trim();
      const query = new URLSearchParams({ trace_id, user_id: userId });
      try {
        await postJson(`api/feedback?${query}`, { is_correct: isCorrect, feedback_token, ...(comment ? { comment } : {}) });
        for (const other of box.querySelectorAll('button')) other.setAttribute('aria-pressed', String(other === button));
        status.textContent = 'Thanks, noted.';
      } catch (error) {
        status.textContent = `Could not send feedback: ${error.message}`;
      }
    });
  }
}

// A tiny SSE reader: events end with a blank line, and a chunk may hold several events or half of one.
async function* readEvents(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += value.replaceAll('\r\n', '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      // Comment lines (": ping") keep proxies open and carry nothing.
      const data = block.split('\n').filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trimStart()).join('\n');
      if (data) yield JSON.parse(data);
    }
  }
}

function setStreaming(streaming) {
  askButton.disabled = streaming;
  stopButton.hidden = !streaming;
}

async function streamAnswer(turn, message) {
  const answer = turn.querySelector('.answer');
  const controller = new AbortController();
  current = controller;
  setStreaming(true);
  try {
    const response = await fetch('api/chat/stream', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ message }), signal: controller.signal });
    if (!response.ok) throw new Error((await response.json()).error?.message ?? `HTTP ${response.status}`);
    for await (const event of readEvents(response.body)) {
      // The ids come first, so the answer can be rated even if it is stopped.
      if (event.type === 'start') enableFeedback(turn, event);
      else if (event.type === 'token') answer.textContent += event.content;
      else if (event.type === 'error') answer.textContent += `\nError: ${event.error}`;
    }
  } catch (error) {
    if (controller.signal.aborted) answer.textContent += ' [stopped]';
    else answer.textContent += `\nError: ${error.message}`;
  } finally {
    current = undefined;
    setStreaming(false);
  }
}

stopButton.addEventListener('click', () => current?.abort());

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const message = input.value.trim();
  if (!message || current) return;
  input.value = '';
  void streamAnswer(addTurn(message), message);
});
