import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repo } from '../helpers.js';

/** Every module under src/ with the modules it imports (relative imports, types included). */
function importGraph(): Map<string, string[]> {
  const root = repo('src');
  const graph = new Map<string, string[]>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) {
        const text = readFileSync(path, 'utf8');
        const deps = [...text.matchAll(/from '(\.[^']+)'/g)].map((m) => relative(root, normalize(join(dirname(path), m[1]!.replace(/\.js$/, '.ts')))));
        graph.set(relative(root, path), deps);
      }
    }
  };
  walk(root);
  return graph;
}

describe('the dataset house (issue 12.3)', () => {
  const graph = importGraph();

  it('no module imports itself through others (the build used to be cache → entry → output → cache)', () => {
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'open') return void cycles.push([...path.slice(path.indexOf(file)), file].join(' → '));
      if (state.get(file) === 'done') return;
      state.set(file, 'open');
      for (const dep of graph.get(file) ?? []) visit(dep, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('file I/O depends on nothing of the dataset, the CLI or the reports; the dataset nothing of the CLI', () => {
    const offending = [...graph].flatMap(([file, deps]) =>
      deps
        .filter((dep) => (file.startsWith('io/') && /^(dataset|cli|report|stages)\//.test(dep)) || (file.startsWith('dataset/') && dep.startsWith('cli/')))
        .map((dep) => `${file} → ${dep}`),
    );
    expect(offending).toEqual([]);
  });
});
