import type { FrameLocator, Locator, Page } from '@playwright/test';
import { dateParts, documentFile, optionFor, planAnswers, type Address, type DocumentChoice, type DocumentElement, type Persona, type QuestionInfo } from './personas.js';
import { describeValue, waitFor, type WaitOptions } from './wait.js';

/**
 * The collection form (the iframe `embed.js` puts in `#collection-wrapper`) as a page object.
 * It finds questions by the form's own markup (`data-question`, `data-type`, `data-label`) and
 * drives them the way a person does: by label and role, one step at a time.
 */

/** What the iframe shows: a step of a form, a wait for a check, or an end page. */
export interface FormState {
  /** `form`, `waiting`, `unfinished`, `submitted`, `expired`, `invalid`, `problem`, or `loading` before the first page. */
  state: string;
  title: string;
  formId: string | null;
  formAlias: string | null;
  /** "Step 2 of 3" when shown. */
  step: string | null;
  /** The error summary's messages, when shown. */
  errors: string[];
}

export const describeState = (s: FormState) =>
  `${s.state}${s.title ? ` "${s.title}"` : ''}${s.formAlias ? ` (form ${s.formAlias})` : ''}${s.errors.length ? `, errors: ${s.errors.join('; ')}` : ''}`;

/**
 * Chromium can lose a click into a cross-origin frame that was resized a moment before (the frame
 * reports its height to the loader after every render, and the hit-test data of the frame lags
 * behind on a busy machine): Playwright then says the radio "did not change its state". Clicking a
 * radio again is harmless, so a lost click is retried twice; any other failure is thrown as is.
 */
async function checkRadio(radio: Locator): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await radio.check();
      return;
    } catch (err) {
      if (attempt >= 3 || !/did not change its state/.test((err as Error).message)) throw err;
      if (await radio.isChecked()) return;
    }
  }
}

export interface QuestionOnPage extends QuestionInfo {
  /** For document questions: the types offered (value = PassFort's document type, label as shown). */
  documentTypes?: { value: string; label: string }[];
}

export class CollectionForm {
  /** The form's iframe, by its accessible name. */
  readonly frame: FrameLocator;
  readonly iframe: Locator;

  constructor(
    readonly page: Page,
    readonly options: WaitOptions = {},
  ) {
    this.iframe = page.locator('#collection-wrapper iframe[title="Your information form"]');
    this.frame = page.frameLocator('#collection-wrapper iframe[title="Your information form"]');
  }

  /** The page's heading (a form's title, or an end page's sentence). */
  get heading(): Locator {
    return this.frame.getByRole('heading', { level: 1 });
  }

  get errorSummary(): Locator {
    return this.frame.getByRole('alert').filter({ hasText: 'There is a problem' });
  }

  /** The primary button of the current step ("Continue", or "Finish" on the last form). */
  get submitButton(): Locator {
    return this.frame.getByRole('button', { name: /^(Continue|Finish)$/ });
  }

  /** Reads what the iframe shows now (never waits). */
  async state(): Promise<FormState> {
    const frame = this.page.frames().find((f) => f.parentFrame() === this.page.mainFrame() && /\/collection\/app/.test(f.url()));
    if (!frame) return { state: 'loading', title: '', formId: null, formAlias: null, step: null, errors: [] };
    return frame
      .evaluate(() => {
        const page = document.querySelector<HTMLElement>('.pf-page[data-state]');
        const form = document.querySelector<HTMLFormElement>('form[data-form-id]');
        const summary = document.querySelector<HTMLElement>('#pf-error-summary');
        return {
          state: page?.dataset.state ?? 'loading',
          title: document.querySelector('#pf-title')?.textContent?.trim() ?? '',
          formId: form?.dataset.formId ?? null,
          formAlias: form?.dataset.formAlias ?? null,
          step: document.querySelector('.pf-step')?.textContent?.trim() ?? null,
          errors: summary && !summary.hidden ? [...summary.querySelectorAll('li')].map((li) => li.textContent?.trim() ?? '') : [],
        };
      })
      .catch(() => ({ state: 'loading', title: '', formId: null, formAlias: null, step: null, errors: [] }));
  }

