import type { Child } from 'hono/jsx';
import { COUNTRY_CODES, countryName } from '../../core/countries.js';
import { MAX_IMAGE_BYTES } from '../../domain/customer-requests/images.js';
import type { ViewQuestion } from '../friendly.js';
import { ADDRESS_PARTS, UiMsg } from '../messages.js';
import type { ViewForm } from '../view-types.js';

/**
 * One question, GOV.UK style: a visible label (a legend for groups), the hint, a slot for
 * the error message, then the control. The browser script finds a question by
 * `data-question` and fills the error slot `#<id>-error`.
 */

const MB = Math.round(MAX_IMAGE_BYTES / 1024 / 1024);

let countries: { code: string; name: string }[] | undefined;
const countryList = () =>
  (countries ??= COUNTRY_CODES.map((code) => ({ code, name: countryName(code) })).sort((a, b) => a.name.localeCompare(b.name, 'en')));

/** Autocomplete tokens for the usual person questions; anything else gets none. */
const AUTOCOMPLETE: Record<string, string> = {
  given_names: 'given-name',
  first_name: 'given-name',
  family_name: 'family-name',
  last_name: 'family-name',
  surname: 'family-name',
  full_name: 'name',
  nationality: 'off',
};

const Optional = ({ q }: { q: ViewQuestion }) => (q.required ? null : <span class="pf-optional"> {UiMsg.optional}</span>);

const Hint = ({ id, text }: { id: string; text: string | null | undefined }) => (text ? <p class="pf-hint" id={`${id}-hint`}>{text}</p> : null);

const ErrorSlot = ({ id, message }: { id: string; message?: string | undefined }) => (
  <p class="pf-error-message" id={`${id}-error`} hidden={!message}>
    <span class="pf-visually-hidden">Error: </span>
    <span data-error-text>{message ?? ''}</span>
  </p>
);

const describedBy = (id: string, hint: string | null | undefined) => (hint ? `${id}-hint` : undefined);

function Field(props: { q: ViewQuestion; group?: boolean; hint?: string | null; error?: string | undefined; children: Child }) {
  const { q } = props;
  const id = `q-${q.id}`;
  const hint = props.hint === undefined ? q.hint : props.hint;
  return (
    <div class={props.error ? 'pf-field pf-field--error' : 'pf-field'} id={`field-${q.id}`} data-question={q.id} data-type={q.type} data-label={q.label} data-required={q.required ? 'true' : 'false'}>
      {props.group ? (
        <fieldset class="pf-fieldset" aria-describedby={describedBy(id, hint)}>
          <legend class="pf-legend">
            {q.label}
            <Optional q={q} />
          </legend>
          <Hint id={id} text={hint} />
          <ErrorSlot id={id} message={props.error} />
          {props.children}
        </fieldset>
      ) : (
        <>
          <label class="pf-label" for={id}>
            {q.label}
            <Optional q={q} />
          </label>
          <Hint id={id} text={hint} />
          <ErrorSlot id={id} message={props.error} />
          {props.children}
        </>
      )}
    </div>
  );
}

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

function CountrySelect(props: { id: string; name: string; value: string; describedBy?: string | undefined; autocomplete?: string }) {
  return (
    <select class="pf-select" id={props.id} name={props.name} aria-describedby={props.describedBy} autocomplete={props.autocomplete ?? 'off'}>
      <option value="">{UiMsg.selectCountry}</option>
      {countryList().map((c) => (
        <option value={c.code} selected={c.code === props.value}>
          {c.name}
        </option>
      ))}
    </select>
  );
}

function Radios(props: { q: ViewQuestion; options: { value: string; label: string }[]; value: string; inline?: boolean }) {
  return (
    <div class={props.inline ? 'pf-radios pf-radios--inline' : 'pf-radios'}>
      {props.options.map((o, i) => {
        const rid = i === 0 ? `q-${props.q.id}` : `q-${props.q.id}-${i}`;
        return (
          <div class="pf-radio">
            <input class="pf-radio-input" type="radio" id={rid} name={props.q.id} value={o.value} checked={o.value === props.value} />
            <label class="pf-radio-label" for={rid}>
              {o.label}
            </label>
          </div>
        );
      })}
    </div>
  );
}

function DateInputs({ q, value }: { q: ViewQuestion; value: unknown }) {
  const [y = '', m = '', d = ''] = /^\d{4}-\d{2}-\d{2}$/.test(str(value)) ? str(value).split('-') : [];
  const part = (key: 'day' | 'month' | 'year', label: string, v: string, width: string) => {
    const id = key === 'day' ? `q-${q.id}` : `q-${q.id}-${key}`;
    return (
      <div class="pf-date-item">
        <label class="pf-date-label" for={id}>
          {label}
        </label>
        <input class={`pf-input ${width}`} id={id} name={`${q.id}-${key}`} data-part={key} type="text" inputmode="numeric" autocomplete="off" maxlength={key === 'year' ? 4 : 2} value={v.replace(/^0(?=\d)/, '')} />
      </div>
    );
  };
  const pickerId = `q-${q.id}-picker`;
  return (
    <div class="pf-date">
      {part('day', 'Day', d, 'pf-w2')}
      {part('month', 'Month', m, 'pf-w2')}
      {part('year', 'Year', y, 'pf-w4')}
      <div class="pf-date-item pf-date-item--picker">
        <label class="pf-date-label" for={pickerId}>
          {UiMsg.datePicker}
        </label>
        <input class="pf-input pf-date-picker" id={pickerId} type="date" data-date-picker autocomplete="off" value={y && m && d ? `${y}-${m}-${d}` : ''} />
      </div>
    </div>
  );
}

