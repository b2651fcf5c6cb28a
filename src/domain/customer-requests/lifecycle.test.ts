import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DomainContext } from '../context.js';
import { deriveRequestStatus, isCompleted, withFormStatus } from './lifecycle.js';
import type { CustomerRequestDoc, FormDoc, FormStatus, RequestStatus } from './types.js';

/**
 * The last-terminal rule (CONTRACT §4.1 and the guide): SENT until every form is terminal,
 * then the state of the last form to become terminal, a last CANCELLED form giving EXPIRED.
 */

type Outcome = Exclude<FormStatus, 'SENT'>;
const OUTCOMES: Outcome[] = ['COMPLETED', 'CANCELLED', 'EXPIRED'];
const requestStatusOf = (last: Outcome): RequestStatus => (last === 'COMPLETED' ? 'COMPLETED' : 'EXPIRED');

const ctx = { now: 0, actor: { kind: 'sandbox', name: 'test' } } as unknown as DomainContext;

function request(n: number): CustomerRequestDoc {
  const form = (i: number): FormDoc => ({
    id: `form-${i}`,
    alias: `f${i}`,
    title: `Form ${i}`,
    description: null,
    task_id: null,
    asked_because: null,
    status: 'SENT',
    created_at: 0,
    terminal_seq: null,
    terminal_at: null,
    submitted_at: null,
    sections: [],
    set: [],
    answers: {},
    documents: {},
    task_checks: [],
  });
  return {
    id: 'r',
    profile_id: 'p',
    type: 'FORMS',
    apikey: 'k',
    theme_alias: 'default',
    flow_alias: null,
    status: 'SENT',
    created_at: 0,
    expires_at: 1,
    terminal_at: null,
    finished_at: null,
    redirect_url: null,
    product_alias: null,
    application_id: null,
    email: null,
    forms: Array.from({ length: n }, (_, i) => form(i)),
    conditions: [],
    planned_checks: [],
    checks: [],
    seq: 0,
    history: [],
  };
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]));
}

/** Every outcome for each of three forms, in every order they can become terminal: 27 × 6 rows. */
const rows: { outcomes: Outcome[]; order: number[] }[] = [];
for (const a of OUTCOMES) for (const b of OUTCOMES) for (const c of OUTCOMES) for (const order of permutations([0, 1, 2])) rows.push({ outcomes: [a, b, c], order });

describe('the last-terminal rule, every ordering of three forms', () => {
  it.each(rows.map((r) => [r.order.map((i) => `${i}:${r.outcomes[i]}`).join(' → '), r] as const))('%s', (_label, { outcomes, order }) => {
    let req = request(3);
    order.forEach((formIndex, step) => {
      req = withFormStatus(ctx, req, `form-${formIndex}`, outcomes[formIndex]!);
      const status = deriveRequestStatus(req.forms, req.conditions);
      const isLast = step === order.length - 1;
      expect(status).toBe(isLast ? requestStatusOf(outcomes[formIndex]!) : 'SENT');
    });
  });

  it('has a row for every ordering', () => {
    expect(rows).toHaveLength(162);
  });

  it('one form: its outcome decides, CANCELLED giving EXPIRED', () => {
    for (const outcome of OUTCOMES) {
      const req = withFormStatus(ctx, request(1), 'form-0', outcome);
      expect(deriveRequestStatus(req.forms)).toBe(requestStatusOf(outcome));
    }
  });

  it('a flow waiting for a check to decide a follow-up form stays SENT, then an expired wait makes it EXPIRED', () => {
    const req = withFormStatus(ctx, request(1), 'form-0', 'COMPLETED');
    const waiting = { state: 'WAITING' as const, terminal_seq: null };
    expect(deriveRequestStatus(req.forms, [waiting])).toBe('SENT');
    expect(deriveRequestStatus(req.forms, [{ state: 'SKIPPED', terminal_seq: null }])).toBe('COMPLETED');
    expect(deriveRequestStatus(req.forms, [{ state: 'EXPIRED', terminal_seq: req.seq + 1 }])).toBe('EXPIRED');
  });

  it('is_completed is true for COMPLETED and EXPIRED only', () => {
    expect([isCompleted('SENT'), isCompleted('COMPLETED'), isCompleted('EXPIRED')]).toEqual([false, true, true]);
  });
});

describe('the last-terminal rule, as a property', () => {
  it('holds for any number of forms and any order of outcomes', () => {
    const scenario = fc
      .integer({ min: 1, max: 12 })
      .chain((n) =>
        fc.record({
          n: fc.constant(n),
          order: fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i)),
          outcomes: fc.array(fc.constantFrom(...OUTCOMES), { minLength: n, maxLength: n }),
        }),
      );
    fc.assert(
      fc.property(scenario, ({ n, order, outcomes }) => {
        let req = request(n);
        let last: Outcome | null = null;
        for (const i of order) {
          req = withFormStatus(ctx, req, `form-${i}`, outcomes[i]!);
          last = outcomes[i]!;
          const everyTerminal = req.forms.every((f) => f.status !== 'SENT');
          expect(deriveRequestStatus(req.forms)).toBe(everyTerminal ? requestStatusOf(last) : 'SENT');
        }
        if (order.length < n) expect(deriveRequestStatus(req.forms)).toBe('SENT');
        // terminal_seq is strictly increasing in the order the forms ended
        const seqs = order.map((i) => req.forms[i]!.terminal_seq!);
        expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
      }),
      { numRuns: 500, seed: 4 },
    );
  });
});
