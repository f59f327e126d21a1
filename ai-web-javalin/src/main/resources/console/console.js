// The reference console: what the User App's "Chimti Genie" needs, built on the public API only (api.js).
// State that must survive a reload (the token, a stream in progress) lives in sessionStorage, per browser tab.
import { Api, ApiProblem, claimsOf } from './api.js';

const api = new Api();
const $ = (id) => document.getElementById(id);
const TOKEN_KEY = 'chimti.console.token';
const STREAM_KEY = 'chimti.console.stream.'; // + chatId: {lastEventId, text, actions} of a turn being streamed
const LOGIN_POLL_MS = 2000;

let openChat = null; // the chat shown
let login = null; // {loginId, timer} of the device login in progress
let streaming = null; // {chatId, controller} of the stream being read

// ------------------------------------------------------------------------------------------------ problems

/** Every refused call is shown with its code and message (and the request id to quote to support). */
function showProblem(failure) {
  const problem = failure instanceof ApiProblem ? failure
    : new ApiProblem(0, 'console_error', String(failure && failure.message || failure), null);
  const item = document.createElement('li');
  item.className = 'problem';
  item.append(element('code', 'problem-code', problem.code), ' ', element('span', 'problem-detail', problem.detail));
  if (problem.requestId) {
    item.append(' ', element('span', 'request-id', 'request ' + problem.requestId));
  }
  $('problems').prepend(item);
}

/** Runs an action of the page; a failure becomes a shown problem instead of an uncaught rejection. */
function guarded(action) {
  return async (event) => {
    if (event) {
      event.preventDefault();
    }
    try {
      await action(event);
    } catch (failure) {
      if (failure.name !== 'AbortError') {
        showProblem(failure);
      }
    }
  };
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined && text !== null) {
    node.textContent = text;
  }
  return node;
}

// ------------------------------------------------------------------------------------------------ token

function useToken(token) {
  api.token = token.trim();
  sessionStorage.setItem(TOKEN_KEY, api.token);
  const claims = claimsOf(api.token);
  $('who').textContent = claims.sub ? `${claims.sub} in ${claims.client_id}` : '';
  const brands = $('brand-select');
  brands.replaceChildren(new Option('no brand', ''));
  for (const brand of claims.brand_ids || []) {
    brands.add(new Option(String(brand), String(brand)));
  }
  if (brands.options.length > 1) {
    brands.selectedIndex = 1;
  }
}

/** The token from the address's fragment (#token=..., what dev mode prints), else from this tab's storage. */
function initialToken() {
  const fragment = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fragment) {
    history.replaceState(null, '', location.pathname + location.search); // out of sight, out of history
    return fragment;
  }
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

// ------------------------------------------------------------------------------------------------ account

async function refreshAccount() {
  const account = await api.get('/v1/ai/account');
  $('account-status').textContent = account.status;
  $('account-email').textContent = account.email || '';
  $('account-plan').textContent = account.plan ? `(${account.plan})` : '';
  const limits = $('limits');
  limits.replaceChildren();
  for (const [name, window] of Object.entries(account.limits || {})) {
    if (!window) {
      continue;
    }
    const label = element('label', 'limit', `${name} ${windowName(window.windowMinutes)}: ${window.usedPercent}% used`);
    const bar = element('meter', 'limit-bar');
    bar.min = 0;
    bar.max = 100;
    bar.low = 70;
    bar.high = 90;
    bar.optimum = 0;
    bar.value = window.usedPercent;
    label.append(bar);
    limits.append(label);
  }
  if (account.error) {
    limits.append(element('p', 'account-error', `${account.error.code}: ${account.error.message}`));
  }
}

function windowName(minutes) {
  if (!minutes) {
    return '';
  }
  return minutes % 1440 === 0 ? `(${minutes / 1440} d)` : minutes % 60 === 0 ? `(${minutes / 60} h)` : `(${minutes} min)`;
}

async function refreshModels() {
  const catalog = await api.get('/v1/ai/models');
  const select = $('model-select');
  select.replaceChildren();
  for (const model of catalog.models) {
    select.add(new Option(model.displayName + (model.isDefault ? ' (default)' : ''), model.id, false,
      model.id === catalog.current));
  }
}

async function chooseModel() {
  const chosen = await api.put('/v1/ai/models/current', { model: $('model-select').value });
  $('model-select').value = chosen.current;
}

