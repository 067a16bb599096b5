#!/usr/bin/env node
'use strict';
// The README's C++ code blocks compile as a user would write them: each
// ```cpp block is preceded by a marker saying how it is checked, and a block
// without one fails the test, so a new example cannot go unchecked.
//   <!-- readme-test: translation-unit -->  the block is a whole source file
//   <!-- readme-test: statements -->        the block is a function body (cfngen's
//                                           namespace and the headers of the services it names)
//   <!-- readme-test: each-line-fails -->   every line is a statement that must not compile
//
//   node tests/readme/check-code-blocks.js CXX BINDINGS_INCLUDE_DIR [README]
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const [cxx, bindings, readmeArg] = process.argv.slice(2);
if (!cxx || !bindings) {
  console.error('usage: check-code-blocks.js CXX BINDINGS_INCLUDE_DIR [README]');
  process.exit(2);
}
const root = path.join(__dirname, '..', '..');
const readme = readmeArg || path.join(root, 'README.md');
const services = new Set(fs.readdirSync(path.join(bindings, 'cfngen', 'resources'))
  .filter((f) => f.endsWith('.hpp')).map((f) => f.replace(/\.hpp$/, '')));

// Each ```cpp block with its first line number and the marker above it.
function blocks(text) {
  const lines = text.split('\n');
  const found = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '```cpp') continue;
    let end = i + 1;
    while (end < lines.length && lines[end].trim() !== '```') end++;
    let above = i - 1;
    while (above >= 0 && lines[above].trim() === '') above--;
    const marker = above >= 0 ? /<!-- readme-test: ([a-z-]+) -->/.exec(lines[above]) : null;
    found.push({ line: i + 2, mode: marker ? marker[1] : null, code: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  return found;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-code-'));
function compiles(source) {
  const file = path.join(work, 'block.cpp');
  fs.writeFileSync(file, source);
  const r = spawnSync(cxx, ['-std=c++20', '-fsyntax-only', `-I${path.join(root, 'include')}`, `-I${bindings}`, file],
    { encoding: 'utf8' });
  return { ok: r.status === 0, errors: (r.stderr || '').split('\n').filter((l) => l.includes('error')).slice(0, 3) };
}

// A function body, with cfngen's namespace and the headers of the services it names.
function asStatements(code) {
  const named = new Set([...code.matchAll(/\b([a-z][a-z0-9_]*)::/g)].map((m) => m[1]).filter((s) => services.has(s)));
  return ['#include "cfngen/app.hpp"', '#include "cfngen/iam.hpp"',
    ...[...named].map((s) => `#include "cfngen/resources/${s}.hpp"`),
    'using namespace cfngen;', 'void readme_block() {', code, '}', ''].join('\n');
}

const failures = [];
let checked = 0;
for (const block of blocks(fs.readFileSync(readme, 'utf8'))) {
  const where = `${path.basename(readme)}:${block.line}`;
  if (block.mode === 'translation-unit' || block.mode === 'statements') {
    const r = compiles(block.mode === 'statements' ? asStatements(block.code) : `${block.code}\n`);
    if (!r.ok) failures.push(`${where}: the block does not compile: ${r.errors.join(' | ')}`);
    checked++;
  } else if (block.mode === 'each-line-fails') {
    for (const line of block.code.split('\n').filter((l) => l.trim() && !l.trim().startsWith('//'))) {
      if (compiles(asStatements(line)).ok) failures.push(`${where}: compiles, but the README says it does not: ${line.trim()}`);
      checked++;
    }
  } else {
    failures.push(`${where}: a cpp block without a <!-- readme-test: translation-unit|statements|each-line-fails --> marker`);
  }
}
fs.rmSync(work, { recursive: true, force: true });
for (const f of failures) console.error(f);
if (failures.length) process.exit(1);
console.log(`check-code-blocks: ${checked} README code blocks and lines behave as documented`);
