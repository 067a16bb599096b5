'use strict';
// The users' side end to end: the back end's harness (dynalite, fake SNS,
// exchanges, the stream feeding the processor) plus a Cognito stand-in
// with two pools, and the HTTP API of the committed web template (routes,
// JWT authorizer, CORS) in front of the alerts API's handler, unmodified.
// Set before any SDK client loads: the tests pin Node 20 deliberately.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { before, after } = require('node:test');
const fs = require('node:fs');
const path = require('node:path');
const { useHarness } = require('./harness');
const { APP, loadHandler } = require('./aws-local');
const { startCognito } = require('./cognito-local');
const { apiFromTemplate, startHttpApi } = require('./http-api');

const WEB_API = 'AlertsApi';
const CLIENT = 'web-client';
const OTHER_CLIENT = 'other-client';
const PAGE_ORIGIN = 'https://d111111abcdef8.cloudfront.net';

function committedWebTemplate(stage = 'dev') {
  return JSON.parse(fs.readFileSync(path.join(APP, 'templates', `crypto-alerts-web-${stage}.template.json`), 'utf8'));
}

// `options.origin`: the page's origin the API's CORS allows (the template
// has the distribution's domain, resolved at deploy), or a function that
// gives it once the page's server listens.
function useWebHarness({ quota = 50, origin = PAGE_ORIGIN, now } = {}) {
  const originOf = typeof origin === 'function' ? origin : () => origin;
  const h = useHarness();
  const clock = { offsetMs: 0 };
  const timeNow = now || (() => Date.now() + clock.offsetMs);
  Object.assign(h, { CLIENT, OTHER_CLIENT, clock, template: committedWebTemplate() });

  before(async () => {
    h.cognito = await startCognito({ pools: ['local_pool', 'other_pool'], now: timeNow });
    h.pool = h.cognito.pool('local_pool');
    h.otherPool = h.cognito.pool('other_pool');
    const page = `${originOf()}/`;
    h.pool.addClient(CLIENT, { callbackUrls: [page] });
    h.pool.addClient(OTHER_CLIENT, { callbackUrls: [page] });
    h.otherPool.addClient(CLIENT, { callbackUrls: [page] });
    process.env.MAX_ALERTS_PER_USER = String(quota);
    h.apiHandler = loadHandler('alerts-api');
    const api = apiFromTemplate(h.template, WEB_API);
    // The template's issuer is the pool's provider URL and its audience the
    // web client's id, both resolved at deploy; here they are the stand-in's.
    for (const authorizer of Object.values(api.authorizers)) {
      authorizer.JwtConfiguration = { Issuer: h.pool.issuer, Audience: [CLIENT] };
    }
    api.cors = { ...api.cors, AllowOrigins: [originOf()] };
    h.api = await startHttpApi({ api, handler: (event) => h.apiHandler.handler(event), now: timeNow });
  });

  after(async () => {
    await Promise.all([h.api.close(), h.cognito.close()]);
  });

  // A request as a browser at `origin` sends it; `token` goes in the
  // Authorization header (undefined: none). Returns { status, body, headers }.
  h.call = async (token, method, route, body, headers = {}) => {
    const response = await fetch(h.api.endpoint + route, {
      method,
      headers: { origin: originOf(), ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
  };

  // A signed-in user of the pool: { user, id (ID token), access, tokens }.
  h.signIn = (email, { pool = h.pool, clientId = CLIENT, lifetimeS } = {}) => {
    const user = pool.users.get(email) || pool.addUser(email, 'Correct-Horse-9');
    const tokens = pool.tokens(user, clientId, { lifetimeS });
    return { user, id: tokens.id_token, access: tokens.access_token, tokens };
  };
  return h;
}

module.exports = { useWebHarness, committedWebTemplate, PAGE_ORIGIN };
