// Sign-in through the user pool's hosted UI: the OAuth 2.0 authorization
// code flow with PKCE (RFC 7636, S256), as a public client (no secret). The
// tokens live in this tab's sessionStorage only; the page sends the ID
// token to the API (its `sub` is the user, its `email` the address that
// notifications go to). The URL and storage helpers are pure; `crypto`,
// `fetch` and `location` are passed in so that tests can run them.

const KEY = 'crypto-alerts.tokens';
const PENDING = 'crypto-alerts.pending-sign-in';

const base64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

// A code verifier of 43 characters from 32 random bytes, and its S256 challenge.
export async function pkcePair(crypto = globalThis.crypto) {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  return { verifier, challenge };
}

export function authorizeUrl(config, { challenge, state }) {
  const url = new URL('/oauth2/authorize', config.signInUrl);
  for (const [name, value] of Object.entries({
    response_type: 'code', client_id: config.clientId, redirect_uri: config.redirectUri, scope: 'openid email',
    state, code_challenge: challenge, code_challenge_method: 'S256',
  })) url.searchParams.set(name, value);
  return url.toString();
}

export function logoutUrl(config) {
  const url = new URL('/logout', config.signInUrl);
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('logout_uri', config.redirectUri);
  return url.toString();
}

// { code, state } when the hosted UI sent the browser back with a code;
// { error } when it sent an error; null otherwise.
export function callbackParams(href) {
  const url = new URL(href);
  if (url.searchParams.get('error')) return { error: url.searchParams.get('error_description') || url.searchParams.get('error') };
  const code = url.searchParams.get('code');
  return code ? { code, state: url.searchParams.get('state') } : null;
}

// The claims of a JWT, unverified: for display and expiry only (the API's
// authorizer is what verifies the token).
export function claimsOf(token) {
  const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(part), (c) => c.charCodeAt(0))));
}

export const expired = (token, nowMs, slackS = 60) => claimsOf(token).exp - slackS <= nowMs / 1000;

async function tokenRequest(config, form, fetchFn) {
  const response = await fetchFn(new URL('/oauth2/token', config.signInUrl), {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: config.clientId, ...form }).toString(),
  });
  if (!response.ok) throw new Error(`sign-in failed (${response.status})`);
  return response.json();
}

export class Session {
  constructor(config, { storage = sessionStorage, fetchFn = fetch.bind(globalThis), now = () => Date.now() } = {}) {
    Object.assign(this, { config, storage, fetchFn, now });
  }

  get tokens() {
    const raw = this.storage.getItem(KEY);
    return raw ? JSON.parse(raw) : null;
  }

  get user() {
    const tokens = this.tokens;
    return tokens ? claimsOf(tokens.id_token) : null;
  }

  // Sends the browser to the hosted UI.
  async signIn(location = window.location) {
    const { verifier, challenge } = await pkcePair();
    const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
    this.storage.setItem(PENDING, JSON.stringify({ state, verifier }));
    location.assign(authorizeUrl(this.config, { challenge, state }));
  }

  // Exchanges the code the hosted UI returned with; the state must be the
  // one this tab sent (no sign-in started elsewhere is accepted).
  async completeSignIn({ code, state }) {
    const pending = JSON.parse(this.storage.getItem(PENDING) || 'null');
    this.storage.removeItem(PENDING);
    if (!pending || pending.state !== state) throw new Error('this sign-in was not started here: sign in again');
    const tokens = await tokenRequest(this.config, { grant_type: 'authorization_code', code, redirect_uri: this.config.redirectUri, code_verifier: pending.verifier }, this.fetchFn);
    this.storage.setItem(KEY, JSON.stringify(tokens));
  }

  // A current ID token, refreshed when it is about to expire; null when
  // signed out (or the refresh token is no longer valid).
  async idToken() {
    const tokens = this.tokens;
    if (!tokens) return null;
    if (!expired(tokens.id_token, this.now())) return tokens.id_token;
    try {
      const fresh = await tokenRequest(this.config, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }, this.fetchFn);
      this.storage.setItem(KEY, JSON.stringify({ ...tokens, ...fresh }));
      return fresh.id_token;
    } catch {
      this.storage.removeItem(KEY);
      return null;
    }
  }

  signOut(location = window.location) {
    this.storage.removeItem(KEY);
    location.assign(logoutUrl(this.config));
  }
}
