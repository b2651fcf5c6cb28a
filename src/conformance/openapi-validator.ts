/**
 * A small validator for the JSON Schema dialect of OpenAPI 3.0 and 3.1, enough to check a
 * response body against an OpenAPI document: $ref, type (also as a list), nullable, enum,
 * const, properties, required, additionalProperties, items, allOf, anyOf, oneOf with an
 * OpenAPI discriminator, pattern, numeric and length limits. Formats and unknown keywords
 * are ignored, as JSON Schema allows. Recursive schemas (PassFort's have several) are
 * handled by treating a (schema, value) pair already being checked as valid.
 */

export type Schema = Record<string, any>;
export interface OpenApiDoc {
  openapi?: string;
  servers?: { url: string }[];
  paths?: Record<string, Record<string, any>>;
  components?: { schemas?: Record<string, Schema>; parameters?: Record<string, any> };
}

export interface SchemaError {
  /** JSON path of the value, like `$.applications[0].status`. */
  path: string;
  message: string;
}

const MAX_ERRORS = 20;

export class OpenApiValidator {
  readonly #doc: OpenApiDoc;
  #active = new Map<Schema, Set<unknown>>();
  #patterns = new Map<string, RegExp | null>();

  constructor(doc: OpenApiDoc) {
    this.#doc = doc;
  }

  /** Follows `$ref`s within the document (`#/components/schemas/Name` and other local pointers). */
  resolve(schema: Schema | undefined): Schema {
    let s: Schema = schema ?? {};
    for (let i = 0; i < 32 && typeof s.$ref === 'string'; i++) {
      const ref: string = s.$ref;
      if (!ref.startsWith('#/')) throw new Error(`only local $ref is supported, got ${ref}`);
      let target: any = this.#doc;
      for (const part of ref.slice(2).split('/')) target = target?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
      if (target === undefined) throw new Error(`$ref ${ref} points nowhere`);
      // OpenAPI 3.1 lets a $ref carry siblings (description, nullable); keep the target's keywords.
      const { $ref: _r, ...siblings } = s;
      s = Object.keys(siblings).length > 0 ? { allOf: [target], ...siblings } : target;
    }
    return s;
  }

  validate(schema: Schema | undefined, value: unknown, path = '$'): SchemaError[] {
    const errors: SchemaError[] = [];
    this.#check(schema ?? {}, value, path, errors);
    return errors;
  }

