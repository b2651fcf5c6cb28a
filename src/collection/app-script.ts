import { MAX_IMAGE_BYTES } from '../domain/customer-requests/images.js';
import { DATES_JS } from './app-script-dates.js';
import { DOCUMENTS_JS } from './app-script-documents.js';
import { ERRORS_JS } from './app-script-errors.js';
import { INPUTS_JS } from './app-script-inputs.js';
import { UiMsg } from './messages.js';

/**
 * `GET /collection/app/app.js`: the small script of the collection app inside the iframe.
 * The server renders every page (app-view.tsx); this script only moves between them:
 * it takes the request's key from the embedding page (only from the origin it was given),
 * sends answers and photos to the collection API, shows the problems the API names, and
 * tells the embedding page what happened (postMessage, docs/collection-ui.md).
 *
 * Plain ES2017 in a string, like embed.js: it is served as is, with no build step. The
 * customer's words come from messages.ts, so the script and the tests share them. The error
 * display and the document slots are in their own files, pasted into the same function, so
 * they share its variables (root, view, api, TEXT, …).
 */

const TEXT = {
  network: UiMsg.network,
  tryAgain: UiMsg.tryAgain,
  invalidLink: UiMsg.invalidLink,
  invalidLinkHint: UiMsg.invalidLinkHint,
  notEmbedded: UiMsg.notEmbedded,
  uploading: UiMsg.uploading,
  uploaded: UiMsg.uploaded,
  removed: UiMsg.removed,
  replace: UiMsg.replace,
  fileTooBig: UiMsg.fileTooBig(Math.round(MAX_IMAGE_BYTES / 1024 / 1024)),
  fileEmpty: UiMsg.fileEmpty,
  fileNotPhoto: UiMsg.fileNotPhoto,
  fileNotPhotoOrPdf: UiMsg.fileNotPhotoOrPdf,
  uploadFailed: UiMsg.uploadFailed,
  streetMissing: UiMsg.addressStreetMissing,
  townMissing: UiMsg.addressTownMissing,
  countryMissing: UiMsg.addressCountryMissing,
  errorPrefix: 'Error: ',
};

