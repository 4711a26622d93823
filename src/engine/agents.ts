/**
 * Structure-of-arrays agent storage: one typed array per attribute, indexed by a slot id.
 * Ids are stable for an agent's whole life (free-list reuse, never moved), so spaces and
 * activation orders can hold them. A removed slot is only reused after `recycle()`, which a
 * model calls between steps: an activation order built at the start of a step can therefore
 * never reach a newborn through a dead agent's id.
 */

export type ColumnKind = 'f64' | 'f32' | 'i32' | 'u32' | 'i16' | 'u16' | 'i8' | 'u8';

export type ColumnArray<K extends ColumnKind> = K extends 'f64'
  ? Float64Array
  : K extends 'f32'
    ? Float32Array
    : K extends 'i32'
      ? Int32Array
      : K extends 'u32'
        ? Uint32Array
        : K extends 'i16'
          ? Int16Array
          : K extends 'u16'
            ? Uint16Array
            : K extends 'i8'
              ? Int8Array
              : Uint8Array;

export type ColumnSpec = Record<string, ColumnKind>;
export type Columns<S extends ColumnSpec> = { [N in keyof S]: ColumnArray<S[N]> };

/** Any column of an agent store. */
export type AnyColumnArray = Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array;

const constructors: Record<ColumnKind, new (n: number) => AnyColumnArray> = {
  f64: Float64Array,
  f32: Float32Array,
  i32: Int32Array,
  u32: Uint32Array,
  i16: Int16Array,
  u16: Uint16Array,
  i8: Int8Array,
  u8: Uint8Array,
};

/**
 * The columns alone, for a population that is fixed from the start (no births, no removals):
 * n agents, ids 0 .. n-1, every attribute zero. It saves the store's byte per agent of
 * liveness, which at twenty million agents is 20 MB.
 */
export function fixedColumns<S extends ColumnSpec>(spec: S, n: number): Columns<S> {
  const cols = {} as Record<keyof S, AnyColumnArray>;
  for (const name of Object.keys(spec) as (keyof S)[]) cols[name] = new constructors[spec[name]](n);
  return cols as unknown as Columns<S>;
}

export class AgentStore<S extends ColumnSpec> {
  /** The attribute arrays. They are replaced when the store grows: re-read after `add()`. */
  columns: Columns<S>;
  /** 1 for a live slot. Replaced on growth like the columns. */
  alive: Uint8Array;
  /** Number of live agents. */
  count = 0;
  /** Slots ever used: live ids are all below this. */
  highWater = 0;
  /** Incremented whenever the arrays are reallocated, so holders of references can notice. */
  generation = 0;
  private cap: number;
  private free: Int32Array;
  private freeCount = 0;
  private dead: Int32Array;
  private deadCount = 0;
  private readonly names: (keyof S)[];

  constructor(
    private readonly spec: S,
    initialCapacity = 64,
  ) {
    this.cap = Math.max(1, Math.ceil(initialCapacity));
    this.names = Object.keys(spec) as (keyof S)[];
    this.columns = fixedColumns(spec, this.cap);
    this.alive = new Uint8Array(this.cap);
    // Most models remove few agents: the id lists start small and grow on demand.
    this.free = new Int32Array(16);
    this.dead = new Int32Array(16);
  }

  get capacity(): number {
    return this.cap;
  }

  /** Makes room for `n` more births without reallocating (call before a loop that adds). */
  reserve(n: number): void {
    const needed = this.highWater + Math.max(0, n - this.freeCount);
    if (needed > this.cap) this.grow(needed);
  }

  /** A new agent with every attribute zero; returns its id. */
  add(): number {
    let id: number;
    if (this.freeCount > 0) {
      id = this.free[--this.freeCount];
      const cols = this.columns as unknown as Record<keyof S, AnyColumnArray>;
      for (const n of this.names) cols[n][id] = 0;
    } else {
      if (this.highWater === this.cap) this.grow(this.cap + 1);
      id = this.highWater++;
    }
    this.alive[id] = 1;
    this.count++;
    return id;
  }

  /** Marks an agent dead now; its slot becomes reusable at the next `recycle()`. */
  remove(id: number): void {
    if (this.alive[id] !== 1) throw new Error(`agent ${id} is not alive`);
    this.alive[id] = 0;
    this.count--;
    if (this.deadCount === this.dead.length) this.dead = enlarged(this.dead);
    this.dead[this.deadCount++] = id;
  }

  /** Returns the slots of agents removed since the last call to the free list. */
  recycle(): void {
    while (this.free.length < this.freeCount + this.deadCount) this.free = enlarged(this.free);
    for (let i = 0; i < this.deadCount; i++) this.free[this.freeCount++] = this.dead[i];
    this.deadCount = 0;
  }

  isAlive(id: number): boolean {
    return id >= 0 && id < this.highWater && this.alive[id] === 1;
  }

  /**
   * Writes the live ids (optionally only those for which `keep` is true) into `out` in id
   * order and returns how many; `out` must hold `highWater` entries.
   */
  liveIds(out: Int32Array, keep?: (id: number) => boolean): number {
    let n = 0;
    const alive = this.alive;
    for (let id = 0; id < this.highWater; id++) if (alive[id] === 1 && (!keep || keep(id))) out[n++] = id;
    return n;
  }

  private grow(minimum: number): void {
    let cap = this.cap;
    while (cap < minimum) cap *= 2;
    const cols = this.columns as unknown as Record<keyof S, AnyColumnArray>;
    for (const n of this.names) {
      const next = new constructors[this.spec[n]](cap);
      next.set(cols[n]);
      cols[n] = next;
    }
    const alive = new Uint8Array(cap);
    alive.set(this.alive);
    this.alive = alive;
    this.cap = cap;
    this.generation++;
  }
}

function enlarged(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
