import { defaultConfig } from '../config/default-config.js';
import { parseConfig } from '../config/load-config.js';
import type { WebhookSettings } from '../config/webhooks.js';
import type { Store } from '../store/store.js';
import type { Workspace } from '../workspace/workspace.js';

/**
 * Webhook settings are the workspace config's `webhooks` section, so `GET /__sandbox/config`
 * and `GET /__sandbox/webhooks` always agree. A `PUT /__sandbox/webhooks` also leaves a note in
 * the global `webhook_settings` collection: the default workspace takes its config from the file
 * at every start, and without the note a restart would silently undo the PUT. The note names the
 * section it replaced, so an edited config file (or a later PUT /__sandbox/config) still wins.
 */
export const WEBHOOK_SETTINGS = 'webhook_settings';

interface SettingsNote {
  id: string;
  settings: WebhookSettings;
  /** The `webhooks` section the PUT replaced, as JSON. */
  replaced: string;
}

const json = (s: WebhookSettings) => JSON.stringify(s);

/** Validates the whole config with the new section (throws ConfigError) and makes it the workspace's. */
export function putSettings(ws: Workspace, store: Store, settings: WebhookSettings): WebhookSettings {
  const raw = { ...((ws.meta.config ?? defaultConfig) as Record<string, unknown>), webhooks: settings };
  const config = parseConfig(raw, 'config');
  const note: SettingsNote = { id: ws.id, settings: config.webhooks, replaced: json(ws.config.webhooks) };
  store.commit([{ op: 'put', col: WEBHOOK_SETTINGS, id: ws.id, doc: note }]);
  ws.setConfig(config, raw);
  return config.webhooks;
}

/** At start: re-applies a PUT the config file would undo, unless the file's section changed since. */
export function restoreSettings(ws: Workspace, store: Store): void {
  const note = store.get<SettingsNote>(WEBHOOK_SETTINGS, ws.id);
  if (!note) return;
  const current = json(ws.config.webhooks);
  if (current === json(note.settings)) return;
  if (current !== note.replaced) {
    store.commit([{ op: 'del', col: WEBHOOK_SETTINGS, id: ws.id }]);
    return;
  }
  try {
    putSettings(ws, store, note.settings);
  } catch (err) {
    // The rest of the config changed so that the old section no longer fits: the config wins.
    console.error(`passfort-sandbox: could not restore the webhook settings of workspace ${ws.id}:`, err);
    store.commit([{ op: 'del', col: WEBHOOK_SETTINGS, id: ws.id }]);
  }
}

/** After any config change: a note that no longer describes the settings in force is dropped. */
export function forgetStaleNote(ws: Workspace, store: Store): void {
  const note = store.get<SettingsNote>(WEBHOOK_SETTINGS, ws.id);
  if (note && json(note.settings) !== json(ws.config.webhooks)) store.commit([{ op: 'del', col: WEBHOOK_SETTINGS, id: ws.id }]);
}

/** Whether the settings in force came from a PUT (still noted) or from the config. */
export function settingsSource(ws: Workspace, store: Store): 'api' | 'config' {
  const note = store.get<SettingsNote>(WEBHOOK_SETTINGS, ws.id);
  return note && json(note.settings) === json(ws.config.webhooks) ? 'api' : 'config';
}
