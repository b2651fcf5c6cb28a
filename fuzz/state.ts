import { TINY_PNG } from '../src/conformance/recipes.js';
import { comparableText, json, send } from './http.js';

/**
 * A workspace for the fuzzer to aim at, seeded through the API with one of everything
 * (profile, check, task, note, tag, event, image, file, customer request, upload, collect key),
 * and a snapshot of what it holds, read back through the API, to prove that refused requests
 * changed nothing.
 */

export interface Fixtures {
  workspaceId: string;
  /** The workspace master key. */
  key: string;
  /** The customer request's own key (collection back end). */
  requestKey: string;
  /** A collect key for the seeded profile. */
  collectKey: string;
  /** Real values for every path parameter name the routes use. */
  ids: Record<string, string>;
}

export const person = (given: string, family: string) => ({
  role: 'INDIVIDUAL_CUSTOMER',
  collected_data: {
    entity_type: 'INDIVIDUAL',
    customer_ref: `fuzz-${given.toLowerCase()}`,
    personal_details: { name: { given_names: [given], family_name: family }, dob: '1986-05-17', nationality: 'GBR' },
    contact_details: { email: `${given.toLowerCase()}@example.com` },
  },
});

/** Creates and seeds a workspace. Its clock is frozen so that snapshots are stable. */
export async function seedWorkspace(base: string, name: string): Promise<Fixtures> {
  const ws = await json(base, 'POST', '/__sandbox/workspaces', null, { name });
  const key: string = ws.api_key;
  const api = (method: string, path: string, body?: unknown) => json(base, method, path, key, body);
  await api('POST', '/__sandbox/clock/freeze');
  const profile = await api('POST', '/4.0/profiles', person('Alex', 'Fuzz'));
  const pid: string = profile.id;
  const check = await api('POST', `/4.0/profiles/${pid}/checks?mode=sync`, { check_type: 'IDENTITY_CHECK' });
  const tasks: any[] = await api('GET', `/4.0/profiles/${pid}/tasks`);
  const task = tasks[0] ?? (await api('POST', `/4.0/profiles/${pid}/tasks`, { type: 'INDIVIDUAL_MANUAL_TASK' }));
  const apps: any[] = await api('GET', `/4.0/profiles/${pid}/applications`);
  const event = await api('POST', `/4.0/profiles/${pid}/events`, { data: { event_type: 'PEP_FLAG', match_name: 'ALEX FUZZ', score: 0.9 } });
  const image = await api('POST', `/4.0/profiles/${pid}/document_images`, { image_type: 'FRONT', document_type: 'PASSPORT', data: TINY_PNG });
  const file = await api('POST', `/4.0/profiles/${pid}/files`, { data: Buffer.from('fuzz').toString('base64') });
  const note = await api('POST', `/4.0/profiles/${pid}/tasks/${task.id}/notes`, { text: 'A note of the fuzzer' });
  const tag = await api('POST', `/4.0/profiles/${pid}/tags`, { name: 'fuzz' });
  const request = await api('POST', `/4.0/forms/profile/${pid}/customer_request`, {
    type: 'FLOW',
    flow_template: { alias: 'individual_registration' },
    theme: { alias: 'default' },
  });
  const collect = await api('POST', '/4.0/api_keys/collect', { profile_ids: [pid] });
  const forms: { id: string }[] = request.forms ?? [];
  // The identity-document form has a document question: one upload gives DELETE …/documents/{id} a real id.
  const docForm = forms[forms.length - 1]?.id ?? '';
  const upload = await send(base, {
    method: 'POST',
    path: `/collection/api/requests/${request.id}/forms/${docForm}/documents`,
    headers: { apikey: request.apikey, 'content-type': 'application/json' },
    body: Buffer.from(JSON.stringify({ document_type: 'PASSPORT', element: 'FRONT', data: TINY_PNG })),
  });
  const sink = `fz-seed-${ws.id}`.slice(0, 100);
  await api('POST', `/__sandbox/webhook-sink/${sink}`, { seeded: true });
  await api('PUT', '/__sandbox/webhooks', { url: `/__sandbox/webhook-sink/${sink}`, secret: 'fuzz', enabled: false });
  return {
    workspaceId: ws.id,
    key,
    requestKey: request.apikey,
    collectKey: collect.apikey ?? collect.api_key ?? collect.key ?? '',
    ids: {
      profile_id: pid,
      application_id: apps[0]?.id ?? '',
      task_id: task.id,
      check_id: check.id,
      event_id: event.id,
      document_image_id: image.id,
      file_id: file.id,
      note_id: note.id,
      tag_id: tag.id,
      term: 'fuzz',
      id: request.id,
      request_id: request.id,
      form_id: forms[0]?.id ?? '',
      upload_id: upload.status === 201 ? JSON.parse(upload.text).upload_id : '',
      name: sink,
      product_id: apps[0]?.product?.id ?? '',
    },
  };
}

