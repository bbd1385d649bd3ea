// What the dashboard and the approval pages share: one way to call the API, the record
// of which session this browser's pages signed in, and the two smallest DOM helpers.
// Loaded before each page's own script; it defines `window.TAB` and nothing else.
'use strict';

(() => {
  const API = '/api/v1';
  const OWN_SESSION = 'tab.own-session';

  const $ = (id) => document.getElementById(id);

  /** Shows `text` in `element`, hiding the element when there is none. */
  function setMessage(element, text) {
    element.textContent = text || '';
    element.hidden = !text;
  }

  // Cookies do not keep ports apart: a page on another port of this host (a secure
  // context on loopback too) can replace the session cookie with one of its own, and
  // this page would then act as that account. This origin's storage, which ports do keep
  // apart, remembers the session this browser's pages signed in; a session they did not
  // sign in is not used. Where storage cannot be used, the check is skipped.

  /** The session this browser's pages signed in; undefined where storage is unusable. */
  function ownSession() {
    try { return window.localStorage.getItem(OWN_SESSION); } catch (_) { return undefined; }
  }

  /** Remembers `id` as this browser's own session (none: forgets it). */
  function rememberOwnSession(id) {
    try {
      if (id) window.localStorage.setItem(OWN_SESSION, id);
      else window.localStorage.removeItem(OWN_SESSION);
    } catch (_) { /* no storage: no check */ }
  }

  /** Whether `id` is a session this browser's pages did not sign in. */
  function notOurs(id) {
    const own = ownSession();
    return own !== undefined && own !== id;
  }

  /**
   * One API call with the cookie and the guard header every cookie-authenticated change
   * needs (a cross-site form cannot set it): `{status, data, retryAfter}`, status 0 when
   * the server was not reached, data null when the answer has no JSON body.
   */
  async function call(method, path, body) {
    const init = {
      method,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { 'X-Requested-With': 'tab', Accept: 'application/json' },
    };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(API + path, init);
    } catch {
      return { status: 0, data: null, retryAfter: 0 };
    }
    let data = null;
    if (response.status !== 204) {
      try { data = await response.json(); } catch { data = null; }
    }
    return { status: response.status, data, retryAfter: Number(response.headers.get('Retry-After')) || 0 };
  }

  window.TAB = Object.freeze({ $, setMessage, ownSession, rememberOwnSession, notOurs, call });
})();