  /** Waits until the iframe's state passes `accept`; the time-out names the state it was stuck in. */
  waitForState(what: string, accept: (s: FormState) => boolean, options: WaitOptions = {}): Promise<FormState> {
    return waitFor(`the collection form to show ${what}`, () => this.state(), accept, { ...this.options, ...options, describe: describeState });
  }

  /** Waits for a step of a form (any, or the one with this alias). */
  waitForForm(alias?: string, options: WaitOptions = {}): Promise<FormState> {
    return this.waitForState(alias ? `the form "${alias}"` : 'a form', (s) => s.state === 'form' && (!alias || s.formAlias === alias), options);
  }

  /** The questions of the current step, as the form describes them. */
  async questions(): Promise<QuestionOnPage[]> {
    return this.frame.locator('form.pf-form').evaluate((form) =>
      [...form.querySelectorAll<HTMLElement>('[data-question]')].map((el) => {
        const labelOf = (input: HTMLInputElement) => (input.labels?.[0]?.textContent ?? '').trim();
        const radios = [...el.querySelectorAll<HTMLInputElement>('input[type=radio]:not([data-document-choice])')];
        const selectOptions = [...el.querySelectorAll<HTMLOptionElement>('select:not([id$="-country"]) option')].filter((o) => o.value !== '');
        const choices = [...el.querySelectorAll<HTMLInputElement>('input[data-document-choice]')];
        const single = el.querySelector<HTMLElement>('.pf-doc-elements[data-document-type]')?.dataset.documentType;
        return {
          id: el.dataset.question!,
          type: el.dataset.type!,
          label: el.dataset.label!,
          required: el.dataset.required !== 'false',
          options: radios.length ? radios.map((r) => ({ value: r.value, label: labelOf(r) })) : selectOptions.map((o) => ({ value: o.value, label: (o.textContent ?? '').trim() })),
          documentTypes: choices.length ? choices.map((r) => ({ value: r.value, label: labelOf(r) })) : single ? [{ value: single, label: single }] : [],
        };
      }),
    );
  }

  field(questionId: string): Locator {
    return this.frame.locator(`[data-question="${questionId}"]`);
  }

  /**
   * Fills the current step from a persona (see `planAnswers` for which answer goes where) and
   * uploads its documents. Throws before typing anything if the persona cannot answer a
   * required question. Returns the answers it gave, by question id.
   */
  async fill(persona: Persona, opts: { defaults?: boolean } = {}): Promise<Record<string, unknown>> {
    await this.waitForForm();
    const questions = await this.questions();
    const plan = planAnswers(questions, persona, opts);
    if (plan.unanswered.length) {
      const list = plan.unanswered.map((q) => `${q.id} ("${q.label}", ${q.type})`).join(', ');
      throw new Error(`The persona has no answer for ${list}; add them to persona.answers by question id`);
    }
    const given: Record<string, unknown> = {};
    for (const q of questions) {
      if (q.type === 'document') {
        given[q.id] = await this.uploadDocument(q.id, persona.document ?? {}, persona);
        continue;
      }
      const answer = plan.answers.get(q.id);
      if (!answer) continue;
      await this.answer(q, answer.value);
      given[q.id] = answer.value;
    }
    return given;
  }

  /** Types or picks one answer in the way the question's control takes it. */
  async answer(q: QuestionOnPage, value: unknown): Promise<void> {
    const field = this.field(q.id);
    switch (q.type) {
      case 'date': {
        const { day, month, year } = dateParts(value);
        await field.getByLabel('Day', { exact: true }).fill(day);
        await field.getByLabel('Month', { exact: true }).fill(month);
        await field.getByLabel('Year', { exact: true }).fill(year);
        return;
      }
      case 'country':
        await field.getByRole('combobox').selectOption(String(value));
        return;
      case 'select':
      case 'boolean': {
        const option = optionFor(q, value);
        if (!option) throw new Error(`"${q.label}" has no option ${describeValue(value)} (options: ${(q.options ?? []).map((o) => o.value).join(', ')})`);
        const radio = field.getByRole('radio', { name: option.label, exact: true });
        if (await radio.count()) await checkRadio(radio);
        else await field.getByRole('combobox').selectOption(option.value);
        return;
      }
      case 'address':
        return this.fillAddress(field, value as Address);
      case 'textarea':
      case 'text':
      case 'email':
      case 'phone':
      case 'number':
      default:
        await field.getByLabel(q.label).fill(String(value));
    }
  }

