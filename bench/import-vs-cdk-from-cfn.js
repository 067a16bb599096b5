#!/usr/bin/env node
'use strict';
// cfngen import against cdk-from-cfn (the engine of `cdk migrate`) on one
// collection of templates: how many each converts to code, and how many
// come back as the template they came from.
//
//   node bench/import-vs-cdk-from-cfn.js DIR --collection NAME [--cfngen build/cfngen] [--out bench/results]
//
// cfngen: tests/import/round-trip.js (import, compile in batches at -O0,
// synthesize, `cfngen import --verify`). cdk-from-cfn: its TypeScript
// output (the npm package bench/cdk-reference pins) with types stripped by
// esbuild, synthesized by the aws-cdk-lib that bench/cdk-reference pins
// with no values for its props (its parameters), without what only CDK adds
// (analytics, path metadata, the bootstrap version rule), and compared with
// the same `cfngen import --verify`. DIR is e.g. a checkout of
// aws-cloudformation/aws-cloudformation-templates; not part of bench/run.sh
// (the collection is not in the tree).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const Module = require('node:module');
const { spawnSync } = require('node:child_process');

const ROOT = path.join(__dirname, '..');
const CDK_DIR = path.join(ROOT, 'bench', 'cdk-reference');

function parseArgs(argv) {
  const args = { dir: null, cfngen: path.join(ROOT, 'build', 'cfngen'), out: path.join(ROOT, 'bench', 'results'), collection: null };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--cfngen') args.cfngen = argv[++i];
    else if (argv[i] === '--out') args.out = argv[++i];
    else if (argv[i] === '--collection') args.collection = argv[++i];
    else args.dir = argv[i];
  }
  if (!args.dir || !args.collection) {
    console.error('usage: import-vs-cdk-from-cfn.js DIR --collection NAME [--cfngen BIN] [--out DIR]');
    process.exit(2);
  }
  return args;
}

// The same files round-trip.js takes: *.json, *.yaml, *.yml, *.template with a Resources key.
function templatesIn(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...templatesIn(full));
    else if (/\.(json|ya?ml|template)$/i.test(entry.name) && /(^|\n)\s*"?Resources"?\s*:/.test(fs.readFileSync(full, 'utf8')))
      found.push(full);
  }
  return found;
}

// cdk-from-cfn in a child process: a panic in its WebAssembly would
// otherwise leave the module unusable for the next template.
function transmute(file) {
  const script = `const c = require('cdk-from-cfn'); const fs = require('fs');
    try { process.stdout.write(c.transmute(fs.readFileSync(process.argv[1], 'utf8'), 'typescript', 'ImportedStack')); }
    catch (e) { process.stderr.write(String(e && e.message || e).split('\\n')[0]); process.exit(1); }`;
  const r = spawnSync(process.execPath, ['-e', script, file], { cwd: CDK_DIR, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 60000 });
  return r.status === 0 ? { code: r.stdout } : { error: (r.stderr || `exit ${r.status}`).trim().split('\n')[0] };
}

