// The custom-resource provider's framework function: CloudFormation's
// request in, the user's function invoked, CloudFormation answered (the
// protocol: CloudFormation user guide, crpg-ref-responses). Node.js, run by
// Lambda as index.js; its pure parts (response, deadline) are exported and
// tested by tests/constructs/provider_framework.test.js.
#include "cfngen/constructs/custom_resource.hpp"

namespace cfngen::constructs {

const char* provider_framework_source() {
    return R"js('use strict';
const https = require('node:https');
const { LambdaClient, InvokeCommand } = require('@aws-sdk/client-lambda');

// CloudFormation reads at most 4096 bytes of a response.
const MAX_REASON = 1000;
// Answer FAILED this long before the framework itself would be stopped.
const SAFETY_MS = 10000;

function response(event, status, { physicalId, data, reason } = {}) {
  return {
    Status: status,
    Reason: String(reason || status).slice(0, MAX_REASON),
    PhysicalResourceId: physicalId || event.PhysicalResourceId || event.RequestId,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    NoEcho: false,
    Data: data || {},
  };
}

// What the user's function returned, as a response; its error as FAILED.
function outcome(event, invoked) {
  const text = invoked.Payload ? Buffer.from(invoked.Payload).toString('utf8') : '';
  let result = null;
  try { result = text ? JSON.parse(text) : null; } catch { result = null; }
  if (invoked.FunctionError) {
    const message = result && result.errorMessage ? result.errorMessage : invoked.FunctionError;
    return response(event, 'FAILED', { reason: `${message} (see the function's log)` });
  }
  if (result !== null && typeof result !== 'object') return response(event, 'FAILED', { reason: 'the function returned neither an object nor nothing' });
  return response(event, 'SUCCESS', { physicalId: result && result.PhysicalResourceId, data: result && result.Data });
}

function send(url, body) {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = https.request(url, { method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(text) } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode < 300 ? resolve() : reject(new Error(`CloudFormation's URL answered ${res.statusCode}`))));
    });
    request.on('error', reject);
    request.end(text);
  });
}

async function handle(event, remainingMs, invoke, put) {
  let timer;
  const deadline = new Promise((resolve) => {
    timer = setTimeout(() => resolve(response(event, 'FAILED', { reason: 'the function did not finish in time' })),
      Math.max(0, remainingMs - SAFETY_MS));
  });
  const work = invoke(event).then((invoked) => outcome(event, invoked),
    (error) => response(event, 'FAILED', { reason: error.message }));
  const answer = await Promise.race([work, deadline]);
  clearTimeout(timer);
  await put(event.ResponseURL, answer);
  return answer;
}

exports.handler = async (event, context) => {
  const lambda = new LambdaClient({});
  const invoke = (payload) => lambda.send(new InvokeCommand({
    FunctionName: process.env.USER_ON_EVENT_FUNCTION_ARN, Payload: JSON.stringify(payload) }));
  const answer = await handle(event, context.getRemainingTimeInMillis(), invoke, send);
  console.log(JSON.stringify({ RequestType: event.RequestType, Status: answer.Status, Reason: answer.Reason }));
};
exports.response = response;
exports.outcome = outcome;
exports.handle = handle;
)js";
}

}  // namespace cfngen::constructs
