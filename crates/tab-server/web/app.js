// The TAB dashboard: the sign-in screen, the tiles and the Active sessions card.
//
// The page holds no token: the server keeps it in an HttpOnly cookie, and every change
// carries `X-Requested-With: tab`, which the server demands of cookie-authenticated
// changes (a cross-site form cannot set it). Every string from the server goes into the
// page as text (textContent), never as HTML.
'use strict';

(() => {
  const API = '/api/v1';
  // How often the card asks for the list: a session revoked elsewhere (this one
  // included) shows within this time, well inside the 5 seconds promised.
  const POLL_MS = 2000;

  const $ = (id) => document.getElementById(id);
  const view = {
    me: null,          // the /me answer while signed in
    sessions: [],      // the last list shown
    signature: '',     // what the list looked like when last drawn
    timer: 0,
    generation: 0,     // bumped on every sign-in and sign-out; stale answers are dropped
    order: [],         // the ids in the order last drawn, and those drawn before
    focusAfter: undefined, // a row whose trash-can had focus when it was clicked
  };

  // ---- Which session this page signed in ---------------------------------------------
  //
  // Cookies do not keep ports apart: a page on another port of this host (a secure
  // context on loopback too) can replace the session cookie with one of its own, and
  // this page would then act as that account. This origin's storage, which ports do keep
  // apart, remembers the session this page signed in; a session it did not sign in is
  // not shown. Where storage cannot be used, the check is skipped.

  const OWN_SESSION = 'tab.own-session';

  function ownSession() {
    try { return window.localStorage.getItem(OWN_SESSION); } catch (_) { return undefined; }
  }

  function rememberOwnSession(id) {
    try {
      if (id) window.localStorage.setItem(OWN_SESSION, id);
      else window.localStorage.removeItem(OWN_SESSION);
    } catch (_) { /* no storage: no check */ }
  }

  /** Whether `id` is a session this page did not sign in. */
  function notOurs(id) {
    const own = ownSession();
    return own !== undefined && own !== id;
  }

  const PLANTED_NOTICE = 'This browser holds a sign-in that this page did not make; another page on this computer may have put it there. Sign in again to continue.';

  /** A failed call: the HTTP status (0 when the server was not reached) and the body. */
  class ApiFailure extends Error {
    constructor(status, code, message, retryAfter, endedBy) {
      super(message || 'The server answered ' + status);
      this.status = status;
      this.code = code || '';
      this.retryAfter = Number(retryAfter) || 0;
      // On session_revoked: 'admin' or 'operator' when one of them ended it.
      this.endedBy = endedBy === 'admin' || endedBy === 'operator' ? endedBy : '';
    }
  }

  async function api(method, path, body) {
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
      throw new ApiFailure(0, 'unreachable', 'Cannot reach the TAB server. The page keeps trying.');
    }
    let data = null;
    if (response.status !== 204) {
      try { data = await response.json(); } catch { data = null; }
    }
    if (!response.ok) {
      const error = data && typeof data === 'object' ? data : {};
      throw new ApiFailure(response.status, String(error.error || ''),
        typeof error.message === 'string' ? error.message : '',
        response.headers.get('Retry-After'), error.ended_by);
    }
    return data;
  }

  // ---- Words -------------------------------------------------------------------------

  /** The card's relative time: Just now, 5 min ago, 3 hr ago, 1 day ago, 2 days ago. */
  function ago(now, then) {
    const secs = Math.max(0, Math.floor((now - then) / 1000));
    if (secs < 60) return 'Just now';
    if (secs < 3600) return Math.floor(secs / 60) + ' min ago';
    if (secs < 86400) return Math.floor(secs / 3600) + ' hr ago';
    if (secs < 172800) return '1 day ago';
    return Math.floor(secs / 86400) + ' days ago';
  }

  /** The same inside a sentence: "started just now". */
  const agoInline = (now, then) => {
    const text = ago(now, then);
    return text === 'Just now' ? 'just now' : text;
  };

  /** In 6 days, in 5 hr, in 12 min, in under a minute. */
  function expiresIn(now, then) {
    const secs = Math.floor((then - now) / 1000);
    if (secs < 60) return 'In under a minute';
    if (secs < 3600) return 'In ' + Math.floor(secs / 60) + ' min';
    if (secs < 86400) return 'In ' + Math.floor(secs / 3600) + ' hr';
    // A session signed in a moment ago has 6.99 days left: "In 7 days".
    const days = Math.round(secs / 86400);
    return days === 1 ? 'In 1 day' : 'In ' + days + ' days';
  }

  const KIND_NAMES = { web: 'Web', desktop: 'Desktop', cli: 'Command line' };
  /** The row's name: its label, else what the server made of its browser or app, else
   *  its kind (the seed's fallback). */
  const sessionName = (session) => session.label || session.device || session.kind;
  const capitalise = (text) => text.charAt(0).toUpperCase() + text.slice(1);

  function initials(name) {
    const words = name.trim().split(/\s+/).filter(Boolean);
    const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
    return letters.map((word) => Array.from(word)[0] || '').join('').toUpperCase() || '?';
  }

  // ---- Screens -----------------------------------------------------------------------

  function show(screen) {
    document.body.dataset.screen = screen;
    $('loading').hidden = screen !== 'loading';
    $('sign-in-screen').hidden = screen !== 'sign-in';
    $('dashboard').hidden = screen !== 'dashboard';
    $('user-menu').hidden = screen !== 'dashboard';
  }

  function setMessage(element, text) {
    element.textContent = text || '';
    element.hidden = !text;
  }

  /** The sign-in screen, with `notice` saying why it shows (or nothing). */
  function showSignIn(notice) {
    stopPolling();
    view.generation += 1;
    view.me = null;
    view.sessions = [];
    view.signature = '';
    view.alertSignature = undefined;
    view.editing = undefined;
    closeMenu(false);
    $('session-list').replaceChildren();
    $('alerts').replaceChildren();
    setMessage($('sign-in-notice'), notice);
    setMessage($('sign-in-error'), '');
    $('password').value = '';
    show('sign-in');
    $('email').focus();
  }

  /** Why a 401 ended this page's session, in the user's words. */
  function signedOutNotice(failure) {
    if (failure.code === 'session_revoked') {
      // The server says when it was an administrator or the operator (never which one).
      if (failure.endedBy === 'admin') {
        return 'This device was signed out by an administrator of your firm. Sign in again to continue, or ask them why.';
      }
      if (failure.endedBy === 'operator') {
        return "This device was signed out by the server's operator. Sign in again to continue.";
      }
      return 'This device was signed out from another session. Sign in again to continue.';
    }
    if (failure.code === 'session_expired') {
      return 'Your session on this device expired after 7 days. Sign in again to continue.';
    }
    if (failure.code === 'ambiguous_session_cookie') {
      // Another page on this computer may have planted a second session cookie.
      return 'This browser sent two sign-in cookies for this site, so neither was used. Sign in again to continue.';
    }
    return 'This device is no longer signed in. Sign in again to continue.';
  }

  /** Handles a failed call on the dashboard: a 401 bounces to the sign-in screen. */
  function failed(failure, where) {
    if (failure.status === 401) {
      showSignIn(signedOutNotice(failure));
      return;
    }
    setMessage($('card-error'), where + ': ' + failure.message);
  }

  // ---- Signing in and out ------------------------------------------------------------

  async function signIn(event) {
    event.preventDefault();
    const email = $('email').value.trim();
    const password = $('password').value;
    setMessage($('sign-in-notice'), '');
    if (!email || !password) {
      setMessage($('sign-in-error'), 'Enter your email and password.');
      return;
    }
    const button = $('sign-in-button');
    button.disabled = true;
    try {
      const answer = await api('POST', '/auth/sign-in', { email, password, client: { kind: 'web' } });
      rememberOwnSession(answer && answer.session ? answer.session.id : null);
      $('password').value = '';
      setMessage($('sign-in-error'), '');
      await openDashboard();
    } catch (failure) {
      $('password').value = '';
      setMessage($('sign-in-error'), signInProblem(failure));
      $('password').focus();
    } finally {
      button.disabled = false;
    }
  }

  function signInProblem(failure) {
    switch (failure.status) {
      case 401:
        return 'The email or password is wrong.';
      case 429: {
        const minutes = Math.max(1, Math.ceil(failure.retryAfter / 60));
        return 'Too many failed sign-ins. Try again in ' + minutes + (minutes === 1 ? ' minute.' : ' minutes.');
      }
      case 503:
        return 'The server is busy. Try again in a few seconds.';
      case 0:
        return failure.message;
      default:
        return failure.message || 'Signing in failed (the server answered ' + failure.status + ').';
    }
  }

  async function signOut() {
    closeMenu(false);
    try {
      await api('POST', '/auth/sign-out');
    } catch (failure) {
      if (failure.status !== 401) {
        setMessage($('card-error'), 'Signing out failed: ' + failure.message);
        return;
      }
    }
    rememberOwnSession(null);
    showSignIn('You signed out of this device.');
  }

  // ---- The dashboard -----------------------------------------------------------------

  async function openDashboard() {
    const generation = view.generation;
    const me = await api('GET', '/me');
    if (generation !== view.generation) return;
    if (notOurs(me.session.id)) {
      showSignIn(PLANTED_NOTICE);
      return;
    }
    view.me = me;
    const name = me.user.name;
    $('avatar-initials').textContent = initials(name);
    $('avatar').setAttribute('aria-label', 'User menu: ' + name);
    $('avatar').title = name;
    $('menu-name').textContent = name;
    $('menu-email').textContent = me.user.email;
    $('tile-name').textContent = name;
    $('tile-email').textContent = me.user.email;
    $('tile-role').textContent = capitalise(me.user.role);
    setMessage($('card-error'), '');
    show('dashboard');
    // A keyboard or screen-reader user lands on the page's title, not on nothing.
    $('dashboard-title').focus();
    await refresh();
  }

  async function refresh() {
    stopPolling();
    const generation = view.generation;
    try {
      const list = await api('GET', '/sessions');
      if (generation !== view.generation) return;
      // The cookie was replaced under this page (see "Which session this page signed in").
      const current = list.sessions.find((s) => s.current);
      if (current && notOurs(current.id)) {
        showSignIn(PLANTED_NOTICE);
        return;
      }
      draw(list.sessions);
      drawAlerts(Array.isArray(list.alerts) ? list.alerts : []);
      setMessage($('card-error'), '');
    } catch (failure) {
      if (generation !== view.generation) return;
      if (failure.status === 401) {
        failed(failure, '');
        return;
      }
      setMessage($('card-error'), 'The list could not be refreshed: ' + failure.message);
    }
    if (generation === view.generation && view.me) {
      view.timer = window.setTimeout(refresh, POLL_MS);
    }
  }

  function stopPolling() {
    window.clearTimeout(view.timer);
    view.timer = 0;
  }

  /** Draws the card and the tiles; untouched when nothing visible changed, so that a
   *  keyboard user's focus survives the polling. */
  function draw(sessions) {
    const now = Date.now();
    const current = sessions.find((s) => s.current);
    // This device first, then the server's order (most recently seen first).
    const rows = current ? [current, ...sessions.filter((s) => !s.current)] : sessions;
    const lines = rows.map((s) => {
      const started = agoInline(now, Date.parse(s.created_at));
      // What tells two alike rows apart: the browser or app in detail, the address,
      // and on this device's row its own short id, as `tab sessions list` shows it.
      const facts = [s.device, s.ip].filter((fact) => typeof fact === 'string' && fact);
      const tail = s.current ? ' · id ' + shortId(s.id) : '';
      return {
        session: s,
        name: sessionName(s),
        times: facts.concat(['Last seen ' + agoInline(now, Date.parse(s.last_seen_at)) +
          ' · started ' + started]).join(' · ') + tail,
        // Unique however alike the rows: the name, when it started, and its short id.
        action: 'Sign out ' + sessionName(s) + ', started ' + started + ' (' + shortId(s.id) + ')',
      };
    });
    $('tile-count').textContent = String(sessions.length);
    $('card-count').textContent = String(sessions.length);
    if (current) {
      const expires = Date.parse(current.expires_at);
      $('tile-expires').textContent = expiresIn(now, expires);
      $('tile-expires-at').textContent = new Date(expires).toLocaleString();
    }
    $('revoke-others').hidden = !rows.some((s) => !s.current);
    const signature = JSON.stringify(lines.map((l) => [l.session.id, l.session.current, l.session.kind, l.name, l.times, l.action]));
    view.sessions = rows;
    // A rename being typed is not redrawn away; the list catches up when it ends.
    if (view.editing) return;
    if (signature === view.signature) return;
    view.signature = signature;

    // A disabled button loses focus, so the row whose trash-can was clicked is kept.
    const focused = view.focusAfter || (document.activeElement && document.activeElement.dataset
      ? document.activeElement.dataset.sessionId : undefined);
    view.focusAfter = undefined;
    const list = $('session-list');
    const previousOrder = view.order;
    view.order = rows.map((s) => s.id).concat(previousOrder.filter((id) => !rows.some((s) => s.id === id)));
    list.replaceChildren(...lines.map(row));
    if (focused) {
      const again = list.querySelector('button[data-session-id="' + CSS.escape(focused) + '"]');
      (again || nextAfter(focused) || $('card-title')).focus();
    }
  }

  /** After a row is gone, the trash-can of the row that took its place, else none. */
  function nextAfter(id) {
    const index = view.order.indexOf(id);
    const buttons = Array.from($('session-list').querySelectorAll('button[data-session-id]'));
    if (index < 0 || buttons.length === 0) return null;
    const later = buttons.find((b) => view.order.indexOf(b.dataset.sessionId) > index);
    return later || buttons[buttons.length - 1];
  }

  /** The first 8 characters of an id, as `tab sessions list` shortens it. */
  function shortId(id) {
    return String(id).slice(0, 8);
  }

  function icon(name) {
    return document.importNode($('icon-' + name).content, true);
  }

  /** One row of the card. */
  function row({ session, name, times, action }) {
    const item = document.createElement('li');
    item.className = 'session';
    item.dataset.sessionId = session.id;
    item.dataset.kind = session.kind;
    if (session.current) item.dataset.current = 'true';

    const kind = ['web', 'desktop', 'cli'].includes(session.kind) ? session.kind : 'web';
    const badge = document.createElement('span');
    badge.className = 'session-icon';
    badge.dataset.icon = { web: 'globe', desktop: 'laptop', cli: 'terminal' }[kind];
    badge.setAttribute('role', 'img');
    badge.setAttribute('aria-label', (KIND_NAMES[session.kind] || session.kind) + ' session');
    badge.append(icon(kind));

    const text = document.createElement('div');
    text.className = 'session-text';
    const title = document.createElement('p');
    title.className = 'session-title';
    const label = document.createElement('span');
    label.className = 'session-label';
    label.textContent = name;
    title.append(label);
    if (session.current) {
      const tag = document.createElement('span');
      tag.className = 'tag tag-green';
      tag.textContent = 'This device';
      title.append(' ', tag);
    }
    const when = document.createElement('p');
    when.className = 'session-times';
    when.textContent = times;
    text.append(title, when);
    item.append(badge, text);

    const rename = document.createElement('button');
    rename.type = 'button';
    rename.className = 'text-button';
    rename.dataset.renameId = session.id;
    rename.textContent = 'Rename';
    rename.setAttribute('aria-label', 'Rename ' + name + (session.current ? ' (this device)' : ''));
    rename.addEventListener('click', () => startRename(title, session, name));
    item.append(rename);

    if (!session.current) {
      const trash = document.createElement('button');
      trash.type = 'button';
      trash.className = 'icon-button';
      trash.dataset.sessionId = session.id;
      trash.setAttribute('aria-label', action);
      trash.title = action;
      trash.append(icon('trash'));
      trash.addEventListener('click', () => revoke(session.id, name, trash));
      item.append(trash);
    }
    return item;
  }

  /**
   * The inline rename of one row: Enter saves, Escape cancels, a refusal is said next to
   * the field. The list is not redrawn while it is open.
   */
  function startRename(title, session, name) {
    view.editing = session.id;
    const form = document.createElement('form');
    form.className = 'rename';
    form.noValidate = true;
    const input = document.createElement('input');
    input.type = 'text';
    input.maxLength = 80;
    input.value = session.label || '';
    input.setAttribute('aria-label', 'New name for ' + name);
    const problem = document.createElement('p');
    problem.className = 'rename-error';
    problem.setAttribute('role', 'alert');
    problem.hidden = true;
    form.append(input, problem);
    title.replaceChildren(form);
    input.focus();
    input.select();
    const finish = async () => {
      view.editing = undefined;
      view.signature = '';
      await refresh();
      const again = $('session-list').querySelector('button[data-rename-id="' + CSS.escape(session.id) + '"]');
      if (again) again.focus();
    };
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        finish();
      }
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const label = input.value.trim();
      try {
        await api('PATCH', '/sessions/' + encodeURIComponent(session.id), { label: label || null });
      } catch (failure) {
        if (failure.status === 401) {
          view.editing = undefined;
          failed(failure, '');
          return;
        }
        setMessage(problem, failure.message);
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        return;
      }
      await finish();
    });
  }

  async function revoke(id, name, button) {
    button.disabled = true;
    try {
      // Focus moves on before the row goes: to the next row's trash-can, else the card.
      if (document.activeElement === button) view.focusAfter = id;
      await api('DELETE', '/sessions/' + encodeURIComponent(id));
      setMessage($('card-status'), name + ' was signed out.');
    } catch (failure) {
      button.disabled = false;
      if (failure.status !== 404) {
        failed(failure, 'Signing out ' + name + ' failed');
        if (failure.status === 401) return;
      }
    }
    await refresh();
  }

  /**
   * New-device sign-ins, above the list (never on the new device's own page: the server
   * leaves it out). All text; the two actions are buttons.
   */
  function drawAlerts(alerts) {
    const now = Date.now();
    const signature = JSON.stringify(alerts.map((a) => [a.id, a.at, a.ip, sessionName(a.session)]));
    if (signature === view.alertSignature) return;
    view.alertSignature = signature;
    $('alerts').replaceChildren(...alerts.map((alert) => {
      const box = document.createElement('div');
      box.className = 'notification notification-warning alert';
      box.dataset.alert = alert.id;
      const text = document.createElement('p');
      const from = typeof alert.ip === 'string' && alert.ip ? ' from ' + alert.ip : '';
      // What the server saw (the User-Agent read), not the label the new device chose.
      const device = typeof alert.session.device === 'string' && alert.session.device
        ? alert.session.device : sessionName(alert.session);
      text.textContent = 'New sign-in: ' + device + from + ', ' +
        agoInline(now, Date.parse(alert.at)) + '. If this wasn\'t you, sign out everywhere else, then change your password.';
      const signOut = document.createElement('button');
      signOut.type = 'button';
      signOut.className = 'button-danger-ghost';
      signOut.textContent = 'Sign out everywhere else';
      signOut.addEventListener('click', revokeOthers);
      const mine = document.createElement('button');
      mine.type = 'button';
      mine.className = 'button-ghost';
      mine.textContent = 'It was me';
      mine.addEventListener('click', async () => {
        mine.disabled = true;
        try {
          await api('POST', '/alerts/' + encodeURIComponent(alert.id) + '/ack');
        } catch (failure) {
          failed(failure, 'Saying it was you failed');
        }
        await refresh();
      });
      box.append(text, signOut, mine);
      return box;
    }));
  }

  async function revokeOthers() {
    const button = $('revoke-others');
    button.disabled = true;
    try {
      const answer = await api('POST', '/sessions/revoke-others');
      const n = answer.revoked;
      setMessage($('card-status'), n === 1 ? '1 other session was signed out.' : n + ' other sessions were signed out.');
      $('card-title').focus();
    } catch (failure) {
      failed(failure, 'Signing out everywhere else failed');
      if (failure.status === 401) return;
    } finally {
      button.disabled = false;
    }
    await refresh();
  }

  // ---- The user menu -----------------------------------------------------------------

  function openMenu() {
    $('menu').hidden = false;
    $('avatar').setAttribute('aria-expanded', 'true');
    $('sign-out').focus();
  }

  function closeMenu(returnFocus) {
    if ($('menu').hidden) return;
    $('menu').hidden = true;
    $('avatar').setAttribute('aria-expanded', 'false');
    if (returnFocus) $('avatar').focus();
  }

  // ---- Start -------------------------------------------------------------------------

  function start() {
    $('sign-in-form').addEventListener('submit', signIn);
    $('revoke-others').addEventListener('click', revokeOthers);
    $('sign-out').addEventListener('click', signOut);
    $('avatar').addEventListener('click', () => ($('menu').hidden ? openMenu() : closeMenu(true)));
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') closeMenu(true);
    });
    document.addEventListener('click', (event) => {
      if (!$('user-menu').contains(event.target)) closeMenu(false);
    });
    // Back on a hidden tab: catch up at once rather than at the next tick.
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden && view.me) refresh();
    });
    openDashboard().catch((failure) => {
      if (failure.status === 401) {
        // No cookie is the ordinary first visit; a revoked or expired one says so.
        const quiet = failure.code === 'missing_token' || failure.code === 'invalid_token';
        showSignIn(quiet ? '' : signedOutNotice(failure));
      } else {
        showSignIn('');
        setMessage($('sign-in-error'), failure.message);
      }
    });
  }

  start();
})();
