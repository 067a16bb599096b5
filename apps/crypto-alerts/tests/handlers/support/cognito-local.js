'use strict';
// A local stand-in for a Cognito user pool and its hosted UI: what the web
// page and the alerts API see of Cognito, with real RS256 tokens.
//
// - JWKS at /<pool id>/.well-known/jwks.json, the issuer being
//   <endpoint>/<pool id> (Cognito's is https://cognito-idp.<region>.amazonaws.com/<pool id>).
// - Tokens shaped as Cognito's (Cognito developer guide,
//   amazon-cognito-user-pools-using-the-id-token.html and ...-access-token.html):
//   the ID token has aud = the client id, token_use "id", email,
//   email_verified; the access token has client_id, token_use "access", scope.
// - The hosted UI's authorization code flow with PKCE (S256 only, as the
//   page uses): GET /oauth2/authorize shows a sign-in form, POST /login
//   redirects back with a code, POST /oauth2/token exchanges it (checking the
//   verifier, the client and the redirect URI) or a refresh token, and
//   answers browsers' CORS as Cognito's token endpoint does.
// Several pools can run side by side (a token from another pool must fail).
const http = require('node:http');
const crypto = require('node:crypto');
const { listen, readBody } = require('./aws-local');

const b64url = (data) => Buffer.from(data).toString('base64url');
const escapeHtml = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// A signed RS256 JWT of `claims` with `key` ({ kid, privateKey }).
function signJwt(claims, key, header = {}) {
  const head = b64url(JSON.stringify({ kid: key.kid, alg: 'RS256', ...header }));
  const body = b64url(JSON.stringify(claims));
  const signature = crypto.sign('RSA-SHA256', Buffer.from(`${head}.${body}`), key.privateKey);
  return `${head}.${body}.${b64url(signature)}`;
}

