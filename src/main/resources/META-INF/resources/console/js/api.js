// Calls to the console's API (/console/api/...): same origin, the session cookie goes by itself, and every change
// carries the session's CSRF token.

let csrfToken = null;
let onSignedOut = () => {};

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export function useSession(session) {
  csrfToken = session?.csrf_token ?? null;
}

/** Called when the server no longer knows the session (expired, signed out elsewhere). */
export function whenSignedOut(callback) {
  onSignedOut = callback;
}

export async function api(path, {method = 'GET', json, form} = {}) {
  const headers = {Accept: 'application/json'};
  let body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (form) {
    body = form;
  }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(`api/${path}`, {method, headers, body, credentials: 'same-origin'});
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json() : null;
  if (!response.ok) {
    if (response.status === 401 && path !== 'session') onSignedOut();
    throw new ApiError(response.status, data);
  }
  return data;
}
