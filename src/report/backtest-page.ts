import type { BacktestResult, Comparison } from '../experiment/backtest/index.js';
import { backtestCompareChart } from './charts/backtest-compare.js';
import { figure, TOOLTIP_SCRIPT } from './figure.js';
import { esc, fmt, STYLE, table } from './html.js';

/**
 * `powderkeg backtest ... --report FILE`: the scenarios next to each other on the same observed
 * figures. Where they differ, figure by figure, and which one the back-test favours, with the
 * rule it used. A standalone page, like the report: no network, readable without JavaScript.
 */
export function backtestPage(results: readonly BacktestResult[], comparison: Comparison | null, observedFile: string): string {
  const names = results.map((r) => r.scenario);
  const keys = [...new Set(results.flatMap((r) => r.rows.map((x) => `${x.indicator}\u0000${x.time}`)))].sort();
  const rows = keys.map((k) => {
    const [indicator, time] = k.split('\u0000');
    const cells = results.map((r) => r.rows.find((x) => x.indicator === indicator && x.time === time));
    const seen = cells.find((x) => x !== undefined)!;
    const best = Math.min(...cells.map((x) => (x ? x.crps : Infinity)));
    return [
      esc(indicator),
      esc(time),
      `${esc(fmt(seen.value))} [${esc(fmt(seen.low))}, ${esc(fmt(seen.high))}]`,
      ...cells.flatMap((x) =>
        x
          ? [`${esc(fmt(x.mean))} [${esc(fmt(x.p05))}, ${esc(fmt(x.p95))}]`, x.covered ? 'yes' : '<b>no</b>', x.crps === best && cells.length > 1 ? `<b>${esc(fmt(x.crps))}</b>` : esc(fmt(x.crps))]
          : ['—', '—', '—'],
      ),
    ];
  });
  const head = ['indicator', 'date', 'observed [low, high]', ...names.flatMap((n) => [`${n}: mean [5 %, 95 %]`, 'covered', 'CRPS'])];
  const standings = comparison
    ? table(
        ['scenario', 'mean relative CRPS (lower is better)', 'figures won', 'coverage', 'skill vs persistence'],
        comparison.standings.map((s) => [esc(s.scenario), esc(fmt(s.relative_crps)), esc(String(s.rows_won)), esc(s.coverage === null ? '—' : `${Math.round(s.coverage * 100)} %`), esc(fmt(s.skill))]),
        { id: 'standings', numeric: [false, true, true, true, true] },
      )
    : '';
  const verdict = comparison
    ? `<p id="verdict"><b>${comparison.favoured ? `The back-test favours ${esc(comparison.favoured)}` : 'The back-test favours neither'}</b>: ${esc(comparison.reason)}.</p>`
    : '<p id="verdict">One scenario only: nothing to compare.</p>';
  const indicators = [...new Set(keys.map((k) => k.split('\u0000')[0]))];
  const missing = [...new Set(results.flatMap((r) => r.missing))];
  const facts = results.map((r) => `<li>${esc(r.scenario)}: ${r.rows.length} figures scored, ${r.replicates} replicates (seed ${r.seed})${r.failed ? `, ${r.failed} failed` : ''}</li>`).join('');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>powderkeg back-test: ${esc(names.join(' vs '))}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${STYLE}</style></head>
<body>
<header><h1>Back-test: ${esc(names.join(' beside '))}</h1>
<p>Observed figures from ${esc(observedFile)}. A figure is covered when its range overlaps the scenario's 90 % interval; CRPS scores the whole ensemble against the observed value (lower is better, the best of each row in bold).</p>
<ul>${facts}</ul></header>
<main>
<section id="comparison"><h2>Which scenario the figures favour</h2>
${verdict}
${standings}
</section>
<section id="figures"><h2>Figure by figure</h2>
${table(head, rows, { id: 'side-by-side' })}
${missing.length ? `<p class="note" id="missing">Not in the model, so not scored: ${esc(missing.join(', '))}.</p>` : ''}
<div class="charts">${indicators.map((i) => figure(backtestCompareChart(i, results, shortNames(names)))).join('\n')}</div>
</section>
</main>
<script>${TOOLTIP_SCRIPT}</script>
</body></html>
`;
}

/** Legends have room for file names, not paths; a path is kept where two names would clash. */
function shortNames(names: readonly string[]): string[] {
  const base = names.map((n) => n.split(/[\\/]/).pop()!.replace(/\.ya?ml$/, ''));
  return new Set(base).size === base.length ? base : [...names];
}
