// The Active sessions card's words and elements: relative times as the card says them,
// what a failure means to the person, and the rows and alerts, built as DOM nodes with
// every server string as text (textContent), never as HTML. No state and no calls: the
// dashboard (app.js) decides when to draw and what the buttons do. Defines
// `window.TAB_CARD` and nothing else.
'use strict';

(() => {
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

  /** The first 8 characters of an id, as `tab sessions list` shortens it. */
  function shortId(id) {
    return String(id).slice(0, 8);
  }

  /** A copy of the page's icon `name` (its `<template id="icon-NAME">`). */
  function icon(name) {
    return document.importNode(TAB.$('icon-' + name).content, true);
  }

  /**
   * One row of the card: `line` says what it shows (`session`, `name`, `times`,
   * `action`), `handlers` what its buttons do (`rename(title, session, name)`,
   * `revoke(id, name, button)`).
   */
  function row({ session, name, times, action }, handlers) {
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
    rename.addEventListener('click', () => handlers.rename(title, session, name));
    item.append(rename);

    if (!session.current) {
      const trash = document.createElement('button');
      trash.type = 'button';
      trash.className = 'icon-button';
      trash.dataset.sessionId = session.id;
      trash.setAttribute('aria-label', action);
      trash.title = action;
      trash.append(icon('trash'));
      trash.addEventListener('click', () => handlers.revoke(session.id, name, trash));
      item.append(trash);
    }
    return item;
  }


  /**
   * One new-device alert (never on the new device's own page: the server leaves it out).
   * All text; `handlers.signOutOthers()` and `handlers.itWasMe(id, button)` are its
   * buttons.
   */
  function alertBox(alert, now, handlers) {
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
    signOut.addEventListener('click', handlers.signOutOthers);
    const mine = document.createElement('button');
    mine.type = 'button';
    mine.className = 'button-ghost';
    mine.textContent = 'It was me';
    mine.addEventListener('click', () => handlers.itWasMe(alert.id, mine));
    box.append(text, signOut, mine);
    return box;
  }

  /** The inline rename's form for `session`: the field and where a refusal is said. */
  function renameForm(session, name) {
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
    return { form, input, problem };
  }

  window.TAB_CARD = Object.freeze({
    ago, agoInline, expiresIn, sessionName, capitalise, initials, shortId,
    signedOutNotice, signInProblem, row, alertBox, renameForm,
  });
})();
