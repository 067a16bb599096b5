#!/usr/bin/env node
'use strict';
// The round trip of `cfngen import` on a set of templates: import each one,
// compile the code in batches (one translation unit per batch, -O0, as the
// edit loop compiles), synthesize every stack, and compare each template
// with what its code synthesized (`cfngen import --verify`). Prints the rate
// and each failure with its cause: import, compile, synth, or the first
// differing path.
//
//   node tests/import/round-trip.js --cfngen BIN --cxx CXX --include DIR... --link LIB... \
//        [--work DIR] [--batch N] [--min-rate R] [--expect-fail FILE] [--clang-format BIN] TEMPLATE_OR_DIR...
//
// --clang-format: import formats with it (CFNGEN_CLANG_FORMAT), and each
// file must then be clang-format-clean under the .clang-format import ships.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const os = require('node:os');

function parseArgs(argv) {
  const args = { include: [], link: [], inputs: [], batch: 16, work: null, minRate: null, expectFail: null, jobs: 2, json: null, clangFormat: null };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    const next = () => argv[++i];
    if (a === '--cfngen') args.cfngen = next();
    else if (a === '--cxx') args.cxx = next();
    else if (a === '--include') args.include.push(next());
    else if (a === '--link') args.link.push(...next().split(';').filter(Boolean));
    else if (a === '--work') args.work = next();
    else if (a === '--batch') args.batch = Number(next());
    else if (a === '--jobs') args.jobs = Number(next());
    else if (a === '--min-rate') args.minRate = Number(next());
    else if (a === '--expect-fail') args.expectFail = next();
    else if (a === '--json') args.json = next();
    else if (a === '--clang-format') args.clangFormat = next();
    else args.inputs.push(a);
  }
  if (!args.cfngen || !args.cxx || args.inputs.length === 0) {
    console.error('usage: round-trip.js --cfngen BIN --cxx CXX --include DIR --link LIB [--work DIR] TEMPLATE_OR_DIR...');
    process.exit(2);
  }
  return args;
}

function templatesIn(input) {
  const stat = fs.statSync(input);
  if (!stat.isDirectory()) return [input];
  const found = [];
  for (const entry of fs.readdirSync(input, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(input, entry.name);
    if (entry.isDirectory()) found.push(...templatesIn(full));
    else if (/\.(json|ya?ml|template)$/i.test(entry.name)) found.push(full);
  }
  return found;
}

// A template, not some other JSON or YAML (a package.json, a parameters file).
function looksLikeTemplate(file) {
  const text = fs.readFileSync(file, 'utf8');
  return /(^|\n)\s*"?Resources"?\s*:/.test(text);
}

function run(command, args, options = {}) {
  return spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
}

function firstLine(text) {
  return (text || '').split('\n').find((l) => l.trim()) || '';
}

// Runs `tasks` (functions returning promises) `jobs` at a time.
async function pool(tasks, jobs) {
  const results = new Array(tasks.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(jobs, tasks.length) }, async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  }));
  return results;
}

