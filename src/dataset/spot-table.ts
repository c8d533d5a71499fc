import type { PackSpot } from './cache-entry.js';

/** A cache key: the SHA-256 of an entry's parts, as 64 lowercase hex digits (keys.ts). */
const KEY = /^[0-9a-f]{64}$/;
/** A key's bytes. */
const KEY_BYTES = 32;

/**
 * Where each entry a build stored went, by key ({@link EntryStore}): a key's 32 bytes, its pack
 * (one name a pack) and its place there, in typed arrays, found through an open-addressing table
 * of their indexes. A map of key strings to an object each held ~0.2 KB an input for the whole
 * build, on the thread that also runs it (BENCHMARKS.md, "the plan as a table"); this is ~60 bytes.
 * In the order first set, as a map's entries are.
 */
export class SpotTable {
  private count = 0;
  private keys = new Uint8Array(0);
  private packOf = new Uint32Array(0);
  private offsets = new Float64Array(0);
  private lengths = new Float64Array(0);
  /** The packs' names, each once, and each one's number. */
  private readonly packNames: string[] = [];
  private readonly packNumbers = new Map<string, number>();
  /** Each slot: an entry's index + 1, or 0 when free. Its size a power of two, at least twice the entries. */
  private slots = new Uint32Array(16);

  /** The number of keys held. */
  get size(): number {
    return this.count;
  }

  /** Where the entry under `key` went, or undefined. */
  get(key: string): PackSpot | undefined {
    const index = this.find(bytesOf(key));
    return index < 0 ? undefined : this.spotAt(index);
  }

  /** Notes where the entry under `key` went (a key noted again takes its new place, keeping its order). */
  set(key: string, spot: PackSpot): void {
    const bytes = bytesOf(key);
    let index = this.find(bytes);
    if (index < 0) {
      if (this.count === this.offsets.length) this.grow();
      index = this.count++;
      this.keys.set(bytes, index * KEY_BYTES);
      if (2 * this.count > this.slots.length) this.rehash(2 * this.slots.length);
      else this.slots[this.freeSlot(bytes)] = index + 1;
    }
    let pack = this.packNumbers.get(spot.pack);
    if (pack === undefined) {
      pack = this.packNames.push(spot.pack) - 1;
      this.packNumbers.set(spot.pack, pack);
    }
    this.packOf[index] = pack;
    this.offsets[index] = spot.offset;
    this.lengths[index] = spot.length;
  }

  /** Each key and where its entry went, in the order first set. */
  *entries(): Generator<[key: string, spot: PackSpot]> {
    for (let index = 0; index < this.count; index++) yield [Buffer.from(this.keys.buffer, this.keys.byteOffset + index * KEY_BYTES, KEY_BYTES).toString('hex'), this.spotAt(index)];
  }

  /** The packs that hold an entry of this table. */
  packs(): Set<string> {
    const packs = new Set<string>();
    for (let index = 0; index < this.count; index++) packs.add(this.packNames[this.packOf[index]!]!);
    return packs;
  }

  /** Forgets every key (the arrays go too). */
  clear(): void {
    this.count = 0;
    this.keys = new Uint8Array(0);
    this.packOf = new Uint32Array(0);
    this.offsets = new Float64Array(0);
    this.lengths = new Float64Array(0);
    this.packNames.length = 0;
    this.packNumbers.clear();
    this.slots = new Uint32Array(16);
  }

  private spotAt(index: number): PackSpot {
    return { pack: this.packNames[this.packOf[index]!]!, offset: this.offsets[index]!, length: this.lengths[index]! };
  }

  /** The index of the entry with the key `bytes`, or -1. */
  private find(bytes: Uint8Array): number {
    const mask = this.slots.length - 1;
    for (let slot = hashOf(bytes) & mask; ; slot = (slot + 1) & mask) {
      const held = this.slots[slot]!;
      if (held === 0) return -1;
      if (this.keyIs(held - 1, bytes)) return held - 1;
    }
  }

  /** The first free slot on `bytes`' probe (the table is never full: at most half its slots are taken). */
  private freeSlot(bytes: Uint8Array): number {
    const mask = this.slots.length - 1;
    let slot = hashOf(bytes) & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    return slot;
  }

  private keyIs(index: number, bytes: Uint8Array): boolean {
    const at = index * KEY_BYTES;
    for (let i = 0; i < KEY_BYTES; i++) if (this.keys[at + i] !== bytes[i]) return false;
    return true;
  }

  /** Room for twice the entries (doubling: the columns' growth stays linear). */
  private grow(): void {
    const capacity = Math.max(64, 2 * this.offsets.length);
    const keys = new Uint8Array(capacity * KEY_BYTES);
    keys.set(this.keys);
    this.keys = keys;
    const packOf = new Uint32Array(capacity);
    packOf.set(this.packOf);
    this.packOf = packOf;
    const offsets = new Float64Array(capacity);
    offsets.set(this.offsets);
    this.offsets = offsets;
    const lengths = new Float64Array(capacity);
    lengths.set(this.lengths);
    this.lengths = lengths;
  }

  private rehash(size: number): void {
    this.slots = new Uint32Array(size);
    for (let index = 0; index < this.count; index++) this.slots[this.freeSlot(this.keys.subarray(index * KEY_BYTES, (index + 1) * KEY_BYTES))] = index + 1;
  }
}

/** A key's 32 bytes. */
function bytesOf(key: string): Uint8Array {
  if (!KEY.test(key)) throw new Error(`not a cache key: ${JSON.stringify(key)}`);
  return Buffer.from(key, 'hex');
}

/** A key's first four bytes: a SHA-256 is spread evenly already. */
function hashOf(bytes: Uint8Array): number {
  return ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
}
