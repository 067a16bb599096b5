// What the page shows, as pure functions of the API's answers: the words
// for an alert and a trigger, the actions an alert's state allows, the
// form's check before it is sent (the API checks again, and decides).

const STATUS_WORDS = {
  PENDING: 'Pending: being checked',
  ACTIVE: 'Active',
  TRIGGERED: 'Triggered',
  PAUSED: 'Paused',
  INVALID: 'Invalid',
};

const WINDOW_WORDS = { '5m': '5 minutes', '15m': '15 minutes', '1h': '1 hour', '4h': '4 hours', '24h': '24 hours' };

const usd = (value) => `$${Number(value).toLocaleString('en-US', { maximumFractionDigits: 8 })}`;

export function describeCondition({ coin, condition, threshold, window }) {
  if (condition === 'above') return `${coin} above ${usd(threshold)}`;
  if (condition === 'below') return `${coin} below ${usd(threshold)}`;
  const verb = condition === 'rise' ? 'rises' : 'falls';
  return `${coin} ${verb} ${threshold}% within ${WINDOW_WORDS[window] || window}`;
}

export const statusWords = (status) => STATUS_WORDS[status] || status;

// The buttons an alert in this state offers: [action, label], in order.
export function actionsFor(status) {
  const actions = [];
  if (status === 'ACTIVE' || status === 'INVALID') actions.push(['pause', 'Pause']);
  if (status === 'PAUSED') actions.push(['resume', 'Resume']);
  if (status === 'TRIGGERED' || status === 'INVALID') actions.push(['rearm', 'Re-arm']);
  actions.push(['edit', 'Edit'], ['delete', 'Delete']);
  return actions;
}

export function alertLines(alert) {
  const lines = [];
  if (alert.note) lines.push(alert.note);
  if (alert.status === 'INVALID' && alert.invalidReason) lines.push(`Why: ${alert.invalidReason}`);
  if (alert.triggeredAt) lines.push(`Last triggered ${formatTime(alert.triggeredAt)} at ${usd(alert.triggeredPrice)}`);
  return lines;
}

export function triggerLine(trigger) {
  const sent = trigger.notified ? 'notified' : 'not notified yet';
  return `${describeCondition(trigger)}: ${usd(trigger.triggeredPrice)} at ${formatTime(trigger.triggeredAt)} (${sent})`;
}

export function formatTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().replace('T', ' ').replace(/:\d\d\.\d+Z$/, ' UTC');
}

export function notificationWords({ email, status }) {
  switch (status) {
    case 'on': return [`Your alerts are emailed to ${email}.`, 'Stop emails'];
    case 'pending': return [`A confirmation mail went to ${email}: open its link to start receiving alerts.`, null];
    case 'taken': return [`${email} already receives another account's alerts.`, null];
    case 'unverified': return ['Your email address is not verified yet.', null];
    default: return [`Alerts are not emailed. Send them to ${email}?`, 'Email my alerts'];
  }
}

// The body the API takes for the form's fields, or { error } (the API
// refuses the same things with a 400).
export function alertBody(fields) {
  const threshold = String(fields.threshold || '').trim();
  if (!/^(0|[1-9]\d*)(\.\d+)?$/.test(threshold) || Number(threshold) <= 0) return { error: 'Enter the threshold as a positive number, such as 65000 or 2.5.' };
  const percent = fields.condition === 'rise' || fields.condition === 'fall';
  if (percent && Number(threshold) > 1000) return { error: 'A rise or fall is at most 1000%.' };
  const body = { coin: fields.coin, condition: fields.condition, threshold };
  if (percent) body.window = fields.window;
  const note = String(fields.note || '').trim();
  if (note) body.note = note;
  else if (fields.editing) body.note = null;
  return { body };
}
