import type { z } from 'zod';
import { jsonResponse } from './openapi.js';

/**
 * A documented JSON response whose schema is for the OpenAPI document only: presenters build
 * the body from domain types (wider than the documented enums), and the conformance sweep,
 * not the compiler, checks bodies against PassFort's schema.
 */
export const resourceResponse = <T extends z.ZodType>(schema: T, description: string) =>
  jsonResponse(schema as unknown as z.ZodType<any>, description);
