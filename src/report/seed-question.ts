import type { AttributionRow } from '../experiment/attribution.js';
import type { AttributionSettings } from '../experiment/schema.js';
import { errorBarSeries } from './charts/error-bars.js';
import { esc, fmt, table } from './html.js';
import type { ReadOnlyStore } from './open-store.js';
import type { ReportData } from './report-data.js';
import type { Section } from './sections.js';
import { sideBySideHtml } from './side-by-side.js';
import { renderChart, type RenderedChart } from './svg-chart.js';

/**
 * The seed's question, answered in a section of its own: does the repression after January
 * manufacture the next explosion? It shows, with 95 % intervals and the minimal detectable
 * effect, P(a new explosion by the horizon) with every repression-feedback mechanism off
 * against the default, against repression intensity, and the back-test if the store has one.
 * The words follow the numbers: an effect inside the noise is called that.
 */

export interface ArmPrecision {
  readonly arm: string;
  readonly name: string;
  readonly kind: string;
  readonly pairs: number;
  readonly stopReason: string;
  readonly criterion: string;
  readonly eventTarget: number | null;
  readonly halfWidth: number | null;
  readonly mde: number | null;
}

export interface SeedQuestionData {
  /** Rows of the group and sweep arms (attribution_arms). */
  readonly arms: readonly AttributionRow[];
  readonly precision: readonly ArmPrecision[];
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Reads the arms beyond single mechanisms and the precision each arm reached. */
export async function readSeedQuestion(store: ReadOnlyStore): Promise<SeedQuestionData> {
  const arms = store.tables.has('attribution_arms') ? (await store.query('SELECT * FROM attribution_arms')).map(rowOf) : [];
  const precision = store.tables.has('attribution_precision')
    ? (await store.query('SELECT * FROM attribution_precision')).map((r) => ({
        arm: String(r.arm),
        name: String(r.arm_name),
        kind: String(r.arm_kind),
        pairs: Number(r.pairs),
        stopReason: String(r.stop_reason),
        criterion: String(r.criterion),
        eventTarget: num(r.event_target),
        halfWidth: num(r.half_width),
        mde: num(r.mde),
      }))
    : [];
  return { arms, precision };
}

/** One stored attribution row (either table) as the report sees it. */
export function rowOf(r: Record<string, unknown>): AttributionRow {
  return {
    mechanism: String(r.mechanism),
    mechanismName: String(r.mechanism_name),
    indicator: String(r.indicator),
    baseline: Number(r.baseline_mean),
    ablated: Number(r.ablated_mean),
    diff: Number(r.diff),
    diffLow: Number(r.diff_low),
    diffHigh: Number(r.diff_high),
    relative: num(r.relative),
    relativeLow: num(r.relative_low),
    relativeHigh: num(r.relative_high),
    replicates: Number(r.replicates),
    sd: num(r.sd) ?? undefined,
    mde: num(r.mde) ?? undefined,
    estimator: (r.estimator ?? undefined) as AttributionRow['estimator'],
    stopReason: r.stop_reason === null || r.stop_reason === undefined ? undefined : String(r.stop_reason),
    baselineLow: num(r.baseline_low) ?? undefined,
    baselineHigh: num(r.baseline_high) ?? undefined,
    ablatedLow: num(r.ablated_low) ?? undefined,
    ablatedHigh: num(r.ablated_high) ?? undefined,
    armKind: (r.arm_kind ?? 'mechanism') as AttributionRow['armKind'],
    armValue: num(r.arm_value),
  };
}

const isEvent = (r: AttributionRow) => r.estimator === 'paired-binary' || r.estimator === 'hazard-cv';

/** The label of P(new event by the horizon): the last event headline. */
function horizonLabel(rows: readonly AttributionRow[]): string | null {
  const ev = rows.filter(isEvent);
  return ev.length ? ev[ev.length - 1].indicator : null;
}

const p3 = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(3));
const signed = (v: number) => `${v >= 0 ? '+' : ''}${v.toFixed(3)}`;
const ci = (lo: number | null | undefined, hi: number | null | undefined) => `[${p3(lo)}, ${p3(hi)}]`;

/** Plain words for a paired change: detected or not, against the smallest change the runs could see. */
export function verdict(r: AttributionRow): string {
  const mde = r.mde ?? NaN;
  if (r.diffLow > 0) return `raises it by ${signed(r.diff).slice(1)} (95 % CI ${ci(r.diffLow, r.diffHigh)})`;
  if (r.diffHigh < 0) return `lowers it by ${Math.abs(r.diff).toFixed(3)} (95 % CI ${ci(r.diffLow, r.diffHigh)})`;
  return `changes it by no detectable amount: ${signed(r.diff)} (95 % CI ${ci(r.diffLow, r.diffHigh)}); with ${r.replicates} pairs a change smaller than ${p3(mde)} would likely go unseen`;
}

