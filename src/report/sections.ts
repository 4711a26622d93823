import { attributionHeatmap } from './charts/attribution.js';
import { backtestChart } from './charts/backtest.js';
import { bandChart, groupBandsChart } from './charts/bands.js';
import { epsilonChart, posteriorChart } from './charts/calibration.js';
import { primTrajectoryChart } from './charts/prim.js';
import { morrisChart, sobolChart } from './charts/sensitivity.js';
import { figure } from './figure.js';
import { esc, fmt, pct, table } from './html.js';
import { rankMechanisms } from './mechanism-ranking.js';
import type { ReportData } from './report-data.js';
import type { RenderedChart } from './svg-chart.js';

/** A report section: its HTML and the charts it holds (also written as PNGs). */
export interface Section {
  readonly id: string;
  readonly title: string;
  readonly html: string;
  readonly charts: readonly RenderedChart[];
}


function section(id: string, title: string, body: string, charts: readonly RenderedChart[] = []): Section {
  const html = `<section id="${esc(id)}"><h2>${esc(title)}</h2>\n${body}\n${charts.length ? `<div class="charts">${charts.map(figure).join('\n')}</div>` : ''}</section>`;
  return { id, title, html, charts };
}

const groupBy = <T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> => {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    if (!m.has(k)) m.set(k, []);
    m.get(k)!.push(x);
  }
  return m;
};

export function assumptionsSection(d: ReportData): Section | null {
  if (d.parameters.length === 0 && !d.scenarioText) return null;
  const sourced = d.parameters.filter((p) => p.source && !/^assumed$/.test(p.source)).length;
  const rows = d.parameters.map((p) => [esc(p.path), esc(p.value), esc(p.unit), esc(p.source), esc(p.description)]);
  const body = [
    `<p class="note">${d.parameters.length} parameters; ${sourced} cite a source, the others are the scenario author's assumptions. Units and sources come from the model's schema.</p>`,
    d.parameters.length ? `<details><summary>Parameters (${d.parameters.length})</summary>${table(['parameter', 'value', 'unit', 'source', 'meaning'], rows, { id: 'parameters', numeric: [false, true] })}</details>` : '',
    d.scenarioText ? `<details><summary>Scenario as run</summary><pre>${esc(d.scenarioText)}</pre></details>` : '',
  ].join('\n');
  return section('assumptions', 'Scenario and assumptions', body);
}

export function bandsSections(d: ReportData): Section[] {
  const national = d.bands.filter((b) => b.group === null);
  const out: Section[] = [];
  if (national.length > 0) {
    out.push(
      section(
        'series',
        'Indicators over time',
        `<p class="note">Ensemble bands over the ${fmt(d.header.runsDone)} runs: 5-95 % (light), 25-75 % (dark) and the median line. Point at a chart, or Tab to it and use the arrow keys, for the values at a ${esc(d.stepName.split(' ')[0])}.</p>`,
        national.map((b) => bandChart(b, d.stepName, d.header.runsDone)),
      ),
    );
  }
  const grouped = groupBy(
    d.bands.filter((b) => b.group !== null),
    (b) => b.indicator,
  );
  if (grouped.size > 0) {
    const charts = [...grouped.entries()].map(([indicator, bands]) => groupBandsChart(indicator, bands[0].unit, bands, d.stepName));
    out.push(section('regions', 'By region', '<p class="note">The same bands per region. The panels of one indicator share one y axis, so a taller band is a larger number.</p>', charts));
  }
  return out;
}

export function targetsSection(d: ReportData): Section | null {
  if (d.targets.length === 0) return null;
  const range = (lo: number | null, hi: number | null) => (lo !== null && hi !== null ? `${fmt(lo)} .. ${fmt(hi)}` : lo !== null ? `> ${fmt(lo)}` : hi !== null ? `< ${fmt(hi)}` : '—');
  const badge = (p: boolean | null) => (p === null ? '—' : p ? '<span class="pass">pass</span>' : '<span class="fail">FAIL</span>');
  const rows = d.targets.map((t) => [esc(t.name), esc(fmt(t.value)), esc(range(t.low, t.high)), badge(t.pass), esc(t.description)]);
  const passed = d.targets.filter((t) => t.pass === true).length;
  return section(
    'targets',
    'Targets',
    `<p class="note">${d.targets.some((t) => t.pass !== null) ? `${passed} of ${d.targets.length} targets hold (the ensemble mean lies in the range).` : 'Calibration targets and the fitted value.'}</p>\n${table(['target', 'value', 'range', 'holds', 'claim and measure'], rows, {
      id: 'targets-table',
      numeric: [false, true, true],
      rowAttrs: (i) => ({ 'data-target': d.targets[i].name }),
    })}`,
  );
}

export function sensitivitySection(d: ReportData): Section | null {
  if (d.morris.length === 0 && d.sobol.length === 0) return null;
  const charts = [
    ...[...groupBy(d.morris, (r) => r.output)].map(([o, rows]) => morrisChart(o, rows)),
    ...[...groupBy(d.sobol, (r) => r.output)].map(([o, rows]) => sobolChart(o, rows)),
  ];
  const note = [
    d.morris.length ? 'Morris: mu* is the mean absolute elementary effect (per unit of the factor range), sigma its spread (non-linearity or interactions).' : '',
    d.sobol.length ? 'Sobol: S1 first-order and ST total indices with 95 % bootstrap intervals.' : '',
  ].join(' ');
  return section('sensitivity', 'Sensitivity', `<p class="note">${esc(note)}</p>`, charts);
}

