// What a V8 heap snapshot holds, told apart by kind, for `npm run bench`'s row "memory a build
// holds per input at its end". That row measured V8's heap spaces after two full collections, code
// spaces left out, and read 1.13, −0.16, 0.99, 0.01 and 2.15 KB an input in five runs of one commit
// (BENCHMARKS.md, "After changes 102–107"): V8's compiled code keeps most of its metadata (deoptimisation
// data, relocation info, bytecode, feedback vectors) in the old space, and how much of it a build has
// by its end depends on which functions V8's background compiler finished optimising, which the
// machine's load decides. A heap snapshot types every node: its nodes of type "code" are that
// metadata and code; every other node is data the program holds — objects, arrays, strings,
// closures, V8's hidden objects and the ArrayBuffers' backing stores (type "native") — and the
// same build holds the same bytes of it from run to run (BENCHMARKS.md, the change that made this).
import { readFileSync, rmSync } from 'node:fs';

/**
 * Bytes a parsed heap snapshot (`.heapsnapshot` JSON, as `v8.writeHeapSnapshot` writes it) holds:
 * `data`, the self sizes of every node but those of type "code"; `code`, those of type "code"; and
 * `byType`, each node type's bytes. A snapshot holds only what is reachable (V8 collects first).
 */
export function heldBytes(snapshot) {
  const meta = snapshot.snapshot.meta;
  const types = meta.node_types[meta.node_fields.indexOf('type')];
  const typeAt = meta.node_fields.indexOf('type');
  const sizeAt = meta.node_fields.indexOf('self_size');
  const width = meta.node_fields.length;
  const nodes = snapshot.nodes;
  const byType = {};
  for (let i = 0; i < nodes.length; i += width) {
    const type = types[nodes[i + typeAt]];
    byType[type] = (byType[type] ?? 0) + nodes[i + sizeAt];
  }
  const code = byType.code ?? 0;
  let total = 0;
  for (const type in byType) total += byType[type];
  return { data: total - code, code, byType };
}

/** {@link heldBytes} of the snapshot file `file`, which is removed once read (a build's is tens of MB). */
export function heldBytesOfFile(file) {
  const snapshot = JSON.parse(readFileSync(file, 'utf8'));
  rmSync(file);
  return heldBytes(snapshot);
}
