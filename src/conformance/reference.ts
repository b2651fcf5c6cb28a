import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where PassFort's OpenAPI file is expected: beside the project, never inside it (it is
 * reference material, not ours to ship). Tests run the sweep against it when it is there.
 */
export const REFERENCE_OPENAPI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/reference/passfort-openapi-4.0.0.json');
