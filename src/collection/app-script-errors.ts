/**
 * Part of the collection app's script (app-script.ts): showing problems. The API's problems
 * (and the address parts the script checks itself) go into the error summary, in page order,
 * as links to their fields, and next to each field with aria-invalid and aria-describedby.
 * Runs inside the app script's function: `root`, `view`, `TEXT` and `reportSize` are its.
 */
export const ERRORS_JS = String.raw`  // ---- errors -------------------------------------------------------------------------
  var messages = function () {
    var el = document.getElementById('pf-messages');
    try {
      return el ? JSON.parse(el.textContent) : {};
    } catch (e) {
      return {};
    }
  };

  function addToken(el, attr, token) {
    var list = (el.getAttribute(attr) || '').split(/\s+/).filter(Boolean);
    if (list.indexOf(token) < 0) list.push(token);
    el.setAttribute(attr, list.join(' '));
  }
  function removeToken(el, attr, token) {
    var list = (el.getAttribute(attr) || '').split(/\s+/).filter(function (t) {
      return t && t !== token;
    });
    if (list.length) el.setAttribute(attr, list.join(' '));
    else el.removeAttribute(attr);
  }

  function clearErrors() {
    var marked = root.querySelectorAll('.pf-field--error');
    for (var i = 0; i < marked.length; i++) marked[i].classList.remove('pf-field--error');
    var slots = root.querySelectorAll('.pf-error-message');
    for (var j = 0; j < slots.length; j++) {
      slots[j].hidden = true;
      var described = root.querySelectorAll('[aria-describedby~="' + slots[j].id + '"]');
      for (var k = 0; k < described.length; k++) removeToken(described[k], 'aria-describedby', slots[j].id);
    }
    var invalid = root.querySelectorAll('[aria-invalid]');
    for (var n = 0; n < invalid.length; n++) invalid[n].removeAttribute('aria-invalid');
    var summary = document.getElementById('pf-error-summary');
    if (summary) {
      summary.hidden = true;
      summary.querySelector('ul').innerHTML = '';
    }
    if (view) document.title = view.title;
  }

  /** Shows one message next to its field: the slot, aria-invalid and aria-describedby. */
  function markField(box, slotId, message) {
    var slot = document.getElementById(slotId + '-error');
    if (!box || !slot) return false;
    box.classList.add('pf-field--error');
    slot.hidden = false;
    slot.querySelector('[data-error-text]').textContent = message;
    var controls = box.querySelectorAll('input:not([type=hidden]), select, textarea');
    for (var i = 0; i < controls.length; i++) {
      if (controls[i].type === 'file' && box.getAttribute('data-question')) continue;
      controls[i].setAttribute('aria-invalid', 'true');
      addToken(controls[i], 'aria-describedby', slot.id);
    }
    var fieldset = box.querySelector('fieldset');
    if (fieldset) addToken(fieldset, 'aria-describedby', slot.id);
    return true;
  }

  /** Where a problem of the API belongs on the page. */
  function locate(field) {
    var m = /^answers\.(.+)$/.exec(field);
    if (m) return { box: document.getElementById('field-' + m[1]), slot: 'q-' + m[1], target: 'q-' + m[1], label: labelOf(m[1]) };
    m = /^documents\.([^.]+)\.(FRONT|BACK|SELFIE)$/.exec(field);
    if (m) {
      var holder = document.getElementById('field-' + m[1]);
      var live = holder && holder.querySelector('.pf-doc-elements');
      var type = live ? live.getAttribute('data-document-type') : '';
      var id = 'doc-' + m[1] + '-' + type + '-' + m[2];
      var box = document.getElementById('field-' + id);
      if (box) return { box: box, slot: id, target: id, label: box.getAttribute('data-label') };
      return { box: holder, slot: 'q-' + m[1], target: 'q-' + m[1], label: labelOf(m[1]) };
    }
    m = /^documents\.([^.]+)$/.exec(field);
    if (m) return { box: document.getElementById('field-' + m[1]), slot: 'q-' + m[1], target: 'q-' + m[1], label: labelOf(m[1]) };
    return null;
  }
  function labelOf(q) {
    var box = document.getElementById('field-' + q);
    return box ? box.getAttribute('data-label') : '';
  }

  /** problems: [{field, problem}] from the API and [{question, box, slot, target, message}] found here. */
  function showErrors(problems, local) {
    clearErrors();
    var table = messages();
    var items = [];
    var localFor = {};
    (local || []).forEach(function (p) {
      localFor[p.question] = true;
      markField(document.getElementById(p.box), p.slot, p.message);
      items.push({ target: p.target, message: p.message });
    });
    (problems || []).forEach(function (p) {
      var question = (/^answers\.(.+)$/.exec(p.field) || [])[1];
      if (question && localFor[question]) return;
      var where = locate(p.field);
      var message = (table[p.field] && table[p.field][p.problem]) || (where && where.label ? fallback(where.label, p.problem) : p.problem);
      if (where) markField(where.box, where.slot, message);
      items.push({ target: where ? where.target : null, message: message });
    });
    // In the order of the page, whoever found the problem.
    items.sort(function (a, b) {
      var x = a.target && document.getElementById(a.target);
      var y = b.target && document.getElementById(b.target);
      if (!x || !y) return x ? -1 : y ? 1 : 0;
      return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
    var summary = document.getElementById('pf-error-summary');
    if (!summary) return;
    var list = summary.querySelector('ul');
    items.forEach(function (item) {
      var li = document.createElement('li');
      if (item.target) {
        var a = document.createElement('a');
        a.href = '#' + item.target;
        a.textContent = item.message;
        li.appendChild(a);
      } else li.textContent = item.message;
      list.appendChild(li);
    });
    summary.hidden = false;
    document.title = TEXT.errorPrefix + view.title;
    summary.focus();
    reportSize();
  }
  // As friendly.ts's fallbackMessage: "<label>: <problem>".
  function fallback(label, problem) {
    return label.replace(/[?:.]\s*$/, '') + ': ' + problem;
  }
`;