  #check(raw: Schema | boolean, value: unknown, path: string, errors: SchemaError[]): void {
    if (errors.length >= MAX_ERRORS) return;
    if (raw === true) return;
    if (raw === false) return void errors.push({ path, message: 'no value is allowed here' });
    const s = this.resolve(raw);
    // Cycle guard: the same schema already checking the same object or array.
    if (value !== null && typeof value === 'object') {
      const seen = this.#active.get(s);
      if (seen?.has(value)) return;
      if (seen) seen.add(value);
      else this.#active.set(s, new Set([value]));
    }
    try {
      this.#checkResolved(s, value, path, errors);
    } finally {
      if (value !== null && typeof value === 'object') this.#active.get(s)?.delete(value);
    }
  }

  #checkResolved(s: Schema, value: unknown, path: string, errors: SchemaError[]): void {
    if (value === null && (s.nullable === true || (Array.isArray(s.type) && s.type.includes('null')))) return;
    if (s.type !== undefined && !typeMatches(s.type, value)) {
      errors.push({ path, message: `must be ${Array.isArray(s.type) ? s.type.join(' or ') : s.type}, got ${describe(value)}` });
      return;
    }
    if (s.const !== undefined && !deepEqual(s.const, value)) errors.push({ path, message: `must be ${JSON.stringify(s.const)}` });
    if (Array.isArray(s.enum) && !s.enum.some((e: unknown) => deepEqual(e, value))) {
      errors.push({ path, message: `must be one of ${s.enum.slice(0, 12).map((e: unknown) => JSON.stringify(e)).join(', ')}${s.enum.length > 12 ? ', …' : ''}; got ${describe(value)}` });
    }
    if (typeof value === 'string') this.#checkString(s, value, path, errors);
    if (typeof value === 'number') checkNumber(s, value, path, errors);
    if (Array.isArray(value)) this.#checkArray(s, value, path, errors);
    else if (value !== null && typeof value === 'object') this.#checkObject(s, value as Record<string, unknown>, path, errors);
    if (Array.isArray(s.allOf)) for (const sub of s.allOf) this.#check(sub, value, path, errors);
    if (Array.isArray(s.anyOf) && !s.anyOf.some((sub: Schema) => this.#passes(sub, value, path))) {
      errors.push({ path, message: `matches none of the ${s.anyOf.length} allowed shapes (anyOf)${this.#hint(s.anyOf, value, path)}` });
    }
    if (Array.isArray(s.oneOf)) this.#checkOneOf(s, value, path, errors);
  }

  #checkString(s: Schema, value: string, path: string, errors: SchemaError[]): void {
    if (typeof s.minLength === 'number' && value.length < s.minLength) errors.push({ path, message: `must be at least ${s.minLength} characters` });
    if (typeof s.maxLength === 'number' && value.length > s.maxLength) errors.push({ path, message: `must be at most ${s.maxLength} characters` });
    if (typeof s.pattern === 'string') {
      let re = this.#patterns.get(s.pattern);
      if (re === undefined) {
        try {
          re = new RegExp(s.pattern, 'u');
        } catch {
          re = null; // a pattern JavaScript cannot compile is not held against the value
        }
        this.#patterns.set(s.pattern, re);
      }
      if (re && !re.test(value)) errors.push({ path, message: `${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)} does not match the pattern ${s.pattern}` });
    }
  }

  #checkArray(s: Schema, value: unknown[], path: string, errors: SchemaError[]): void {
    if (typeof s.minItems === 'number' && value.length < s.minItems) errors.push({ path, message: `must have at least ${s.minItems} items` });
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) errors.push({ path, message: `must have at most ${s.maxItems} items` });
    if (Array.isArray(s.prefixItems)) s.prefixItems.forEach((sub: Schema, i: number) => i < value.length && this.#check(sub, value[i], `${path}[${i}]`, errors));
    if (s.items !== undefined && !Array.isArray(s.items)) {
      const from = Array.isArray(s.prefixItems) ? s.prefixItems.length : 0;
      for (let i = from; i < value.length; i++) this.#check(s.items, value[i], `${path}[${i}]`, errors);
    }
  }

  #checkObject(s: Schema, value: Record<string, unknown>, path: string, errors: SchemaError[]): void {
    for (const key of s.required ?? []) if (!(key in value)) errors.push({ path, message: `is missing the required property "${key}"` });
    const props: Record<string, Schema> = s.properties ?? {};
    for (const [key, v] of Object.entries(value)) {
      const at = /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
      if (key in props) this.#check(props[key]!, v, at, errors);
      else if (s.additionalProperties === false) errors.push({ path, message: `has the property "${key}", which is not allowed here` });
      else if (s.additionalProperties && typeof s.additionalProperties === 'object') this.#check(s.additionalProperties, v, at, errors);
    }
  }

  #checkOneOf(s: Schema, value: unknown, path: string, errors: SchemaError[]): void {
    const disc = s.discriminator?.propertyName;
    if (disc && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const tag = (value as Record<string, unknown>)[disc];
      const target = typeof tag === 'string' ? (s.discriminator.mapping?.[tag] ?? this.#variantByName(s.oneOf, tag)) : undefined;
      if (target) return this.#check(typeof target === 'string' ? { $ref: target } : target, value, path, errors);
      if (typeof tag === 'string' && s.discriminator.mapping) {
        return void errors.push({ path, message: `${disc} ${JSON.stringify(tag)} is not one of ${Object.keys(s.discriminator.mapping).join(', ')}` });
      }
    }
    const passing = s.oneOf.filter((sub: Schema) => this.#passes(sub, value, path)).length;
    if (passing === 0) errors.push({ path, message: `matches none of the ${s.oneOf.length} allowed shapes (oneOf)${this.#hint(s.oneOf, value, path)}` });
    else if (passing > 1) errors.push({ path, message: `matches ${passing} of the shapes where exactly one is allowed (oneOf)` });
  }

  #variantByName(variants: Schema[], tag: string): string | undefined {
    return variants.map((v) => v.$ref as string | undefined).find((ref) => ref?.endsWith(`/${tag}`));
  }

  #passes(sub: Schema, value: unknown, path: string): boolean {
    const scratch: SchemaError[] = [];
    this.#check(sub, value, path, scratch);
    return scratch.length === 0;
  }

  /** The first error of the closest variant, so a failed union still says what is wrong. */
  #hint(variants: Schema[], value: unknown, path: string): string {
    let best: SchemaError[] | undefined;
    for (const sub of variants) {
      const scratch: SchemaError[] = [];
      this.#check(sub, value, path, scratch);
      if (!best || scratch.length < best.length) best = scratch;
    }
    return best?.[0] ? `; closest: ${best[0].path} ${best[0].message}` : '';
  }
}

function typeMatches(type: string | string[], value: unknown): boolean {
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => {
    switch (t) {
      case 'null':
        return value === null;
      case 'boolean':
        return typeof value === 'boolean';
      case 'string':
        return typeof value === 'string';
      case 'number':
        return typeof value === 'number' && Number.isFinite(value);
      case 'integer':
        return typeof value === 'number' && Number.isInteger(value);
      case 'array':
        return Array.isArray(value);
      case 'object':
        return value !== null && typeof value === 'object' && !Array.isArray(value);
      default:
        return true;
    }
  });
}

function checkNumber(s: Schema, value: number, path: string, errors: SchemaError[]): void {
  const exMin = s.exclusiveMinimum;
  const exMax = s.exclusiveMaximum;
  if (typeof s.minimum === 'number' && (exMin === true ? value <= s.minimum : value < s.minimum)) errors.push({ path, message: `must be at least ${s.minimum}` });
  if (typeof s.maximum === 'number' && (exMax === true ? value >= s.maximum : value > s.maximum)) errors.push({ path, message: `must be at most ${s.maximum}` });
  if (typeof exMin === 'number' && value <= exMin) errors.push({ path, message: `must be more than ${exMin}` });
  if (typeof exMax === 'number' && value >= exMax) errors.push({ path, message: `must be less than ${exMax}` });
  if (typeof s.multipleOf === 'number' && Math.abs(value / s.multipleOf - Math.round(value / s.multipleOf)) > 1e-9) errors.push({ path, message: `must be a multiple of ${s.multipleOf}` });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return `${typeof value} ${text.length > 40 ? `${text.slice(0, 40)}…` : text}`;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as any)[k], (b as any)[k]));
}
