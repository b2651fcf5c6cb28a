/**
 * The events PassFort can send as webhooks, with sample data for `POST /__sandbox/webhooks/trigger`.
 *
 * Only these types ever leave the sandbox as webhooks; every other outbox event (PROFILE_CREATED,
 * EMAIL_QUEUED, …) is internal and is skipped by the dispatcher. Payloads follow PassFort's two
 * published samples (PRODUCT_STATUS_CHANGED, COLLECTED_DATA_UPDATED): every `data` carries
 * `profile_id`, `customer_ref` and the `apikey` / `user` attribution. The rest is invented where
 * PassFort published nothing and is marked so in docs/webhooks.md.
 */

export interface WebhookEventType {
  type: string;
  /** PassFort's display name in the portal's event list. */
  name: string;
  /** PassFort lists it as deprecated (still deliverable). */
  deprecated: boolean;
  /** PassFort published a sample payload for it (otherwise the shape is the sandbox's). */
  payloadConfirmed: boolean;
  sample: () => Record<string, unknown>;
}

// Fixed ids keep trigger payloads reproducible and obviously fake.
const PROFILE = '5a4e2f4c-0000-4000-8000-000000000001';
const APPLICATION = '5a4e2f4c-0000-4000-8000-000000000002';
const PRODUCT = '5a4e2f4c-0000-4000-8000-000000000003';
const TASK = '5a4e2f4c-0000-4000-8000-000000000004';
const CHECK = '5a4e2f4c-0000-4000-8000-000000000005';
const REQUEST = '5a4e2f4c-0000-4000-8000-000000000006';
const FORM = '5a4e2f4c-0000-4000-8000-000000000007';
const EVENT = '5a4e2f4c-0000-4000-8000-000000000008';
const VARIANT = '5a4e2f4c-0000-4000-8000-000000000009';

const base = () => ({
  profile_id: PROFILE,
  customer_ref: 'sample-customer-ref',
  apikey: { name: 'Sandbox sample key' },
  user: null,
});
const product = () => ({ id: PRODUCT, alias: 'personal_account', name: 'Personal Account' });
const individual = (dob?: string) => ({
  entity_type: 'INDIVIDUAL',
  personal_details: { name: { given_names: ['Sample'], family_name: 'Person' }, ...(dob ? { dob } : {}) },
});

const t = (
  type: string,
  name: string,
  sample: () => Record<string, unknown>,
  opts: { deprecated?: boolean; confirmed?: boolean } = {},
): WebhookEventType => ({ type, name, deprecated: opts.deprecated ?? false, payloadConfirmed: opts.confirmed ?? false, sample });

export const WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] = [
  t('PRODUCT_STATUS_CHANGED', 'Product status changed', () => ({ ...base(), application_id: APPLICATION, product: product(), new_status: 'APPROVED' }), {
    confirmed: true,
  }),
  t('PRODUCT_BADGE_CHANGED', 'Product badge changed', () => ({
    ...base(),
    application_id: APPLICATION,
    product: product(),
    status: 'APPLIED',
    old_flag: 'WAITING_ON_CHECKS',
    new_flag: 'READY_FOR_DECISION',
  })),
  t('MANUAL_ACTION_REQUIRED', 'Manual action required', () => ({
    ...base(),
    application_id: APPLICATION,
    product: product(),
    status: 'APPLIED',
    flag: 'READY_FOR_DECISION',
  })),
  t('TASK_CREATED', 'Task created', () => ({
    ...base(),
    task_id: TASK,
    task_type: 'INDIVIDUAL_VERIFY_IDENTITY',
    variant: { id: VARIANT, name: 'Verify identity' },
    state: 'INCOMPLETE',
  })),
  t('TASK_STATE_CHANGED', 'Task state changed', () => ({
    ...base(),
    task_id: TASK,
    task_type: 'INDIVIDUAL_VERIFY_IDENTITY',
    old_state: 'INCOMPLETE',
    new_state: 'COMPLETED_PASS',
    is_complete: true,
  })),
  t('CHECK_COMPLETED', 'Check completed', () => ({
    ...base(),
    check_id: CHECK,
    check_type: 'IDENTITY_CHECK',
    result: '2+2',
    state: 'COMPLETE',
    task_ids: [TASK],
  })),
  t('EVENTS_CREATED', 'Events created', () => ({ ...base(), event_ids: [EVENT], check_id: CHECK })),
  t('EVENTS_UPDATED', 'Events updated', () => ({ ...base(), event_ids: [EVENT] })),
  t('RISK_LEVEL_CHANGED', 'Risk level changed', () => ({ ...base(), application_id: APPLICATION, old_risk_level: 'LOW', new_risk_level: 'MEDIUM' })),
  t('RISK_SCORE_CHANGED', 'Risk score changed', () => ({ ...base(), application_id: APPLICATION, old_risk_score: 10, new_risk_score: 35 })),
  t('COLLECTED_DATA_UPDATED', 'Collected data updated', () => ({ ...base(), old_data: individual(), new_data: individual('1975-04-19') }), {
    deprecated: true,
    confirmed: true,
  }),
  t('COLLECTED_DATA_CHANGED', 'Collected data changed', () => ({ ...base(), old_data: individual(), new_data: individual('1975-04-19') })),
  t('FORM_STATE_CHANGED', 'Form state changed', () => ({
    ...base(),
    customer_request_id: REQUEST,
    form_id: FORM,
    task_id: TASK,
    status: 'COMPLETED',
    previous_status: 'SENT',
  })),
  t('CUSTOMER_REQUEST_CHANGED', 'Customer request changed', () => ({
    ...base(),
    customer_request_id: REQUEST,
    status: 'COMPLETED',
    previous_status: 'SENT',
    forms: [{ id: FORM, status: 'COMPLETED' }],
  })),
  t('PROFILE_STATUS_CHANGED', 'Profile status changed', () => ({ ...base(), old_status: 'NORMAL', new_status: 'SUSPENDED' }), { deprecated: true }),
  t('TASK_IS_COMPLETE_CHANGED', 'Task is complete changed', () => ({ ...base(), task_id: TASK, task_type: 'INDIVIDUAL_VERIFY_IDENTITY', is_complete: true }), {
    deprecated: true,
  }),
  t('COLLECTION_STEPS_COMPLETED', 'Collection steps completed', () => ({ ...base() }), { deprecated: true }),
];

const BY_TYPE = new Map(WEBHOOK_EVENT_TYPES.map((e) => [e.type, e]));

export const WEBHOOK_EVENT_NAMES: readonly string[] = WEBHOOK_EVENT_TYPES.map((e) => e.type);

export function isWebhookEvent(type: string): boolean {
  return BY_TYPE.has(type);
}

export function webhookEventType(type: string): WebhookEventType | undefined {
  return BY_TYPE.get(type);
}

/**
 * Internal outbox events the dispatcher delivers on behalf of another event. They go through
 * the ordered queue like everything else, so a trigger or replay never jumps the queue, and other
 * subscribers (who react to real PRODUCT_STATUS_CHANGED etc.) never see made-up data.
 */
export const WEBHOOK_TEST_EVENT = 'WEBHOOK_TEST_EVENT';
export const WEBHOOK_REPLAY_REQUESTED = 'WEBHOOK_REPLAY_REQUESTED';
