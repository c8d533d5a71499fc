import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';

/**
 * The bytes each object of a class alone holds, read from a heap snapshot of this process: for
 * tests that bound what a structure holds per entry.
 *
 * Why not V8's heap statistics before and after: they count everything the isolate holds, and
 * V8's compilers add and drop their products in the old space (optimised code's deoptimisation
 * data, source positions, feedback) whenever a background compile ends or code is thrown away.
 * A table's bytes read so in a bare node process (tests/dataset/plan-table.test.ts's two sizes,
 * 30 pairs at load ~11): 72.5–93 bytes an input in 24, −77 to +17 in 6; with the compilers off
 * (`--no-opt --no-maglev --no-sparkplug`) 93.0 in 30 of 30. Under vitest its own messages and
 * coverage's counters add more. What an object alone holds — the nodes reachable from it that
 * nothing else reaches — is the structure's own, whatever else the process allocates.
 */

/** The parts of a heap snapshot's JSON (`v8.writeHeapSnapshot`) read here. */
interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/** A heap snapshot of this process (V8 collects first: only what is reachable), parsed; its file removed. */
function snapshotNow(): HeapSnapshot {
  const dir = mkdtempSync(join(tmpdir(), 'heap-'));
  try {
    return JSON.parse(readFileSync(writeHeapSnapshot(join(dir, 'now.heapsnapshot')), 'utf8')) as HeapSnapshot;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The bytes each live object of class `className` alone holds — its own and those of every node
 * it reaches by strong edges that the snapshot's roots do not reach except through an object of
 * that class (ArrayBuffers' backing stores included: they are nodes of the snapshot) — in
 * ascending order. Objects of the class holding the same node (none here) would each count it.
 */
export function bytesHeldByEach(className: string): number[] {
  const snapshot = snapshotNow();
  const { node_fields: nodeFields, node_types: [nodeTypes], edge_fields: edgeFields, edge_types: [edgeTypes] } = snapshot.snapshot.meta;
  const width = nodeFields.length;
  const edgeWidth = edgeFields.length;
  const [type, name, size, edgeCount] = [nodeFields.indexOf('type'), nodeFields.indexOf('name'), nodeFields.indexOf('self_size'), nodeFields.indexOf('edge_count')];
  const [edgeType, toNode] = [edgeFields.indexOf('type'), edgeFields.indexOf('to_node')];
  const { nodes, edges, strings } = snapshot;
  const count = nodes.length / width;
  // Where each node's edges begin: they are listed node after node.
  const firstEdge = new Uint32Array(count + 1);
  for (let node = 0; node < count; node++) firstEdge[node + 1] = firstEdge[node]! + nodes[node * width + edgeCount]! * edgeWidth;
  const weak = edgeTypes.indexOf('weak');
  const objectType = nodeTypes.indexOf('object');
  const ofClass = (node: number) => nodes[node * width + type] === objectType && strings[nodes[node * width + name]!] === className;
  /** Marks with `mark` every node reached from `from` by strong edges, entering no node the roots reach (marked 1), none marked `mark` already and no object of the class but `from`. */
  const reach = (from: number, marks: Uint32Array, mark: number): number[] => {
    const reached = [from];
    marks[from] = mark;
    for (let q = 0; q < reached.length; q++) {
      const node = reached[q]!;
      for (let at = firstEdge[node]!; at < firstEdge[node + 1]!; at += edgeWidth) {
        if (edges[at + edgeType] === weak) continue;
        const to = edges[at + toNode]! / width;
        if (marks[to] === 1 || marks[to] === mark || ofClass(to)) continue;
        marks[to] = mark;
        reached.push(to);
      }
    }
    return reached;
  };
  // 1: what the roots reach without passing through an object of the class.
  const marks = new Uint32Array(count);
  reach(0, marks, 1);
  const held: number[] = [];
  for (let node = 0; node < count; node++) {
    if (!ofClass(node)) continue;
    // Each object's reach marked with its own number, so that another's marks stop no walk.
    let bytes = 0;
    for (const reached of reach(node, marks, node + 2)) bytes += nodes[reached * width + size]!;
    held.push(bytes);
  }
  return held.sort((a, b) => a - b);
}
