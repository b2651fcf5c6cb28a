import type { Page } from '@playwright/test';

/**
 * What the embedding page hears from the collection app: every `postMessage` with
 * `source: "passfort-collect"` (with its origin) and every `passfortcollect` DOM event
 * embed.js dispatches on the wrapper.
 */
export async function recordCollectMessages(page: Page): Promise<void> {
  await page.addInitScript(() => {
    if (window.top !== window) return;
    const w = window as unknown as { __pfMessages: unknown[]; __pfEvents: unknown[] };
    w.__pfMessages = [];
    w.__pfEvents = [];
    window.addEventListener('message', (e) => {
      if (e.data && e.data.source === 'passfort-collect') w.__pfMessages.push({ origin: e.origin, data: e.data });
    });
    window.addEventListener('passfortcollect', (e) => w.__pfEvents.push((e as CustomEvent).detail));
  });
}

export type CollectMessage = { origin: string; data: { source: string; version: number; type: string; [k: string]: unknown } };

export const collectMessages = (page: Page) => page.evaluate(() => (window as unknown as { __pfMessages: CollectMessage[] }).__pfMessages);
export const collectEvents = (page: Page) => page.evaluate(() => (window as unknown as { __pfEvents: CollectMessage['data'][] }).__pfEvents);

/** The messages of one type, without the resize ones that come and go with layout. */
export async function messagesOf(page: Page, type: string) {
  return (await collectMessages(page)).filter((m) => m.data.type === type);
}
