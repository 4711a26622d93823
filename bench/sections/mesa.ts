import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { lastJsonLine, runChild } from '../child.js';
import type { BenchContext, Section } from '../section.js';
import { median } from '../stats.js';
import type { Table, TableColumn, Value } from '../table.js';

const SIDE = 200;
/** Mesa needs about a second a step at 200 x 200: few steps, amortising its start-up less than ours. */
const MESA_STEPS = { full: 10, quick: 2 };
const TS_STEPS = { full: 300, quick: 20 };
const TARGET = 1000;
const PYTHON = 'python3';
const TITLE = `Mesa's own Epstein example vs powderkeg run, ${SIDE}x${SIDE}, Run 2 parameters`;
const fixed = (digits: number) => (v: Value) => (typeof v === 'number' ? v.toFixed(digits) : String(v));

const COLUMNS: readonly TableColumn[] = [
  { key: 'impl', label: 'implementation' },
  { key: 'steps', label: 'steps' },
  { key: 'wholeSeconds', label: 'process s', format: fixed(2) },
  { key: 'wholePerStep', label: 'process s/step', format: fixed(5) },
  { key: 'stepsPerStep', label: 'steps-only s/step', format: fixed(5) },
];

function hasMesa(): string | null {
  const r = spawnSync(PYTHON, ['-c', 'import mesa; print(mesa.__version__)'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** Installs Mesa with pip if it is missing (not in quick mode); returns its version or why not. */
function ensureMesa(ctx: BenchContext): { version: string } | { reason: string } {
  const found = hasMesa();
  if (found !== null) return { version: found };
  if (spawnSync(PYTHON, ['--version']).status !== 0) return { reason: `${PYTHON} is not installed` };
  if (ctx.quick) return { reason: 'Mesa is not installed (quick mode does not try to install it)' };
  ctx.log('mesa: not installed; trying pip install mesa');
  const pip = spawnSync(PYTHON, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', 'mesa'], { encoding: 'utf8', timeout: 180_000 });
  const again = hasMesa();
  if (again !== null) return { version: again };
  const why = (pip.stderr || pip.stdout || '').trim().split('\n').slice(-1)[0] ?? '';
  return { reason: `Mesa is not installed and \`${PYTHON} -m pip install mesa\` failed (${why || `exit ${pip.status}`})` };
}

/**
 * The issue's comparison: per step, whole process, Mesa's bundled example against `powderkeg
 * run`. Mesa comes from PyPI; where it cannot be installed the section says so loudly instead
 * of reporting a figure.
 */
export const mesaSection: Section = {
  name: 'mesa',
  async run(ctx: BenchContext): Promise<Table> {
    const mesa = ensureMesa(ctx);
    if ('reason' in mesa) {
      return {
        title: TITLE,
        columns: [],
        rows: [],
        notes: [`!!! MESA NOT MEASURED: ${mesa.reason}. Install Mesa 3 (pip install mesa) and rerun \`node dist/bench/index.js --only mesa\`.`],
        checks: [{ name: `Mesa per step / powderkeg per step (whole process), ${SIDE}x${SIDE}`, target: `>= ${TARGET}`, measured: 'not measured', pass: null }],
      };
    }
    const bin = join(ctx.root, 'bin', 'powderkeg.js');
    if (!existsSync(join(ctx.root, 'dist', 'src', 'cli', 'main.js'))) throw new Error('dist/src/cli/main.js is missing: run npm run build');
    const script = join(ctx.root, 'bench', 'mesa', 'epstein_mesa.py');
    const scenario = join(ctx.root, 'scenarios', 'epstein', 'run2.yaml');
    const mesaSteps = ctx.quick ? MESA_STEPS.quick : MESA_STEPS.full;
    const tsSteps = ctx.quick ? TS_STEPS.quick : TS_STEPS.full;
    const m = { whole: [] as number[], steps: [] as number[] };
    const t = { whole: [] as number[], steps: [] as number[] };
    let parameters: string[] = [];
    for (let round = 0; round < ctx.rounds; round++) {
      ctx.log(`mesa: round ${round + 1}/${ctx.rounds}`);
      const r = await runChild(PYTHON, [script, String(SIDE), String(SIDE), String(mesaSteps), String(round + 1)], { timeoutMs: 30 * 60_000 });
      const out = lastJsonLine<{ stepSeconds: number; parameters: string[]; error?: string }>(r, 'Mesa run');
      if (out.error) return { title: TITLE, columns: [], rows: [], notes: [`!!! MESA NOT MEASURED: ${out.error}`], checks: [] };
      parameters = out.parameters;
      m.whole.push(r.wallSeconds / mesaSteps);
      m.steps.push(out.stepSeconds / mesaSteps);
      const args = [bin, 'run', scenario, '--set', `grid.width=${SIDE}`, '--set', `grid.height=${SIDE}`, '--steps', String(tsSteps), '--seed', String(round + 1), '--json'];
      const p = await runChild(process.execPath, args, { timeoutMs: 10 * 60_000 });
      if (p.code !== 0) throw new Error(`powderkeg run exited with ${p.code}: ${p.stderr.trim()}`);
      const summary = JSON.parse(p.stdout) as { seconds: number };
      t.whole.push(p.wallSeconds / tsSteps);
      t.steps.push(summary.seconds / tsSteps);
    }
    const ratio = median(m.whole) / median(t.whole);
    return {
      title: TITLE,
      columns: COLUMNS,
      rows: [
        { impl: `Mesa ${mesa.version}`, steps: mesaSteps, wholeSeconds: median(m.whole) * mesaSteps, wholePerStep: median(m.whole), stepsPerStep: median(m.steps) },
        { impl: 'powderkeg run', steps: tsSteps, wholeSeconds: median(t.whole) * tsSteps, wholePerStep: median(t.whole), stepsPerStep: median(t.steps) },
        { impl: 'ratio Mesa / powderkeg', steps: null, wholeSeconds: null, wholePerStep: ratio, stepsPerStep: median(m.steps) / median(t.steps) },
      ],
      notes: [`Mesa's example (mesa.examples.advanced.epstein_civil_violence) given ${parameters.join(', ')}; median of ${ctx.rounds} rounds`],
      checks: [{ name: `Mesa per step / powderkeg per step (whole process), ${SIDE}x${SIDE}`, target: `>= ${TARGET}`, measured: ratio.toFixed(0), pass: ratio >= TARGET }],
    };
  },
};
