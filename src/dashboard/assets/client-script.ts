/**
 * `GET /dashboard/assets/app.js`: the dashboard's only script (no framework, no build step).
 * The server renders every page; this script keeps it live:
 *
 * - listens to `/dashboard/events` (the workspace's `GET /__sandbox/events` stream, opened
 *   with the dashboard's cookie) and, when something happens, fetches the same page again and
 *   swaps every `[data-live]` region, marking rows that are new or changed with a highlight;
 * - filters table rows as you type (`input[data-filter]`), Mailpit-style, keeping `?q=` in
 *   the address bar so live refreshes and reloads keep the filter;
 * - sends `form[data-async]` forms with fetch and refreshes in place (without the script they
 *   post and redirect like any form);
 * - ticks the workspace clock in the top bar, copies text, and pages through the story with
 *   the arrow and Page keys (what a presenter's clicker sends).
 *
 * Every text it inserts comes from the server's escaped HTML or goes in with textContent.
 */
export const DASHBOARD_JS = String.raw`(function () {
  'use strict';
  var body = document.body;
  var liveTypes = body.getAttribute('data-live-types') || '';
  var liveEl = document.getElementById('live-status');
  var announcer = document.getElementById('live-announcer');
  var pending = null, inflight = false, again = false, lastRefresh = 0;
  // The event stream, and whether this page has stopped following it (signed in elsewhere).
  var stream = null, stopped = false;
  var MIN_GAP = 400;

  function setLive(state, text) {
    if (!liveEl) return;
    liveEl.setAttribute('data-state', state);
    liveEl.textContent = text;
  }

  // ---- live regions --------------------------------------------------------------------
  function keyed(root) {
    var map = {};
    var els = root.querySelectorAll('[data-key]');
    for (var i = 0; i < els.length; i++) map[els[i].getAttribute('data-key')] = els[i].textContent;
    return map;
  }
  function openDetails(root) {
    var open = {};
    var els = root.querySelectorAll('details[data-key][open], details[id][open]');
    for (var i = 0; i < els.length; i++) open[els[i].getAttribute('data-key') || els[i].id] = true;
    return open;
  }

  function swap(doc) {
    var fresh = 0;
    var regions = document.querySelectorAll('[data-live][id]');
    for (var i = 0; i < regions.length; i++) {
      var region = regions[i];
      var next = doc.getElementById(region.id);
      if (!next) continue;
      if (next.innerHTML === region.innerHTML) continue;
      var before = keyed(region);
      var open = openDetails(region);
      var firstLoad = region.getAttribute('data-live-seen') === null;
      region.innerHTML = next.innerHTML;
      region.setAttribute('data-live-seen', '1');
      var dets = region.querySelectorAll('details');
      for (var d = 0; d < dets.length; d++) {
        var k = dets[d].getAttribute('data-key') || dets[d].id;
        if (k && open[k]) dets[d].open = true;
      }
      var els = region.querySelectorAll('[data-key]');
      for (var j = 0; j < els.length; j++) {
        var el = els[j];
        var key = el.getAttribute('data-key');
        if (before[key] === undefined || before[key] !== el.textContent) {
          if (el.tagName === 'DETAILS' && before[key] !== undefined) continue;
          el.classList.add('is-fresh');
          fresh++;
        }
      }
      if (firstLoad) region.setAttribute('data-live-seen', '1');
    }
    applyFilters();
    var title = doc.querySelector('title');
    if (title) document.title = title.textContent;
    if (fresh && announcer) announcer.textContent = fresh === 1 ? '1 item updated' : fresh + ' items updated';
    setTimeout(function () {
      var marked = document.querySelectorAll('.is-fresh');
      for (var m = 0; m < marked.length; m++) marked[m].classList.remove('is-fresh');
    }, 2600);
    startClock();
  }

  function refresh() {
    if (inflight) { again = true; return; }
    inflight = true;
    lastRefresh = Date.now();
    var shown = document.body.getAttribute('data-workspace') || '';
    fetch(location.href, { headers: { 'X-Dashboard-Refresh': '1', 'X-Dashboard-Workspace': shown }, credentials: 'same-origin', cache: 'no-store' })
      .then(function (res) {
        if (res.status === 401 || res.redirected && /\/dashboard\/login/.test(res.url)) { location.reload(); return null; }
        if (res.status === 205) { signedInElsewhere(); return null; }
        return res.ok ? res.text() : null;
      })
      .then(function (html) {
        if (html) swap(new DOMParser().parseFromString(html, 'text/html'));
      })
      .catch(function () { /* the next event tries again */ })
      .then(function () {
        inflight = false;
        if (again) { again = false; schedule(); }
      });
  }

  // This browser has signed in to another workspace since the page was drawn (in this tab or
  // another). The page stays as it is, says so, and stops updating: navigating from here could
  // cut short a navigation the user has just started.
  function signedInElsewhere() {
    stopped = true;
    if (stream) stream.close();
    setLive('off', 'Not live');
    var status = document.getElementById('action-status');
    if (status) {
      status.textContent = 'This browser is now signed in to another workspace: this page no longer updates. Reload it to see that workspace.';
      status.className = 'flash flash-bad';
      status.hidden = false;
    }
  }

  function schedule() {
    if (pending || stopped) return;
    var wait = Math.max(0, MIN_GAP - (Date.now() - lastRefresh));
    pending = setTimeout(function () { pending = null; refresh(); }, wait);
  }

  function connect() {
    if (!window.EventSource || !document.querySelector('[data-live]')) { setLive('off', 'Not live'); return; }
    var url = '/dashboard/events' + (liveTypes ? '?types=' + encodeURIComponent(liveTypes) : '');
    var es = (stream = new EventSource(url));
    setLive('connecting', 'Connecting\u2026');
    var readyOnce = false;
    es.addEventListener('ready', function () {
      setLive('live', 'Live');
      // After a reconnect, what happened in between is not replayed: read the page again.
      if (readyOnce) schedule();
      readyOnce = true;
    });
    // The dashboard's stream sends every event unnamed (the type is in the data), so one handler sees all.
    es.onmessage = schedule;
    es.onerror = function () { setLive('connecting', 'Reconnecting\u2026'); };
    window.addEventListener('pagehide', function () { es.close(); });
  }

  // ---- instant search ------------------------------------------------------------------
  function applyFilters() {
    var inputs = document.querySelectorAll('input[data-filter]');
    for (var i = 0; i < inputs.length; i++) filterFrom(inputs[i]);
  }
  function filterFrom(input) {
    var target = document.getElementById(input.getAttribute('data-filter'));
    if (!target) return;
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var rows = target.querySelectorAll('[data-search]');
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var text = rows[i].getAttribute('data-search');
      var ok = words.every(function (w) { return text.indexOf(w) !== -1; });
      rows[i].hidden = !ok;
      if (ok) shown++;
    }
    var none = target.querySelector('[data-no-match]');
    if (none) none.hidden = shown !== 0 || rows.length === 0;
    var counter = document.querySelector('[data-shown-count="' + input.getAttribute('data-filter') + '"]');
    if (counter) counter.textContent = String(shown);
  }
  document.addEventListener('input', function (e) {
    var input = e.target;
    if (!input.matches || !input.matches('input[data-filter]')) return;
    filterFrom(input);
    var url = new URL(location.href);
    if (input.value) url.searchParams.set(input.name || 'q', input.value); else url.searchParams.delete(input.name || 'q');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
  });
  document.addEventListener('change', function (e) {
    var el = e.target;
    if (el.matches && el.matches('[data-autosubmit]') && el.form) el.form.requestSubmit();
  });

  // ---- forms that act in place ---------------------------------------------------------
  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (!form.matches('form[data-async]')) return;
    e.preventDefault();
    var submitter = e.submitter;
    var data = new URLSearchParams(new FormData(form, submitter || undefined));
    var buttons = form.querySelectorAll('button');
    for (var i = 0; i < buttons.length; i++) buttons[i].disabled = true;
    var status = document.getElementById('action-status');
    fetch(form.action, { method: 'POST', body: data, credentials: 'same-origin', headers: { 'X-Dashboard-Async': '1' } })
      .then(function (res) {
        return res.text().then(function (text) { return { ok: res.ok && res.headers.get('X-Dashboard-Ok') !== '0', text: text, redirect: res.headers.get('X-Dashboard-Location') }; });
      })
      .then(function (r) {
        if (r.redirect && r.redirect !== location.pathname + location.search) { location.assign(r.redirect); return; }
        if (status) {
          status.textContent = r.text;
          status.className = 'flash ' + (r.ok ? 'flash-ok' : 'flash-bad');
          status.hidden = false;
          // A success note goes after a while; a refusal stays until the next action.
          clearTimeout(status._hide);
          if (r.ok) status._hide = setTimeout(function () { status.hidden = true; }, 12000);
        }
        refresh();
      })
      .catch(function () {
        if (status) { status.textContent = 'The sandbox did not answer. Is it still running?'; status.className = 'flash flash-bad'; status.hidden = false; }
      })
      .then(function () {
        for (var i = 0; i < buttons.length; i++) buttons[i].disabled = false;
      });
  });

  // ---- copy buttons ----------------------------------------------------------------------
  document.addEventListener('click', function (e) {
    var btn = e.target.closest ? e.target.closest('[data-copy]') : null;
    if (!btn) return;
    var source = document.getElementById(btn.getAttribute('data-copy'));
    if (!source || !navigator.clipboard) return;
    navigator.clipboard.writeText(source.textContent.trim()).then(function () {
      var label = btn.textContent;
      btn.textContent = 'Copied';
      setTimeout(function () { btn.textContent = label; }, 1500);
    }, function () {});
  });

  // ---- the workspace clock in the top bar ------------------------------------------------
  var clockTimer = null;
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function fmt(ms) {
    var d = new Date(ms);
    return d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate()) + ' ' + pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()) + ':' + pad(d.getUTCSeconds());
  }
  function startClock() {
    if (clockTimer) clearInterval(clockTimer);
    var el = document.querySelector('[data-clock-ms]');
    if (!el) return;
    var base = Number(el.getAttribute('data-clock-ms'));
    if (el.getAttribute('data-frozen') === 'true') return;
    var t0 = Date.now();
    clockTimer = setInterval(function () { el.textContent = fmt(base + (Date.now() - t0)); }, 1000);
  }

  // ---- presenter keys ----------------------------------------------------------------------
  document.addEventListener('keydown', function (e) {
    if (!body.hasAttribute('data-story')) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var dir = e.key === 'ArrowRight' || e.key === 'PageDown' ? 'next' : e.key === 'ArrowLeft' || e.key === 'PageUp' ? 'prev' : null;
    if (!dir) return;
    var link = document.querySelector('a[rel="' + dir + '"]');
    if (link) { e.preventDefault(); location.assign(link.href); }
  });

  applyFilters();
  startClock();
  connect();
})();
`;
