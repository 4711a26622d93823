import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveSeed } from '../src/engine/random.js';
import { aftermath, type AftermathScenario } from '../src/models/aftermath/index.js';
import { gather } from '../src/models/aftermath/core/sparks.js';
import type { Stages } from '../src/models/aftermath/mechanism.js';
import { m11 } from '../src/models/aftermath/mechanisms/m11-bomb.js';
import { AftermathModel } from '../src/models/aftermath/model.js';
import { parseScenarioText } from '../src/scenario/validate.js';
import { findRoot } from './paths.js';

/**
 * Would control variates built from the trigger arrivals reduce the variance of P(new explosion)?
 * Each candidate is an exact zero-mean martingale: a spark's indicator (or size) minus its known
 * mean, summed over region-weeks up to the first new explosion, optionally weighted by something
 * known at the start of the week. Their R^2 against the 0/1 outcome (one arm) and against the
 * paired difference (an arm against the baseline, common random numbers) is the share of the
 * variance they would remove. Measured result in docs/calibration.md (stage 0).
 *
 *   npm run build && node dist/bench/aftermath-spark-controls.js [runs] [arm]
 */
interface Outcome {
  readonly y: number;
  readonly controls: readonly number[];
  /** The run's explosions and final census, to check that the recording copy changed nothing. */
  readonly trace: string;
}

const AFTER = 4;

function runOne(sc: AftermathScenario, seed: number, disable: readonly string[], record = true): Outcome {
  const m = new AftermathModel(sc, seed, { disable });
  const w = m.world;
  const p = sc.mechanisms.M11;
  const c = [0, 0, 0];
  let open = true;
  const stage = w.plan.stages.sparks as Stages['sparks'][];
  const at = stage.indexOf(m11.stages!.sparks!);
  if (at < 0 && !disable.includes('M11')) throw new Error("M11's random sparks are not in the plan");
  // The same draws as M11's randomSparks, in the same order, recording the martingale terms.
  if (at >= 0 && record)
    stage[at] = (world) => {
      const rng = world.rng.bomb;
      const t = world.week - world.origin;
      for (let r = 0; r < world.nRegions; r++) {
        const spark = rng.random() < p.sparkRate;
        const size = spark ? -Math.log(1 - rng.random()) * p.sparkSize : 0;
        if (t > AFTER && open) {
          const minded = world.census.protestMinded[r] / Math.max(1, world.census.home[r]);
          c[0] += (spark ? 1 : 0) - p.sparkRate;
          c[1] += size - p.sparkRate * p.sparkSize;
          c[2] += ((spark ? 1 : 0) - p.sparkRate) * minded * 100;
        }
        if (spark) gather(world, r, size, p.sparkReach);
      }
    };
  let y = 0;
  for (let s = 0; s < sc.horizon; s++) {
    m.step();
    if (open && m.explosions.some((e) => e.step > AFTER)) {
      open = false;
      y = 1;
    }
  }
  return { y, controls: c, trace: JSON.stringify([m.explosions, w.census]) };
}

/** 1 - Var(residual) / Var(y) of the least-squares fit of y on an intercept and the columns. */
export function rSquared(y: readonly number[], columns: readonly (readonly number[])[]): number {
  const k = columns.length + 1;
  const row = (i: number) => [1, ...columns.map((col) => col[i])];
  const xtx = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const xty = new Array<number>(k).fill(0);
  for (let i = 0; i < y.length; i++) {
    const x = row(i);
    for (let a = 0; a < k; a++) {
      xty[a] += x[a] * y[i];
      for (let b = 0; b < k; b++) xtx[a][b] += x[a] * x[b];
    }
  }
  const beta = solve(xtx, xty);
  const mean = y.reduce((s, v) => s + v, 0) / y.length;
  let res = 0;
  let tot = 0;
  for (let i = 0; i < y.length; i++) {
    const x = row(i);
    const fit = x.reduce((s, v, a) => s + v * beta[a], 0);
    res += (y[i] - fit) ** 2;
    tot += (y[i] - mean) ** 2;
  }
  return tot > 0 ? 1 - res / tot : 0;
}

/** Gaussian elimination with partial pivoting; a singular column gets coefficient 0. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((r, i) => [...r, b[i]]);
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[piv][col])) piv = r;
    [m[col], m[piv]] = [m[piv], m[col]];
    if (Math.abs(m[col][col]) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r][col] / m[col][col];
      for (let c = col; c <= n; c++) m[r][c] -= f * m[col][c];
    }
  }
  return m.map((r, i) => (Math.abs(r[i]) < 1e-12 ? 0 : r[n] / r[i]));
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 240);
  const arm = process.argv[3] ?? 'M5';
  const file = join(findRoot(), 'scenarios', 'kazakhstan-2022.yaml');
  const sc = parseScenarioText(readFileSync(file, 'utf8'), file, { models: [aftermath], set: ['scale=1000'] }).scenario as AftermathScenario;
  if (runOne(sc, deriveSeed(2022, 0, 0), [], false).trace !== runOne(sc, deriveSeed(2022, 0, 0), []).trace)
    throw new Error("the recording copy of M11's sparks changed the run: it must make the same draws in the same order");
  const base: Outcome[] = [];
  const changed: Outcome[] = [];
  for (let r = 0; r < runs; r++) {
    const seed = deriveSeed(2022, 0, r);
    base.push(runOne(sc, seed, []));
    changed.push(runOne(sc, seed, [arm]));
    if (process.stderr.isTTY) process.stderr.write(`\r${r + 1}/${runs} pairs`);
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  const names = ['spark count', 'spark size', 'count x protest-minded share'];
  const col = (xs: Outcome[], j: number) => xs.map((x) => x.controls[j]);
  const y = base.map((x) => x.y);
  const d = changed.map((x, i) => x.y - base[i].y);
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  console.log(`${runs} pairs at 1,000 people per agent: P(new explosion) baseline ${mean(y).toFixed(3)}, ${arm} off ${mean(changed.map((x) => x.y)).toFixed(3)}`);
  for (let j = 0; j < names.length; j++) {
    const single = rSquared(y, [col(base, j)]);
    const paired = rSquared(d, [col(base, j), col(changed, j).map((v, i) => v - base[i].controls[j])]);
    console.log(`  ${names[j].padEnd(30)} R^2 one arm ${(100 * single).toFixed(1)} %, paired difference ${(100 * paired).toFixed(1)} %`);
  }
  const all = rSquared(d, [0, 1, 2].flatMap((j) => [col(base, j), col(changed, j)]));
  console.log(`  all three, both arms             R^2 paired difference ${(100 * all).toFixed(1)} %`);
}

if (process.argv[1]?.endsWith('aftermath-spark-controls.js')) await main();
