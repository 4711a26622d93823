/**
 * A stand-in TypeScript kernel of Epstein's Run 2, used only to exercise the harness
 * (`--placeholder`) while src/models/civil-violence is not there. Its figures are labelled as
 * the placeholder's and are never reported as the model's.
 */
import type { Cell, Column, SteppableModel } from '../src/engine/model.js';
import { Rng } from '../src/engine/random.js';

const EMPTY = 0;
const QUIET = 1;
const ACTIVE = 2;
const COP = 3;
const LEGITIMACY = 0.82;
const THRESHOLD = 0.1;
const JAIL_MAX = 30;
const K = -Math.log(0.1);
const MOORE: readonly (readonly [number, number])[] = [[-1, -1], [0, -1], [1, -1], [-1, 0], [1, 0], [-1, 1], [0, 1], [1, 1]];

function offsets(maxD2: number, self: boolean): [number, number][] {
  const r = Math.floor(Math.sqrt(maxD2));
  const out: [number, number][] = [];
  for (let dy = -r; dy <= r; dy++)
    for (let dx = -r; dx <= r; dx++) if (dx * dx + dy * dy <= maxD2 && (self || dx !== 0 || dy !== 0)) out.push([dx, dy]);
  return out.sort((a, b) => a[0] * a[0] + a[1] * a[1] - (b[0] * b[0] + b[1] * b[1]));
}

class Placeholder implements SteppableModel {
  stepCount = 0;
  readonly columns: readonly Column[] = [
    { name: 'quiet', type: 'int' },
    { name: 'active', type: 'int' },
    { name: 'jailed', type: 'int' },
  ];
  private readonly rng: Rng;
  private readonly kind: Uint8Array;
  private readonly occ: Int32Array;
  private readonly pos: Int32Array;
  private readonly term: Int32Array;
  private readonly jailedFlag: Uint8Array;
  private readonly grievance: Float64Array;
  private readonly risk: Float64Array;
  private readonly copPos: Int32Array;
  private readonly order: Int32Array;
  private readonly copOrder: Int32Array;
  private readonly vision: Int32Array[];
  private active = 0;
  private jailed = 0;

  constructor(private readonly w: number, private readonly h: number, seed: number) {
    this.rng = new Rng(seed, 'placeholder');
    const cells = w * h;
    const nc = Math.floor(0.7 * cells);
    const nk = Math.floor(0.04 * cells);
    this.kind = new Uint8Array(cells);
    this.occ = new Int32Array(cells).fill(-1);
    this.pos = new Int32Array(nc);
    this.term = new Int32Array(nc);
    this.jailedFlag = new Uint8Array(nc);
    this.grievance = new Float64Array(nc);
    this.risk = new Float64Array(nc);
    this.copPos = new Int32Array(nk);
    this.order = new Int32Array(nc).map((_, i) => i);
    this.copOrder = new Int32Array(nk).map((_, i) => i);
    // Per-cell neighbour lists: simple and fast, affordable at the harness-test sizes.
    const vis = offsets(49, false);
    this.vision = [];
    for (let c = 0; c < cells; c++) this.vision.push(Int32Array.from(vis, ([dx, dy]) => this.wrap(c, dx, dy)));
    const perm = this.rng.shuffle(new Int32Array(cells).map((_, i) => i));
    for (let i = 0; i < nc; i++) {
      this.grievance[i] = this.rng.random() * (1 - LEGITIMACY) * (1 - THRESHOLD);
      this.risk[i] = this.rng.random();
      this.pos[i] = perm[i];
      this.kind[perm[i]] = QUIET;
      this.occ[perm[i]] = i;
    }
    for (let j = 0; j < nk; j++) {
      this.copPos[j] = perm[nc + j];
      this.kind[perm[nc + j]] = COP;
    }
  }

  private wrap(c: number, dx: number, dy: number): number {
    const x = (((c % this.w) + dx) % this.w + this.w) % this.w;
    const y = ((Math.floor(c / this.w) + dy) % this.h + this.h) % this.h;
    return y * this.w + x;
  }

  private randomStep(from: number): number {
    const [dx, dy] = MOORE[this.rng.int(8)];
    const to = this.wrap(from, dx, dy);
    if (this.kind[to] !== EMPTY) return from;
    this.kind[to] = this.kind[from];
    this.occ[to] = this.occ[from];
    this.kind[from] = EMPTY;
    this.occ[from] = -1;
    return to;
  }

  private release(i: number): void {
    let best: number[] = [];
    let bestD2 = Infinity;
    for (const [dx, dy] of offsets(255, true)) {
      const d2 = dx * dx + dy * dy;
      if (d2 > bestD2) break;
      const cell = this.wrap(this.pos[i], dx, dy);
      if (this.kind[cell] === EMPTY) {
        best.push(cell);
        bestD2 = d2;
      }
    }
    if (best.length === 0) best = [...this.kind.keys()].filter((c) => this.kind[c] === EMPTY);
    const cell = best[this.rng.int(best.length)];
    this.jailedFlag[i] = 0;
    this.jailed--;
    this.pos[i] = cell;
    this.kind[cell] = QUIET;
    this.occ[cell] = i;
  }

  step(): void {
    const { kind, rng } = this;
    rng.shuffle(this.order);
    for (const i of this.order) {
      if (this.jailedFlag[i]) {
        if (--this.term[i] > 0) continue;
        this.release(i);
      } else this.pos[i] = this.randomStep(this.pos[i]);
      const c = this.pos[i];
      let act = false;
      if (this.grievance[i] > THRESHOLD) {
        let cops = 0;
        let actives = 0;
        for (const n of this.vision[c]) {
          if (kind[n] === COP) cops++;
          else if (kind[n] === ACTIVE) actives++;
        }
        act = this.grievance[i] - this.risk[i] * (1 - Math.exp(-K * Math.floor(cops / (actives + 1)))) > THRESHOLD;
      }
      if (act !== (kind[c] === ACTIVE)) {
        kind[c] = act ? ACTIVE : QUIET;
        this.active += act ? 1 : -1;
      }
    }
    rng.shuffle(this.copOrder);
    for (const j of this.copOrder) {
      let c = this.copPos[j];
      let target = -1;
      for (const n of this.vision[c]) {
        if (kind[n] === ACTIVE) {
          target = n;
          break;
        }
      }
      if (target >= 0) {
        const i = this.occ[target];
        this.jailedFlag[i] = 1;
        this.term[i] = rng.int(JAIL_MAX + 1);
        this.pos[i] = target;
        this.active--;
        this.jailed++;
        kind[target] = COP;
        kind[c] = EMPTY;
        this.occ[c] = -1;
        c = target;
      }
      this.copPos[j] = this.randomStep(c);
    }
    this.stepCount++;
  }

  observe(row: Cell[]): void {
    row[0] = this.pos.length - this.active - this.jailed;
    row[1] = this.active;
    row[2] = this.jailed;
  }
}

export function placeholderModel(width: number, height: number, seed: number): SteppableModel {
  return new Placeholder(width, height, seed);
}
