import type { Hono } from 'hono';
import type { DashEnv } from '../context.js';

export function mountScenarios(_app: Hono<DashEnv>): void {}
