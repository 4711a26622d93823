import { AgentStore, type ColumnSpec } from '../../engine/agents.js';
import { HaloField, type HaloRuns } from '../../engine/halo-field.js';
import { CellOccupants, Torus } from '../../engine/lattice.js';
import { neighbourhood, type Neighbourhood } from '../../engine/neighbourhood.js';
import { Rng } from '../../engine/random.js';
import { grievance, nonDecreasing, quietFrom, ruleSets, type RuleSet } from './rules.js';
import type { CivilViolenceScenario } from './schema.js';

export const CITIZEN = 0;
export const COP = 1;
export const QUIET = 0;
export const ACTIVE = 1;
export const JAILED = 2;
export const BLUE = 0;
export const GREEN = 1;
/** A term that never ends (Jmax = infinity). */
export const FOREVER = -1;

/**
 * Per-cell census: actives in the low 16 bits, cops in the high 16, so that one pass over a
 * vision adds up both with a single integer sum.
 */
export const COP_WEIGHT = 65536;
/** Per-cell group census (Model II): free blue citizens low, free green high. */
export const GREEN_WEIGHT = 65536;

/**
 * The agents' columns, each sized to its data and present only where the rules use it: the
 * fixed grievance for rule sets that read it once, the age for Model II, a 16-bit term unless
 * Jmax needs more, and `quietFrom` for the reference rules' tight loop.
 */
function agentColumns(s: CivilViolenceScenario, rules: RuleSet, tight: boolean, visionSize: number): ColumnSpec {
  const spec: ColumnSpec = { kind: 'u8', state: 'u8', group: 'u8', hardship: 'f64', riskAversion: 'f64', cell: 'i32' };
  spec.term = s.jail.max_term === Infinity || s.jail.max_term <= 32767 ? 'i16' : 'i32';
  if (rules.grievanceFixedAtSetup) spec.fixedGrievance = 'f64';
  if (s.variant === 'II') spec.age = 'i32';
  if (tight) spec.quietFrom = visionSize + 1 <= 255 ? 'u8' : 'u16';
  return spec;
}

type Column = Uint8Array | Uint16Array | Int16Array | Int32Array | Float64Array;

const NO_F64 = new Float64Array(0);
const NO_I32 = new Int32Array(0);
const NO_U8 = new Uint8Array(0);

/** Release searches within distance < 16 of the arrest cell before looking anywhere. */
const RELEASE_RADIUS = 16;

/** Everything one run of the model holds; the rule files operate on it. */
export class World {
  readonly rules: RuleSet;
  readonly variantTwo: boolean;
  readonly rng: Rng;
  readonly torus: Torus;
  readonly cells: number;
  readonly occupants: CellOccupants;
  /** Actives + copWeight * cops standing (free) on each cell. */
  readonly census: HaloField;
  /**
   * What one cop adds to the census: COP_WEIGHT, or 256 when a vision sees fewer than 256 cells
   * and the rules keep one agent per cell, so that both counts fit 8 bits and the census 16
   * (half the memory every citizen's vision sum reads). Sums split with copShift and activeMask.
   */
  readonly copWeight: number;
  readonly copShift: number;
  readonly activeMask: number;
  /** Model II only: free blue + GREEN_WEIGHT * free green citizens on each cell. */
  readonly groups: HaloField | null;
  readonly store: AgentStore<ColumnSpec>;
  kind!: Uint8Array;
  state!: Uint8Array;
  group!: Uint8Array;
  hardship!: Float64Array;
  riskAversion!: Float64Array;
  /** Empty unless the rules fix grievance at setup. */
  fixedGrievance!: Float64Array;
  cell!: Int32Array;
  term!: Int16Array | Int32Array;
  /** Empty unless Model II. */
  age!: Int32Array;
  /**
   * The tight loop's form of Rule A (rules.ts `quietFrom`): a free citizen is active iff the
   * cops C and actives A in view have C < quietFrom (A + 1). Empty unless `tight`; kept for
   * the legitimacy `quietFromLegitimacy` and rebuilt when it changes.
   */
  quietFrom!: Uint8Array | Uint16Array;
  private quietFromLegitimacy = NaN;
  /** Whether the reference rules' tight loop (fast-epstein.ts) runs the citizens. */
  readonly tight: boolean;