/** Lines for the terminal and the report: the precision the attribution reached, said plainly. */
export function precisionStatement(rows: readonly AttributionRow[], settings?: Pick<AttributionSettings, 'criterion' | 'event_precision'>): string[] {
  const label = horizonLabel(rows);
  if (!label) return [];
  const ev = rows.filter((r) => r.indicator === label);
  const mdes = ev.map((r) => r.mde ?? NaN).filter(Number.isFinite);
  const pairs = ev.map((r) => r.replicates);
  const reached = ev.filter((r) => r.stopReason === 'precision').length;
  const estimator = ev[0].estimator === 'hazard-cv' ? 'the 0/1 indicator with the model\'s hazard compensator as a control variate (conditional Monte Carlo)' : 'the 0/1 indicator (the model reports no hazard, so no variance reduction beyond pairing)';
  const lines = [
    `Precision: ${label} is resolved to a minimal detectable effect (80 % power, 5 % level) of ${p3(Math.min(...mdes))}-${p3(Math.max(...mdes))} with ${Math.min(...pairs)}-${Math.max(...pairs)} paired runs per arm (common random numbers), estimated by ${estimator}.`,
  ];
  if (settings && settings.event_precision !== null) {
    lines.push(`${reached} of ${ev.length} arms reached the target (${settings.criterion === 'mde' ? 'MDE' : '95 % half-width'} <= ${settings.event_precision}); the others stopped at max_pairs.`);
  }
  return lines;
}

