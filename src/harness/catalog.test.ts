import { describe, expect, it } from 'vitest';
import { builtInScenarioDir, parseScenario, scenarioCatalog } from './catalog.js';

describe('parseScenario', () => {
  it('reads the title and description from the doc comment, and the tests and steps in order', () => {
    const source = `/**
 * A tampered \`apikey\`.
 *
 * Someone edits the key
 * in a link.
 *
 * Second paragraph.
 */
import { test } from 'passfort-sandbox/playwright';

test("it's refused", async () => {
  await test.step('open the "forged" link', async () => {});
  await test.step(\`check the page\`, async () => {});
});

test('the real link works', async () => {
  await test.step('open it', () => {});
});
`;
    expect(parseScenario(source, '/x/tampered-apikey.scenario.ts')).toEqual({
      name: 'tampered-apikey',
      title: 'A tampered `apikey`',
      description: 'Someone edits the key in a link.\n\nSecond paragraph.',
      tests: [
        { title: "it's refused", steps: ['open the "forged" link', 'check the page'] },
        { title: 'the real link works', steps: ['open it'] },
      ],
      steps: ['open the "forged" link', 'check the page', 'open it'],
      file: '/x/tampered-apikey.scenario.ts',
    });
  });

  it('unescapes quotes inside titles, and names a file without a doc comment after itself', () => {
    const parsed = parseScenario("test('the customer\\'s form', () => {});", 'a/plain.scenario.ts');
    expect(parsed).toMatchObject({ name: 'plain', title: 'plain', description: '', tests: [{ title: "the customer's form", steps: [] }] });
  });
});

describe('the built-in library', () => {
  const catalog = scenarioCatalog(builtInScenarioDir());

  it('has every story the harness promises', () => {
    expect(catalog.map((s) => s.name)).toEqual([
      'company-registration',
      'document-request',
      'expired-link',
      'form-cancelled',
      'forms-expire',
      'pep-outcome',
      'second-request-refused',
      'tampered-apikey',
      'theme',
      'webhook-receiver-down',
    ]);
  });

  it('describes each scenario: a title, a description, tests with readable steps', () => {
    for (const s of catalog) {
      expect(s.title, s.name).toMatch(/^[A-Z]/);
      expect(s.description.length, s.name).toBeGreaterThan(80);
      expect(s.tests.length, s.name).toBeGreaterThan(0);
      expect(s.steps.length, s.name).toBeGreaterThanOrEqual(3);
    }
  });
});
