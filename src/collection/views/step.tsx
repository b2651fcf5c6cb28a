import { raw } from 'hono/html';
import { friendlyMessages } from '../friendly.js';
import { UiMsg } from '../messages.js';
import type { ViewForm, ViewQuestion } from '../view-types.js';
import { Question } from './fields.js';

/** One form of the request as one step: title, progress, error summary, sections, the button. */

/** JSON inside a <script> data block: `<` is escaped so no text can close the element. */
export const jsonBlock = (value: unknown) => raw(JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029'));

export const ErrorSummary = ({ errors }: { errors?: Record<string, string> | undefined }) => (
  <div class="pf-error-summary" id="pf-error-summary" role="alert" tabindex={-1} hidden={!errors || Object.keys(errors).length === 0} aria-labelledby="pf-error-summary-title">
    <h2 class="pf-error-summary-title" id="pf-error-summary-title">
      {UiMsg.errorSummaryTitle}
    </h2>
    <ul class="pf-error-summary-list">
      {Object.entries(errors ?? {}).map(([qid, message]) => (
        <li>
          <a href={`#q-${qid}`}>{message}</a>
        </li>
      ))}
    </ul>
  </div>
);

export interface StepProps {
  form: ViewForm;
  step: number;
  total: number;
  /** The last form (nothing left and nothing waiting): its button says Finish. */
  last: boolean;
  /** The theme preview shows the step without a request behind it, with sample errors. */
  preview?: boolean;
  errors?: Record<string, string>;
}

export function questionsOf(form: ViewForm): ViewQuestion[] {
  return (form.sections ?? []).flatMap((s) => s.questions);
}

export function Step({ form, step, total, last, preview, errors }: StepProps) {
  const messages = Object.assign({}, ...questionsOf(form).map(friendlyMessages)) as Record<string, Record<string, string>>;
  const button = last ? UiMsg.finish : UiMsg.continue;
  return (
    <>
      {total > 1 ? <p class="pf-step">{UiMsg.step(step, total)}</p> : null}
      <h1 class="pf-title" id="pf-title" tabindex={-1}>
        {form.title}
      </h1>
      {form.description ? <p class="pf-lead">{form.description}</p> : null}
      <ErrorSummary errors={errors} />
      <form class="pf-form" novalidate data-form-id={form.id} data-form-alias={form.alias} data-preview={preview ? 'true' : undefined} aria-labelledby="pf-title">
        {(form.sections ?? []).map((s, i) =>
          s.title ? (
            <section class="pf-section" aria-labelledby={`pf-section-${i}`}>
              <h2 class="pf-section-title" id={`pf-section-${i}`}>
                {s.title}
              </h2>
              {s.description ? <p class="pf-hint">{s.description}</p> : null}
              {s.questions.map((q) => (
                <Question q={q} form={form} error={errors?.[q.id]} />
              ))}
            </section>
          ) : (
            <div class="pf-section">
              {s.description ? <p class="pf-hint">{s.description}</p> : null}
              {s.questions.map((q) => (
                <Question q={q} form={form} error={errors?.[q.id]} />
              ))}
            </div>
          ),
        )}
        <div class="pf-actions">
          <button type="submit" class="pf-button pf-button--primary" data-submit>
            <span data-button-text>{button}</span>
            <span class="pf-spinner" aria-hidden="true"></span>
          </button>
        </div>
      </form>
      <script type="application/json" id="pf-messages">
        {jsonBlock(messages)}
      </script>
    </>
  );
}
