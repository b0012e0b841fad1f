// The service's API from the browser: the session cookie goes along by itself; every change carries the session's
// CSRF token. A 401 means the session is over: the app shows the login again.

let csrf = null;

/** An error answer of the API: status, code (error) and detail. */
export class ApiError extends Error {
  constructor(status, code, detail, retryAfter, body) {
    super(detail || code || String(status));
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
    this.body = body;
  }
}

/** Keeps the session's CSRF token (from the login or GET /api/v1/session). */
export function setCsrf(token) {
  csrf = token;
}

/** GET (or another method with a JSON body) under /api/v1; resolves with the parsed answer. */
export async function api(path, options = {}) {
  const method = options.method || 'GET';
  const headers = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  let response;
  try {
    response = await fetch('/api/v1' + path, {
      method, headers, credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (e) {
    throw new ApiError(0, 'network', e.message);
  }
  if (response.status === 204) return null;
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    body = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, body && body.error, body && body.detail,
      Number(response.headers.get('Retry-After')) || null, body);
  }
  return body;
}
