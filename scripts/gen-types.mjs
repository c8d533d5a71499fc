// Generates src/generated/*.ts from schemas/*.schema.json. The schemas are the source of
// truth; tests/generated.test.ts fails when the committed types drift from them.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
/** schema file → generated module */
export const targets = [
  ['schemas/article.schema.json', 'src/generated/article.ts'],
  ['schemas/pipeline.schema.json', 'src/generated/pipeline.ts'],
  ['schemas/structure.schema.json', 'src/generated/structure.ts'],
  ['schemas/journals.schema.json', 'src/generated/journals.ts'],
  ['schemas/html.schema.json', 'src/generated/html.ts'],
  ['schemas/lexicon.schema.json', 'src/generated/lexicon.ts'],
  ['schemas/references.schema.json', 'src/generated/references.ts'],
];

export async function generate(schemaPath) {
  const schema = JSON.parse(await readFile(root + schemaPath, 'utf8'));
  return compile(schema, schema.title, {
    bannerComment: `/* Generated from ${schemaPath} by scripts/gen-types.mjs: do not edit; run \`npm run gen:types\`. */`,
    additionalProperties: false,
    unreachableDefinitions: true,
    style: { singleQuote: true, printWidth: 110 },
    cwd: root + 'schemas',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [schemaPath, out] of targets) {
    await writeFile(root + out, await generate(schemaPath));
    console.log(`${schemaPath} -> ${out}`);
  }
}
