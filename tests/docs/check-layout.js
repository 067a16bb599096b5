'use strict';
// README "Code layout" cannot go stale: its table of the library's wings is
// what the includes say, the wings' includes run one way, a wing's detail/
// headers stay its own, the apps and examples use the public headers only,
// and docs/library-layers.svg was drawn from the include graph of now.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { measure, listFiles, wingOf, dot } = require('../../tools/layout/include-graph');

const ROOT = path.join(__dirname, '..', '..');
const result = measure(ROOT, false);

// The rows of the table under the "layout table" marker: folder -> includes.
function readmeTable() {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('<!-- layout table');
  assert.ok(start >= 0, 'README.md has no layout table marker');
  const rows = readme.slice(start).split('\n').slice(1);
  const table = new Map();
  for (const row of rows.slice(2)) {
    if (!row.startsWith('|')) break;
    const [folder, , includes] = row.split('|').slice(1, -1).map((cell) => cell.trim());
    const wing = folder.includes('(bindings)') ? 'bindings' : folder.match(/`src\/([a-z]+)\/`/)[1];
    table.set(wing, includes === '—' ? [] : includes.split(',').map((w) => w.trim()));
  }
  return table;
}

test('the README layout table names every wing and exactly what each includes', () => {
  const table = readmeTable();
  const actual = new Map(result.by_level.map(({ unit, includes }) => [unit, includes]));
  assert.deepEqual([...table.keys()].sort(), [...actual.keys()].sort(), 'the wings of the table and of src/');
  for (const [wing, includes] of actual) {
    assert.deepEqual([...table.get(wing)].sort(), includes, `README: the includes of ${wing}`);
  }
  for (const wing of table.keys()) {
    if (wing !== 'bindings') assert.ok(fs.existsSync(path.join(ROOT, 'src', wing)), `src/${wing}/ exists`);
  }
});

test('the include graph runs one way: at most 2 edges back up, at most 8 levels', () => {
  assert.ok(result.back_edges.length <= 2, `back edges: ${JSON.stringify(result.back_edges)}`);
  assert.ok(result.levels <= 8, `${result.levels} levels`);
  const model = result.by_level.find((u) => u.unit === 'model');
  for (const upper of ['check', 'diff', 'cli', 'synth']) assert.ok(!model.includes.includes(upper), `model includes ${upper}`);
});

test("no wing includes another wing's detail/ headers", () => {
  const crossing = result.file_edges.filter((e) => e.to.includes('/detail/') && wingOf(e.from) !== wingOf(e.to));
  assert.deepEqual(crossing.map((e) => `${e.from} -> ${e.to}`), []);
});

test('the apps and examples include only <cfngen/...> public headers and their own files', () => {
  const offending = [];
  for (const parent of ['apps', 'examples']) {
    for (const folder of fs.readdirSync(path.join(ROOT, parent))) {
      const files = listFiles(path.join(ROOT, parent, folder));
      const own = new Set(files.map((file) => path.basename(file)));
      for (const file of files) {
        for (const [, name] of fs.readFileSync(file, 'utf8').matchAll(/^\s*#\s*include\s+["<]([^">]+)[">]/gm)) {
          const allowed = name.startsWith('cfngen/')
            ? fs.existsSync(path.join(ROOT, 'include', name)) || name.startsWith('cfngen/resources/')
            : !name.includes('.') || name.startsWith('catch2/') || own.has(path.basename(name));
          if (!allowed) offending.push(`${path.relative(ROOT, file)}: ${name}`);
        }
      }
    }
  }
  assert.deepEqual(offending, []);
});

test('docs/library-layers.svg was drawn from the include graph of now', () => {
  const hash = crypto.createHash('sha256').update(`${dot(result)}\n`).digest('hex');
  const svg = fs.readFileSync(path.join(ROOT, 'docs', 'library-layers.svg'), 'utf8');
  assert.ok(svg.includes(`DOT sha256 ${hash}`), 'docs/library-layers.svg is stale: run scripts/update-architecture.sh');
});
