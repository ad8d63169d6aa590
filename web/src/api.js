// The one place the page talks to the /v1 API: the key, the fetch wrapper, the error shape.
// The key comes from the URL fragment (#key=...) the demo prints, or from the key field; it is
// kept in sessionStorage (gone when the tab closes) and never put back into shared URLs.

const KEY_STORE = "kg.apiKey";

export class ApiError extends Error {
  constructor(status, code, message, detail) {
    super(message);
    this.status = status;
    this.code = code;
    this.detail = detail;
  }
}

let onUnauthorized = () => {};

export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn;
}

export function getKey() {
  try {
    return sessionStorage.getItem(KEY_STORE) || "";
  } catch {
    return "";
  }
}

export function setKey(key) {
  try {
    if (key) sessionStorage.setItem(KEY_STORE, key);
    else sessionStorage.removeItem(KEY_STORE);
  } catch {
    // Private mode without storage: the key then lives only as long as this page.
  }
  memoryKey = key;
  rolePromise = null; // another key, perhaps another role
}

let memoryKey = "";

function currentKey() {
  return getKey() || memoryKey;
}

function buildUrl(path, params) {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(params || {})) {
    if (v === undefined || v === null || v === "") continue;
    if (Array.isArray(v)) {
      // FastAPI list parameters repeat the name: ?types=Person&types=Place
      for (const item of v) url.searchParams.append(k, String(item));
    } else {
      url.searchParams.set(k, String(v));
    }
  }
  return url;
}

// GET a JSON resource; throws ApiError with the API's {"error": {code, message, detail}} body.
export async function apiGet(path, params = {}, { signal } = {}) {
  return request("GET", path, params, undefined, signal);
}

// POST a JSON body (analysts' judgements); same errors as apiGet.
export async function apiPost(path, body = {}) {
  return request("POST", path, {}, body);
}

// The key's role ("read" | "ingest" | "admin") from GET /v1/me, asked once per key; "read"
// when it cannot be learned, so admin-only controls stay hidden.
let rolePromise = null;

export function keyRole() {
  if (!rolePromise) {
    rolePromise = apiGet("/v1/me").then((me) => me.role, () => "read");
  }
  return rolePromise;
}

async function request(method, path, params, payload, signal) {
  const headers = { Accept: "application/json" };
  const key = currentKey();
  if (key) headers["X-API-Key"] = key;
  if (payload !== undefined) headers["Content-Type"] = "application/json";
  let resp;
  try {
    resp = await fetch(buildUrl(path, params), {
      method, headers, signal,
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
  } catch (err) {
    if (err.name === "AbortError") throw err;
    throw new ApiError(0, "network", "Cannot reach the API — is the server running?");
  }
  let body = null;
  try {
    body = await resp.json();
  } catch {
    body = null;
  }
  if (!resp.ok) {
    const e = (body && body.error) || {};
    const message = e.message || (typeof body?.detail === "string" ? body.detail : resp.statusText);
    const err = new ApiError(resp.status, e.code || `http_${resp.status}`, message, e.detail);
    if (resp.status === 401) onUnauthorized(err);
    throw err;
  }
  return body;
}

// A human sentence for an error, for the status line and the panels.
export function describeError(err) {
  if (!(err instanceof ApiError)) return `Unexpected error: ${err?.message || err}`;
  switch (err.status) {
    case 0:
      return err.message;
    case 401:
      return "The API needs a valid key: enter it in the key field above.";
    case 403:
      return `This key may not do that (${err.message}).`;
    case 404:
      return `Not found: ${err.message}`;
    case 503:
      return "The graph database is unavailable right now; try again in a moment.";
    default:
      return `${err.message || "Request failed"} (HTTP ${err.status})`;
  }
}