// Strips the types and runs the stack in this process (aws-cdk-lib loaded
// once), writing its template to `outdir`.
function synthesize(code, outdir) {
  const esbuild = require(path.join(ROOT, 'node_modules', 'esbuild'));
  const stackJs = esbuild.transformSync(code, { loader: 'ts', format: 'cjs', platform: 'node' }).code;
  const filename = path.join(CDK_DIR, `imported-stack-${process.pid}.js`);
  const stackModule = new Module(filename, module);
  stackModule.filename = filename;
  stackModule.paths = Module._nodeModulePaths(CDK_DIR);
  stackModule._compile(stackJs, filename);
  const cdk = stackModule.require('aws-cdk-lib');
  const app = new cdk.App({ outdir, analyticsReporting: false, context: { 'aws:cdk:enable-path-metadata': false } });
  new stackModule.exports.ImportedStack(app, 'Imported', {
    synthesizer: new cdk.DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
  });
  app.synth();
  return path.join(outdir, 'Imported.template.json');
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const templates = templatesIn(args.dir);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'import-vs-cdk-from-cfn-'));

  // cfngen
  const cfngenJson = path.join(work, 'cfngen.json');
  const lib = (name) => spawnSync('sh', ['-c', `ls /usr/lib/*/${name} | head -1`], { encoding: 'utf8' }).stdout.trim();
  const started = Date.now();
  spawnSync(process.execPath, [path.join(ROOT, 'tests', 'import', 'round-trip.js'), '--cfngen', args.cfngen,
    '--cxx', process.env.CXX || 'clang++', '--include', path.join(ROOT, 'include'),
    '--include', path.join(path.dirname(args.cfngen), 'generated', 'include'),
    '--link', [path.join(path.dirname(args.cfngen), 'libcfngen.a'), lib('libcrypto.a'), '-ldl', lib('libz.a'), lib('libyaml.a'), '-pthread'].join(';'),
    '--work', path.join(work, 'cfngen'), '--json', cfngenJson, args.dir], { stdio: 'inherit' });
  const cfngen = JSON.parse(fs.readFileSync(cfngenJson, 'utf8'));
  cfngen.seconds = (Date.now() - started) / 1000;

  // cdk-from-cfn
  const cases = [];
  for (const [i, file] of templates.entries()) {
    const c = { file: path.relative(args.dir, file), failure: null };
    cases.push(c);
    const converted = transmute(file);
    if (converted.error) { c.failure = { cause: 'convert', detail: converted.error }; continue; }
    let synthesized;
    try {
      synthesized = synthesize(converted.code, path.join(work, 'cdk', String(i)));
    } catch (e) {
      c.failure = { cause: 'synth', detail: String(e && e.message || e).split('\n')[0] };
      continue;
    }
    const v = spawnSync(args.cfngen, ['import', file, '--verify', synthesized], { encoding: 'utf8' });
    if (v.status !== 0) c.failure = { cause: 'differs', detail: (v.stdout || v.stderr).trim().split('\n')[0].replace(synthesized, 'cdk synth') };
  }
  const byCause = {};
  for (const c of cases) if (c.failure) byCause[c.failure.cause] = (byCause[c.failure.cause] || 0) + 1;
  const cdkVersion = (name) => JSON.parse(fs.readFileSync(path.join(CDK_DIR, 'node_modules', name, 'package.json'), 'utf8')).version;
  const result = {
    collection: args.collection,
    date: new Date().toISOString().slice(0, 10),
    templates: templates.length,
    cfngen: { passed: cfngen.passed, templates: cfngen.templates, byCause: cfngen.byCause, seconds: cfngen.seconds,
      failures: cfngen.failures.map((f) => ({ ...f, file: path.relative(args.dir, f.file) })) },
    cdk_from_cfn: {
      version: cdkVersion('cdk-from-cfn'), aws_cdk_lib: cdkVersion('aws-cdk-lib'),
      converted: templates.length - (byCause.convert || 0),
      synthesized: templates.length - (byCause.convert || 0) - (byCause.synth || 0),
      passed: cases.filter((c) => !c.failure).length, byCause,
      failures: cases.filter((c) => c.failure).map((c) => ({ file: c.file, ...c.failure })),
    },
  };
  fs.mkdirSync(args.out, { recursive: true });
  fs.writeFileSync(path.join(args.out, 'import-round-trip.json'), JSON.stringify(result, null, 1) + '\n');
  console.log(`cfngen import: ${result.cfngen.passed} of ${result.cfngen.templates} round trip; cdk-from-cfn ${result.cdk_from_cfn.version}: ` +
    `${result.cdk_from_cfn.converted} converted, ${result.cdk_from_cfn.synthesized} synthesized, ${result.cdk_from_cfn.passed} round trip`);
  fs.rmSync(work, { recursive: true, force: true });
}

main();
