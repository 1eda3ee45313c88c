// Calls to the newsdex server's JSON API. A failed call throws an ApiError
// carrying the problem document's title and detail (RFC 9457), which the
// page shows as it is.

/** An API call that failed: HTTP status (0 when the server was not
 *  reached), a short title and a one-line detail. */
export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
  }
}

/** GET `path?params` and parse the JSON answer. */
export async function api(path, params, signal) {
  const url = params ? `${path}?${params}` : path;
  let res;
  try {
    res = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'The newsdex server cannot be reached', String(e.message || e));
  }
  if (!res.ok) {
    let title = `${res.status} ${res.statusText}`.trim();
    let detail = '';
    if ((res.headers.get('content-type') || '').includes('json')) {
      try {
        const problem = await res.json();
        if (typeof problem.title === 'string') title = problem.title;
        if (typeof problem.detail === 'string') detail = problem.detail;
      } catch {
        // Not JSON after all: the status line is all there is to say.
      }
    }
    throw new ApiError(res.status, title, detail);
  }
  return res.json();
}
