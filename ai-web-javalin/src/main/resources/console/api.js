// The public HTTP API of the Chimti AI layer, as a browser front end calls it: a bearer token on every request,
// problem+json errors turned into ApiProblem, and SSE streams read with fetch (an EventSource cannot send
// Authorization), resumable with Last-Event-ID.

/** A refused call: the problem's status, stable code, detail and request id. */
export class ApiProblem extends Error {
  constructor(status, code, detail, requestId) {
    super(`${code}: ${detail}`);
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.requestId = requestId;
  }

  static async of(response) {
    const requestId = response.headers.get('X-Request-Id');
    try {
      const problem = await response.json();
      return new ApiProblem(response.status, problem.code, problem.detail, problem.requestId || requestId);
    } catch (notJson) {
      return new ApiProblem(response.status, 'http_' + response.status, response.statusText, requestId);
    }
  }
}

export class Api {
  constructor(base = '') {
    this.base = base;
    this.token = '';
  }

  headers(extra = {}) {
    const headers = { ...extra };
    if (this.token) {
      headers.Authorization = 'Bearer ' + this.token;
    }
    return headers;
  }

  /** A JSON call; resolves to the parsed body (null for 204), rejects with ApiProblem. */
  async call(method, path, body) {
    const init = { method, headers: this.headers({ Accept: 'application/json' }) };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await send(this.base + path, init);
    if (!response.ok) {
      throw await ApiProblem.of(response);
    }
    return response.status === 204 ? null : response.json();
  }

  get(path) { return this.call('GET', path); }
  post(path, body) { return this.call('POST', path, body); }
  put(path, body) { return this.call('PUT', path, body); }
  patch(path, body) { return this.call('PATCH', path, body); }
  delete(path) { return this.call('DELETE', path); }

  /**
   * Opens an SSE stream (a POST that starts a turn, or GET .../events to resume one) and calls onEvent({id, name,
   * data}) for each event as it arrives. Resolves with true when the server sent 204 (nothing to resume), false
   * when the stream ended; rejects with ApiProblem when the server refused before the stream opened.
   */
  async stream(method, path, { body, lastEventId, signal, onEvent }) {
    const headers = this.headers({ Accept: 'text/event-stream' });
    const init = { method, headers, signal };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    if (lastEventId) {
      headers['Last-Event-ID'] = lastEventId;
    }
    const response = await send(this.base + path, init);
    if (response.status === 204) {
      return true;
    }
    if (!response.ok) {
      throw await ApiProblem.of(response);
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return false;
      }
      buffer += value;
      let end;
      while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
        const event = parseEvent(block);
        if (event) {
          onEvent(event);
        }
      }
    }
  }

  /** Downloads a file the API serves as an attachment, under the name its Content-Disposition gives. */
  async download(path) {
    const response = await send(this.base + path, { headers: this.headers() });
    if (!response.ok) {
      throw await ApiProblem.of(response);
    }
    const disposition = response.headers.get('Content-Disposition') || '';
    const name = (/filename="([^"]+)"/.exec(disposition) || [null, 'download'])[1];
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    return name;
  }
}

async function send(url, init) {
  try {
    return await fetch(url, init);
  } catch (failure) {
    if (failure.name === 'AbortError') {
      throw failure;
    }
    throw new ApiProblem(0, 'network_error', 'the server could not be reached (' + failure.message + ')', null);
  }
}

/** One SSE block (lines up to a blank line) as {id, name, data}; null for a comment such as ': keep-alive'. */
function parseEvent(block) {
  let id = null;
  let name = 'message';
  const data = [];
  for (const line of block.split(/\r?\n/)) {
    if (line.startsWith(':')) {
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') {
      id = value;
    } else if (field === 'event') {
      name = value;
    } else if (field === 'data') {
      data.push(value);
    }
  }
  if (data.length === 0) {
    return null;
  }
  return { id, name, data: JSON.parse(data.join('\n')) };
}

/** The claims of a JWT, read without checking it (the server checks it): to offer the token's brands. */
export function claimsOf(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload));
  } catch (malformed) {
    return {};
  }
}
