// The TAB dashboard's behaviour: the sign-in screen, the tiles and the Active sessions
// card, polled (the card's words and elements are card.js's, the API call common.js's).
// The page holds no token: the server keeps it in an HttpOnly cookie. Every string from
// the server goes into the page as text (textContent), never as HTML.
'use strict';

(() => {
  const { $, setMessage, rememberOwnSession, notOurs } = window.TAB;
  const {
    agoInline, expiresIn, sessionName, capitalise, initials, shortId,
    signedOutNotice, signInProblem, row, alertBox, renameForm,
  } = window.TAB_CARD;

  // How often the card asks for the list: a session revoked elsewhere (this one
  // included) shows within this time, well inside the 5 seconds promised.
  const POLL_MS = 2000;

  const view = {
    me: null,          // the /me answer while signed in
    sessions: [],      // the last list shown
    signature: '',     // what the list looked like when last drawn
    timer: 0,
    generation: 0,     // bumped on every sign-in and sign-out; stale answers are dropped
    order: [],         // the ids in the order last drawn, and those drawn before
    focusAfter: undefined, // a row whose trash-can had focus when it was clicked
  };

  // A session this page did not sign in (see common.js) is not shown.
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

  /** An API call: its JSON answer, or an ApiFailure thrown. */
  async function api(method, path, body) {
    const answer = await window.TAB.call(method, path, body);
    if (answer.status === 0) {
      throw new ApiFailure(0, 'unreachable', 'Cannot reach the TAB server. The page keeps trying.');
    }
    if (answer.status < 200 || answer.status > 299) {
      const error = answer.data && typeof answer.data === 'object' ? answer.data : {};
      const message = typeof error.message === 'string' ? error.message : '';
      throw new ApiFailure(answer.status, String(error.error || ''), message, answer.retryAfter, error.ended_by);
    }
    return answer.data;
  }

  // ---- Screens -----------------------------------------------------------------------

  function show(screen) {
    document.body.dataset.screen = screen;
    $('loading').hidden = screen !== 'loading';
    $('sign-in-screen').hidden = screen !== 'sign-in';
    $('dashboard').hidden = screen !== 'dashboard';
    $('user-menu').hidden = screen !== 'dashboard';
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
    list.replaceChildren(...lines.map((line) => row(line, { rename: startRename, revoke })));
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

  /**
   * The inline rename of one row: Enter saves, Escape cancels, a refusal is said next to
   * the field. The list is not redrawn while it is open.
   */
  function startRename(title, session, name) {
    view.editing = session.id;
    const { form, input, problem } = renameForm(session, name);
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

  /** New-device sign-ins, above the list; redrawn only when they change. */
  function drawAlerts(alerts) {
    const now = Date.now();
    const signature = JSON.stringify(alerts.map((a) => [a.id, a.at, a.ip, sessionName(a.session)]));
    if (signature === view.alertSignature) return;
    view.alertSignature = signature;
    const handlers = {
      signOutOthers: revokeOthers,
      async itWasMe(id, button) {
        button.disabled = true;
        try {
          await api('POST', '/alerts/' + encodeURIComponent(id) + '/ack');
        } catch (failure) {
          failed(failure, 'Saying it was you failed');
        }
        await refresh();
      },
    };
    $('alerts').replaceChildren(...alerts.map((alert) => alertBox(alert, now, handlers)));
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