function AddressInputs({ q, value }: { q: ViewQuestion; value: unknown }) {
  const a = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  // A free-form address (from the API) is shown in the street line so nothing is lost.
  const filled: Record<string, string> = a.type === 'FREEFORM' ? { route: str(a.text) } : Object.fromEntries(ADDRESS_PARTS.map((p) => [p.key, str(a[p.key])]));
  return (
    <div class="pf-address">
      {ADDRESS_PARTS.map((p) => {
        const id = p.key === 'route' ? `q-${q.id}` : `q-${q.id}-${p.key}`;
        return (
          <div class="pf-address-item" data-address-field={p.key} id={`field-${q.id}-${p.key}`}>
            <label class="pf-label pf-label--small" for={id}>
              {p.label}
              {p.optional ? <span class="pf-optional"> {UiMsg.optional}</span> : null}
            </label>
            <ErrorSlot id={`q-${q.id}-${p.key}`} />
            <input class={p.key === 'postal_code' || p.key === 'street_number' ? 'pf-input pf-w10' : 'pf-input'} id={id} name={`${q.id}-${p.key}`} data-part={p.key} type="text" autocomplete={p.autocomplete ?? 'off'} value={filled[p.key] ?? ''} />
          </div>
        );
      })}
      <div class="pf-address-item" data-address-field="country" id={`field-${q.id}-country`}>
        <label class="pf-label pf-label--small" for={`q-${q.id}-country`}>
          Country
        </label>
        <ErrorSlot id={`q-${q.id}-country`} />
        <CountrySelect id={`q-${q.id}-country`} name={`${q.id}-country`} value={str(a.country)} autocomplete="off" />
      </div>
    </div>
  );
}

type DocType = NonNullable<ViewQuestion['document_types']>[number];
type SavedDocument = NonNullable<ViewForm['documents']>[string] | undefined;

/** The upload slots of one document type: one per element (front, back, selfie). */
function Slots({ q, type, saved }: { q: ViewQuestion; type: DocType; saved: SavedDocument }) {
  return (
    <>
      {type.elements.map((el) => {
        const id = `doc-${q.id}-${type.document_type}-${el.element}`;
        const upload = saved && saved.document_type === type.document_type ? saved.elements[el.element] : undefined;
        const pdf = el.element !== 'SELFIE';
        return (
          <div class={upload ? 'pf-upload pf-upload--done' : 'pf-upload'} id={`field-${id}`} data-element={el.element} data-document-type={type.document_type} data-upload-id={upload?.upload_id} data-label={el.label}>
            <h3 class="pf-upload-title" id={`${id}-title`}>
              {el.label}
            </h3>
            <p class="pf-hint" id={`${id}-hint`}>
              {pdf ? UiMsg.photoOrPdfHint(MB) : UiMsg.photoHint(MB)}
            </p>
            <ErrorSlot id={id} />
            <div class="pf-preview" hidden={!upload}>
              <div class="pf-thumb" data-thumb>
                {upload ? <span class="pf-thumb-placeholder">{upload.content_type === 'application/pdf' ? 'PDF' : 'Photo'}</span> : null}
              </div>
            </div>
            <p class="pf-upload-status" id={`${id}-status`} role="status">
              {upload ? UiMsg.uploadedEarlier : ''}
            </p>
            <div class="pf-upload-actions">
              <input
                class="pf-file"
                type="file"
                id={id}
                name={id}
                accept={pdf ? 'image/*,application/pdf' : 'image/*'}
                data-capture={el.element === 'SELFIE' ? 'user' : 'environment'}
                data-pdf={pdf ? 'true' : 'false'}
                aria-labelledby={`${id}-title`}
                aria-describedby={`${id}-hint ${id}-status`}
              />
              <label class="pf-button pf-button--secondary pf-file-button" for={id} aria-hidden="true" data-choose-label={pdf ? UiMsg.chooseFileOrPdf : UiMsg.chooseFile}>
                {upload ? UiMsg.replace : pdf ? UiMsg.chooseFileOrPdf : UiMsg.chooseFile}
              </label>
              {/* Named by its text ("Remove front of the document"), not aria-label, so a label locator for the slot finds only its input. */}
              <button type="button" class="pf-button pf-button--link" data-remove hidden={!upload}>
                {UiMsg.remove}
                <span class="pf-visually-hidden">{` ${el.label.charAt(0).toLowerCase()}${el.label.slice(1)}`}</span>
              </button>
            </div>
          </div>
        );
      })}
    </>
  );
}

