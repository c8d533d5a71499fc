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
  ['schemas/decoding.schema.json', 'src/generated/decoding.ts'],
  ['schemas/lexicon.schema.json', 'src/generated/lexicon.ts'],
  ['schemas/facts.schema.json', 'src/generated/facts.ts'],
  ['schemas/manifest.schema.json', 'src/generated/manifest.ts'],
  ['schemas/items-row.schema.json', 'src/generated/items-row.ts'],
  ['schemas/references-row.schema.json', 'src/generated/references-row.ts'],
  ['schemas/entities-row.schema.json', 'src/generated/entities-row.ts'],
  ['schemas/references.schema.json', 'src/generated/references.ts'],
  ['schemas/changes.schema.json', 'src/generated/changes.ts'],
  ['schemas/search-index.schema.json', 'src/generated/search-index.ts'],
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

/** Where each stage's option defaults are generated (from the `default` of every option in the pipeline schema). */
export const defaultsModule = 'src/generated/stage-defaults.ts';

/**
 * The defaults of every stage's options, read from schemas/pipeline.schema.json ($defs
 * <Stage>Options): the schema states each default once, the stages import them typed.
 */
export async function generateStageDefaults() {
  const schema = JSON.parse(await readFile(root + 'schemas/pipeline.schema.json', 'utf8'));
  const names = schema.$defs.StageName.enum;
  const lines = [
    '/* Generated from schemas/pipeline.schema.json by scripts/gen-types.mjs: do not edit; run `npm run gen:types`. */',
    `import type { ${names.map((n) => `${n[0].toUpperCase()}${n.slice(1)}Options`).join(', ')} } from './pipeline.js';`,
  ];
  for (const name of names) {
    const type = `${name[0].toUpperCase()}${name.slice(1)}Options`;
    const properties = schema.$defs[type]?.properties;
    if (!properties) throw new Error(`schemas/pipeline.schema.json: no $defs/${type} for stage ${name}`);
    const defaults = {};
    for (const [key, property] of Object.entries(properties)) {
      if (!('default' in property)) throw new Error(`schemas/pipeline.schema.json: $defs/${type}/properties/${key} has no default`);
      defaults[key] = property.default;
    }
    lines.push('', `/** Defaults of the ${name} stage's options (schemas/pipeline.schema.json#/$defs/${type}). */`);
    lines.push(`export const ${name}Defaults: Required<${type}> = ${JSON.stringify(defaults)};`);
  }
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [schemaPath, out] of targets) {
    await writeFile(root + out, await generate(schemaPath));
    console.log(`${schemaPath} -> ${out}`);
  }
  await writeFile(root + defaultsModule, await generateStageDefaults());
  console.log(`schemas/pipeline.schema.json -> ${defaultsModule}`);
}