  readonly citizenVision: Neighbourhood;
  readonly copVision: Neighbourhood;
  readonly moore: Neighbourhood;
  readonly release: Neighbourhood;
  /** Citizen vision as runs of the census halo: what every citizen sums. */
  readonly citizenVisionRuns: HaloRuns;
  /** Cop vision as offsets into the census halo, in order of distance. */
  readonly copVisionHalo: Int32Array;
  readonly copVisionRuns: HaloRuns;
  /** 1 - exp(-k m) for m whole cops per active, m up to the largest possible count. */
  readonly arrestTable: Float64Array;
  /** Scratch space for candidate cells or agents of one neighbourhood scan. */
  readonly scratch: Int32Array;
  /** Scratch space as large as the grid, made on first use (changes of the cop count). */
  private gridScratch: Int32Array | null = null;

  legitimacy: number;
  copDensity: number;
  readonly citizenDensity: number;
  readonly threshold: number;
  readonly thresholdFactor: number;
  readonly maxTerm: number;
  readonly citizensMove: boolean;
  readonly reproduction: number;
  readonly maxAge: number;

  /** Sum of memory the tight loop touched ahead of use (kept only so that the reads stay). */
  touched = 0;
  nActive = 0;
  nJailed = 0;
  nCops = 0;
  nCitizens = 0;
  nKilled = 0;
  nBlue = 0;
  nGreen = 0;
  /** Set when agents are born, die, or cops are added or removed: activation orders are rebuilt. */
  populationChanged = true;

  /** `general`: never use the tight loop, so that tests can compare it with the general rules. */
  constructor(s: CivilViolenceScenario, seed: number, options: { general?: boolean } = {}) {
    this.rules = ruleSets[s.rules];
    this.variantTwo = s.variant === 'II';
    this.rng = new Rng(seed, 'civil-violence');
    const { width, height } = s.grid;
    const torusSides = { width, height };
    const r = this.rules;
    this.citizenVision = neighbourhood({ shape: r.visionShape, radius: s.vision.citizen, includeSelf: r.visionIncludesSelf, torus: torusSides });
    this.copVision = neighbourhood({ shape: r.visionShape, radius: s.vision.cop, includeSelf: r.visionIncludesSelf, torus: torusSides });
    this.moore = neighbourhood({ shape: 'euclidean', radius: Math.SQRT2, torus: torusSides });
    this.release = neighbourhood({ shape: 'euclidean', radius: RELEASE_RADIUS, strict: true, includeSelf: true, torus: torusSides });
    const pad = Math.max(this.citizenVision.reach, this.copVision.reach, this.release.reach, 1);
    this.torus = new Torus(width, height, pad);
    this.cells = this.torus.size;
    // The schema refuses such visions; this guards direct callers.
    if (Math.max(this.citizenVision.size, this.copVision.size) >= COP_WEIGHT) {
      throw new Error(`vision covers ${Math.max(this.citizenVision.size, this.copVision.size)} cells; at most ${COP_WEIGHT - 1} are supported`);
    }
    const haloX = Math.max(this.citizenVision.reachX, this.copVision.reachX, this.moore.reachX);
    const haloY = Math.max(this.citizenVision.reachY, this.copVision.reachY, this.moore.reachY);
    // Epstein's rules keep one agent per cell (fast-epstein.ts relies on it too), so a vision never counts more agents than cells.
    const compact = r.name === 'epstein2002' && !this.variantTwo && Math.max(this.citizenVision.size, this.copVision.size) < 256;
    this.copShift = compact ? 8 : 16;
    this.copWeight = 1 << this.copShift;
    this.activeMask = this.copWeight - 1;
    this.census = new HaloField(this.torus, haloX, haloY, compact ? 16 : 32);
    this.groups = this.variantTwo ? new HaloField(this.torus, haloX, haloY) : null;
    this.citizenVisionRuns = this.census.runs(this.citizenVision);
    this.copVisionHalo = this.census.offsets(this.copVision);
    this.copVisionRuns = this.census.runs(this.copVision);
    const maxCops = Math.max(this.citizenVision.size, this.copVision.size) + 1;
    this.arrestTable = new Float64Array(maxCops + 1);
    for (let m = 0; m <= maxCops; m++) this.arrestTable[m] = 1 - Math.exp(-s.k * m);
    this.tight = !options.general && !this.variantTwo && r.name === 'epstein2002' && r.arrestRounding === 'floor' && nonDecreasing(this.arrestTable);
    // Room for the initial population; Model II's births and added cops grow the store.
    const expected = Math.ceil(this.cells * Math.min(1, s.citizens.density + s.cops.density) * (this.variantTwo ? 1.02 : 1));
    this.store = new AgentStore(agentColumns(s, r, this.tight, this.citizenVision.size), expected + 16);
    // NetLogo's jailed citizens stay on their cells and may be freed onto an occupied one.
    this.occupants = new CellOccupants(this.cells, this.store.capacity, r.jail !== 'on-cell-open');
    this.refresh();
    this.scratch = new Int32Array(Math.max(this.release.size, this.citizenVision.size, this.copVision.size, this.moore.size) * 4 + 16);

    this.legitimacy = s.legitimacy;
    this.copDensity = s.cops.density;
    this.citizenDensity = s.citizens.density;
    this.threshold = s.threshold;
    this.thresholdFactor = (s.grievance_includes_threshold_factor ?? r.thresholdFactorByDefault) ? 1 - s.threshold : 1;
    this.maxTerm = s.jail.max_term;
    this.citizensMove = s.citizens_move;
    this.reproduction = s.reproduction.probability;
    this.maxAge = s.age.max;
  }

