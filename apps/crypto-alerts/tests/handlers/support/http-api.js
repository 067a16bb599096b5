'use strict';
// A local stand-in for the API Gateway HTTP API of the web stack: its
// routes, its JWT authorizer and its CORS configuration, read from the
// committed template, in front of the alerts API's handler.
//
// The authorizer does what API Gateway documents (API Gateway developer
// guide, http-api-jwt-authorizer.html, "Validating JWTs"): the token from
// the Authorization header (an optional "Bearer " prefix), RS256 signed by a
// key of the issuer's JWKS ({issuer}/.well-known/jwks.json) with that kid;
// iss equal to the issuer; aud, or client_id when there is no aud, one of
// the audience; exp after now, nbf and iat (when present) not after now; the
// route's scopes in scope. Anything else is 401 {"message":"Unauthorized"}
// and the handler is not called. The handler gets a payload format 2.0
// event whose claims are strings, as HTTP APIs pass them.
//
// CORS as API Gateway does it once an API has a CORS configuration
// (http-api-cors.html): it answers preflight requests itself, before any
// authorizer, and adds the headers to every response to an allowed origin.
const http = require('node:http');
const crypto = require('node:crypto');
const { listen, readBody } = require('./aws-local');

// The routes, authorizers and CORS configuration of `template`'s HTTP API
// `apiId`: { routes: [{ routeKey, authorizer, scopes }], authorizers: { id:
// { issuer, audience } }, cors }. Intrinsics are left as they are.
function apiFromTemplate(template, apiId) {
  const resources = template.Resources;
  const ofApi = (type) => Object.entries(resources).filter(([, r]) => r.Type === type && JSON.stringify(r.Properties.ApiId) === JSON.stringify({ Ref: apiId }));
  const routes = ofApi('AWS::ApiGatewayV2::Route').map(([, r]) => ({
    routeKey: r.Properties.RouteKey,
    authorizationType: r.Properties.AuthorizationType || 'NONE',
    authorizer: r.Properties.AuthorizerId ? r.Properties.AuthorizerId.Ref : undefined,
    scopes: r.Properties.AuthorizationScopes || [],
  }));
  const authorizers = Object.fromEntries(ofApi('AWS::ApiGatewayV2::Authorizer').map(([id, r]) => [id, r.Properties]));
  return { routes, authorizers, cors: resources[apiId].Properties.CorsConfiguration };
}

const unauthorized = { status: 401, body: { message: 'Unauthorized' } };

