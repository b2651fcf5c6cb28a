import { TINY_PNG } from '../src/conformance/recipes.js';
import { comparableText, json, send } from './http.js';
import type { Fixtures, Snapshot } from './state.js';
import type { Target } from './targets.js';

/**
 * The inbox's HTTP side (Mailpit API v1, views, probes) as fuzz targets. It has no OpenAPI
 * document, so the routes are listed here from docs/inbox.md. The inbox is shared by every
 * workspace, so its fixtures are a few messages sent through its own send API.
 */

const readMarks = (method: string, status: number, path: string) =>
  status >= 200 && status < 300 && (method !== 'GET' || /^\/(api\/v1\/message|view)\//.test(path));

function t(method: string, path: string, query: string[] = [], body?: (fx: Fixtures) => unknown): Target {
  return {
    name: `${method} inbox${path}`,
    group: 'inbox',
    method,
    path,
    params: [...path.matchAll(/\{([^}]+)\}/g)].map((x) => x[1]!),
    query,
    body: body !== undefined,
    auth: 'none',
    ...(body ? { good: body } : {}),
    mayChange: (m, status) => readMarks(m, status, path),
  };
}

export const SEND_BODY = (n: number) => ({
  From: { Email: `fuzz-sender-${n}@example.com`, Name: 'Fuzz Sender' },
  To: [{ Email: `fuzz-${n}@example.com`, Name: 'Fuzz' }],
  Subject: `Fuzz seed ${n}`,
  Text: `Seed message ${n}, see http://127.0.0.1:9/nowhere`,
  HTML: `<p>Seed message ${n} <a href="http://127.0.0.1:9/nowhere">link</a></p>`,
  Tags: ['fuzz-seed'],
  Attachments: [{ Content: TINY_PNG, Filename: 'tiny.png', ContentType: 'image/png' }],
});

export const inboxTargets: Target[] = [
  t('GET', '/api/v1/messages', ['start', 'limit', 'before']),
  t('PUT', '/api/v1/messages', [], (fx) => ({ IDs: [fx.ids.ID], Read: true })),
  t('DELETE', '/api/v1/messages', [], () => ({ IDs: ['00000000000000000000000000'] })),
  t('GET', '/api/v1/search', ['query', 'start', 'limit', 'tz']),
  t('DELETE', '/api/v1/search', ['query', 'tz']),
  t('GET', '/api/v1/message/{ID}', ['query', 'tz']),
  t('GET', '/api/v1/message/{ID}/headers'),
  t('GET', '/api/v1/message/{ID}/raw', ['dl']),
  t('GET', '/api/v1/message/{ID}/part/{PartID}'),
  t('GET', '/api/v1/message/{ID}/part/{PartID}/thumb'),
  t('GET', '/api/v1/message/{ID}/link-check', ['follow']),
  t('GET', '/api/v1/message/{ID}/html-check'),
  t('GET', '/api/v1/message/{ID}/sa-check'),
  t('POST', '/api/v1/message/{ID}/release', [], () => ({ To: ['a@example.com'] })),
  t('GET', '/api/v1/tags'),
  t('PUT', '/api/v1/tags', [], (fx) => ({ IDs: [fx.ids.ID], Tags: ['fuzz-seed', 'fuzzed'] })),
  t('PUT', '/api/v1/tags/{tag}', [], () => ({ Name: 'fuzz-renamed' })),
  t('DELETE', '/api/v1/tags/{tag}'),
  t('GET', '/api/v1/info'),
  t('GET', '/api/v1/webui'),
  t('GET', '/api/v1/chaos'),
  t('PUT', '/api/v1/chaos', [], () => ({ Sender: { ErrorCode: 451, Probability: 0 } })),
  t('POST', '/api/v1/send', [], () => SEND_BODY(99)),
  t('POST', '/api/v1/messages', [], () => SEND_BODY(98)),
  t('GET', '/view/{file}', ['embed']),
  t('GET', '/livez'),
  t('GET', '/readyz'),
  t('GET', '/'),
  t('GET', '/search', ['q']),
  t('GET', '/api/events'),
];

const partIds = new Map<string, string>();

/**
 * Makes sure the seeded messages exist and returns their ids as fixtures; `touched` when that
 * changed the inbox (messages sent again, or one read for the first time, which marks it read).
 */
export async function seedInbox(inbox: string): Promise<{ fx: Fixtures; touched: boolean }> {
  const list = await json(inbox, 'GET', '/api/v1/search?query=tag:fuzz-seed&limit=10', null);
  let ids: string[] = list.messages.map((m: { ID: string }) => m.ID);
  let touched = ids.length < 2;
  if (touched) {
    for (let n = 0; n < 3; n++) await json(inbox, 'POST', '/api/v1/send', null, SEND_BODY(n));
    ids = (await json(inbox, 'GET', '/api/v1/search?query=tag:fuzz-seed&limit=10', null)).messages.map((m: { ID: string }) => m.ID);
  }
  const id = ids[0]!;
  // Reading a message marks it read: read each seeded message once, not at every target.
  let part = partIds.get(id);
  if (part === undefined) {
    const message = await json(inbox, 'GET', `/api/v1/message/${id}`, null);
    part = (message.Attachments?.[0]?.PartID as string | undefined) ?? '2';
    partIds.set(id, part);
    touched = true;
  }
  return { fx: { workspaceId: 'inbox', key: '', requestKey: '', collectKey: '', ids: { ID: id, PartID: part, tag: 'fuzz-seed', file: `${id}.html` } }, touched };
}

/** The inbox as its API shows it: every message summary (read flags, tags) and the tag list. */
export async function inboxSnapshot(inbox: string): Promise<Snapshot> {
  const out: Snapshot = {};
  for (const [name, path] of [
    ['messages', '/api/v1/messages?limit=100000'],
    ['tags', '/api/v1/tags'],
  ] as const) {
    const res = await send(inbox, { method: 'GET', path });
    if (res.status === null) throw new Error(`inbox snapshot ${path} got no answer: ${res.error}`);
    out[name] = `${res.status} ${comparableText(res)}`;
  }
  return out;
}

/** How many messages the inbox holds. */
export async function inboxCount(inbox: string): Promise<number> {
  return (await json(inbox, 'GET', '/api/v1/messages?limit=1', null)).total;
}

/** An accepted chaos setting would make later email fail on purpose: clear it. */
export async function tidyInbox(method: string, path: string, status: number, inbox: string): Promise<void> {
  if (method === 'PUT' && status === 200 && path.startsWith('/api/v1/chaos')) await json(inbox, 'PUT', '/api/v1/chaos', null, {});
}
