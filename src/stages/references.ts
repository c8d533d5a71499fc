import type { Reference } from '../generated/article.js';
import { defineStage } from '../core/stage.js';
import { referencesDefaults } from '../generated/stage-defaults.js';
import { orderCsl } from '../refs/csl.js';
import { entryNumbers } from '../refs/list.js';
import { parseReference } from '../refs/parse.js';
import { splitReferences } from '../refs/split.js';

/**
 * references: the reference-list blocks → numbered entries → CSL-JSON items. Placeholders
 * and entries that cannot be read stay in the record with their raw text and a warning.
 */
export const references = defineStage({
  name: 'references',
  description: 'Split the reference list into entries and parse each into CSL-JSON.',
  needs: ['referenceBlocks'],
  provides: ['references'],
  rules: {
    'reference-placeholder': {
      severity: 'warning',
      description: 'A reference entry is a placeholder, not a citation.',
      example: '[10]cde',
    },
    'reference-unparseable': {
      severity: 'warning',
      description: 'A reference entry could not be read as a citation; it is kept as raw text.',
      example: '[3]见上文',
    },
    'reference-unnumbered': {
      severity: 'warning',
      description: 'A line of the reference list has no number ([n], n. or a list item); a list with no numbered line at all is said once, at its first line, with how many lines it has.',
      example: 'a bare line before [1]; an APA-like list of 12 lines numbered nowhere (one warning)',
    },
    'reference-merged-line': {
      severity: 'info',
      description: 'Two references share one line; they were split.',
      example: '…2025;16:111.[5]Ke M, …',
    },
    'reference-line-unplaced': {
      severity: 'warning',
      description: 'A line inside the reference list is no reference and belongs to none (a header word, a stray note); it is left out, and said where.',
      example: 'a line "Journal" between two copied entries',
    },
    'reference-duplicate-number': {
      severity: 'warning',
      description: 'A reference number is used twice; the second gets the next free number.',
      example: 'two entries numbered [4]',
    },
    'reference-number-gap': {
      severity: 'warning',
      description: 'Reference numbers jump.',
      example: '[3] followed by [5]',
    },
    'reference-no-identifier': {
      severity: 'info',
      description: 'A reference has no DOI, PMID or URL.',
      example: '[2]Gerke H, Baillie J. To cut or stretch? Am J Gastroenterol. 2004;99:1461-3.',
    },
    'too-many-references': {
      severity: 'error',
      fatal: true,
      description: 'The reference list has more entries than maxReferences.',
      example: 'a list of 30,000 references with the default maxReferences of 20,000',
    },
  },
  defaults: referencesDefaults,
  run(doc, { options, report, data }) {
    if (doc.referenceBlocks.length === 0) return;
    const { entries, notes } = splitReferences(doc.referenceBlocks, { headings: data.structure.referenceHeadings });
    if (entries.length > options.maxReferences) {
      report('too-many-references', `${entries.length} reference entries, over the limit maxReferences=${options.maxReferences}`, { offset: doc.referenceBlocks[0]!.start });
      return;
    }
    for (const note of notes) {
      if (note.kind === 'merged-line') report('reference-merged-line', `reference [${note.number}] shares a line with the one before it; split`, { offset: note.offset });
      else if (note.kind === 'unplaced') report('reference-line-unplaced', `a line in the reference list that is no reference and belongs to none ("${(note.text ?? '').slice(0, 40)}")`, { offset: note.offset });
      else if (note.kind === 'unnumbered-list') report('reference-unnumbered', note.count === 1 ? "the reference list's one line has no number ([n], n. or a list item)" : `the reference list numbers none of its ${note.count} lines ([n], n. or a list item): one reference a line, numbered in order`, { offset: note.offset });
      else report('reference-unnumbered', 'a reference line without a number ([n], n. or a list item)', { offset: note.offset });
    }
    doc.referenceEntries = entries;
    // (Numbers are given in a loop: `Math.max(...list)` overflows the stack on 10^5 entries.)
    const numbers = entryNumbers(entries);
    const used = new Set<number>();
    const out: Reference[] = [];
    entries.forEach((entry, index) => {
      const number = numbers[index]!;
      if (entry.number !== null && entry.number !== number) {
        report('reference-duplicate-number', `reference number ${entry.number} is used twice; this one becomes ref-${number}`, { offset: entry.start, end: entry.end });
      }
      used.add(number);
      const id = `ref-${number}`;
      const parsed = parseReference(entry.raw, id);
      const reference: Reference = { id, number, raw: entry.raw, position: doc.lines.range(entry.start, entry.end), csl: orderCsl(parsed.csl) };
      if (parsed.style === 'placeholder') {
        reference.placeholder = true;
        report('reference-placeholder', `reference [${number}] is a placeholder ("${entry.raw.slice(0, 20)}"), not a citation`, { offset: entry.start, end: entry.end });
      } else if (parsed.style === 'unparsed') {
        report('reference-unparseable', `reference [${number}] could not be read as a citation; kept as raw text`, { offset: entry.start, end: entry.end });
      } else if (!parsed.csl.DOI && !parsed.csl.PMID && !parsed.csl.URL) {
        report('reference-no-identifier', `reference [${number}] has no DOI, PMID or URL`, { offset: entry.start, end: entry.end });
      }
      out.push(reference);
    });
    const sorted = [...used].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i]! - sorted[i - 1]! > 1) {
        report('reference-number-gap', `references jump from [${sorted[i - 1]}] to [${sorted[i]}]`, { offset: doc.referenceBlocks[0]!.start });
      }
    }
    doc.references = out;
  },
});
