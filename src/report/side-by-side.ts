import { esc, fmt, table } from './html.js';
import type { ReportData, SideBySideBacktest } from './report-data.js';
import type { Section } from './sections.js';

const name = (file: string) => (file.split('/').pop() ?? file).replace(/\.ya?ml$/, '');
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(100 * x)} %`);
const two = (x: number | null) => (x === null ? '—' : x.toFixed(2));

/**
 * The back-test of the scenarios side by side: which one the observed figures favour and by
 * what rule, each scenario's standing, then every figure with each scenario's forecast (the
 * lowest CRPS in bold). Figures that are also calibration figures are marked as in sample.
 */
export function sideBySideHtml(b: SideBySideBacktest): string {
  const favoured = b.standings.find((s) => s.favoured);
  const reason = b.standings[0]?.reason;
  const file = b.standings[0]?.observedFile ?? '';
  const scenarios = b.standings.map((s) => s.scenario);
  const verdict =
    scenarios.length < 2
      ? ''
      : favoured
        ? `The observed figures favour <strong>${esc(name(favoured.scenario))}</strong>${reason ? `: ${esc(reason)}` : ''}.`
        : `The observed figures favour neither scenario${reason ? `: ${esc(reason)}` : ''}.`;
  const standings = table(
    ['scenario', 'replicates', 'figures scored', 'covered by the 90 % interval', 'skill vs persistence', 'relative CRPS (1 = average)', 'figures won'],
    b.standings.map((s) => [esc(name(s.scenario)), esc(String(s.replicates)), esc(String(s.figures)), esc(pct(s.coverage)), esc(two(s.skill)), esc(two(s.relativeCrps)), esc(s.rowsWon === null ? '—' : String(s.rowsWon))]),
    { id: 'backtest-standings', numeric: [false, true, true, true, true, true, true] },
  );
  const keys = [...new Set(b.figures.map((f) => `${f.indicator}\u0000${f.time}`))];
  const rows = keys.map((key) => {
    const [indicator, time] = key.split('\u0000');
    const here = b.figures.filter((f) => f.indicator === indicator && f.time === time);
    const best = Math.min(...here.map((f) => f.crps));
    const first = here[0];
    return [
      esc(indicator),
      `${esc(time)}${first.inCalibration ? ' (in calibration)' : ''}`,
      esc(`${fmt(first.value)} [${fmt(first.low)}, ${fmt(first.high)}]`),
      ...scenarios.map((sc) => {
        const f = here.find((x) => x.scenario === sc);
        if (!f) return '—';
        const crps = esc(fmt(f.crps));
        return `${esc(`${fmt(f.mean)} [${fmt(f.p05)}, ${fmt(f.p95)}]`)} ${f.covered ? 'covered' : '<strong>missed</strong>'}; CRPS ${here.length > 1 && f.crps === best ? `<strong>${crps}</strong>` : crps}`;
      }),
    ];
  });
  const figures = table(['indicator', 'date', 'observed [low, high]', ...scenarios.map((s) => `${name(s)}: mean [5 %, 95 %]`)], rows, {
    id: 'backtest-side-by-side',
    numeric: [false, false, true, ...scenarios.map(() => false)],
  });
  const inSample = keys.filter((key) => b.figures.some((f) => `${f.indicator}\u0000${f.time}` === key && f.inCalibration)).length;
  const sample =
    inSample === 0
      ? 'none of them is a calibration figure, so every one tests the forecasts out of sample.'
      : `${inSample} of these ${keys.length} figures are also calibration figures (marked), which a scenario may have been fitted to: only the other ${keys.length - inSample} test the forecasts out of sample.`;
  const missing = [...new Set(b.standings.flatMap((s) => s.missing.split(', ').filter(Boolean)))];
  return [
    `<h3>Back-test, side by side</h3>`,
    `<p id="backtest-verdict">Scored on the figures of ${esc(file)}; ${esc(sample)} ${verdict} The relative CRPS divides each figure's CRPS by that figure's mean over the scenarios, so indicators in different units count alike.</p>`,
    standings,
    figures,
    missing.length ? `<p class="note">Indicators of the file the model does not have: ${esc(missing.join(', '))}.</p>` : '',
  ].join('\n');
}

/** Its own section when there is no seed-question section to hold it (a store without an attribution). */
export function sideBySideSection(d: ReportData, seedQuestionShown: boolean): Section | null {
  if (!d.sideBySide || seedQuestionShown) return null;
  return { id: 'backtest-side-by-side', title: 'Back-test, side by side', html: `<section id="backtest-compare"><h2>Back-test, side by side</h2>\n${sideBySideHtml(d.sideBySide)}</section>`, charts: [] };
}