/** Starts a device login (or a switch) and polls it until it is no longer pending. */
async function startDeviceLogin(path) {
  stopLoginPolling();
  const started = await api.post(path, { method: 'device' });
  if (started.status === 'connected') {
    return afterLogin();
  }
  $('device-login').hidden = false;
  $('verification-url').href = started.verificationUrl;
  $('verification-url').textContent = started.verificationUrl;
  $('user-code').textContent = started.userCode;
  $('login-status').textContent = started.status;
  $('cancel-login').hidden = false;
  login = { loginId: started.loginId, timer: setInterval(guarded(pollLogin), LOGIN_POLL_MS) };
  await refreshAccount();
}

async function pollLogin() {
  if (!login) {
    return;
  }
  const state = await api.get('/v1/ai/account/login/' + encodeURIComponent(login.loginId));
  $('login-status').textContent = state.status + (state.error ? ` (${state.error})` : '');
  if (state.status !== 'pending') {
    stopLoginPolling();
    $('cancel-login').hidden = true;
    await afterLogin();
  }
}

async function cancelLogin() {
  if (login) {
    const loginId = login.loginId;
    stopLoginPolling();
    await api.delete('/v1/ai/account/login/' + encodeURIComponent(loginId));
    $('login-status').textContent = 'cancelled';
    $('cancel-login').hidden = true;
    await refreshAccount();
  }
}

function stopLoginPolling() {
  if (login) {
    clearInterval(login.timer);
    login = null;
  }
}

async function afterLogin() {
  await refreshAccount();
  await refreshModels();
}

async function loginWithKey() {
  const key = $('api-key').value;
  $('api-key').value = '';
  await api.post('/v1/ai/account/login', { method: 'apiKey', apiKey: key });
  $('device-login').hidden = true;
  await afterLogin();
}

async function logout() {
  stopLoginPolling();
  await api.post('/v1/ai/account/logout', {});
  $('device-login').hidden = true;
  await afterLogin();
}

// ------------------------------------------------------------------------------------------------ chats

async function refreshChats() {
  const page = await api.get('/v1/ai/chats?limit=50');
  const list = $('chat-list');
  list.replaceChildren();
  for (const chat of page.items) {
    const item = element('li', chat.id === (openChat && openChat.id) ? 'chat open' : 'chat');
    item.dataset.chatId = chat.id;
    const title = element('button', 'chat-title', chat.title);
    title.type = 'button';
    title.addEventListener('click', guarded(() => showChat(chat)));
    const rename = element('button', 'rename', 'Rename');
    rename.type = 'button';
    rename.addEventListener('click', guarded(() => renameChat(chat)));
    const remove = element('button', 'delete', 'Delete');
    remove.type = 'button';
    remove.addEventListener('click', guarded(() => deleteChat(chat)));
    item.append(title, rename, remove);
    list.append(item);
  }
}

async function newChat() {
  const brandId = $('brand-select').value;
  const chat = await api.post('/v1/ai/chats', brandId ? { brandId } : {});
  await showChat(chat);
  await refreshChats();
}

async function renameChat(chat) {
  const title = prompt('New title', chat.title);
  if (title !== null) {
    const renamed = await api.patch('/v1/ai/chats/' + encodeURIComponent(chat.id), { title });
    if (openChat && openChat.id === chat.id) {
      openChat = renamed;
      $('chat-title').textContent = renamed.title;
    }
    await refreshChats();
  }
}

async function deleteChat(chat) {
  await api.delete('/v1/ai/chats/' + encodeURIComponent(chat.id));
  if (openChat && openChat.id === chat.id) {
    openChat = null;
    $('chat-title').textContent = 'No chat open';
    $('messages').replaceChildren();
  }
  await refreshChats();
}

/** Opens a chat: its messages, the actions proposed in it, and the rest of a turn that was streaming. */
async function showChat(chat) {
  abortStream();
  openChat = chat;
  sessionStorage.setItem(TOKEN_KEY + '.chat', chat.id);
  $('chat-title').textContent = chat.title;
  const path = '/v1/ai/chats/' + encodeURIComponent(chat.id);
  const [page, actions] = await Promise.all([api.get(path + '/messages?limit=200'),
    api.get('/v1/ai/actions?chatId=' + encodeURIComponent(chat.id))]);
  const byId = new Map(actions.items.map((action) => [action.id, action]));
  const messages = $('messages');
  messages.replaceChildren();
  for (const message of page.items) {
    const shown = messageElement(message.role, message.content, message.metadata && message.metadata.outcome);
    for (const actionId of (message.metadata && message.metadata.actionIds) || []) {
      if (byId.has(actionId)) {
        shown.append(actionCard(byId.get(actionId)));
      }
    }
    messages.append(shown);
  }
  for (const item of $('chat-list').children) {
    item.classList.toggle('open', item.dataset.chatId === chat.id);
  }
  const pending = JSON.parse(sessionStorage.getItem(STREAM_KEY + chat.id) || 'null');
  if (pending) {
    await readTurn(chat.id, 'GET', path + '/events', { lastEventId: pending.lastEventId }, pending);
  }
}

