/**
 * `GET /embed.js`: `window.PassFortCollect` for the integrator's page (PassFort's loaders
 * call `initFromUrl()` or `init({request_id, apikey})` on window load).
 *
 * Written as plain ES2017 in a string because it runs in the integrator's page, untouched by
 * our build: nothing may be required from it but a browser. The collection app lives at
 * the origin this script was loaded from; the request's apikey only ever goes to that
 * origin, by `postMessage` with that exact target origin, after the app says it has loaded.
 * It never goes into a URL (so never into a log, a referrer or the history).
 *
 * Messages from the app (all `{source: 'passfort-collect', version: 1, type, …}`) are
 * handled here (resize, completed → redirect) and re-dispatched on the wrapper as a
 * `passfortcollect` DOM event; docs/collection-ui.md lists them.
 */
export const EMBED_JS = String.raw`/* passfort-sandbox: PassFortCollect (embed.js). See docs/collection-ui.md. */
(function () {
  'use strict';
  if (window.PassFortCollect && window.PassFortCollect.sandbox) return;

  var SOURCE = 'passfort-collect';
  var WRAPPER_ID = 'collection-wrapper';
  var REDIRECT_DELAY_MS = 1500;
  var MIN_HEIGHT = 120;

  var script = document.currentScript;
  var scriptUrl;
  try {
    scriptUrl = new URL(script && script.src ? script.src : '/embed.js', window.location.href);
  } catch (e) {
    scriptUrl = new URL('/embed.js', window.location.href);
  }
  var appOrigin = scriptUrl.origin;
  var current = null;

  function fail(message) {
    console.error('[PassFortCollect] ' + message);
  }

  function decode(text) {
    try {
      return decodeURIComponent(text.replace(/\+/g, ' '));
    } catch (e) {
      return text;
    }
  }

  /** Splits the query string by hand so the parameters that stay keep their exact spelling. */
  function takeCredentials(search) {
    var found = {};
    var keep = [];
    search.replace(/^\?/, '').split('&').forEach(function (pair) {
      if (pair === '') return;
      var eq = pair.indexOf('=');
      var name = decode(eq < 0 ? pair : pair.slice(0, eq));
      if (name === 'request_id' || name === 'apikey') {
        if (!(name in found)) found[name] = decode(eq < 0 ? '' : pair.slice(eq + 1));
        return;
      }
      keep.push(pair);
    });
    return { request_id: found.request_id || '', apikey: found.apikey || '', search: keep.length ? '?' + keep.join('&') : '', removed: 'request_id' in found || 'apikey' in found };
  }

  function emit(wrapper, data) {
    var detail = {};
    for (var key in data) if (Object.prototype.hasOwnProperty.call(data, key)) detail[key] = data[key];
    try {
      wrapper.dispatchEvent(new CustomEvent('passfortcollect', { detail: detail, bubbles: true }));
    } catch (e) {
      /* an old browser without CustomEvent: the postMessage is still there */
    }
  }

  function navigateTop(href) {
    try {
      window.top.location.href = href;
    } catch (e) {
      window.location.href = href;
    }
  }

  function scheduleRedirect(url) {
    var target;
    try {
      target = new URL(url, scriptUrl.href);
    } catch (e) {
      fail('the redirect URL ' + JSON.stringify(url) + ' is not a URL; staying on this page.');
      return;
    }
    if (target.protocol !== 'https:' && target.protocol !== 'http:') {
      fail('the redirect URL must be http(s); staying on this page.');
      return;
    }
    setTimeout(function () {
      navigateTop(target.href);
    }, REDIRECT_DELAY_MS);
  }

  function destroy() {
    if (!current) return;
    window.removeEventListener('message', current.onMessage);
    if (current.iframe.parentNode) current.iframe.parentNode.removeChild(current.iframe);
    current = null;
  }

  function mount(wrapper, credentials, problem) {
    destroy();
    var src = new URL('/collection/app', scriptUrl.href);
    if (credentials) src.searchParams.set('request_id', credentials.request_id);
    src.searchParams.set('origin', window.location.origin);
    if (problem) src.searchParams.set('problem', problem);

    var iframe = document.createElement('iframe');
    iframe.title = 'Your information form';
    iframe.setAttribute('referrerpolicy', 'no-referrer');
    iframe.setAttribute('data-passfort-collect', '');
    iframe.style.display = 'block';
    iframe.style.width = '100%';
    iframe.style.border = '0';
    iframe.style.height = '420px';

    function onMessage(event) {
      if (event.source !== iframe.contentWindow || event.origin !== appOrigin) return;
      var data = event.data;
      if (!data || typeof data !== 'object' || data.source !== SOURCE) return;
      if (data.type === 'loaded') {
        // The app asks for its key each time it loads (a reload of the frame too).
        if (credentials) {
          iframe.contentWindow.postMessage({ source: SOURCE, version: 1, type: 'init', request_id: credentials.request_id, apikey: credentials.apikey }, appOrigin);
        }
        return;
      }
      if (data.type === 'resize' && typeof data.height === 'number' && isFinite(data.height)) {
        iframe.style.height = Math.max(MIN_HEIGHT, Math.ceil(data.height)) + 'px';
      }
      if (data.type === 'completed' && typeof data.redirect_url === 'string' && data.redirect_url) {
        scheduleRedirect(data.redirect_url);
      }
      emit(wrapper, data);
    }

    window.addEventListener('message', onMessage);
    iframe.src = src.href;
    wrapper.appendChild(iframe);
    current = { iframe: iframe, onMessage: onMessage };
  }

  function start(values, caller, missingHint) {
    var wrapper = document.getElementById(WRAPPER_ID);
    if (!wrapper && document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', function () {
        start(values, caller, missingHint);
      }, { once: true });
      return;
    }
    if (!wrapper) {
      fail(caller + ': this page has no element with id="' + WRAPPER_ID + '". Add <div id="' + WRAPPER_ID + '"></div> where the form should appear.');
      return;
    }
    var missing = [];
    if (!values.request_id) missing.push('request_id');
    if (!values.apikey) missing.push('apikey');
    if (missing.length) {
      fail(caller + ': missing ' + missing.join(' and ') + '. ' + missingHint);
      mount(wrapper, null, 'missing_parameters');
      return;
    }
    mount(wrapper, { request_id: values.request_id, apikey: values.apikey }, null);
  }

  function init(options) {
    var o = options && typeof options === 'object' ? options : {};
    var values = {
      request_id: typeof o.request_id === 'string' ? o.request_id.trim() : '',
      apikey: typeof o.apikey === 'string' ? o.apikey.trim() : '',
    };
    start(values, 'PassFortCollect.init()', 'Call PassFortCollect.init({ request_id: "\u2026", apikey: "\u2026" }) with the id and apikey of the customer request (POST /4.0/forms/profile/{profile_id}/customer_request).');
  }

  function initFromUrl() {
    var found = takeCredentials(window.location.search);
    if (found.removed) {
      // Before the iframe exists, so not even its document.referrer sees them.
      try {
        var url = new URL(window.location.href);
        url.search = found.search;
        window.history.replaceState(window.history.state, '', url.href);
      } catch (e) {
        fail('initFromUrl(): could not remove request_id and apikey from the address bar (' + e.message + ').');
      }
    }
    start(found, 'PassFortCollect.initFromUrl()', 'The page URL needs ?request_id=\u2026&apikey=\u2026 (the link in the request email). They are removed from the address bar once read, so reloading the page needs the link again.');
  }

  window.PassFortCollect = { init: init, initFromUrl: initFromUrl, sandbox: true };
})();
`;