  /** Re-reads the column arrays after the store may have grown. */
  refresh(): void {
    const c = this.store.columns as Record<string, Column>;
    this.kind = c.kind as Uint8Array;
    this.state = c.state as Uint8Array;
    this.group = c.group as Uint8Array;
    this.hardship = c.hardship as Float64Array;
    this.riskAversion = c.riskAversion as Float64Array;
    this.fixedGrievance = (c.fixedGrievance ?? NO_F64) as Float64Array;
    this.cell = c.cell as Int32Array;
    this.term = c.term as Int16Array | Int32Array;
    this.age = (c.age ?? NO_I32) as Int32Array;
    this.quietFrom = (c.quietFrom ?? NO_U8) as Uint8Array | Uint16Array;
    this.quietFromLegitimacy = NaN;
    this.occupants.ensureAgents(this.store.capacity);
  }

  /** Makes room for `n` births so that no array moves during a step. */
  reserve(n: number): void {
    const g = this.store.generation;
    this.store.reserve(n);
    if (this.store.generation !== g) this.refresh();
  }

  newAgent(): number {
    const g = this.store.generation;
    const id = this.store.add();
    if (this.store.generation !== g) this.refresh();
    this.populationChanged = true;
    return id;
  }

  /** The grievance G of a citizen, read live or fixed at setup as the rule set says. */
  grievance(id: number): number {
    if (this.rules.grievanceFixedAtSetup) return this.fixedGrievance[id];
    return grievance(this.hardship[id], this.legitimacy, this.thresholdFactor);
  }

