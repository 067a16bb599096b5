'use strict';
// cfngen's pattern matcher (src/check/pattern_matcher.cpp) against Node's RegExp
// with the `u` flag, the reference for JSON Schema patterns: every pattern
// the specification table keeps, on samples generated from the pattern
// (strings it should match, each mutated into near misses) and on fixed
// ones. Any disagreement, or a kept pattern the matcher cannot compile,
// fails the test. Run by CTest with PATTERN_PROBE=<tests' pattern_probe>.

const test = require('node:test');
const assert = require('node:assert');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const regjsparser = require('regjsparser');
const { loadModel } = require('../../../tools/spec/model');
const { loadConstraints } = require('../../../tools/spec/constraints');
const { unicodePattern } = require('../../../tools/regex/normalize');

const root = path.join(__dirname, '..', '..', '..');

// Deterministic: a failure reproduces.
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Printable ASCII, whitespace of every kind, and one or more code points of
// each General_Category the patterns name: letters of other scripts,
// digits that are \p{N} but not \d, marks, symbols, separators, controls,
// private use, unassigned, an astral emoji.
const POOL = [];
for (let cp = 0x20; cp < 0x7f; cp++) POOL.push(cp);
POOL.push(0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x7f, 0x85, 0xa0, 0xa9, 0xad, 0xbd, 0xdf, 0xe9, 0x130, 0x1c5, 0x2b0, 0x301,
  0x378, 0x416, 0x663, 0x903, 0x2013, 0x2028, 0x203f, 0x20ac, 0x216b, 0x3000, 0x4e2d, 0xe000, 0xfeff, 0x1d7d8,
  0x1f600, 0x10ffff);
const POOL_CHARS = POOL.map((cp) => String.fromCodePoint(cp));

const candidatesByAtom = new Map();
function candidates(node) {
  if (!candidatesByAtom.has(node.raw)) {
    const atom = new RegExp(`^(?:${node.raw})$`, 'u');
    const extra = [];
    const collect = (n) => {
      if (n.type === 'value') extra.push(n.codePoint);
      if (n.type === 'characterClassRange') extra.push(n.min.codePoint, n.max.codePoint, (n.min.codePoint + n.max.codePoint) >> 1);
      for (const child of n.body || []) collect(child);
    };
    collect(node);
    const all = [...new Set([...POOL_CHARS, ...extra.filter((cp) => cp < 0xd800 || cp > 0xdfff).map((cp) => String.fromCodePoint(cp))])];
    candidatesByAtom.set(node.raw, all.filter((c) => atom.test(c)));
  }
  return candidatesByAtom.get(node.raw);
}

// A string the pattern should match (lookarounds and anchors are ignored,
// so not always: Node decides).
function generate(node, rand) {
  const pick = (list) => list[Math.floor(rand() * list.length)];
  switch (node.type) {
    case 'alternative': return node.body.map((n) => generate(n, rand)).join('');
    case 'disjunction': return generate(pick(node.body), rand);
    case 'group':
      if (node.behavior !== 'normal' && node.behavior !== 'ignore') return '';
      return node.body.map((n) => generate(n, rand)).join('');
    case 'quantifier': {
      const max = node.max === undefined ? node.min + 3 : Math.min(node.max, node.min + 3);
      const count = node.min + Math.floor(rand() * (max - node.min + 1));
      let text = '';
      for (let i = 0; i < count; i++) text += generate(node.body[0], rand);
      return text;
    }
    case 'value': case 'characterClass': case 'characterClassEscape': case 'unicodePropertyEscape': case 'dot': {
      const list = candidates(node);
      return list.length ? pick(list) : '';
    }
    default: return '';  // anchors, references
  }
}

function samplesOf(pattern, seed) {
  const rand = random(seed);
  const ast = regjsparser.parse(pattern, 'u', { unicodePropertyEscape: true, lookbehind: true, namedGroups: true });
  const samples = new Set(['', 'a', 'InstanceIds', 'tag:DomainJoin', '😀', 'x'.repeat(130), 'arn:aws:s3:::b', ' \n']);
  const poolChar = () => POOL_CHARS[Math.floor(rand() * POOL_CHARS.length)];
  for (let i = 0; i < 8; i++) {
    const text = generate(ast, rand);
    samples.add(text);
    if (i >= 4) continue;
    const chars = [...text];
    const at = Math.floor(rand() * (chars.length + 1));
    samples.add([...chars.slice(0, at), poolChar(), ...chars.slice(at)].join(''));
    if (chars.length) {
      const k = Math.floor(rand() * chars.length);
      samples.add([...chars.slice(0, k), ...chars.slice(k + 1)].join(''));
      samples.add([...chars.slice(0, k), poolChar(), ...chars.slice(k + 1)].join(''));
    }
    samples.add(text + text);
    samples.add(text + '\n');
    samples.add(' ' + text);
  }
  return [...samples];
}