export const APP_JS = String.raw`/* passfort-sandbox collection app. See docs/collection-ui.md. */
(function () {
  'use strict';
  var SOURCE = 'passfort-collect';
  var TEXT = ${JSON.stringify(TEXT)};
  var MAX_BYTES = ${MAX_IMAGE_BYTES};
  var POLL_MS = 1000;
  var SPINNER_AFTER_MS = 300;

  var config = JSON.parse(document.getElementById('pf-config').textContent || '{}');
  var root = document.getElementById('pf-root');
  var parentOrigin = config.origin || '';
  var embedded = window.parent !== window;
  var requestId = config.request_id || null;
  var apikey = null;
  var view = null;
  var readySent = false;
  var themed = false;
  var lastHeight = 0;
  var pollTimer = null;
  var busy = false;
  var pendingUploads = [];
  var savedTimers = {};
  var detachedSlots = {};
  var objectUrls = {};

  // ---- the embedding page -------------------------------------------------------------
  function post(type, data) {
    if (!embedded || !parentOrigin) return;
    var message = { source: SOURCE, version: 1, type: type };
    if (data) for (var k in data) if (Object.prototype.hasOwnProperty.call(data, k)) message[k] = data[k];
    // An opaque origin (a file: page) cannot be targeted; no message carries a secret.
    window.parent.postMessage(message, parentOrigin === 'null' ? '*' : parentOrigin);
  }

  function reportSize() {
    var height = Math.ceil(root.getBoundingClientRect().height);
    if (height !== lastHeight) {
      lastHeight = height;
      post('resize', { height: height });
    }
  }

  window.addEventListener('message', function (event) {
    if (event.source !== window.parent || !parentOrigin) return;
    if (event.origin !== parentOrigin) return;
    var data = event.data;
    if (!data || typeof data !== 'object' || data.source !== SOURCE || data.type !== 'init') return;
    if (typeof data.apikey !== 'string' || typeof data.request_id !== 'string') return;
    if (requestId && data.request_id !== requestId) return;
    if (apikey) return;
    requestId = data.request_id;
    apikey = data.apikey;
    load({ focus: false });
  });

  // ---- talking to the collection API --------------------------------------------------
  function call(method, path, body) {
    var init = { method: method, headers: { apikey: apikey, accept: 'application/json' }, cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer' };
    if (body !== undefined) {
      init.headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (res) {
      return res.text().then(function (text) {
        var json = null;
        try {
          json = text ? JSON.parse(text) : null;
        } catch (e) {
          json = null;
        }
        return { status: res.status, body: json };
      });
    });
  }
  function api(method, path, body) {
    return call(method, '/collection/api/requests/' + encodeURIComponent(requestId) + path, body);
  }
  function formPath(formId) {
    return '/forms/' + encodeURIComponent(formId);
  }

  // ---- pages ----------------------------------------------------------------------------
  function load(options) {
    clearTimeout(pollTimer);
    var url = '/collection/app/requests/' + encodeURIComponent(requestId) + '/view' + (options.finished ? '?finished=1' : '');
    return call('GET', url).then(function (res) {
      if (res.body && res.body.html !== undefined) render(res.body, options);
      else problemPage(TEXT.network, null, true);
    }, function () {
      problemPage(TEXT.network, null, true);
    });
  }

  function applyTheme(vars) {
    for (var name in vars) if (Object.prototype.hasOwnProperty.call(vars, name)) document.documentElement.style.setProperty(name, vars[name]);
  }

  function render(next, options) {
    // The theme belongs to the request: it is set once, for every page that follows.
    if (!themed) {
      applyTheme(next.theme);
      themed = next.state !== 'invalid';
    }
    view = next;
    busy = false;
    pendingUploads = [];
    detachedSlots = {};
    for (var key in objectUrls) URL.revokeObjectURL(objectUrls[key]);
    objectUrls = {};
    document.title = next.title;
    root.innerHTML = next.html;
    prepareInputs(root);
    if (options.focus) focusTitle();
    reportSize();
    if (!readySent) {
      readySent = true;
      post('ready', { request_id: requestId, state: next.state, form_id: next.form ? next.form.id : null, step: next.step, total: next.total });
    }
    if (next.state === 'expired') post('expired', { request_id: requestId, status: next.status });
    if (next.state === 'invalid') post('error', { request_id: requestId, code: 'invalid_link', message: next.title });
    if (next.state === 'waiting') pollTimer = setTimeout(poll, POLL_MS);
    if (next.state === 'unfinished') finish();
    if (next.state === 'submitted') {
      var redirect = next.redirect_url ? new URL(next.redirect_url, window.location.href).href : null;
      post('completed', { request_id: requestId, redirect_url: redirect });
    }
  }

  function focusTitle() {
    var title = document.getElementById('pf-title');
    if (title) title.focus({ preventScroll: false });
  }

  /** A problem the server could not render (the network): built from text, never from HTML. */
  function problemPage(title, hint, retry) {
    var page = document.createElement('div');
    page.className = 'pf-page';
    page.setAttribute('data-state', 'problem');
    var card = document.createElement('div');
    card.className = 'pf-card';
    var main = document.createElement('main');
    main.className = 'pf-main';
    var end = document.createElement('div');
    end.className = 'pf-end pf-end--problem';
    var h1 = document.createElement('h1');
    h1.className = 'pf-title';
    h1.id = 'pf-title';
    h1.tabIndex = -1;
    h1.textContent = title;
    end.appendChild(h1);
    if (hint) {
      var p = document.createElement('p');
      p.className = 'pf-end-hint';
      p.textContent = hint;
      end.appendChild(p);
    }
    if (retry) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'pf-button pf-button--primary';
      button.textContent = TEXT.tryAgain;
      button.addEventListener('click', function () {
        load({ focus: true });
      });
      end.appendChild(button);
    }
    main.appendChild(end);
    card.appendChild(main);
    page.appendChild(card);
    root.innerHTML = '';
    root.appendChild(page);
    document.title = title;
    reportSize();
  }

  function poll() {
    api('GET', '').then(function (res) {
      var r = res.body;
      if (res.status === 200 && r && r.status === 'SENT' && !r.current_form_id) {
        pollTimer = setTimeout(poll, POLL_MS);
        return;
      }
      load({ focus: true });
    }, function () {
      pollTimer = setTimeout(poll, POLL_MS * 3);
    });
  }

  var finishFailures = 0;
  function finish() {
    api('POST', '/finish').then(function (res) {
      if (res.status === 200) return load({ focus: true, finished: true });
      // The page shown next may ask to finish again ("unfinished"): not for ever.
      if (++finishFailures > 2) return problemPage(TEXT.network, null, true);
      load({ focus: true });
    }, function () {
      problemPage(TEXT.network, null, true);
    });
  }

${INPUTS_JS}${ERRORS_JS}
  // ---- submitting ---------------------------------------------------------------------
  function setBusy(form, on) {
    busy = on;
    var button = form.querySelector('[data-submit]');
    if (!button) return;
    button.disabled = on;
    form.setAttribute('aria-busy', on ? 'true' : 'false');
    clearTimeout(button.spinnerTimer);
    if (on) {
      button.spinnerTimer = setTimeout(function () {
        button.classList.add('pf-button--spinning');
      }, SPINNER_AFTER_MS);
    } else button.classList.remove('pf-button--spinning');
  }

  function problemsOf(res) {
    var error = res.body && res.body.errors && res.body.errors[0];
    if (!error) return null;
    if (error.info && error.info.problems) return error.info.problems;
    return [{ field: (error.info && error.info.field) || '', problem: error.message }];
  }

  function submit(form) {
    if (busy) return;
    setBusy(form, true);
    for (var q in savedTimers) clearTimeout(savedTimers[q]);
    var formId = form.getAttribute('data-form-id');
    Promise.all(pendingUploads)
      .then(function () {
        var found = collect(form);
        if (found.local.length) {
          // Ask the API about everything else too, so every problem shows at once.
          return api('POST', formPath(formId) + '/validate', { answers: found.answers }).then(function (res) {
            setBusy(form, false);
            showErrors(res.status === 200 && res.body ? res.body.problems : [], found.local);
          });
        }
        return api('POST', formPath(formId) + '/submit', { answers: found.answers }).then(function (res) {
          if (res.status === 200 && res.body) {
            post('form_submitted', { request_id: requestId, form_id: formId, form_alias: form.getAttribute('data-form-alias'), submitted: res.body.progress ? res.body.progress.submitted : null, total: res.body.progress ? res.body.progress.total : null });
            if (res.body.status === 'COMPLETED') return finish();
            return load({ focus: true });
          }
          if (res.status === 400) {
            setBusy(form, false);
            return showErrors(problemsOf(res), []);
          }
          if (res.status === 409 || res.status === 401 || res.status === 403) return load({ focus: true });
          setBusy(form, false);
          showErrors([{ field: '', problem: TEXT.network }], []);
        });
      })
      .catch(function () {
        setBusy(form, false);
        showErrors([{ field: '', problem: TEXT.network }], []);
      });
  }

${DOCUMENTS_JS}
${DATES_JS}
  // ---- events (delegated: pages are replaced, the listeners stay) ----------------------
  root.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form.matches || !form.matches('form.pf-form')) return;
    event.preventDefault();
    if (form.getAttribute('data-preview')) return;
    submit(form);
  });
  root.addEventListener('change', function (event) {
    var el = event.target;
    if (el.type === 'file') return upload(el);
    if (el.hasAttribute && el.hasAttribute('data-document-choice')) return chooseDocument(el);
    if (el.hasAttribute && el.hasAttribute('data-date-picker')) dateFromPicker(el);
    var field = fieldOf(el);
    if (field && field.getAttribute('data-type') !== 'document') saveSoon(field);
  });
  root.addEventListener('input', function (event) {
    var el = event.target;
    if (el.hasAttribute && el.hasAttribute('data-part') && fieldOf(el) && fieldOf(el).getAttribute('data-type') === 'date') pickerFromParts(fieldOf(el));
  });
  root.addEventListener('click', function (event) {
    var el = event.target.closest ? event.target.closest('a, button') : null;
    if (!el) return;
    if (el.hasAttribute('data-remove')) return removeUpload(el);
    if (el.tagName === 'A' && el.closest('#pf-error-summary')) {
      var target = document.getElementById(el.getAttribute('href').slice(1));
      if (target) {
        event.preventDefault();
        target.focus();
        var label = target.closest('.pf-field, .pf-upload');
        (label || target).scrollIntoView({ block: 'start' });
      }
    }
  });

  if ('ResizeObserver' in window) new ResizeObserver(reportSize).observe(root);
  else window.addEventListener('resize', reportSize);

  // ---- start ------------------------------------------------------------------------
  if (!embedded) {
    var standalone = document.getElementById('pf-standalone');
    if (standalone && !config.problem) {
      root.innerHTML = '';
      root.appendChild(standalone.content.cloneNode(true));
      document.title = TEXT.notEmbedded;
    }
  } else if (config.problem) {
    reportSize();
    readySent = true;
    post('ready', { request_id: requestId, state: 'invalid', form_id: null, step: null, total: null });
    post('error', { request_id: requestId, code: config.problem, message: document.title });
  } else {
    post('loaded', {});
    reportSize();
  }
})();
`;