  /** Brings `quietFrom` up to date with the legitimacy, however it was changed (schedule or live). */
  updateQuietFrom(): void {
    if (this.quietFromLegitimacy === this.legitimacy) return;
    const { alive, highWater } = this.store;
    const maxM = this.citizenVision.size;
    for (let id = 0; id < highWater; id++) {
      if (alive[id] !== 1 || this.kind[id] !== CITIZEN) continue;
      this.quietFrom[id] = quietFrom(this.grievance(id), this.riskAversion[id], this.arrestTable, maxM, this.threshold);
    }
    this.quietFromLegitimacy = this.legitimacy;
  }

  /** Forgets `quietFrom`, e.g. when a citizen is added. */
  staleQuietFrom(): void {
    this.quietFromLegitimacy = NaN;
  }

  /** Scratch space for `n` entries: the small one, or one as large as the grid. */
  scratchFor(n: number): Int32Array {
    if (n <= this.scratch.length) return this.scratch;
    if (this.gridScratch === null || this.gridScratch.length < n) this.gridScratch = new Int32Array(Math.max(n, this.cells + this.store.capacity));
    return this.gridScratch;
  }

  /** Whether an agent in its current state keeps other agents off its cell. */
  blocks(id: number): boolean {
    return this.state[id] !== JAILED || this.rules.jail === 'on-cell-blocking';
  }

  private weight(id: number): number {
    if (this.kind[id] === COP) return this.copWeight;
    return this.state[id] === ACTIVE ? 1 : 0;
  }

  private groupWeight(id: number): number {
    if (this.kind[id] === COP || this.state[id] === JAILED) return 0;
    return this.group[id] === GREEN ? GREEN_WEIGHT : 1;
  }

  /** Puts an agent on a cell with its current state. */
  place(id: number, cell: number): void {
    this.cell[id] = cell;
    if (this.blocks(id)) this.occupants.insert(id, cell);
    this.census.add(cell, this.weight(id));
    if (this.groups) this.groups.add(cell, this.groupWeight(id));
  }

  /** Takes an agent off its cell (the cell field keeps its old value). */
  lift(id: number): void {
    const cell = this.cell[id];
    if (cell < 0) return;
    if (this.blocks(id)) this.occupants.remove(id, cell);
    this.census.add(cell, -this.weight(id));
    if (this.groups) this.groups.add(cell, -this.groupWeight(id));
  }

  moveTo(id: number, cell: number): void {
    this.lift(id);
    this.place(id, cell);
  }

  /** Changes a citizen's state, keeping the census and counts in step. */
  setState(id: number, next: number): void {
    const prev = this.state[id];
    if (prev === next) return;
    const cell = this.cell[id];
    if (cell >= 0) this.lift(id);
    this.state[id] = next;
    if (cell >= 0) this.place(id, cell);
    if (prev === ACTIVE) this.nActive--;
    if (next === ACTIVE) this.nActive++;
    if (prev === JAILED) this.nJailed--;
    if (next === JAILED) this.nJailed++;
  }

  /** Quiet <-> active for a free citizen on the lattice: the hot path, kept minimal. */
  setActive(id: number, active: boolean): void {
    const was = this.state[id] === ACTIVE;
    if (was === active) return;
    this.state[id] = active ? ACTIVE : QUIET;
    const d = active ? 1 : -1;
    this.census.add(this.cell[id], d);
    this.nActive += d;
  }

  /** Removes an agent for good (killed or dead of age). */
  kill(id: number): void {
    this.lift(id);
    if (this.kind[id] === COP) this.nCops--;
    else {
      this.nCitizens--;
      if (this.state[id] === ACTIVE) this.nActive--;
      if (this.state[id] === JAILED) this.nJailed--;
      if (this.group[id] === GREEN) this.nGreen--;
      else this.nBlue--;
    }
    this.store.remove(id);
    this.populationChanged = true;
  }

  /** Number of agents a density gives on this grid, as the rule set counts (never per-cell here). */
  countFor(density: number): number {
    const x = density * this.cells;
    // The small allowance keeps 0.7 * 1600 at 1120 whatever the binary noise.
    return this.rules.setupCounts === 'floor' ? Math.floor(x + 1e-9) : Math.round(x);
  }
}
