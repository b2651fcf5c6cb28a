import { formatDateTime } from '../../core/dates.js';
import type { DomainContext } from '../context.js';
import { checkVariant, presentState, providersOf } from './run.js';
import type { CheckDoc } from './types.js';

/** CheckResource as the API returns it: result and output only once COMPLETE. */
export function presentCheck(ctx: DomainContext, c: CheckDoc) {
  const complete = c.state === 'COMPLETE';
  return {
    id: c.id,
    check_type: c.check_type,
    variant: checkVariant(c.check_type),
    state: presentState(ctx, c),
    ...(complete && c.performed_on !== null ? { performed_on: formatDateTime(c.performed_on) } : {}),
    errors: c.errors,
    task_ids: c.task_ids,
    instructed_externally: c.instructed_externally,
    providers: providersOf(c),
    input_data: c.input_data,
    ...(complete && c.output_data !== null ? { output_data: c.output_data } : {}),
    ...(complete && c.result !== null ? { result: c.result } : {}),
    ...c.params,
    ...(c.manual_decision ? { manual_decision: c.manual_decision } : {}),
  };
}

export type CheckView = ReturnType<typeof presentCheck>;
