import type { WallClock } from './clock.js';

/** The only place the sandbox reads real time. Everything else goes through a VirtualClock. */
export const systemWallClock: WallClock = { now: () => Date.now() };
