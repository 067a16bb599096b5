'use strict';
// The library's include graph, drawn from its #include lines: which unit
// includes which, on how many levels, with how many edges running back up.
//
//   node tools/layout/include-graph.js [--files] [--json | --dot] [--root DIR]
//
// A unit is a wing of the library: the folder src/<wing>/ (its detail/ and
// generated/ included) with its public headers in include/cfngen/
// (PUBLIC_HEADER_WINGS), and the generated bindings (cfngen/resources/). With --files, each source file is its own unit (a
// .cpp and the .hpp of the same name are one), as the flat src/ of before
// was measured. Back edges are those a depth-first walk (units in name
// order) finds pointing at a unit still on its path: the edges whose removal
// leaves a graph without cycles. A unit's level is 1 plus the highest level
// it includes once they are removed.
const fs = require('node:fs');
const path = require('node:path');

function option(name) { return process.argv.includes(name); }
function value(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
}

function listFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(full);
    return /\.(cpp|hpp)$/.test(entry.name) ? [full] : [];
  });
}

// Where an #include "..." of `from` lands, relative to root; null for the
// standard library, third parties and the generated bindings' own files.
function resolveInclude(root, from, name) {
  const candidates = [path.join(path.dirname(from), name), path.join('src', name), path.join('include', name)];
  for (const candidate of candidates) if (fs.existsSync(path.join(root, candidate))) return path.normalize(candidate);
  if (name.startsWith('cfngen/resources/')) return 'include/cfngen/resources';  // generated
  return null;
}

// The wing each public header belongs to: the folder of src/ that
// implements it. The rest of include/cfngen/ is the model's face.
const PUBLIC_HEADER_WINGS = {
  'include/cfngen/resource_spec.hpp': 'spec',
  'include/cfngen/lambda_runtimes.hpp': 'check',
  'include/cfngen/synth.hpp': 'synth',
  'include/cfngen/import.hpp': 'import',
  'include/cfngen/cli.hpp': 'cli',
  'include/cfngen/testing.hpp': 'testing',
  'include/cfngen/constructs.hpp': 'constructs',
};

function wingOf(file) {
  const parts = file.split('/');
  if (parts[0] === 'src') return parts.length > 2 ? parts[1] : null;
  if (file.startsWith('include/cfngen/resources')) return 'bindings';
  if (file.startsWith('include/cfngen/constructs/')) return 'constructs';
  return PUBLIC_HEADER_WINGS[file] || 'model';
}

// A file's wing; with byFile, the file itself (a .cpp and its .hpp are one
// unit; in constructs, testing and cli, named with the wing, as their stems
// repeat elsewhere). The flat src/ of before has no wings: each file is one.
function unitOf(file, byFile) {
  const wing = wingOf(file);
  if (wing === 'bindings' || (wing && !byFile)) return wing;
  const stem = path.basename(file).replace(/\.(cpp|hpp)$/, '');
  return ['constructs', 'testing', 'cli'].includes(wing) ? `${wing}/${stem}` : byFile ? stem : file;
}

// Every include edge between files of the library.
function fileEdges(root) {
  const files = [...listFiles(path.join(root, 'src')), ...listFiles(path.join(root, 'include', 'cfngen'))]
    .map((f) => path.relative(root, f));
  const edges = [];
  for (const file of files) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    for (const match of text.matchAll(/^\s*#\s*include\s+"([^"]+)"/gm)) {
      const target = resolveInclude(root, file, match[1]);
      if (target && target !== file) edges.push({ from: file, to: target, name: match[1] });
    }
  }
  // The bindings are generated into the build tree: their includes are
  // those their generator writes.
  const generatorFile = path.join(root, 'tools', 'spec', 'generate-bindings.js');
  const generator = fs.existsSync(generatorFile) ? fs.readFileSync(generatorFile, 'utf8') : '';
  for (const match of generator.matchAll(/#include \\?"(cfngen\/[a-z_]+\.hpp)\\?"/g)) {
    edges.push({ from: 'include/cfngen/resources', to: path.join('include', match[1]), name: match[1] });
  }
  return { files, edges };
}

function measure(root, byFile) {
  const { files, edges } = fileEdges(root);
  const units = new Set(files.map((f) => unitOf(f, byFile)));
  const out = new Map([...units].map((u) => [u, new Set()]));
  for (const e of edges) {
    const a = unitOf(e.from, byFile);
    const b = unitOf(e.to, byFile);
    if (a !== b) { units.add(b); if (!out.has(b)) out.set(b, new Set()); out.get(a).add(b); }
  }
  const names = [...out.keys()].sort();
  const state = new Map();
  const back = [];
  const visit = (u) => {
    state.set(u, 'open');
    for (const v of [...out.get(u)].sort()) {
      if (state.get(v) === 'open') back.push([u, v]);
      else if (!state.has(v)) visit(v);
    }
    state.set(u, 'done');
  };
  for (const u of names) if (!state.has(u)) visit(u);
  const isBack = new Set(back.map(([a, b]) => `${a}>${b}`));
  const level = new Map();
  const levelOf = (u) => {
    if (level.has(u)) return level.get(u);
    let highest = 0;
    for (const v of out.get(u)) if (!isBack.has(`${u}>${v}`)) highest = Math.max(highest, levelOf(v));
    level.set(u, highest + 1);
    return highest + 1;
  };
  names.forEach(levelOf);
  const dependencies = names.reduce((n, u) => n + out.get(u).size, 0);
  return {
    units: names.length, levels: Math.max(...level.values()), dependencies, back_edges: back,
    by_level: names.map((u) => ({ unit: u, level: level.get(u), includes: [...out.get(u)].sort() }))
      .sort((a, b) => a.level - b.level || a.unit.localeCompare(b.unit)),
    file_edges: edges,
  };
}

// The wings as a DOT graph, one rank per level: the includer above, the lowest level at the bottom.
function dot(result) {
  const lines = ['digraph wings {', '  node [shape=box, style="rounded,filled", fillcolor="#eef3fb", fontname="Helvetica"];',
    '  edge [color="#667788"];'];
  const levels = [...new Set(result.by_level.map((u) => u.level))];
  for (const level of levels) {
    const units = result.by_level.filter((u) => u.level === level).map((u) => `"${u.unit}"`);
    lines.push(`  { rank=same; ${units.join('; ')}; }`);
  }
  for (const { unit, includes } of result.by_level) for (const to of includes) lines.push(`  "${unit}" -> "${to}";`);
  lines.push('}');
  return lines.join('\n');
}

module.exports = { measure, fileEdges, listFiles, unitOf, wingOf, dot };

if (require.main === module) {
  const root = path.resolve(value('--root', path.join(__dirname, '..', '..')));
  const result = measure(root, option('--files'));
  if (option('--dot')) {
    console.log(dot(result));
  } else if (option('--json')) {
    const { file_edges, ...rest } = result;
    console.log(JSON.stringify(rest, null, 2));
  } else {
    console.log(`${result.units} units on ${result.levels} levels, ${result.dependencies} dependencies, ` +
      `${result.back_edges.length} running back up`);
    for (const { unit, level, includes } of result.by_level) console.log(`  ${level}  ${unit} -> ${includes.join(', ')}`);
    for (const [a, b] of result.back_edges) console.log(`  back: ${a} -> ${b}`);
  }
}
