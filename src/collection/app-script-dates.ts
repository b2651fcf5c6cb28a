/**
 * Part of the collection app's script (app-script.ts): the calendar beside a date question.
 * The day, month and year fields stay the answer (quick to type, fine for a date of birth); the
 * browser's own date picker is a second way in, and each side follows the other.
 * Runs inside the app script's function.
 */
export const DATES_JS = String.raw`  // ---- dates ----------------------------------------------------------------------------
  function datePart(field, key) {
    return field.querySelector('[data-part=' + key + ']');
  }

  /** A date chosen in the calendar goes into the day, month and year fields. */
  function dateFromPicker(picker) {
    var field = fieldOf(picker);
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(picker.value);
    if (!field || !m) return;
    datePart(field, 'day').value = String(Number(m[3]));
    datePart(field, 'month').value = String(Number(m[2]));
    datePart(field, 'year').value = m[1];
  }

  /** Day, month and year typed in: the calendar opens on that date, or on none while it is not one. */
  function pickerFromParts(field) {
    var picker = field.querySelector('[data-date-picker]');
    if (!picker) return;
    var d = Number(datePart(field, 'day').value);
    var mo = Number(datePart(field, 'month').value);
    var y = datePart(field, 'year').value.trim();
    var date = new Date(Date.UTC(Number(y), mo - 1, d));
    var real = /^\d{4}$/.test(y) && date.getUTCDate() === d && date.getUTCMonth() === mo - 1;
    picker.value = real ? y + '-' + (mo < 10 ? '0' : '') + mo + '-' + (d < 10 ? '0' : '') + d : '';
  }
`;