function messageElement(role, content, outcome) {
  const item = element('li', 'message ' + role);
  item.append(element('span', 'role', role), element('div', 'content', content));
  if (outcome && outcome !== 'completed') {
    item.append(element('span', 'outcome', outcome));
  }
  return item;
}

// ------------------------------------------------------------------------------------------------ turns

async function send() {
  if (!openChat) {
    throw new ApiProblem(0, 'no_chat', 'open or create a chat first', null);
  }
  const content = $('message-input').value;
  const path = '/v1/ai/chats/' + encodeURIComponent(openChat.id);
  await readTurn(openChat.id, 'POST', path + '/messages', { body: { content } }, null, () => {
    $('message-input').value = '';
    $('messages').append(messageElement('user', content));
  });
}

/**
 * Reads a turn's stream into an assistant bubble, keeping {lastEventId, text} in this tab's storage so a reload
 * shows the text so far and resumes after the last event it saw (Last-Event-ID). A connection that breaks before
 * the turn ended is resumed the same way.
 */
async function readTurn(chatId, method, path, options, resumed, onOpen) {
  const state = resumed || { lastEventId: null, text: '' };
  const bubble = messageElement('assistant', state.text);
  bubble.id = 'streaming';
  bubble.classList.add('streaming');
  const content = bubble.querySelector('.content');
  let ended = false;
  const remember = () => sessionStorage.setItem(STREAM_KEY + chatId, JSON.stringify(state));
  const forget = () => sessionStorage.removeItem(STREAM_KEY + chatId);
  const onEvent = (event) => {
    if (event.id) {
      state.lastEventId = event.id;
    }
    switch (event.name) {
      case 'message':
        if (onOpen) {
          onOpen();
          onOpen = null;
        }
        $('messages').append(bubble);
        break;
      case 'delta':
        state.text += event.data.text;
        content.textContent = state.text;
        break;
      case 'progress':
        bubble.dataset.progress = event.data.summary || event.data.kind;
        break;
      case 'action':
        bubble.append(actionCard(event.data.action));
        break;
      case 'usage':
        bubble.append(element('span', 'usage', `${event.data.inputTokens} in, ${event.data.outputTokens} out, `
          + `${event.data.credits} credits`));
        break;
      case 'done':
        ended = true;
        content.textContent = event.data.assistantMessage.content;
        break;
      case 'error':
        if (event.data.code !== 'slow_consumer' && event.data.code !== 'replay_unavailable') {
          ended = true;
          bubble.append(element('span', 'outcome', event.data.code));
        }
        showProblem(new ApiProblem(0, event.data.code, event.data.message, null));
        break;
      default:
        break; // an event this console does not know yet
    }
    remember();
  };
  if (resumed) {
    $('messages').append(bubble);
  }
  streaming = { chatId, controller: new AbortController() };
  $('stop').disabled = false;
  try {
    let opened = { ...options };
    for (let attempt = 0; !ended && attempt < 5; attempt++) {
      const nothing = await api.stream(method, path, { ...opened, signal: streaming.controller.signal, onEvent });
      if (nothing) {
        break; // 204: no turn to resume any more; the messages list has the result
      }
      // the connection ended before the turn did: resume after the last event seen
      method = 'GET';
      path = '/v1/ai/chats/' + encodeURIComponent(chatId) + '/events';
      opened = { lastEventId: state.lastEventId };
    }
    forget();
  } finally {
    bubble.classList.remove('streaming');
    bubble.removeAttribute('id');
    if (streaming && streaming.chatId === chatId) {
      streaming = null;
      $('stop').disabled = true;
    }
    await Promise.all([refreshChats(), refreshUsage()]);
  }
}

function abortStream() {
  if (streaming) {
    streaming.controller.abort(); // only this page stops reading; the turn goes on (resumable)
    streaming = null;
  }
}

async function stop() {
  if (openChat) {
    await api.post('/v1/ai/chats/' + encodeURIComponent(openChat.id) + '/cancel');
  }
}

// ------------------------------------------------------------------------------------------------ actions

/** A proposed action as a card: its input, Confirm / Reject while proposed, its result, a download link. */
function actionCard(action) {
  const card = element('div', 'action-card');
  card.dataset.actionId = action.id;
  renderAction(card, action);
  return card;
}

