'use strict';
// Shared by the bench scripts: one command's wall time in seconds, run in
// the repository's top folder unless told otherwise; a failure throws with
// the last lines it printed.
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.join(__dirname, '..', '..');

function timed(argv, options = {}) {
  const started = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { cwd: ROOT, encoding: 'utf8', ...options });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed: ${(r.stderr || r.stdout || '').trim().split('\n').slice(-5).join(' | ')}`);
  return seconds;
}

module.exports = { timed };
