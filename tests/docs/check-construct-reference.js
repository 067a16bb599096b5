'use strict';
// README "Construct reference" is what tools/docs/construct-reference.js
// generates from the constructs' headers now.
const test = require('node:test');
const assert = require('node:assert/strict');
const { section, readmeWith } = require('../../tools/docs/construct-reference');

test('the README construct reference matches the headers', () => {
  const { readme, updated } = readmeWith(section());
  assert.ok(readme === updated, 'README.md construct reference is stale: run node tools/docs/construct-reference.js --write');
});

test('every props struct and construct class of the headers is in the reference', () => {
  const generated = section();
  for (const name of ['TableProps', 'QueueProps', 'TopicProps', 'BucketProps', 'FunctionProps', 'KeyProps',
    'DynamoDBStreamsToLambdaProps', '`Function`', '`Table`', '`Queue`', '`Topic`', '`Bucket`', '`Key`'])
    assert.ok(generated.includes(name), `${name} is in the reference`);
  assert.match(generated, /\| `tracing` \| `Tracing` \| `Tracing::Disabled` \|/);
  assert.match(generated, /\| `runtime` \| `std::string` \| `"nodejs24.x"` \|/);
});