function renderAction(card, action) {
  card.replaceChildren(element('strong', 'action-type', action.actionType), ' ',
    element('span', 'action-status', action.status));
  const input = element('dl', 'action-input');
  for (const [key, value] of Object.entries(action.input || {})) {
    input.append(element('dt', null, key), element('dd', null, String(value)));
  }
  card.append(input);
  const result = action.result || {};
  if (result.reason) {
    card.append(element('p', 'action-reason', `${result.reason}: ${result.detail || ''}`));
  }
  if (action.status === 'proposed') {
    const confirm = element('button', 'confirm', 'Confirm');
    confirm.type = 'button';
    confirm.addEventListener('click', guarded(() => decide(card, action, 'confirm')));
    const reject = element('button', 'reject', 'Reject');
    reject.type = 'button';
    reject.addEventListener('click', guarded(() => decide(card, action, 'reject')));
    card.append(confirm, reject);
  }
  if (result.artifactId) {
    const download = element('button', 'artifact-link', `Download ${result.title || 'artifact'}`);
    download.type = 'button';
    download.addEventListener('click', guarded(async () => {
      const name = await api.download('/v1/ai/artifacts/' + encodeURIComponent(result.artifactId) + '/content');
      download.dataset.downloaded = name;
    }));
    card.append(download);
  }
}

async function decide(card, action, verb) {
  try {
    renderAction(card, await api.post(`/v1/ai/actions/${encodeURIComponent(action.id)}/${verb}`));
  } catch (refused) {
    // e.g. 409 conflict: decided elsewhere meanwhile; show the problem and the action as it is now
    renderAction(card, await api.get('/v1/ai/actions/' + encodeURIComponent(action.id)));
    throw refused;
  }
}

// ------------------------------------------------------------------------------------------------ usage

async function refreshUsage() {
  try {
    const wallet = await api.get('/v1/ai/wallet');
    $('wallet').textContent = `Wallet: ${wallet.available} of ${wallet.balance} credits available`;
  } catch (failure) {
    if (!(failure instanceof ApiProblem) || failure.code !== 'not_found') {
      throw failure;
    }
    $('wallet').textContent = 'Wallet: none (calls are not billed)';
  }
  const report = await api.get('/v1/ai/usage');
  $('usage-totals').textContent = `Last 30 days: ${report.totals.calls} calls, ${report.totals.inputTokens} in, `
    + `${report.totals.outputTokens} out, ${report.totals.credits} credits`;
  const rows = $('usage').tBodies[0];
  rows.replaceChildren();
  for (const item of report.items.slice(0, 10)) {
    const row = rows.insertRow();
    for (const cell of [item.at.slice(0, 19).replace('T', ' '), item.kind, item.model, item.outcome,
      `${item.inputTokens}/${item.outputTokens}`, item.credits]) {
      row.insertCell().textContent = cell;
    }
  }
}

// ------------------------------------------------------------------------------------------------ start

async function loadEverything() {
  await Promise.all([refreshAccount(), refreshModels(), refreshChats(), refreshUsage()]);
  const lastChat = sessionStorage.getItem(TOKEN_KEY + '.chat');
  const row = lastChat && [...$('chat-list').children].find((item) => item.dataset.chatId === lastChat);
  if (row) {
    await showChat(await api.get('/v1/ai/chats/' + encodeURIComponent(lastChat)));
  }
}

$('token-form').addEventListener('submit', guarded(async () => {
  useToken($('token').value);
  await loadEverything();
}));
$('connect-device').addEventListener('click', guarded(() => startDeviceLogin('/v1/ai/account/login')));
$('switch-account').addEventListener('click', guarded(() => startDeviceLogin('/v1/ai/account/switch')));
$('cancel-login').addEventListener('click', guarded(cancelLogin));
$('api-key-form').addEventListener('submit', guarded(loginWithKey));
$('logout').addEventListener('click', guarded(logout));
$('model-select').addEventListener('change', guarded(chooseModel));
$('new-chat-form').addEventListener('submit', guarded(newChat));
$('composer').addEventListener('submit', guarded(send));
$('stop').addEventListener('click', guarded(stop));
$('refresh-usage').addEventListener('click', guarded(refreshUsage));

/** Starts with the token of the address's fragment or of this tab, if any. */
function startWithToken() {
  const token = initialToken();
  if (token) {
    $('token').value = token;
    useToken(token);
    guarded(loadEverything)();
  }
}

window.addEventListener('hashchange', () => {
  if (new URLSearchParams(location.hash.slice(1)).has('token')) {
    abortStream();
    stopLoginPolling();
    startWithToken();
  }
});
startWithToken();
document.body.dataset.ready = 'true';
