// The alerts API as the page calls it: every request carries the session's
// ID token; an answer that is not 2xx becomes an ApiError with the API's
// message.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export class AlertsApi {
  constructor(apiUrl, session, fetchFn = fetch.bind(globalThis)) {
    Object.assign(this, { apiUrl, session, fetchFn });
  }

  async request(method, path, body) {
    const token = await this.session.idToken();
    if (!token) throw new ApiError(401, 'Your session ended: sign in again.');
    const response = await this.fetchFn(new URL(path.replace(/^\//, ''), this.apiUrl.endsWith('/') ? this.apiUrl : `${this.apiUrl}/`), {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 204) return null;
    const payload = await response.json().catch(() => ({}));
    if (!response.ok) throw new ApiError(response.status, payload.message || `request failed (${response.status})`);
    return payload;
  }

  alerts() { return this.request('GET', '/alerts').then((r) => r.alerts); }
  create(body) { return this.request('POST', '/alerts', body); }
  edit(id, body) { return this.request('PATCH', `/alerts/${encodeURIComponent(id)}`, body); }
  remove(id) { return this.request('DELETE', `/alerts/${encodeURIComponent(id)}`); }
  act(id, action) { return this.request('POST', `/alerts/${encodeURIComponent(id)}/${action}`); }
  triggers() { return this.request('GET', '/triggers').then((r) => r.triggers); }
  notifications() { return this.request('GET', '/notifications'); }
  setNotifications(email) { return this.request('PUT', '/notifications', { email }); }
}
