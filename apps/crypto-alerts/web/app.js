// The page: signs in, lists the user's alerts with their live state (read
// again every 15 s while the tab is visible, and after every change),
// creates, edits, pauses, resumes, re-arms and deletes them, shows the
// recent triggers and where notifications go. config.json is written into
// the bucket at deploy (the API's URL, the hosted UI, the app client).
import { Session, callbackParams } from './auth.js';
import { AlertsApi, ApiError } from './api.js';
import { actionsFor, alertBody, alertLines, describeCondition, notificationWords, statusWords, triggerLine } from './view.js';

const $ = (id) => document.getElementById(id);
const REFRESH_MS = 15000;
let session;
let api;
let alerts = [];

function say(text, isError = false) {
  $('status').textContent = text;
  $('status').className = isError ? 'error' : '';
}

function element(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function renderAlerts() {
  const list = $('alerts');
  list.replaceChildren(...alerts.map((alert) => {
    const buttons = actionsFor(alert.status).map(([action, label]) =>
      element('button', { type: 'button', 'data-action': action, 'data-id': alert.id, 'aria-label': `${label} ${describeCondition(alert)}`, text: label }));
    return element('li', { class: `card status-${alert.status.toLowerCase()}`, 'data-alert-id': alert.id }, [
      element('div', { class: 'card-title' }, [
        element('span', { class: 'condition', text: describeCondition(alert) }),
        element('span', { class: 'badge', 'data-status': alert.status, text: statusWords(alert.status) }),
      ]),
      ...alertLines(alert).map((line) => element('p', { text: line })),
      element('div', { class: 'actions' }, buttons),
    ]);
  }));
  $('alerts-empty').hidden = alerts.length > 0;
}

async function refresh() {
  try {
    const [fresh, triggers] = await Promise.all([api.alerts(), api.triggers()]);
    alerts = fresh;
    renderAlerts();
    $('triggers').replaceChildren(...triggers.map((t) => element('li', { class: 'card', text: triggerLine(t) })));
    $('triggers-empty').hidden = triggers.length > 0;
    say(`Updated ${new Date().toLocaleTimeString()}`);
  } catch (error) {
    failed(error);
  }
}

async function refreshNotifications() {
  const state = await api.notifications();
  const [words, button] = notificationWords(state);
  $('notify-state').textContent = words;
  $('notify-toggle').hidden = !button;
  $('notify-toggle').textContent = button || '';
  $('notify-toggle').dataset.enable = String(state.status !== 'on');
}

function failed(error) {
  if (error instanceof ApiError && error.status === 401) {
    showSignedOut('Your session ended: sign in again.');
    return;
  }
  say(error.message, true);
}

function resetForm() {
  $('alert-form').reset();
  $('alert-id').value = '';
  $('form-heading').textContent = 'New alert';
  $('save').textContent = 'Create alert';
  $('cancel-edit').hidden = true;
  $('window-field').hidden = true;
  $('form-error').textContent = '';
}

function startEdit(alert) {
  $('alert-id').value = alert.id;
  $('coin').value = alert.coin;
  $('condition').value = alert.condition;
  $('threshold').value = alert.threshold;
  $('window').value = alert.window || '1h';
  $('note').value = alert.note || '';
  $('window-field').hidden = !alert.window;
  $('form-heading').textContent = `Edit: ${describeCondition(alert)}`;
  $('save').textContent = 'Save changes';
  $('cancel-edit').hidden = false;
  $('coin').focus();
}

async function onSubmit(event) {
  event.preventDefault();
  const id = $('alert-id').value;
  const { body, error } = alertBody({ coin: $('coin').value, condition: $('condition').value, threshold: $('threshold').value,
    window: $('window').value, note: $('note').value, editing: Boolean(id) });
  $('form-error').textContent = error || '';
  if (error) return $('threshold').focus();
  try {
    await (id ? api.edit(id, body) : api.create(body));
    resetForm();
    say(id ? 'Alert saved.' : 'Alert created: it is checked within seconds.');
    await refresh();
  } catch (failure) {
    if (failure instanceof ApiError && failure.status !== 401) $('form-error').textContent = failure.message;
    else failed(failure);
  }
}

async function onAlertAction(event) {
  const button = event.target.closest('button[data-action]');
  if (!button) return;
  const { action, id } = button.dataset;
  const alert = alerts.find((a) => a.id === id);
  if (action === 'edit') return startEdit(alert);
  if (action === 'delete' && !window.confirm(`Delete the alert ${describeCondition(alert)}?`)) return;
  try {
    await (action === 'delete' ? api.remove(id) : api.act(id, action));
    await refresh();
  } catch (error) {
    failed(error);
  }
}

function showSignedOut(message) {
  $('app').hidden = true;
  $('sign-in').hidden = false;
  $('sign-out').hidden = true;
  $('who').textContent = '';
  say(message || 'Sign in to manage your price alerts.');
}

async function showSignedIn() {
  $('who').textContent = session.user.email || '';
  $('sign-in').hidden = true;
  $('sign-out').hidden = false;
  $('app').hidden = false;
  await Promise.all([refresh(), refreshNotifications().catch(failed)]);
  setInterval(() => { if (document.visibilityState === 'visible' && session.tokens) refresh(); }, REFRESH_MS);
}

function wire(config) {
  $('coin').replaceChildren(...String(config.coins || '').split(',').filter(Boolean).map((coin) => element('option', { text: coin })));
  $('sign-in').addEventListener('click', () => session.signIn());
  $('sign-out').addEventListener('click', () => session.signOut());
  $('refresh').addEventListener('click', refresh);
  $('alert-form').addEventListener('submit', onSubmit);
  $('cancel-edit').addEventListener('click', resetForm);
  $('condition').addEventListener('change', () => {
    $('window-field').hidden = !['rise', 'fall'].includes($('condition').value);
  });
  $('alerts').addEventListener('click', onAlertAction);
  $('notify-toggle').addEventListener('click', async () => {
    try {
      await api.setNotifications($('notify-toggle').dataset.enable === 'true');
      await refreshNotifications();
    } catch (error) {
      failed(error);
    }
  });
}

async function start() {
  const config = await (await fetch('config.json', { cache: 'no-store' })).json();
  session = new Session(config);
  api = new AlertsApi(config.apiUrl, session);
  wire(config);
  const callback = callbackParams(window.location.href);
  if (callback) {
    window.history.replaceState(null, '', window.location.pathname);
    if (callback.error) return showSignedOut(`Sign-in failed: ${callback.error}`);
    try {
      await session.completeSignIn(callback);
    } catch (error) {
      return showSignedOut(error.message);
    }
  }
  if (await session.idToken()) return showSignedIn();
  showSignedOut();
}

start().catch((error) => say(`The page could not start: ${error.message}`, true));
