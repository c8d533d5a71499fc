import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repo } from './helpers.js';
// The generators are plain JavaScript shared with `npm run gen:types`.
// @ts-expect-error no declaration file for the .mjs script
import { defaultsModule, generate, generateStageDefaults, targets } from '../scripts/gen-types.mjs';
// @ts-expect-error no declaration file for the .mjs script
import { generateValidators, withoutAnnotations } from '../scripts/gen-validators.mjs';
// @ts-expect-error no declaration file for the .mjs script
import { generateScriptTables, tablesModule } from '../scripts/gen-script-tables.mjs';
// @ts-expect-error no declaration file for the .mjs script
import { generateRulesDoc, rulesDoc } from '../scripts/gen-docs.mjs';
// @ts-expect-error no declaration file for the .mjs script
import { generateReferenceData, referenceDataModule } from '../scripts/gen-reference-data.mjs';
// @ts-expect-error no declaration file for the .mjs script
import { generateVerifiedData, verifiedDataModule } from '../scripts/gen-verified-data.mjs';
// @ts-expect-error no declaration file for the .mjs script
import { generateUnicodeClasses, unicodeClassesModule } from '../scripts/gen-unicode-classes.mjs';
// @ts-expect-error no declaration file for the .mjs script
import { generateNameAlphabet, nameAlphabetModule } from '../scripts/gen-name-alphabet.mjs';
// @ts-expect-error no declaration file for the .mjs script
import { generatePatternShapes, patternShapesModule } from '../scripts/gen-pattern-shapes.mjs';
// @ts-expect-error no declaration file for the .mjs script
import { generateStageDeclarations, stageDeclarationsModule } from '../scripts/gen-stage-declarations.mjs';

