'use strict';
// Command-line parsing for bin/crypto-alerts: `<command> --name value ...`
// and boolean flags. Anything malformed is a UsageError (exit 2).

class UsageError extends Error {}
// The request was well formed but the alert is not in a state that allows
// it: exit 1. `kind` tells the alerts API which answer it is: 'missing' (no
// such alert: 404), 'conflict' (a concurrent write won, or it exists: 409)
// or 'state' (not allowed from its status: 409).
class StateError extends Error {
  constructor(message, kind = 'state') {
    super(message);
    this.kind = kind;
  }
}

// spec: { name: 'value' | 'flag' } for the options a command accepts.
function parseOptions(argv, spec) {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const match = /^--([a-z][a-z-]*)(?:=(.*))?$/.exec(arg);
    if (!match) throw new UsageError(`unexpected argument '${arg}'`);
    const [, name, inline] = match;
    const kind = spec[name];
    if (!kind) throw new UsageError(`unknown option --${name}`);
    if (options[name] !== undefined) throw new UsageError(`--${name} given twice`);
    if (kind === 'flag') {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      options[name] = true;
      continue;
    }
    const value = inline !== undefined ? inline : argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
    options[name] = value;
  }
  return options;
}

function required(options, ...names) {
  for (const name of names) if (options[name] === undefined || options[name] === '') throw new UsageError(`--${name} is required`);
}

const STAGE = /^[a-z][a-z0-9-]{0,15}$/;

function checkStage(stage) {
  if (!STAGE.test(stage)) throw new UsageError(`invalid stage '${stage}': expected [a-z][a-z0-9-]{0,15}`);
  return stage;
}

module.exports = { UsageError, StateError, parseOptions, required, checkStage };