function compileAsync(args, source, object) {
  const { spawn } = require('node:child_process');
  return new Promise((resolve) => {
    const flags = ['-std=c++20', '-O0', '-w', ...args.include.map((d) => `-I${d}`), '-c', source, '-o', object];
    const child = spawn(args.cxx, flags, { stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (d) => { errors += d; });
    child.on('close', (code) => resolve({ ok: code === 0, errors }));
  });
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const work = args.work || fs.mkdtempSync(path.join(os.tmpdir(), 'cfngen-round-trip-'));
  fs.rmSync(work, { recursive: true, force: true });
  for (const dir of ['src', 'obj', 'synth']) fs.mkdirSync(path.join(work, dir), { recursive: true });
  const templates = args.inputs.flatMap(templatesIn).filter(looksLikeTemplate);
  const cases = templates.map((file, i) => ({ file, id: `t${i}`, stack: `rt${i}`, failure: null, notes: [] }));
  const started = Date.now();

  // 1. import
  const env = { ...process.env, CFNGEN_CLANG_FORMAT: args.clangFormat || '/nonexistent/clang-format' };
  for (const c of cases) {
    const out = path.join(work, 'src', `${c.id}.cpp`);
    const r = run(args.cfngen, ['import', c.file, '--stack-name', c.stack, '-o', out, ...(args.clangFormat ? [] : ['--no-format'])], { env });
    if (r.status !== 0) c.failure = { cause: 'import', detail: firstLine(r.stderr) };
    else c.notes = (r.stderr || '').split('\n').filter((l) => l.includes(': note: '));
    c.source = out;
    c.namespace = c.stack;
  }
  const importMs = Date.now() - started;
  if (args.clangFormat) {
    // The style import ships with --app, where clang-format looks for it: beside the sources.
    const app = run(args.cfngen, ['import', cases.find((k) => !k.failure).file, '--app', '--no-format', '-o', path.join(work, 'style')]);
    if (app.status !== 0) { console.error(app.stderr); process.exit(2); }
    fs.copyFileSync(path.join(work, 'style', '.clang-format'), path.join(work, 'src', '.clang-format'));
    for (const c of cases.filter((k) => !k.failure)) {
      const f = run(args.clangFormat, ['--dry-run', '-Werror', '--style=file', c.source]);
      if (f.status !== 0) c.failure = { cause: 'format', detail: firstLine(f.stderr).replace(`${work}/`, '') };
    }
  }

  // 2. compile in batches; a batch that fails is compiled file by file
  const good = cases.filter((c) => !c.failure);
  const batches = [];
  for (let i = 0; i < good.length; i += args.batch) batches.push(good.slice(i, i + args.batch));
  const objects = [];
  const batchResults = await pool(batches.map((batch, b) => async () => {
    const unity = path.join(work, 'src', `batch${b}.cpp`);
    fs.writeFileSync(unity, batch.map((c) => `#include "${c.source}"\n`).join(''));
    const object = path.join(work, 'obj', `batch${b}.o`);
    const r = await compileAsync(args, unity, object);
    if (r.ok) return [object];
    const singles = await pool(batch.map((c) => async () => {
      const o = path.join(work, 'obj', `${c.id}.o`);
      const s = await compileAsync(args, c.source, o);
      if (s.ok) return o;
      const error = s.errors.split('\n').find((l) => l.includes('error:')) || firstLine(s.errors);
      c.failure = { cause: 'compile', detail: error.replace(`${work}/`, '') };
      return null;
    }), 1);
    return singles.filter(Boolean);
  }), args.jobs);
  for (const list of batchResults) objects.push(...list);
  const compileMs = Date.now() - started - importMs;

  // 3. one driver synthesizes every stack that compiled
  const built = good.filter((c) => !c.failure);
  const driver = path.join(work, 'src', 'driver.cpp');
  fs.writeFileSync(driver, [
    '#include "cfngen/app.hpp"',
    '#include "cfngen/error.hpp"',
    '#include <fstream>',
    '#include <functional>',
    '#include <iostream>',
    ...built.map((c) => `namespace ${c.namespace} { cfngen::Stack build(const cfngen::AppContext&); }`),
    'int main(int argc, char** argv) {',
    '    const std::string out = argc > 1 ? argv[1] : ".";',
    '    const std::pair<const char*, std::function<cfngen::Stack()>> stacks[] = {',
    ...built.map((c) => `        {"${c.id}", [] { return ${c.namespace}::build({}); }},`),
    '        {nullptr, nullptr}};',
    '    for (const auto& [id, build] : stacks) {',
    '        if (!id) break;',
    '        try {',
    '            std::ofstream(out + "/" + id + ".json") << build().synth_text();',
    '        } catch (const std::exception& e) {',
    '            std::ofstream(out + "/" + id + ".error") << e.what() << "\\n";',
    '        }',
    '    }',
    '}',
  ].join('\n') + '\n');
  const driverObject = path.join(work, 'obj', 'driver.o');
  const d = await compileAsync(args, driver, driverObject);
  if (!d.ok) { console.error(d.errors); process.exit(2); }
  const binary = path.join(work, 'round-trip-driver');
  const link = run(args.cxx, ['-o', binary, driverObject, ...objects, ...args.link]);
  if (link.status !== 0) { console.error(link.stderr); process.exit(2); }
  const synthRun = run(binary, [path.join(work, 'synth')]);
  if (synthRun.status !== 0) { console.error(synthRun.stderr); process.exit(2); }

  // 4. verify
  for (const c of built) {
    const json = path.join(work, 'synth', `${c.id}.json`);
    const error = path.join(work, 'synth', `${c.id}.error`);
    if (fs.existsSync(error)) { c.failure = { cause: 'synth', detail: firstLine(fs.readFileSync(error, 'utf8')) }; continue; }
    const v = run(args.cfngen, ['import', c.file, '--verify', json]);
    if (v.status !== 0) c.failure = { cause: 'differs', detail: firstLine(v.stdout || v.stderr).replace(json, c.id) };
  }

  const passed = cases.filter((c) => !c.failure).length;
  const rate = cases.length ? passed / cases.length : 1;
  const byCause = {};
  for (const c of cases) if (c.failure) byCause[c.failure.cause] = (byCause[c.failure.cause] || 0) + 1;
  for (const c of cases) if (c.failure) console.log(`FAIL ${c.file} [${c.failure.cause}] ${c.failure.detail}`);
  console.log(`round trip: ${passed} of ${cases.length} templates (${(100 * rate).toFixed(1)}%); ` +
    `failures by cause: ${JSON.stringify(byCause)}; import ${importMs} ms, compile ${compileMs} ms, total ${Date.now() - started} ms`);
  if (args.json) fs.writeFileSync(args.json, JSON.stringify({ templates: cases.length, passed, rate, byCause,
    failures: cases.filter((c) => c.failure).map((c) => ({ file: c.file, ...c.failure })) }, null, 1));
  let failed = false;
  if (args.expectFail) {
    const expected = new Set(fs.readFileSync(args.expectFail, 'utf8').split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean));
    for (const c of cases) {
      const name = [...expected].find((e) => c.file.endsWith(`/${e}`));
      if (c.failure && !expected.has(name)) { console.log(`unexpected failure: ${c.file}`); failed = true; }
      if (!c.failure && expected.has(name)) { console.log(`now passes (remove it from ${args.expectFail}): ${c.file}`); failed = true; }
    }
  }
  if (args.minRate !== null && rate < args.minRate) { console.log(`rate below ${args.minRate}`); failed = true; }
  process.exit(failed ? 1 : 0);
}

main();
