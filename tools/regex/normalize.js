'use strict';
// The registry schemas' patterns are written for several engines (Java,
// Python, JavaScript without the `u` flag): `\-` or `\_` outside a class,
// `[\w-.]`, Python's \A and \Z. JSON Schema reads a pattern as ECMAScript
// with the `u` flag, where those are errors, while \p{L} is a Unicode
// property only there. normalizePattern rewrites what means the same to
// every engine into `u`-flag syntax:
//   - \A -> ^ and \Z, \z -> $ (outside classes);
//   - an escaped punctuation character that needs no escape loses the
//     backslash (`\_` -> `_`, `\:` -> `:`; `\-` stays inside a class);
//   - a '-' next to a class escape inside a class (`[\w-.]`), and a brace
//     outside a class that is no quantifier (`\{name}`), characters for the
//     engines that accept them, are escaped.
// A pattern that still does not compile with the `u` flag is left out of
// the checks (tools/spec/generate-spec-table.js counts them), and so is one
// with a back reference (\3), which cfngen's matcher does not support: a
// linear-time search cannot have them (src/check/pattern_matcher.hpp).
const regjsparser = require('regjsparser');

const SYNTAX = new Set('^$\\.*+?()[]{}|/'.split(''));
const CLASS_ESCAPE = /^\\([dDwWsS]|[pP]\{[^}]*\})/;

function normalizePattern(pattern) {
  let out = '';
  let inClass = false;
  let lastWasClassEscape = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      const classEscape = CLASS_ESCAPE.exec(pattern.slice(i));
      if (classEscape) {
        out += classEscape[0];
        i += classEscape[0].length - 1;
        lastWasClassEscape = inClass;
        continue;
      }
      const next = pattern[i + 1];
      i++;
      lastWasClassEscape = false;
      if (!inClass && next === 'A') { out += '^'; continue; }
      if (!inClass && (next === 'Z' || next === 'z')) { out += '$'; continue; }
      if (/[A-Za-z0-9]/.test(next) || SYNTAX.has(next) || (inClass && next === '-')) out += '\\' + next;
      else out += next;
      continue;
    }
    if (inClass && c === '-' && pattern[i + 1] !== ']' &&
        (lastWasClassEscape || CLASS_ESCAPE.test(pattern.slice(i + 1)))) {
      out += '\\-';
      lastWasClassEscape = false;
      continue;
    }
    if (!inClass && (c === '{' || c === '}')) {
      // A quantifier is copied whole; a brace that starts none is a character.
      const quantifier = c === '{' && /^\{\d+(,\d*)?\}/.exec(pattern.slice(i));
      if (quantifier) { out += quantifier[0]; i += quantifier[0].length - 1; } else out += '\\' + c;
      lastWasClassEscape = false;
      continue;
    }
    if (!inClass && c === '[') {
      inClass = true;
      out += c;
      if (pattern[i + 1] === '^') { out += '^'; i++; }
      continue;
    }
    if (inClass && c === ']') inClass = false;
    lastWasClassEscape = false;
    out += c;
  }
  return out;
}

// The `u`-flag form of `pattern`, or null when even that does not compile.
function unicodePattern(pattern) {
  const normalized = normalizePattern(pattern);
  try {
    new RegExp(normalized, 'u');
  } catch {
    return null;
  }
  const hasReference = (node) => node && (node.type === 'reference' ||
    (Array.isArray(node.body) ? node.body.some(hasReference) : hasReference(node.body)));
  const ast = regjsparser.parse(normalized, 'u', { unicodePropertyEscape: true, lookbehind: true, namedGroups: true });
  return hasReference(ast) ? null : normalized;
}

module.exports = { normalizePattern, unicodePattern };
