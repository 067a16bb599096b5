'use strict';
// Called from PostgreSQL (aws_lambda.invoke, through the cluster's
// associated role): takes a JSON document and returns it processed.
function processData(event, now = new Date()) {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) throw new Error('expected a JSON object');
  const words = typeof event.message === 'string' ? event.message.split(/\s+/).filter(Boolean).length : 0;
  return { received: event, words, processed_at: now.toISOString(), processed_by: process.env.FUNCTION_NAME || 'PostgresFunction' };
}

exports.handler = async (event) => processData(event);
exports.processData = processData;
