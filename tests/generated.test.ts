import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repo } from './helpers.js';
// The generators are plain JavaScript shared with `npm run gen:types`.
// @ts-expect-error no declaration file for the .mjs script
import { defaultsModule, generate, generateStageDefaults, targets } from '../scripts/gen-types.mjs';
// @ts-expect-error no declaration file for the .mjs script
import { compactErrors, dynamicOrUnevaluatedKeys, generateValidators, withoutAnnotations, withoutCallContext, withoutUnusedSchemas } from '../scripts/gen-validators.mjs';
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

  const validatorModules = ['src/generated/validators-data.ts', 'src/generated/validators-data-files.ts', 'src/generated/validators-article.ts', 'src/generated/validators-dataset.ts', 'src/generated/validators-csl.ts'];

  it("standalone validators with no schema literal, no error's schema path or message, no call context and no evaluated-property records: the package ships, and every process compiles and makes, none of what no code reads (issue 17)", () => {
    for (const path of validatorModules) {
      const code = readFileSync(repo(path), 'utf8');
      expect(code, path).toMatch(/^export const \w+ = validate\d+;$/m);
      expect(code.match(/^const schema\d+ = /gm), `${path}: schema literals`).toBeNull();
      expect(code.match(/(?<![\w$])schema\d+[.[]/g), `${path}: references to one`).toBeNull();
      expect(code.match(/schemaPath:|message:/g), `${path}: error objects' schema paths and messages`).toBeNull();
      expect(code.match(/(?<![\w$])(?:parentData|parentDataProperty|rootData|dynamicAnchors)(?![\w$])/g), `${path}: call context`).toBeNull();
      expect(code.match(/\.evaluated\b/g), `${path}: evaluated records`).toBeNull();
      // Ajv's errors, made by one function: keyword and params, and the instance path.
      expect(code, path).toMatch(/^const errorOf = \(instancePath, keyword, params\) => \(\{instancePath, keyword, params\}\);$/m);
    }
    // A property's name looked up in a Set of the names, where Ajv read the schema literal's `properties`.
    expect(readFileSync(repo('src/generated/validators-article.ts'), 'utf8')).toMatch(/^const names_schema\d+_properties = new Set\(\["schemaVersion","id",/m);
  });

  it('the errors made lean: schema paths and messages left out, each message checked against its template, a schema literal read only as a value or a Set of names, a keyword with no template refused', () => {
    const literals = { schema1: { properties: { a: { type: ['string', 'null'] }, b: {} }, enum: ['x', 'y'] } };
    const code = [
      '"use strict";',
      'const func1 = Object.prototype.hasOwnProperty;',
      'if(!(func1.call(schema1.properties, key0))){',
      'validate1.errors = [{instancePath:instancePath+"/a",schemaPath:"#/properties/a/type",keyword:"type",params:{type: schema1.properties.a.type},message:"must be string,null"}];',
      'const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property \'"+missing0+"\'"};',
      'const err1 = {instancePath,schemaPath:"#/propertyNames",keyword:"pattern",params:{pattern: "^[a-z]{1,3}$"},message:"must match pattern \\""+"^[a-z]{1,3}$"+"\\"",propertyName:key1};',
    ].join('\n');
    const out = compactErrors(code, literals);
    expect(out.code.split('\n')).toEqual([
      '"use strict";',
      'const errorOf = (instancePath, keyword, params) => ({instancePath, keyword, params});',
      'const names_schema1_properties = new Set(["a","b"]);',
      'const func1 = Object.prototype.hasOwnProperty;',
      'if(!(names_schema1_properties.has(key0))){',
      'validate1.errors = [errorOf(instancePath+"/a","type",{type: ["string","null"]})];',
      'const err0 = errorOf(instancePath,"required",{missingProperty: missing0});',
      'const err1 = {instancePath,keyword:"pattern",params:{pattern: "^[a-z]{1,3}$"},propertyName:key1};',
    ]);
    expect([...out.keywords].sort()).toEqual(['pattern', 'required', 'type']);
    expect(out.sets).toEqual(['names_schema1_properties']);
    // An earlier module's Set is imported, not declared again.
    expect(compactErrors(code, literals, { code, sets: ['names_schema1_properties'] }).sets).toEqual([]);
    expect(withoutUnusedSchemas(out.code)).not.toContain('func1 =');
    expect(() => compactErrors(code.replace('must be string,null', 'must be string'), literals)).toThrow(/Ajv's message for "type" is "must be string", its template gives "must be string,null"/);
    expect(() => compactErrors(code.replace(/"type"/, '"dependentRequired"'), literals)).toThrow(/no message template for Ajv's keyword "dependentRequired"/);
    expect(() => compactErrors(`${code}\nconst x = schema1.enum.length;`, literals)).toThrow(/a reference to a schema literal of an unknown use/);
    expect(() => compactErrors(code.replace('schema1.properties.a.type', 'schema1.properties.c.type'), literals)).toThrow(/schema1\.properties\.c\.type: not in the schema/);
  });

  it('the schemas compiled without their annotations (json-schema-to-typescript\'s tsType among them, which strict Ajv refuses)', () => {
    // A property named as an annotation keyword is kept; the keyword goes, at any depth.
    expect(withoutAnnotations({ title: 't', properties: { description: { type: 'string', description: 'd' } }, items: [{ $comment: 'c', enum: [{ title: 'kept: a value' }] }] })).toEqual({
      properties: { description: { type: 'string' } },
      items: [{ enum: [{ title: 'kept: a value' }] }],
    });
  });

  it("the call context no validate function reads left out, and a read of it refused; a schema needing Ajv 2020's dynamic or unevaluated machinery refused", () => {
    const signature = 'function validate2(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){';
    const call = 'if(!(validate3(data.a, {instancePath:instancePath+"/a",parentData:data,parentDataProperty:"a",rootData}))){ validate3(data, {instancePath,parentData,parentDataProperty,rootData});';
    expect(withoutCallContext(`${signature}\n${call}`)).toBe('function validate2(data, {instancePath=""}={}){\nif(!(validate3(data.a, {instancePath:instancePath+"/a"}))){ validate3(data, {instancePath});');
    expect(() => withoutCallContext(`${signature}\nif(parentData) x();`)).toThrow(/Ajv's parentData read/);
    expect(dynamicOrUnevaluatedKeys({ properties: { a: { unevaluatedProperties: false } }, $defs: { b: { $dynamicAnchor: 'x' } } })).toEqual(['unevaluatedProperties', '$dynamicAnchor']);
    expect(dynamicOrUnevaluatedKeys(JSON.parse(readFileSync(repo('schemas/article.schema.json'), 'utf8')))).toEqual([]);
  });

  it("the record's validator in a module of its own, the rest of the dataset's beside it: what they share written once, in the record's, and imported (issue 17: start-up)", () => {
    const article = readFileSync(repo('src/generated/validators-article.ts'), 'utf8');
    const dataset = readFileSync(repo('src/generated/validators-dataset.ts'), 'utf8');
    // Ajv's top-level values and functions, by name (its code has no indentation: a nested `const` is a local `_errsN`, `errN`, `dataN`…).
    const declared = (code: string) => new Set([...code.matchAll(/^(?:const (schema\d+|pattern\d+|func\d+|wrapper\d+|root\d+|names_\w+) = |function (validate\d+)\()/gm)].map((m) => (m[1] ?? m[2])!));
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