function keptPatterns() {
  const patterns = new Set();
  const walk = (c) => {
    if (!c) return;
    if (c.pattern !== undefined) {
      const unicode = unicodePattern(c.pattern);
      if (unicode !== null) patterns.add(unicode);
    }
    walk(c.items);
  };
  for (const c of loadConstraints(loadModel()).values()) walk(c);
  return [...patterns].sort();
}

test('the Unicode tables are what Node\'s data says', () => {
  const written = execFileSync(process.execPath, [path.join(root, 'tools/regex/generate-unicode-tables.js')],
    { encoding: 'utf8', maxBuffer: 1 << 26 });
  assert.ok(written === fs.readFileSync(path.join(root, 'src/check/generated/unicode_tables.cpp'), 'utf8'),
    'src/check/generated/unicode_tables.cpp is stale: node tools/regex/generate-unicode-tables.js > src/check/generated/unicode_tables.cpp');
});

test('every pattern of the constraint data matches as JavaScript matches it', () => {
  const probe = process.env.PATTERN_PROBE;
  assert.ok(probe, 'PATTERN_PROBE: the path of the built pattern_probe');
  const patterns = keptPatterns();
  const requests = patterns.map((pattern, i) => [pattern, ...samplesOf(pattern, i + 1)]);
  const answers = execFileSync(probe, { input: requests.map((r) => JSON.stringify(r)).join('\n') + '\n',
    encoding: 'utf8', maxBuffer: 1 << 28 }).split('\n');
  const disagreements = [];
  let samples = 0;
  let matching = 0;
  requests.forEach(([pattern, ...texts], i) => {
    if (answers[i].startsWith('error:')) {
      disagreements.push(`${pattern}: cfngen cannot compile it (${answers[i]})`);
      return;
    }
    const reference = new RegExp(pattern, 'u');
    texts.forEach((text, k) => {
      const expected = reference.test(text);
      samples++;
      if (expected) matching++;
      if ((answers[i][k] === '1') !== expected)
        disagreements.push(`${pattern} on ${JSON.stringify(text)}: JavaScript ${expected}, cfngen ${!expected}`);
    });
  });
  console.log(`${patterns.length} patterns, ${samples} samples (${matching} matching), ${disagreements.length} disagreements`);
  assert.deepStrictEqual(disagreements.slice(0, 20), []);
  assert.ok(matching > samples / 4, 'the generated samples should match often enough to test matching');
});

test('the matcher agrees with JavaScript on the constructs the patterns use', () => {
  const probe = process.env.PATTERN_PROBE;
  assert.ok(probe);
  const cases = [
    ['^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}$|resource-groups:Name', 'InstanceIds', 'tag:DomainJoin', 'Ключ', 'a\u00a0b', 'a;b'],
    ['^(?=.*[a-z])(?=.*\\d).{8,}$', 'abcdefg1', 'abcdefgh', '12345678a'],
    ['(?<!x)y', 'y', 'xy', 'zy'],
    ['(?<=\\$)\\d+', '$10', '10'],
    ['^\\P{C}*$', 'ok', 'no\u0007'],
    ['\\bword\\b', 'a word here', 'swordfish'],
    ['^a+?b$', 'aaab', 'b'],
    ['^[^]$', '\n', ''],
    ['^.$', '\n', '😀', '\u2028'],
    ['^\\u{1F600}|\\uD83D\\uDE00$', '😀'],
    ['^[\\w\\-.~]+$', 'a-b.c~', 'a b'],
  ];
  const answers = execFileSync(probe, { input: cases.map((c) => JSON.stringify(c)).join('\n') + '\n', encoding: 'utf8' }).split('\n');
  cases.forEach(([pattern, ...texts], i) => {
    const expected = texts.map((t) => (new RegExp(pattern, 'u').test(t) ? '1' : '0')).join('');
    assert.strictEqual(answers[i], expected, pattern);
  });
});