  private async fillAddress(field: Locator, a: Address): Promise<void> {
    const parts: [keyof Address, RegExp][] = [
      ['premise', /^Flat, apartment or building name/],
      ['street_number', /^House number/],
      ['route', /^Street/],
      ['postal_town', /^Town or city/],
      ['state_province', /^County, state or province/],
      ['postal_code', /^Postcode or ZIP code/],
    ];
    for (const [key, label] of parts) if (a[key]) await field.getByLabel(label).fill(String(a[key]));
    await field.getByLabel('Country', { exact: true }).selectOption(a.country);
  }

  /**
   * Chooses a document type (when the question offers several) and uploads every element it
   * needs (front, back, selfie), waiting for each upload to be confirmed. Returns the type.
   */
  async uploadDocument(questionId: string | undefined, choice: DocumentChoice = {}, persona?: Persona): Promise<string> {
    const questions = await this.questions();
    const q = questionId ? questions.find((x) => x.id === questionId) : questions.find((x) => x.type === 'document');
    if (!q || q.type !== 'document') throw new Error(`This step has no document question${questionId ? ` "${questionId}"` : ''} (questions: ${questions.map((x) => x.id).join(', ')})`);
    const field = this.field(q.id);
    const offered = q.documentTypes ?? [];
    const wanted = choice.type ?? offered[0]?.value;
    const type = offered.find((t) => t.value === wanted);
    if (!type) throw new Error(`"${q.label}" does not take ${wanted} (it takes ${offered.map((t) => t.value).join(', ')})`);
    if (offered.length > 1) await checkRadio(field.getByRole('radio', { name: type.label, exact: true }));
    const slots = field.locator(`[data-element][data-document-type="${type.value}"]`);
    await slots.first().waitFor();
    const elements = await slots.evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.element!));
    const who = persona ?? ({ document: choice } as Persona);
    for (const element of elements) {
      const slot = field.locator(`[data-element="${element}"][data-document-type="${type.value}"]`);
      await slot.locator('input[type=file]').setInputFiles(documentFile({ ...who, document: choice } as Persona, element as DocumentElement));
      await waitFor(
        `the ${element} of ${type.value} to be uploaded`,
        () => slot.getByRole('status').textContent(),
        (t) => /^Uploaded/.test((t ?? '').trim()),
        { ...this.options, describe: (t) => `the upload status ${describeValue(t)}` },
      ).catch(async (err: Error) => {
        const problem = await slot.locator('.pf-error-message:not([hidden])').textContent().catch(() => null);
        if (problem) err.message += `; the form says: ${problem.trim()}`;
        throw err;
      });
    }
    return type.value;
  }

  /**
   * Presses Continue (or Finish) and waits until the step is gone: the next form, a wait for a
   * check, an end page, or the error summary. Returns the new state.
   */
  async submit(options: WaitOptions = {}): Promise<FormState> {
    const before = await this.state();
    await this.submitButton.click();
    return this.waitForState(
      'the next step after submitting',
      (s) => s.errors.length > 0 || (s.state !== 'form' && s.state !== 'loading') || (s.state === 'form' && s.formId !== before.formId),
      options,
    );
  }

  /** Fills and submits forms with a persona until an end page, a wait, or an error; returns the last state. */
  async completeWith(persona: Persona, opts: { untilAlias?: string; maxForms?: number } = {}): Promise<FormState> {
    let state = await this.waitForForm();
    for (let i = 0; i < (opts.maxForms ?? 10) && state.state === 'form'; i++) {
      if (opts.untilAlias && state.formAlias === opts.untilAlias) return state;
      await this.fill(persona);
      state = await this.submit();
      if (state.errors.length) throw new Error(`The form refused the answers: ${state.errors.join('; ')}`);
    }
    return state;
  }

  /** Waits for the end page that says `Data successfully submitted.`. */
  expectSubmitted(options: WaitOptions = {}): Promise<FormState> {
    return this.waitForState('"Data successfully submitted."', (s) => s.state === 'submitted' && s.title === 'Data successfully submitted.', options);
  }

  /** Waits for the end page that says `This request has expired.`. */
  expectExpired(options: WaitOptions = {}): Promise<FormState> {
    return this.waitForState('"This request has expired."', (s) => s.state === 'expired' && s.title === 'This request has expired.', options);
  }
}
