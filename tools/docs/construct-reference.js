#!/usr/bin/env node
'use strict';
// README "Construct reference", generated from the constructs' public
// headers (include/cfngen/constructs/*.hpp): per construct, its props (each
// field's type, default and the header's comment on it) and its public
// methods with their comments, grants among them. The README holds the
// output between its markers; tests/docs/check-construct-reference.js fails
// when the two differ, so the reference cannot go stale.
//
//   node tools/docs/construct-reference.js            # print the section
//   node tools/docs/construct-reference.js --write    # write it into README.md
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');
const HEADERS = path.join(ROOT, 'include', 'cfngen', 'constructs');
const BEGIN = '<!-- construct reference: generated from include/cfngen/constructs/*.hpp by tools/docs/construct-reference.js --write; do not edit -->';
const END = '<!-- end of construct reference -->';

const cell = (text) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
const code = (text) => '`' + cell(text).replace(/`/g, "'") + '`';

// The comment lines right above line `i`, and a trailing comment on it.
function commentFor(lines, i) {
  const above = [];
  for (let j = i - 1; j >= 0 && /^\s*\/\//.test(lines[j]); --j) above.unshift(lines[j].replace(/^\s*\/\/\s?/, ''));
  const trailing = lines[i].match(/;\s*\/\/\s?(.*)$/) || lines[i].match(/\}\s*\/\/\s?(.*)$/);
  return [...above, ...(trailing ? [trailing[1]] : [])].join(' ');
}

// The body lines of `struct|class NAME ... {` up to its closing `};` at column 0.
function body(lines, start) {
  const result = [];
  for (let i = start + 1; i < lines.length && !/^};/.test(lines[i]); ++i) result.push(i);
  return result;
}

function propsTable(lines, start) {
  const rows = [];
  for (const i of body(lines, start)) {
    const m = lines[i].match(/^    ([^/(]+?)\s+(\w+)\s*(?:=\s*(.+?)|\{(.*?)\})?;/);
    if (!m) continue;
    const [, type, name, assigned, braced] = m;
    const value = assigned !== undefined ? assigned : braced ? braced : '';
    rows.push(`| ${code(name)} | ${code(type)} | ${value ? code(value) : '—'} | ${cell(commentFor(lines, i)) || ' '} |`);
  }
  return ['| prop | type | default | |', '| --- | --- | --- | --- |', ...rows];
}

function methodsTable(lines, start, name) {
  const rows = [];
  let visibility = 'private';
  for (const i of body(lines, start)) {
    const line = lines[i];
    if (/^\s*(public|private|protected):/.test(line)) { visibility = line.trim().replace(':', ''); continue; }
    if (visibility !== 'public' || /^\s*\/\//.test(line) || !line.trim()) continue;
    // A declaration may span lines: up to its ';' or its one-line body.
    let text = line.trim();
    for (let j = i + 1; !/[;}]\s*(\/\/.*)?$/.test(text) && j < lines.length; ++j) text += ' ' + lines[j].trim();
    if (!text.includes('(') || text.startsWith(`${name}(`)) continue;  // fields and constructors
    const signature = text.replace(/\s*\{[^{}]*\}\s*(\/\/.*)?$/, '').replace(/;\s*(\/\/.*)?$/, '');
    rows.push(`| ${code(signature)} | ${cell(commentFor(lines, i)) || ' '} |`);
  }
  return rows.length ? ['| method | |', '| --- | --- |', ...rows] : [];
}

function section() {
  const out = [BEGIN, ''];
  for (const file of fs.readdirSync(HEADERS).filter((f) => f.endsWith('.hpp')).sort()) {
    const lines = fs.readFileSync(path.join(HEADERS, file), 'utf8').split('\n');
    const blocks = [];
    lines.forEach((line, i) => {
      const m = line.match(/^(struct|class) (\w+)(?: : public \w+)? \{/);
      if (!m) return;
      if (m[1] === 'struct' && m[2].endsWith('Props')) blocks.push({ title: `\`${m[2]}\``, table: propsTable(lines, i) });
      else if (m[1] === 'class') {
        const table = methodsTable(lines, i, m[2]);
        if (table.length) blocks.push({ title: `\`${m[2]}\``, table });
      }
    });
    if (!blocks.length) continue;
    out.push(`#### \`cfngen/constructs/${file}\``, '');
    for (const block of blocks) out.push(`${block.title}:`, '', ...block.table, '');
  }
  out.push(END);
  return out.join('\n');
}

function readmeWith(generated) {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < 0) throw new Error('README.md has no construct reference markers');
  return { readme, updated: readme.slice(0, start) + generated + readme.slice(end + END.length) };
}

module.exports = { section, readmeWith, BEGIN, END };

if (require.main === module) {
  const generated = section();
  if (process.argv.includes('--write')) {
    const { updated } = readmeWith(generated);
    fs.writeFileSync(path.join(ROOT, 'README.md'), updated);
  } else process.stdout.write(generated + '\n');
}
