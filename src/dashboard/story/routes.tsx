import type { Hono } from 'hono';
import type { DashEnv } from '../context.js';

export function mountStory(_app: Hono<DashEnv>): void {}