function decodePart(part) {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

// The verified claims of `header`'s token, or undefined.
async function verify(header, { issuer, audience, scopes, jwks, now }) {
  if (typeof header !== 'string' || !header) return undefined;
  const token = header.replace(/^Bearer /, '');
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  let head;
  let claims;
  try {
    [head, claims] = [decodePart(parts[0]), decodePart(parts[1])];
  } catch {
    return undefined;
  }
  if (head.alg !== 'RS256' || typeof head.kid !== 'string') return undefined;
  const jwk = (await jwks(issuer)).find((k) => k.kid === head.kid);
  if (!jwk) return undefined;
  const signed = crypto.verify('RSA-SHA256', Buffer.from(`${parts[0]}.${parts[1]}`), crypto.createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(parts[2], 'base64url'));
  if (!signed || !claims || claims.iss !== issuer) return undefined;
  const audienceClaim = claims.aud !== undefined ? claims.aud : claims.client_id;
  const audiences = Array.isArray(audienceClaim) ? audienceClaim : [audienceClaim];
  if (!audiences.some((a) => audience.includes(a))) return undefined;
  const seconds = Math.floor(now() / 1000);
  if (typeof claims.exp !== 'number' || claims.exp <= seconds) return undefined;
  if (claims.nbf !== undefined && claims.nbf > seconds) return undefined;
  if (claims.iat !== undefined && claims.iat > seconds) return undefined;
  const granted = String(claims.scope || claims.scp || '').split(' ');
  if (scopes.length && !scopes.some((s) => granted.includes(s))) return undefined;
  return claims;
}

// "GET /alerts/{id}" against a method and path: the path parameters, or undefined.
function matchRoute(routeKey, method, path) {
  const [routeMethod, pattern] = routeKey.split(' ');
  if (routeMethod !== method && routeMethod !== 'ANY') return undefined;
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params = {};
  for (let i = 0; i < want.length; i++) {
    const name = /^\{(.+)\}$/.exec(want[i]);
    if (name) {
      if (!got[i]) return undefined;
      params[name[1]] = decodeURIComponent(got[i]);
    } else if (want[i] !== got[i]) return undefined;
  }
  return params;
}

function corsHeaders(cors, origin, preflight) {
  if (!cors || !origin || !(cors.AllowOrigins || []).includes(origin)) return {};
  const headers = { 'access-control-allow-origin': origin };
  if (cors.AllowCredentials) headers['access-control-allow-credentials'] = 'true';
  if (cors.ExposeHeaders) headers['access-control-expose-headers'] = cors.ExposeHeaders.join(',');
  if (preflight) {
    headers['access-control-allow-methods'] = (cors.AllowMethods || []).join(',');
    headers['access-control-allow-headers'] = (cors.AllowHeaders || []).join(',');
    if (cors.MaxAge !== undefined) headers['access-control-max-age'] = String(cors.MaxAge);
  }
  return headers;
}

// The API at a local address. `api`: apiFromTemplate's answer, with the
// authorizers' issuer and audience and the CORS origins resolved by the
// caller (they are intrinsics in the template); `handler(event)`: the
// function. `now()` is the clock tokens are checked against.
async function startHttpApi({ api, handler, now = () => Date.now() }) {
  const keys = new Map();
  const jwks = async (issuer) => {
    if (!keys.has(issuer)) keys.set(issuer, (await (await fetch(`${issuer}/.well-known/jwks.json`)).json()).keys);
    return keys.get(issuer);
  };
  const invocations = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://api.local');
    const origin = req.headers.origin;
    const send = (status, body, headers = {}) => {
      res.writeHead(status, { ...headers, ...corsHeaders(api.cors, origin, false) });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (req.method === 'OPTIONS' && api.cors && req.headers['access-control-request-method']) {
      res.writeHead(204, corsHeaders(api.cors, origin, true));
      return res.end();
    }
    let route;
    let pathParameters;
    for (const candidate of api.routes) {
      pathParameters = matchRoute(candidate.routeKey, req.method, url.pathname);
      if (pathParameters) { route = candidate; break; }
    }
    if (!route) return send(404, { message: 'Not Found' }, { 'content-type': 'application/json' });
    let claims;
    if (route.authorizationType === 'JWT') {
      const { JwtConfiguration } = api.authorizers[route.authorizer];
      claims = await verify(req.headers.authorization, { issuer: JwtConfiguration.Issuer, audience: JwtConfiguration.Audience, scopes: route.scopes, jwks, now });
      if (!claims) return send(unauthorized.status, unauthorized.body, { 'content-type': 'application/json' });
    }
    const body = await readBody(req);
    const query = Object.fromEntries(url.searchParams);
    const event = {
      version: '2.0', routeKey: route.routeKey, rawPath: url.pathname, rawQueryString: url.searchParams.toString(),
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
      ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
      ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
      requestContext: {
        http: { method: req.method, path: url.pathname },
        ...(claims ? { authorizer: { jwt: { claims: Object.fromEntries(Object.entries(claims).map(([k, v]) => [k, String(v)])), scopes: null } } } : {}),
      },
      ...(body ? { body } : {}), isBase64Encoded: false,
    };
    invocations.push(event);
    const result = await handler(event);
    send(result.statusCode, result.body || '', result.headers || {});
  });
  const endpoint = await listen(server);
  return { endpoint, invocations, close: () => new Promise((r) => server.close(r)) };
}

module.exports = { apiFromTemplate, startHttpApi, verify, matchRoute };
