#!/usr/bin/env node
'use strict';
// Counts the lines of code of the files given: non-blank lines that are not
// only a comment (// and /* */ in C++ and JavaScript), the measure the
// constructs issue compares cfngen's stacks with AWS CDK's by.
//
//   node bench/count-lines.js FILE...        prints each file's count and the total
//   require('bench/count-lines.js').codeLines(text)   the count of one text
const fs = require('node:fs');

function codeLines(text) {
  let count = 0;
  let inBlock = false;
  for (const raw of text.split('\n')) {
    let line = raw.trim();
    if (inBlock) {
      const end = line.indexOf('*/');
      if (end < 0) continue;
      inBlock = false;
      line = line.slice(end + 2).trim();
    }
    if (line.startsWith('/*')) {
      const end = line.indexOf('*/', 2);
      if (end < 0) { inBlock = true; continue; }
      line = line.slice(end + 2).trim();
    }
    if (line === '' || line.startsWith('//')) continue;
    count += 1;
  }
  return count;
}

function main() {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error('usage: node bench/count-lines.js FILE...');
    process.exit(2);
  }
  let total = 0;
  for (const file of files) {
    let text;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      console.error(`count-lines: cannot read ${file}: ${error.code}`);
      process.exit(1);
    }
    const n = codeLines(text);
    total += n;
    console.log(`${String(n).padStart(6)}  ${file}`);
  }
  console.log(`${String(total).padStart(6)}  total`);
}

module.exports = { codeLines };
if (require.main === module) main();
