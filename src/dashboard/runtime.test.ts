import { describe, expect, it } from 'vitest';
import { canShowBrowser, DashboardRuntime, playbackMode } from './runtime.js';

describe('the dashboard runtime', () => {
  it('knows when a visible browser can open', () => {
    expect(canShowBrowser({}, 'linux')).toBe(false);
    expect(canShowBrowser({ DISPLAY: ':0' }, 'linux')).toBe(true);
    expect(canShowBrowser({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
    expect(canShowBrowser({}, 'darwin')).toBe(true);
    const r = new DashboardRuntime();
    expect(playbackMode(r)).toEqual({ headed: false, slowMo: 0 });
  });

  it('keeps the last ten clock moves, newest first, and one story per workspace', () => {
    const r = new DashboardRuntime();
    for (let i = 0; i < 12; i++) r.recordMove('w', { from: i, to: i + 1, fired: 0, events: [] });
    const moves = r.clockMoves.get('w')!;
    expect(moves).toHaveLength(10);
    expect(moves[0]!.from).toBe(11);
    expect(r.story('w')).toBe(r.story('w'));
    expect(r.story('w')).not.toBe(r.story('other'));
  });
});
