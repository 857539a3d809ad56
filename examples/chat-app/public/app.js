// Plain browser code on purpose: the React components come with @verdict/react.
// Everything from the server is written with textContent, so trace content stays inert.
const log = document.getElementById('log');
const form = document.getElementById('ask');
const input = document.getElementById('message');
const template = document.getElementById('answer-template');
const userId = localStorage.getItem('verdict-user') ?? `visitor-${crypto.randomUUID().slice(0, 8)}`;
localStorage.setItem('verdict-user', userId);

async function postJson(url, body) {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const data = await response.json();
  if (!response.ok) throw new Error(data.error?.message ?? `HTTP ${response.status}`);
  return data;
}

function addTurn(question) {
  const turn = template.content.firstElementChild.cloneNode(true);
  turn.querySelector('.question').textContent = question;
  turn.querySelector('.answer').textContent = '…';
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

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const message = input.value.trim();
  if (!message) return;
  input.value = '';
  const turn = addTurn(message);
  try {
    const answer = await postJson('api/chat', { message });
    turn.querySelector('.answer').textContent = answer.response;
    enableFeedback(turn, answer);
  } catch (error) {
    turn.querySelector('.answer').textContent = `Error: ${error.message}`;
  }
});