/**
 * A document question: which document (when there is a choice), then one slot per element
 * of that document. Only the chosen document's slots are in the page; the others wait in
 * <template>s, so every label on the page belongs to something the customer can use.
 */
function DocumentQuestion({ q, form }: { q: ViewQuestion; form: ViewForm }) {
  const types = q.document_types ?? [];
  const saved = form.documents?.[q.id];
  const chosenType = types.find((t) => t.document_type === saved?.document_type) ?? (types.length === 1 ? types[0] : undefined);
  return (
    <Field q={q} group hint={q.hint}>
      {types.length > 1 ? (
        <div class="pf-doc-choice">
          {/* The back end's own label may already say "Choose a document": then this line is for screen readers only. */}
          <p class={/^choose\b/i.test(q.label) ? 'pf-visually-hidden' : 'pf-label pf-label--small'} id={`q-${q.id}-choice`}>
            {UiMsg.chooseDocument}
          </p>
          <div class="pf-radios" role="radiogroup" aria-labelledby={`q-${q.id}-choice`}>
            {types.map((t, i) => {
              const rid = i === 0 ? `q-${q.id}` : `q-${q.id}-${i}`;
              return (
                <div class="pf-radio">
                  <input class="pf-radio-input" type="radio" id={rid} name={`${q.id}-type`} value={t.document_type} checked={t.document_type === chosenType?.document_type} data-document-choice />
                  <label class="pf-radio-label" for={rid}>
                    {t.label}
                  </label>
                </div>
              );
            })}
          </div>
          {types.map((t) => (
            <template data-document-template={t.document_type}>
              <Slots q={q} type={t} saved={undefined} />
            </template>
          ))}
        </div>
      ) : null}
      <div class="pf-doc-elements" data-document-type={chosenType?.document_type ?? ''} id={types.length === 1 ? `q-${q.id}` : undefined} tabindex={types.length === 1 ? -1 : undefined}>
        {chosenType ? <Slots q={q} type={chosenType} saved={saved} /> : null}
      </div>
    </Field>
  );
}

/** `error`: a message shown from the start (the theme preview shows what an error looks like). */
export function Question({ q, form, error }: { q: ViewQuestion; form: ViewForm; error?: string | undefined }) {
  const id = `q-${q.id}`;
  const value = form.answers?.[q.id];
  const hintId = describedBy(id, q.hint);
  switch (q.type) {
    case 'text':
    case 'email':
    case 'phone':
    case 'number': {
      const type = q.type === 'email' ? 'email' : q.type === 'phone' ? 'tel' : 'text';
      const auto = q.type === 'email' ? 'email' : q.type === 'phone' ? 'tel' : (AUTOCOMPLETE[q.id] ?? 'off');
      const range = q.type === 'number' && q.min !== null && q.max !== null && !q.hint ? `A number from ${q.min} to ${q.max}` : q.hint;
      return (
        <Field q={q} hint={range} error={error}>
          <input
            class={q.type === 'number' ? 'pf-input pf-w10' : 'pf-input'}
            id={id}
            name={q.id}
            type={type}
            inputmode={q.type === 'number' ? 'decimal' : undefined}
            autocomplete={auto}
            spellcheck={q.type === 'email' ? false : undefined}
            maxlength={q.max_length ?? undefined}
            aria-describedby={[describedBy(id, range), error ? `${id}-error` : undefined].filter(Boolean).join(' ') || undefined}
            aria-invalid={error ? 'true' : undefined}
            value={str(value)}
          />
        </Field>
      );
    }
    case 'textarea':
      return (
        <Field q={q}>
          <textarea class="pf-textarea" id={id} name={q.id} rows={5} aria-describedby={hintId} maxlength={q.max_length ?? undefined}>
            {str(value)}
          </textarea>
        </Field>
      );
    case 'date':
      return (
        <Field q={q} group hint={q.hint ?? UiMsg.dateHint}>
          <DateInputs q={q} value={value} />
        </Field>
      );
    case 'country':
      return (
        <Field q={q}>
          <CountrySelect id={id} name={q.id} value={str(value)} describedBy={hintId} autocomplete={AUTOCOMPLETE[q.id] ?? 'country-name'} />
        </Field>
      );
    case 'select': {
      const options = q.options ?? [];
      if (options.length <= 6) {
        return (
          <Field q={q} group>
            <Radios q={q} options={options} value={str(value)} inline={options.length <= 2} />
          </Field>
        );
      }
      return (
        <Field q={q}>
          <select class="pf-select" id={id} name={q.id} aria-describedby={hintId}>
            <option value="">{UiMsg.selectOption}</option>
            {options.map((o) => (
              <option value={o.value} selected={o.value === str(value)}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
      );
    }
    case 'boolean':
      return (
        <Field q={q} group>
          <Radios q={q} inline options={[{ value: 'true', label: UiMsg.yes }, { value: 'false', label: UiMsg.no }]} value={value === true ? 'true' : value === false ? 'false' : ''} />
        </Field>
      );
    case 'address':
      return (
        <Field q={q} group>
          <AddressInputs q={q} value={value} />
        </Field>
      );
    case 'document':
      return <DocumentQuestion q={q} form={form} />;
    default:
      return null;
  }
}