describe('generated code matches the schemas (run `npm run gen:types` after a schema change)', () => {
  it.each(targets as [string, string][])('types: %s → %s', async (schema, out) => {
    expect(await generate(schema)).toBe(readFileSync(repo(out), 'utf8'));
  });

  it('stage option defaults (from the pipeline schema)', async () => {
    expect(await generateStageDefaults()).toBe(readFileSync(repo(defaultsModule as string), 'utf8'));
  });

  it('standalone validators, and the CSL quick check’s kinds (src/generated/csl-kinds.ts)', async () => {
    for (const [path, source] of (await generateValidators()) as [string, string][]) {
      expect(source, path).toBe(readFileSync(repo(path), 'utf8'));
    }
  });

  it('standalone validators without a schema literal they never read: the package ships no dead code for them (issue 17)', () => {
    for (const path of ['src/generated/validators-data.ts', 'src/generated/validators-data-files.ts', 'src/generated/validators-article.ts', 'src/generated/validators-dataset.ts', 'src/generated/validators-csl.ts']) {
      const code = readFileSync(repo(path), 'utf8');
      const declared = [...code.matchAll(/^const (schema\d+) = /gm)].map((m) => m[1]!);
      expect(declared.length, path).toBeGreaterThan(0);
      expect(declared.filter((name) => code.split(new RegExp(`\\b${name}\\b`)).length === 2), path).toEqual([]);
    }
  });

  it("standalone validators whose schema literals carry no annotations: the schemas' prose is not made into objects by every process that loads them (issue 17: start-up)", () => {
    for (const path of ['src/generated/validators-data.ts', 'src/generated/validators-data-files.ts', 'src/generated/validators-article.ts', 'src/generated/validators-dataset.ts', 'src/generated/validators-csl.ts']) {
      const literals = [...readFileSync(repo(path), 'utf8').matchAll(/^const (schema\d+) = (\{.*\});$/gm)];
      expect(literals.length, path).toBeGreaterThan(0);
      for (const [, name, json] of literals) {
        const literal = JSON.parse(json!) as object;
        expect(JSON.stringify(withoutAnnotations(literal)), `${path} ${name}`).toBe(JSON.stringify(literal));
      }
    }
    // A property named as an annotation keyword is kept; the keyword goes, at any depth.
    expect(withoutAnnotations({ title: 't', properties: { description: { type: 'string', description: 'd' } }, items: [{ $comment: 'c', enum: [{ title: 'kept: a value' }] }] })).toEqual({
      properties: { description: { type: 'string' } },
      items: [{ enum: [{ title: 'kept: a value' }] }],
    });
  });

  it("the record's validator in a module of its own, the rest of the dataset's beside it: what they share written once, in the record's, and imported (issue 17: start-up)", () => {
    const article = readFileSync(repo('src/generated/validators-article.ts'), 'utf8');
    const dataset = readFileSync(repo('src/generated/validators-dataset.ts'), 'utf8');
    // Ajv's top-level values and functions, by name (its code has no indentation: a nested `const` is a local `_errsN`, `errN`, `dataN`…).
    const declared = (code: string) => new Set([...code.matchAll(/^(?:const (schema\d+|pattern\d+|func\d+|wrapper\d+|root\d+) = |function (validate\d+)\()/gm)].map((m) => (m[1] ?? m[2])!));
    const inArticle = declared(article);
    const inDataset = declared(dataset);
    expect([...inArticle].some((name) => name.startsWith('validate')), "the record's validate functions").toBe(true);
    expect([...inDataset].filter((name) => inArticle.has(name)), 'declared in both').toEqual([]);
    const imported = /^import \{ ([^}]+) \} from '\.\/validators-article\.js';$/m.exec(dataset)?.[1]?.split(', ') ?? [];
    const exported = [...article.matchAll(/^export (?:const (\w+) = |\{ ([^}]+) \};)/gm)].flatMap((m) => (m[1] ? [m[1]] : m[2]!.split(', ')));
    expect(imported).toContain('article');
    for (const name of imported) expect(exported, name).toContain(name);
    // Every name the dataset's module reads that it does not declare is one it imports.
    for (const name of inArticle) if (new RegExp(`(?<![\\w$])${name}(?![\\w$])`).test(dataset)) expect(imported, name).toContain(name);
    expect(/^export const (manifest|itemsRow|referencesRow|entitiesRow|changes|searchIndex) = /gm.test(dataset)).toBe(true);
    expect(dataset).toMatch(/^export \{ article \};$/m);
  });

  it('docs/rules.md from the rule registry (run `npm run gen:docs`)', () => {
    expect(generateRulesDoc()).toBe(readFileSync(repo(rulesDoc as string), 'utf8'));
  });

  it('OpenCC character tables', async () => {
    expect(await generateScriptTables()).toBe(readFileSync(repo(tablesModule as string), 'utf8'));
  });

  it('reference words (pipelines/data/references.json)', async () => {
    expect(await generateReferenceData()).toBe(readFileSync(repo(referenceDataModule as string), 'utf8'));
  });

  it('hashes of the shipped data files (pipelines/data)', async () => {
    expect(await generateVerifiedData()).toBe(readFileSync(repo(verifiedDataModule as string), 'utf8'));
  });

  it('Unicode classes written out as ranges (src/generated/unicode-classes.ts)', async () => {
    expect(await generateUnicodeClasses()).toBe(readFileSync(repo(unicodeClassesModule as string), 'utf8'));
  });

  it('the name shapes over their one-byte alphabet (src/generated/name-alphabet.ts, from src/refs/names.ts)', () => {
    expect(generateNameAlphabet()).toBe(readFileSync(repo(nameAlphabetModule as string), 'utf8'));
  });

  it('the pre-tested patterns’ shapes (src/generated/pattern-shapes.ts, from the patterns of src/refs)', async () => {
    expect(await generatePatternShapes()).toBe(readFileSync(repo(patternShapesModule as string), 'utf8'));
  });

  it('stage declarations (src/stages: what digest text checks a pipeline against without loading them)', () => {
    expect(generateStageDeclarations()).toBe(readFileSync(repo(stageDeclarationsModule as string), 'utf8'));
  });
});