function newKey() {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = crypto.randomBytes(16).toString('base64url');
  return { kid, privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' } };
}

function loginPage(params, error) {
  const hidden = Object.entries(params).map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in</title><link rel="icon" href="data:,"></head><body><main><h1>Sign in</h1>
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}<form method="post" action="/login">${hidden}
<label for="username">Email</label><input id="username" name="username" type="email" autocomplete="username">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password">
<button type="submit" id="signin">Sign in</button></form></main></body></html>`;
}

// One pool: its users, clients and key. `now()` is the clock tokens use.
function userPool(poolId, endpoint, now) {
  const pool = { poolId, issuer: `${endpoint}/${poolId}`, key: newKey(), users: new Map(), clients: new Map(), codes: new Map(), refresh: new Map() };

  pool.addClient = (clientId, { callbackUrls = [], scopes = ['openid', 'email', 'profile'] } = {}) => {
    pool.clients.set(clientId, { clientId, callbackUrls, scopes });
    return clientId;
  };
  // A signed-up, confirmed user (the hosted UI's sign-up and verification
  // are Cognito's own pages, not the app's).
  pool.addUser = (email, password, { emailVerified = true } = {}) => {
    const user = { sub: crypto.randomUUID(), email, password, emailVerified };
    pool.users.set(email.toLowerCase(), user);
    return user;
  };

  pool.tokens = (user, clientId, { lifetimeS = 3600, scopes } = {}) => {
    const iat = Math.floor(now() / 1000);
    const common = { sub: user.sub, iss: pool.issuer, origin_jti: crypto.randomUUID(), event_id: crypto.randomUUID(), auth_time: iat, iat, exp: iat + lifetimeS, jti: crypto.randomUUID() };
    const id = signJwt({ ...common, aud: clientId, token_use: 'id', 'cognito:username': user.sub, email: user.email, email_verified: user.emailVerified }, pool.key);
    const scope = (scopes || pool.clients.get(clientId).scopes).join(' ');
    const access = signJwt({ ...common, client_id: clientId, token_use: 'access', scope, username: user.sub }, pool.key);
    const refresh = crypto.randomBytes(32).toString('base64url');
    pool.refresh.set(refresh, { user, clientId });
    return { id_token: id, access_token: access, refresh_token: refresh, expires_in: lifetimeS, token_type: 'Bearer' };
  };
  return pool;
}

const json = (res, status, body, extra = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...extra });
  res.end(JSON.stringify(body));
};

function tokenRequest(pool, form) {
  const client = pool.clients.get(form.client_id);
  if (!client) return [400, { error: 'invalid_client' }];
  if (form.grant_type === 'refresh_token') {
    const grant = pool.refresh.get(form.refresh_token);
    if (!grant || grant.clientId !== client.clientId) return [400, { error: 'invalid_grant' }];
    const { id_token, access_token, expires_in, token_type } = pool.tokens(grant.user, client.clientId);
    return [200, { id_token, access_token, expires_in, token_type }];
  }
  if (form.grant_type !== 'authorization_code') return [400, { error: 'unsupported_grant_type' }];
  const code = pool.codes.get(form.code);
  pool.codes.delete(form.code);  // one use
  if (!code || code.clientId !== client.clientId || code.redirectUri !== form.redirect_uri) return [400, { error: 'invalid_grant' }];
  const challenge = crypto.createHash('sha256').update(String(form.code_verifier || '')).digest('base64url');
  if (challenge !== code.challenge) return [400, { error: 'invalid_grant' }];
  return [200, pool.tokens(code.user, client.clientId)];
}

function authorize(pool, params) {
  const client = pool.clients.get(params.client_id);
  if (!client || !client.callbackUrls.includes(params.redirect_uri)) return 'redirect_mismatch';
  if (params.response_type !== 'code' || params.code_challenge_method !== 'S256' || !params.code_challenge) return 'invalid_request';
  return undefined;
}

// The server: one or more pools by id, the hosted UI serving the first.
async function startCognito({ pools = ['local_pool'], now = () => Date.now() } = {}) {
  let endpoint;
  const byId = new Map();
  const hostedPool = () => byId.get(pools[0]);
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, endpoint);
    const cors = { 'access-control-allow-origin': req.headers.origin || '*', 'access-control-allow-headers': 'content-type', 'access-control-allow-methods': 'POST' };
    const jwks = /^\/([^/]+)\/\.well-known\/jwks\.json$/.exec(url.pathname);
    if (jwks && byId.has(jwks[1])) return json(res, 200, { keys: [byId.get(jwks[1]).key.jwk] });
    if (url.pathname === '/oauth2/authorize') {
      const params = Object.fromEntries(url.searchParams);
      const problem = authorize(hostedPool(), params);
      if (problem) return json(res, 400, { error: problem });
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(loginPage(params));
    }
    if (url.pathname === '/login' && req.method === 'POST') {
      const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
      const { username, password, ...params } = form;
      const pool = hostedPool();
      if (authorize(pool, params)) return json(res, 400, { error: 'invalid_request' });
      const user = pool.users.get(String(username || '').toLowerCase());
      if (!user || user.password !== password) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(loginPage(params, 'Incorrect username or password.'));
      }
      const code = crypto.randomUUID();
      pool.codes.set(code, { user, clientId: params.client_id, redirectUri: params.redirect_uri, challenge: params.code_challenge });
      const back = new URL(params.redirect_uri);
      back.searchParams.set('code', code);
      if (params.state) back.searchParams.set('state', params.state);
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === '/oauth2/token') {
      if (req.method === 'OPTIONS') { res.writeHead(204, cors); return res.end(); }
      const [status, body] = tokenRequest(hostedPool(), Object.fromEntries(new URLSearchParams(await readBody(req))));
      return json(res, status, body, cors);
    }
    if (url.pathname === '/logout') {
      res.writeHead(302, { location: url.searchParams.get('logout_uri') || '/' });
      return res.end();
    }
    json(res, 404, { error: 'not found' });
  });
  endpoint = await listen(server);
  for (const id of pools) byId.set(id, userPool(id, endpoint, now));
  return { endpoint, pool: (id = pools[0]) => byId.get(id), close: () => new Promise((r) => server.close(r)) };
}

module.exports = { startCognito, signJwt, newKey };
