import { describe, expect, it } from 'vitest';
import { OpenApiValidator, type OpenApiDoc } from './openapi-validator.js';

const doc: OpenApiDoc = {
  components: {
    schemas: {
      Id: { type: 'string', pattern: '^[0-9a-f]{4}$' },
      Pet: {
        oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }],
        discriminator: { propertyName: 'kind', mapping: { CAT: '#/components/schemas/Cat', DOG: '#/components/schemas/Dog' } },
      },
      Cat: { type: 'object', properties: { kind: { type: 'string', enum: ['CAT'] }, lives: { type: 'integer', minimum: 0, maximum: 9 } }, required: ['kind'] },
      Dog: { type: 'object', properties: { kind: { type: 'string', enum: ['DOG'] } }, additionalProperties: false },
      // A schema that refers to itself through allOf and anyOf, as PassFort's sanctions results do.
      Node: { allOf: [{ $ref: '#/components/schemas/Base' }, { type: 'object', properties: { child: { $ref: '#/components/schemas/Node' } } }] },
      Base: { type: 'object', anyOf: [{ $ref: '#/components/schemas/Node' }], properties: { id: { $ref: '#/components/schemas/Id' } } },
      Maybe: { type: 'string', nullable: true },
    },
  },
};
const v = new OpenApiValidator(doc);
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe('OpenApiValidator', () => {
  it.each([
    ['a valid cat', 'Pet', { kind: 'CAT', lives: 9 }, []],
    ['too many lives', 'Pet', { kind: 'CAT', lives: 10 }, ['$.lives must be at most 9']],
    ['a dog with an extra field', 'Pet', { kind: 'DOG', bark: true }, ['$ has the property "bark", which is not allowed here']],
    ['an unknown kind', 'Pet', { kind: 'FISH' }, ['$ kind "FISH" is not one of CAT, DOG']],
    ['a whole number as a string', 'Cat', { kind: 'CAT', lives: '3' }, ['$.lives must be integer, got string "3"']],
    ['a missing required property', 'Cat', {}, ['$ is missing the required property "kind"']],
    ['a pattern mismatch', 'Id', 'xyz', ['$ "xyz" does not match the pattern ^[0-9a-f]{4}$']],
    ['null where nullable', 'Maybe', null, []],
    ['a recursive structure', 'Node', { id: 'abcd', child: { id: '0123', child: { id: 'ffff' } } }, []],
    ['an error deep in a recursive structure', 'Node', { id: 'abcd', child: { id: 'nope' } }, ['$.child.id "nope" does not match the pattern ^[0-9a-f]{4}$']],
  ])('%s', (_what, name, value, expected) => {
    expect(v.validate(ref(name), value).map((e) => `${e.path} ${e.message}`)).toEqual(expected);
  });

  it('accepts OpenAPI 3.1 type lists and const', () => {
    expect(v.validate({ type: ['string', 'null'] }, null)).toEqual([]);
    expect(v.validate({ const: 'A' }, 'B')[0]!.message).toBe('must be "A"');
  });

  it('says which shape came closest when nothing in a oneOf matches', () => {
    const [e] = v.validate({ oneOf: [ref('Cat'), { type: 'string' }] }, { kind: 'CAT', lives: -1 });
    expect(e!.message).toContain('closest: $.lives must be at least 0');
  });
});
