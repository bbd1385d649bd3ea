// The approval pages: /cli/authorize (a `tab` on this computer, `tab login --web`) and
// /device (a device code, `tab login --device`). Everything the request says about
// itself is shown as text, never as markup; Approve and Deny weigh the same.
'use strict';

(() => {
  const { $, setMessage, ownSession, rememberOwnSession } = window.TAB;
  const params = new URLSearchParams(window.location.search);
  const onDevicePage = window.location.pathname === '/device';
  let me = null;

  /** An API call as these pages read it: `{status, data, retryAfter}`, data an object. */
  async function api(method, path, body) {
    const answer = await window.TAB.call(method, path, body);
    if (answer.status === 0) {
      return { status: 0, data: { message: 'Cannot reach the TAB server.' }, retryAfter: 0 };
    }
    return { ...answer, data: answer.data || {} };
  }

  function show(screen) {
    for (const id of ['loading', 'sign-in-screen', 'code-screen', 'approve-screen', 'done-screen']) {
      $(id).hidden = id !== screen;
    }
    document.body.dataset.screen = screen;
  }

  function problem(answer) {
    if (answer.status === 429) {
      const minutes = Math.max(1, Math.ceil(answer.retryAfter / 60));
      return 'Too many wrong tries. Try again in ' + minutes + (minutes === 1 ? ' minute.' : ' minutes.');
    }
    return typeof answer.data.message === 'string' && answer.data.message
      ? answer.data.message
      : 'That did not work (the server answered ' + answer.status + ').';
  }

  function done(title, text) {
    $('done-title').textContent = title;
    $('done-text').textContent = text;
    show('done-screen');
    $('done-title').focus();
  }

  function ago(then) {
    const secs = Math.max(0, Math.floor((Date.now() - new Date(then).getTime()) / 1000));
    if (secs < 60) return 'just now';
    if (secs < 3600) return Math.floor(secs / 60) + ' min ago';
    return Math.floor(secs / 3600) + ' hr ago';
  }

  // ---- The request from a `tab` on this computer --------------------------------------

  /** The loopback request the address carries, or null when it is not a valid one. */
  function loopbackRequest() {
    const port = Number(params.get('port'));
    const challenge = params.get('code_challenge') || '';
    const state = params.get('state') || '';
    const safe = (text, min, max) => text.length >= min && text.length <= max && /^[A-Za-z0-9._~-]+$/.test(text);
    if (!Number.isInteger(port) || port < 1024 || port > 65535) return null;
    if (!safe(challenge, 43, 43) || !safe(state, 8, 128)) return null;
    return {
      port,
      challenge,
      state,
      label: params.get('label') || null,
      agent: params.get('agent') || 'tab',
    };
  }

  function showLoopback() {
    const request = loopbackRequest();
    if (!request) {
      done('This is not a valid sign-in request', 'Run tab login --web again to get a new one.');
      return;
    }
    $('asking').textContent = request.agent;
    $('asking-where').textContent = 'on this computer';
    $('as-email').textContent = me.user.email;
    $('asking-detail').textContent = request.label ? 'Session name: ' + request.label : '';
    $('approve-warning').textContent = 'Approve only if you just ran tab login --web on this computer.';
    const back = (query) => 'http://127.0.0.1:' + request.port + '/callback?' + query;
    $('approve').onclick = async () => {
      const answer = await api('POST', '/auth/cli/authorize', {
        port: request.port,
        code_challenge: request.challenge,
        state: request.state,
        label: request.label,
      });
      if (answer.status !== 200 || typeof answer.data.redirect !== 'string') {
        setMessage($('approve-error'), problem(answer));
        return;
      }
      done('Approved', 'Return to your terminal.');
      window.location.assign(answer.data.redirect);
    };
    $('deny').onclick = () => {
      done('Denied', 'Nothing was signed in. You can close this tab.');
      window.location.assign(back('error=access_denied&state=' + encodeURIComponent(request.state)));
    };
    show('approve-screen');
  }

  // ---- A device code ------------------------------------------------------------------

  function showCodeEntry() {
    $('user-code').value = params.get('user_code') || '';
    show('code-screen');
    $('user-code').focus();
  }

  async function lookUp(event) {
    event.preventDefault();
    const code = $('user-code').value;
    const answer = await api('POST', '/auth/device/lookup', { user_code: code });
    if (answer.status !== 200) {
      setMessage($('code-error'), problem(answer));
      return;
    }
    setMessage($('code-error'), '');
    const device = answer.data;
    $('asking').textContent = device.device || device.label || 'A device';
    $('asking-where').textContent = 'at ' + (device.ip || 'an unknown address') + ', asked ' + ago(device.requested_at) + ',';
    $('as-email').textContent = me.user.email;
    $('asking-detail').textContent = device.label ? 'Session name: ' + device.label : '';
    $('approve-warning').textContent = 'If you did not start this on a device in front of you, deny. Someone who sent you this code is trying to sign in as you.';
    const decide = async (path, title, text) => {
      const decided = await api('POST', path, { user_code: code });
      if (decided.status !== 204) {
        setMessage($('approve-error'), problem(decided));
        return;
      }
      done(title, text);
    };
    $('approve').onclick = () => decide('/auth/device/approve', 'Approved', 'The device is signed in within a few seconds. You can close this tab.');
    $('deny').onclick = () => decide('/auth/device/deny', 'Denied', 'Nothing was signed in. You can close this tab.');
    show('approve-screen');
  }

  // ---- Signing in first ---------------------------------------------------------------

  async function signIn(event) {
    event.preventDefault();
    const answer = await api('POST', '/auth/sign-in', {
      email: $('email').value,
      password: $('password').value,
      client: { kind: 'web' },
    });
    $('password').value = '';
    if (answer.status !== 201) {
      setMessage($('sign-in-error'), problem(answer));
      return;
    }
    rememberOwnSession(answer.data.session.id);
    await start();
  }

  async function start() {
    const answer = await api('GET', '/me');
    const own = ownSession();
    // A session this browser's pages did not sign in (a planted cookie) is not used.
    if (answer.status !== 200 || (own !== undefined && own !== answer.data.session.id)) {
      show('sign-in-screen');
      $('email').focus();
      return;
    }
    me = answer.data;
    if (onDevicePage) showCodeEntry(); else showLoopback();
  }

  $('sign-in-form').addEventListener('submit', signIn);
  $('code-form').addEventListener('submit', lookUp);
  start();
})();