export function calibrationSection(d: ReportData): Section | null {
  if (d.posterior.length === 0) return null;
  const charts = [...groupBy(d.posterior, (s) => s.parameter)].map(([p, s]) => posteriorChart(p, s));
  if (d.epsilons.length > 0) charts.push(epsilonChart(d.epsilons));
  const last = Math.max(...d.posterior.map((s) => s.generation));
  const rows = [...groupBy(d.posterior.filter((s) => s.generation === last), (s) => s.parameter)].map(([p, s]) => {
    const w = s.reduce((a, x) => a + x.weight, 0) || 1;
    const mean = s.reduce((a, x) => a + x.value * x.weight, 0) / w;
    const sd = Math.sqrt(s.reduce((a, x) => a + x.weight * (x.value - mean) ** 2, 0) / w);
    return [esc(p), esc(fmt(mean)), esc(fmt(sd)), esc(String(s.length))];
  });
  return section(
    'calibration',
    'Calibration (ABC-SMC)',
    `<p class="note">Weighted histograms of each parameter by generation (the last, in red, is the posterior).</p>${table(['parameter', 'posterior mean', 'posterior sd', 'particles'], rows, { id: 'posterior-table', numeric: [false, true, true, true] })}`,
    charts,
  );
}

export function backtestSection(d: ReportData): Section | null {
  if (d.backtest.length === 0 && d.backtestScores.length === 0) return null;
  const rows = d.backtestScores.map((s) => {
    const better = s.persistence === null ? '' : s.metric.startsWith('coverage') ? '' : s.model < s.persistence ? 'model' : 'persistence';
    return [esc(s.indicator), esc(s.metric), esc(fmt(s.model)), esc(fmt(s.persistence)), esc(better)];
  });
  return section(
    'backtest',
    'Back-test',
    `<p class="note">Forecast bands against the observed points; scores of the ensemble against persistence (the first observation carried forward). Lower interval score, CRPS and MAE are better.</p>${table(['indicator', 'score', 'model', 'persistence', 'better'], rows, { id: 'backtest-scores', numeric: [false, false, true, true] })}`,
    d.backtest.map((s) => backtestChart(s, d.stepName)),
  );
}

export function primSection(d: ReportData): Section | null {
  if (d.primSteps.length === 0 && d.primLimits.length === 0) return null;
  const rows = d.primLimits.map((l) => [esc(l.parameter), esc(fmt(l.low)), esc(fmt(l.high)), esc(l.restricted === false ? 'no' : 'yes')]);
  return section(
    'prim',
    'Scenario discovery (PRIM)',
    `<p class="note">The peeling trajectory trades coverage (share of the cases of interest inside the box) against density (share of the box's runs that are cases).</p>${table(['factor', 'low', 'high', 'restricted'], rows, { id: 'prim-limits', numeric: [false, true, true] })}`,
    d.primSteps.length ? [primTrajectoryChart(d.primSteps)] : [],
  );
}

export function attributionSection(d: ReportData): Section | null {
  if (d.attribution.length === 0) return null;
  const ranked = rankMechanisms(d.attribution);
  const list = ranked
    .map((m) => `<li data-mechanism="${esc(m.mechanism)}" data-effect="${m.effect}"><b>${esc(m.mechanism)}</b> ${esc(m.name)}: mean |change| ${esc(pct(m.effect).replace('+', ''))}</li>`)
    .join('\n');
  const rows = ranked.flatMap((m) =>
    d.attribution
      .filter((r) => r.mechanism === m.mechanism)
      .map((r) => [
        esc(`${r.mechanism} ${r.mechanismName}`),
        esc(r.indicator),
        esc(fmt(r.baseline)),
        esc(fmt(r.ablated)),
        esc(`${fmt(r.diff)} [${fmt(r.diffLow)}, ${fmt(r.diffHigh)}]`),
        esc(r.relative === null ? '—' : `${pct(r.relative)} [${pct(r.relativeLow)}, ${pct(r.relativeHigh)}]`),
      ]),
  );
  const n = d.attribution[0].replicates;
  return section(
    'attribution',
    'Mechanism attribution',
    `<p class="note">Each mechanism switched off in turn, ${n} replicates with the same seeds as the baseline (common random numbers). Mechanisms are ordered by the mean absolute relative change of the headline indicators, counting a change whose 95 % paired bootstrap interval of the difference includes zero as none.</p>
<ol id="attribution-order">${list}</ol>
<details><summary>All changes</summary>${table(['mechanism switched off', 'indicator', 'baseline', 'without it', 'difference [95 %]', 'relative [95 %]'], rows, { id: 'attribution-table', numeric: [false, false, true, true, true, true] })}</details>`,
    [attributionHeatmap(d.attribution, ranked)],
  );
}
