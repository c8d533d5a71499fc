// Generates docs/rules.md from the one registry of rules (src/rules.ts): every rule's id, the
// stage (or other part) that reports it, its default severity, whether it is fatal, what
// triggers it and an example. tests/generated.test.ts fails when docs/rules.md is stale.
// Run with tsx (`npm run gen:docs`): the registry is TypeScript.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { indexRules } from '../src/core/rules.ts';
import { ruleTables } from '../src/rules.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
export const rulesDoc = 'docs/rules.md';

const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The text of docs/rules.md. */
export function generateRulesDoc() {
  const rules = [...indexRules(ruleTables).values()];
  const lines = [
    '# Diagnostic rules',
    '',
    '<!-- Generated from src/rules.ts by scripts/gen-docs.mjs: do not edit; run `npm run gen:docs`. -->',
    '',
    'Every diagnostic names one of these rules. A pipeline file may set a rule\'s severity in',
    '`rules` (`"error"`, `"warning"`, `"info"` or `"off"`); a **fatal** rule stops processing the',
    'input (no record is written) and can only be `"error"`: the loader refuses anything else,',
    'naming `/rules/<id>`. An input with any error diagnostic gets no record and makes the command',
    'exit 1; warnings and infos never do. Reporters show warnings and errors (`--verbose` adds',
    'infos, `--quiet` keeps errors). A rule about the input as a whole (it could not be read, a',
    'link was refused) has no place in the text: it is printed without a line and column',
    '(`nope.txt: error: no such file [input-unreadable]`).',
    '',
    `${rules.length} rules, ${rules.filter((r) => r.definition.fatal).length} of them fatal.`,
    '',
    '| rule | reported by | default | fatal | what triggers it | example |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rules.map(({ id, source, definition: d }) => `| \`${id}\` | ${cell(source)} | ${d.severity} | ${d.fatal ? 'yes' : 'no'} | ${d.wholeInput ? '(whole input) ' : ''}${cell(d.description)} | ${cell(d.example)} |`),
    '',
  ];
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(root + rulesDoc, generateRulesDoc());
  console.log(`src/rules.ts -> ${rulesDoc}`);
}
