/**
 * Part of the collection app's script (app-script.ts): the document slots. A photo is
 * checked here by its size and first bytes before it is sent, shown as a thumbnail, then
 * uploaded; Replace chooses again, Remove deletes the upload; choosing another document
 * swaps the slots. Runs inside the app script's function (`api`, `load`, `markField`, …).
 */
export const DOCUMENTS_JS = String.raw`  // ---- documents ----------------------------------------------------------------------
  function sniff(b) {
    var at = function (i, xs) {
      for (var k = 0; k < xs.length; k++) if (b[i + k] !== xs[k]) return false;
      return true;
    };
    var ascii = function (i, s) {
      return at(i, s.split('').map(function (c) { return c.charCodeAt(0); }));
    };
    if (at(0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
    if (at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
    if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
    if (ascii(4, 'ftyp') && ['heic', 'heix', 'mif1', 'msf1', 'heim', 'heis'].some(function (brand) { return ascii(8, brand); })) return 'image/heic';
    if (ascii(0, '%PDF-')) return 'application/pdf';
    return null;
  }

  function slotParts(slot) {
    return {
      input: slot.querySelector('input[type=file]'),
      preview: slot.querySelector('.pf-preview'),
      thumb: slot.querySelector('[data-thumb]'),
      status: slot.querySelector('.pf-upload-status'),
      choose: slot.querySelector('.pf-file-button'),
      remove: slot.querySelector('[data-remove]'),
    };
  }

  function slotError(slot, message) {
    var input = slot.querySelector('input[type=file]');
    markField(slot, input.id, message);
    reportSize();
  }
  function clearSlotError(slot) {
    var input = slot.querySelector('input[type=file]');
    var error = document.getElementById(input.id + '-error');
    slot.classList.remove('pf-field--error');
    if (error) error.hidden = true;
    input.removeAttribute('aria-invalid');
    removeToken(input, 'aria-describedby', input.id + '-error');
  }

  function showThumb(slot, file, type) {
    var parts = slotParts(slot);
    parts.thumb.innerHTML = '';
    if (objectUrls[parts.input.id]) URL.revokeObjectURL(objectUrls[parts.input.id]);
    delete objectUrls[parts.input.id];
    var placeholder = function (text) {
      parts.thumb.innerHTML = '';
      var span = document.createElement('span');
      span.className = 'pf-thumb-placeholder';
      span.textContent = text;
      parts.thumb.appendChild(span);
    };
    if (type === 'application/pdf') return placeholder('PDF');
    var img = document.createElement('img');
    objectUrls[parts.input.id] = URL.createObjectURL(file);
    img.src = objectUrls[parts.input.id];
    img.alt = 'Preview of ' + slot.getAttribute('data-label').toLowerCase();
    img.onerror = function () {
      placeholder('Photo');
    };
    img.onload = reportSize;
    parts.thumb.appendChild(img);
  }

  function upload(input) {
    var file = input.files && input.files[0];
    var slot = input.closest('.pf-upload');
    var field = fieldOf(input);
    var form = input.closest('form');
    if (!file || !slot || !field || !form) return;
    clearSlotError(slot);
    var allowPdf = input.getAttribute('data-pdf') === 'true';
    var notPhoto = allowPdf ? TEXT.fileNotPhotoOrPdf : TEXT.fileNotPhoto;
    // Checked here, before anything is sent: the size, then what the bytes really are.
    var refuse = function (message) {
      input.value = '';
      slotError(slot, message);
    };
    if (file.size === 0) return refuse(TEXT.fileEmpty);
    if (file.size > MAX_BYTES) return refuse(TEXT.fileTooBig);
    var parts = slotParts(slot);
    var task = file
      .slice(0, 16)
      .arrayBuffer()
      .then(function (head) {
        var type = sniff(new Uint8Array(head));
        if (!type || (type === 'application/pdf' && !allowPdf)) return refuse(notPhoto);
        slot.classList.add('pf-upload--busy');
        parts.status.textContent = TEXT.uploading;
        parts.preview.hidden = false;
        showThumb(slot, file, type);
        reportSize();
        return new Promise(function (resolve, reject) {
          var reader = new FileReader();
          reader.onload = function () {
            resolve(reader.result);
          };
          reader.onerror = reject;
          reader.readAsDataURL(file);
        }).then(function (data) {
          var body = { question_id: field.getAttribute('data-question'), document_type: slot.getAttribute('data-document-type'), element: slot.getAttribute('data-element'), data: data };
          return api('POST', formPath(form.getAttribute('data-form-id')) + '/documents', body).then(function (res) {
            slot.classList.remove('pf-upload--busy');
            if (res.status === 201 && res.body) {
              slot.setAttribute('data-upload-id', res.body.upload_id);
              slot.classList.add('pf-upload--done');
              parts.status.textContent = TEXT.uploaded + ': ' + file.name;
              parts.choose.textContent = TEXT.replace;
              parts.remove.hidden = false;
              // Another document's photos are gone on the server now.
              detachedSlots = {};
              reportSize();
              return;
            }
            if (res.status === 409 || res.status === 401 || res.status === 403) return load({ focus: true });
            resetSlot(slot, '');
            input.value = '';
            var code = res.body && res.body.errors && res.body.errors[0];
            slotError(slot, res.status === 413 ? TEXT.fileTooBig : code && code.info && code.info.field === 'data' ? notPhoto : TEXT.uploadFailed);
          });
        });
      })
      .catch(function () {
        slot.classList.remove('pf-upload--busy');
        resetSlot(slot, '');
        slotError(slot, TEXT.uploadFailed);
      });
    pendingUploads.push(task);
  }

  function resetSlot(slot, status) {
    var parts = slotParts(slot);
    slot.removeAttribute('data-upload-id');
    slot.classList.remove('pf-upload--done');
    parts.preview.hidden = true;
    parts.thumb.innerHTML = '';
    parts.status.textContent = status;
    parts.choose.textContent = parts.choose.getAttribute('data-choose-label');
    parts.remove.hidden = true;
    if (objectUrls[parts.input.id]) URL.revokeObjectURL(objectUrls[parts.input.id]);
    delete objectUrls[parts.input.id];
    reportSize();
  }

  function removeUpload(button) {
    var slot = button.closest('.pf-upload');
    var form = button.closest('form');
    var uploadId = slot && slot.getAttribute('data-upload-id');
    if (!slot || !form || !uploadId) return;
    button.disabled = true;
    api('DELETE', formPath(form.getAttribute('data-form-id')) + '/documents/' + encodeURIComponent(uploadId)).then(function (res) {
      button.disabled = false;
      if (res.status === 409 || res.status === 401 || res.status === 403) return load({ focus: true });
      if (res.status !== 200 && res.status !== 404) return slotError(slot, TEXT.uploadFailed);
      var input = slot.querySelector('input[type=file]');
      input.value = '';
      resetSlot(slot, TEXT.removed);
      clearSlotError(slot);
      input.focus();
    }, function () {
      button.disabled = false;
      slotError(slot, TEXT.uploadFailed);
    });
  }

  /** Another document chosen: its slots replace the shown ones (kept aside, in case the customer comes back). */
  function chooseDocument(radio) {
    var field = fieldOf(radio);
    var live = field && field.querySelector('.pf-doc-elements');
    if (!live) return;
    var current = live.getAttribute('data-document-type');
    var wanted = radio.value;
    if (current === wanted) return;
    if (current) {
      var aside = document.createDocumentFragment();
      while (live.firstChild) aside.appendChild(live.firstChild);
      detachedSlots[current] = aside;
    }
    var template = field.querySelector('template[data-document-template="' + wanted + '"]');
    live.innerHTML = '';
    if (detachedSlots[wanted]) live.appendChild(detachedSlots[wanted]);
    else if (template) live.appendChild(template.content.cloneNode(true));
    delete detachedSlots[wanted];
    live.setAttribute('data-document-type', wanted);
    prepareInputs(live);
    reportSize();
  }
`;