export function seedQuestionSection(d: ReportData & { readonly seedQuestion?: SeedQuestionData }): Section | null {
  const q = d.seedQuestion;
  const all = [...d.attribution, ...(q?.arms ?? [])];
  const label = horizonLabel(all);
  if (!label || !q) return null;
  const ev = all.filter((r) => r.indicator === label);
  const base = ev[0];
  const parts: string[] = [];
  parts.push(
    `<p id="seed-baseline">In the scenario as it stands, ${esc(label)} is <b>${p3(base.baseline)}</b> (95 % CI ${ci(base.baselineLow, base.baselineHigh)}, ${base.replicates}+ runs).</p>`,
  );
  const groups = ev.filter((r) => r.armKind === 'group');
  for (const g of groups) {
    parts.push(
      `<p class="seed-group" data-arm="${esc(g.mechanism)}">With ${esc(g.mechanismName)}, it is <b>${p3(g.ablated)}</b> (95 % CI ${ci(g.ablatedLow, g.ablatedHigh)}): switching them off ${esc(verdict(g))}. Minimal detectable effect ${p3(g.mde)} with ${g.replicates} pairs.</p>`,
    );
  }
  const singles = ev.filter((r) => r.armKind === 'mechanism');
  const detected = singles.filter((r) => r.diffLow > 0 || r.diffHigh < 0);
  if (singles.length > 0) {
    const mdeRange = `${p3(Math.min(...singles.map((r) => r.mde ?? NaN)))}-${p3(Math.max(...singles.map((r) => r.mde ?? NaN)))}`;
    parts.push(
      detected.length === 0
        ? `<p>One mechanism at a time: switching off none of them changes it detectably (minimal detectable effects ${mdeRange}).</p>`
        : `<p>One mechanism at a time: switching off ${detected.map((r) => `${esc(r.mechanism)} ${esc(r.mechanismName)} (${signed(r.diff)}, CI ${ci(r.diffLow, r.diffHigh)})`).join(', ')} changes it detectably; no other does (minimal detectable effects ${mdeRange}).</p>`,
    );
  }
  const sweep = ev.filter((r) => r.armKind === 'sweep').sort((a, b) => (a.armValue ?? 0) - (b.armValue ?? 0));
  const charts: RenderedChart[] = [];
  if (sweep.length > 0) {
    const name = sweep[0].mechanismName.replace(/\s+\S+$/, '');
    const rows = sweep.map((r) => [esc(fmt(r.armValue)), esc(p3(r.ablated)), esc(ci(r.ablatedLow, r.ablatedHigh)), esc(`${signed(r.diff)} ${ci(r.diffLow, r.diffHigh)}`), esc(p3(r.mde)), esc(String(r.replicates))]);
    rows.push(['as in the scenario', esc(p3(base.baseline)), esc(ci(base.baselineLow, base.baselineHigh)), '', '', esc(String(base.replicates))]);
    const lo = sweep[0];
    const hi = sweep[sweep.length - 1];
    const apart = (lo.ablatedLow ?? 0) > (hi.ablatedHigh ?? 1) || (hi.ablatedLow ?? 0) > (lo.ablatedHigh ?? 1);
    parts.push(`<h3>${esc(label)} against ${esc(name)}</h3>`);
    parts.push(
      `<p id="seed-sweep-words">At ${esc(name)} ${esc(fmt(lo.armValue))} it is ${p3(lo.ablated)} ${ci(lo.ablatedLow, lo.ablatedHigh)}; at ${esc(fmt(hi.armValue))} it is ${p3(hi.ablated)} ${ci(hi.ablatedLow, hi.ablatedHigh)}: ${apart ? (lo.ablated > hi.ablated ? `more ${esc(name)} means fewer explosions in this model` : `more ${esc(name)} means more explosions in this model`) : 'the intervals overlap, so the model does not tell these apart'}.</p>`,
    );
    parts.push(
      table([name, 'P', '95 % CI', 'change from the scenario [95 % CI]', 'MDE (80 %)', 'pairs'], rows, {
        id: 'seed-sweep',
        numeric: [true, true, false, false, true, true],
        rowAttrs: (i) => ({ 'data-value': i < sweep.length ? String(sweep[i].armValue) : 'scenario' }),
      }),
    );
    charts.push(sweepChart(label, name, base, sweep));
  }
  if (d.sideBySide) parts.push(sideBySideHtml(d.sideBySide));
  else if (d.backtestScores.length > 0) {
    const rows = d.backtestScores.map((s) => [esc(s.indicator), esc(s.metric), esc(fmt(s.model)), esc(fmt(s.persistence))]);
    parts.push(`<h3>Back-test</h3>${table(['indicator', 'score', 'model', 'persistence'], rows, { id: 'seed-backtest', numeric: [false, false, true, true] })}`);
  } else parts.push('<p class="note">No observed file was given, so there is no back-test here: <code>npx powderkeg --observed FILE</code> scores this scenario and the seed\'s side by side on figures they were not fitted to.</p>');
  if (q.precision.length > 0) {
    const rows = q.precision.map((p) => [esc(p.arm), esc(p.name), esc(String(p.pairs)), esc(p3(p.halfWidth)), esc(p3(p.mde)), esc(p.stopReason)]);
    parts.push(
      `<details open><summary>Precision reached (target: ${esc(q.precision[0].criterion === 'mde' ? 'MDE' : '95 % half-width')} <= ${esc(p3(q.precision[0].eventTarget))} on ${esc(label)})</summary>${table(['arm', 'what it changes', 'pairs', '95 % half-width', 'MDE (80 %)', 'stopped by'], rows, { id: 'attribution-precision', numeric: [false, false, true, true, true, false] })}</details>`,
    );
  }
  for (const line of precisionStatement(all)) parts.push(`<p class="note" id="seed-precision">${esc(line)}</p>`);
  const html = `<section id="seed-question"><h2>Does the crackdown make the next explosion?</h2>\n${parts.join('\n')}\n${charts.length ? `<div class="charts">${charts.map((c) => `<figure class="chart" data-chart="${esc(c.id)}" aria-label="${esc(c.title)}">${c.svg}</figure>`).join('\n')}</div>` : ''}</section>`;
  return { id: 'seed-question', title: 'Does the crackdown make the next explosion?', html, charts };
}

function sweepChart(label: string, name: string, base: AttributionRow, sweep: readonly AttributionRow[]): RenderedChart {
  const cats = sweep.map((r) => fmt(r.armValue));
  return renderChart('seed-sweep', `${label} against ${name}`, {
    title: { text: `${label} against ${name}`, subtext: `bars: 95 % CI; dashed: the scenario as it stands (${p3(base.baseline)})`, left: 'center', textStyle: { fontSize: 14 }, subtextStyle: { fontSize: 11 } },
    grid: { left: 60, right: 24, top: 64, bottom: 56 },
    xAxis: { type: 'category', data: cats, name, nameLocation: 'middle', nameGap: 30 },
    yAxis: { type: 'value', min: 0, max: 1, name: 'probability' },
    series: [
      { type: 'scatter', name: 'P', symbolSize: 10, itemStyle: { color: '#b5452b' }, data: sweep.map((r) => r.ablated), markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#555' }, data: [{ yAxis: base.baseline }] } },
      errorBarSeries('95 % CI', sweep.map((r, i) => [i, r.ablatedLow ?? r.ablated, r.ablatedHigh ?? r.ablated] as const), 0),
    ],
  });
}
