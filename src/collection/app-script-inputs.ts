/**
 * Part of the collection app's script (app-script.ts): reading the fields. Each question's
 * answer as the API takes it (dates from their parts, structured addresses with the parts the
 * script checks itself, radios, selects, text), and saving each one as the customer goes.
 * Runs inside the app script's function: `TEXT`, `api`, `formPath` and `savedTimers` are its.
 */
export const INPUTS_JS = String.raw`  // ---- inputs -----------------------------------------------------------------------
  var coarse = window.matchMedia && window.matchMedia('(pointer: coarse)').matches;
  function prepareInputs(scope) {
    // A phone opens its camera for a document photo; elsewhere the file picker is better.
    if (!coarse) return;
    var files = scope.querySelectorAll('input[type=file][data-capture]');
    for (var i = 0; i < files.length; i++) files[i].setAttribute('capture', files[i].getAttribute('data-capture'));
  }

  function fieldOf(el) {
    return el && el.closest ? el.closest('[data-question]') : null;
  }

  function value(field) {
    var type = field.getAttribute('data-type');
    var q = field.getAttribute('data-question');
    var one = function (sel) {
      var el = field.querySelector(sel);
      return el ? el.value.trim() : '';
    };
    if (type === 'date') {
      var d = one('[data-part=day]');
      var m = one('[data-part=month]');
      var y = one('[data-part=year]');
      if (!d && !m && !y) return { value: null };
      var pad = function (s) {
        return /^\d$/.test(s) ? '0' + s : s;
      };
      return { value: y + '-' + pad(m) + '-' + pad(d) };
    }
    if (type === 'address') {
      var parts = field.querySelectorAll('[data-part]');
      var address = { type: 'STRUCTURED' };
      var any = false;
      for (var i = 0; i < parts.length; i++) {
        var v = parts[i].value.trim();
        if (v) {
          address[parts[i].getAttribute('data-part')] = v;
          any = true;
        }
      }
      var country = one('select');
      if (country) {
        address.country = country;
        any = true;
      }
      if (!any) return { value: null };
      var local = [];
      var part = function (key, target, message) {
        return { question: q, box: 'field-' + q + '-' + key, slot: 'q-' + q + '-' + key, target: target, message: message };
      };
      if (!address.route) local.push(part('route', 'q-' + q, TEXT.streetMissing));
      if (!address.postal_town) local.push(part('postal_town', 'q-' + q + '-postal_town', TEXT.townMissing));
      if (!address.country) local.push(part('country', 'q-' + q + '-country', TEXT.countryMissing));
      return { value: address, local: local };
    }
    var radios = field.querySelectorAll('input[type=radio]:not([data-document-choice])');
    if (radios.length) {
      for (var j = 0; j < radios.length; j++) {
        if (radios[j].checked) return { value: type === 'boolean' ? radios[j].value === 'true' : radios[j].value };
      }
      return { value: null };
    }
    var input = field.querySelector('input, select, textarea');
    if (!input) return { value: null };
    var text = input.value.trim();
    return { value: text === '' ? null : text };
  }

  function collect(form) {
    var answers = {};
    var local = [];
    var fields = form.querySelectorAll('[data-question]');
    for (var i = 0; i < fields.length; i++) {
      if (fields[i].getAttribute('data-type') === 'document') continue;
      var v = value(fields[i]);
      answers[fields[i].getAttribute('data-question')] = v.value;
      if (v.local) local = local.concat(v.local);
    }
    return { answers: answers, local: local };
  }

  /** Answers are kept as the customer goes, so a reload or a dropped connection loses nothing. */
  function saveSoon(field) {
    var form = field.closest('form');
    if (!form || form.getAttribute('data-preview')) return;
    var q = field.getAttribute('data-question');
    clearTimeout(savedTimers[q]);
    savedTimers[q] = setTimeout(function () {
      var one = {};
      var v = value(field);
      if (v.local && v.local.length) return;
      one[q] = v.value;
      api('PATCH', formPath(form.getAttribute('data-form-id')) + '/answers', { answers: one }).catch(function () {});
    }, 500);
  }

`;