export type Snapshot = Record<string, string>;

/** What a workspace holds, read through the API (master key, request key, the sink), as comparable text. */
export async function snapshot(base: string, fx: Fixtures): Promise<Snapshot> {
  const { profile_id: p, task_id: t, file_id: f, id: r, name: sink } = fx.ids;
  const master: [string, string][] = [
    ['profiles', '/4.0/profiles?limit=100'],
    ['profile', `/4.0/profiles/${p}`],
    ['collected_data', `/4.0/profiles/${p}/collected_data`],
    ['status', `/4.0/profiles/${p}/status`],
    ['applications', `/4.0/profiles/${p}/applications`],
    ['tasks', `/4.0/profiles/${p}/tasks`],
    ['notes', `/4.0/profiles/${p}/tasks/${t}/notes`],
    ['checks', `/4.0/profiles/${p}/checks`],
    ['events', `/4.0/profiles/${p}/events`],
    ['document_images', `/4.0/profiles/${p}/document_images`],
    ['file', `/4.0/profiles/${p}/files/${f}`],
    ['audit', `/4.0/profiles/${p}/audit-items`],
    ['collection_steps', `/4.0/profiles/${p}/collection_steps`],
    ['customer_request', `/4.0/forms/profile/${p}/customer_request`],
    ['workspace', '/__sandbox/workspace'],
    ['config', '/__sandbox/config'],
    ['webhooks', '/__sandbox/webhooks'],
    ['clock', '/__sandbox/clock'],
    ['chaos', '/__sandbox/chaos'],
    ['customer_requests', '/__sandbox/customer-requests'],
    ['customer_request_detail', `/__sandbox/customer-requests/${r}`],
  ];
  const reads = [
    ...master.map(([name, path]) => [name, path, fx.key] as const),
    ['collection_request', `/collection/api/requests/${r}`, fx.requestKey] as const,
    ['sink', `/__sandbox/webhook-sink/${sink}`, null] as const,
  ];
  const out: Snapshot = {};
  await Promise.all(
    reads.map(async ([name, path, key]) => {
      const res = await send(base, { method: 'GET', path, headers: key ? { apikey: key } : {} });
      if (res.status === null) throw new Error(`snapshot read ${path} got no answer: ${res.error}`);
      out[name] = `${res.status} ${res.headers.etag ?? ''} ${name === 'clock' ? normaliseClock(res.text) : comparableText(res)}`;
    }),
  );
  return out;
}

/** Fields that move by themselves (a running clock, its distance to real time) are left out of the comparison. */
function normaliseClock(text: string): string {
  try {
    const clock = JSON.parse(text);
    // offset_ms is workspace time minus real time: it moves even while the clock stands still.
    return JSON.stringify({ ...clock, offset_ms: null, ...(clock.frozen ? {} : { now: null }) });
  } catch {
    return text;
  }
}

/** The parts of two snapshots that differ, each with the start of both versions. */
export function diffSnapshots(before: Snapshot, after: Snapshot): string[] {
  const out: string[] = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[key] ?? '(missing)';
    const b = after[key] ?? '(missing)';
    if (a === b) continue;
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    const from = Math.max(0, i - 60);
    out.push(`${key}: …${a.slice(from, i + 120)}… became …${b.slice(from, i + 120)}…`);
  }
  return out;
}

/** Whether the seeded profile is still there (a workspace reset removes it). */
export function fixturesAlive(snap: Snapshot): boolean {
  return snap.profile?.startsWith('200') ?? false;
}
