import type { IdentifiabilityRow } from '../experiment/calibration/identifiability.js';
import { esc, fmt, table } from './html.js';
import type { ReadOnlyStore } from './open-store.js';
import type { ReportData } from './report-data.js';
import type { Section } from './sections.js';

/**
 * The calibration's identifiability: for each fitted parameter, its 90 % posterior interval
 * against its 90 % prior interval, and what that says (the `identifiability` table).
 */
export async function readIdentifiability(store: ReadOnlyStore): Promise<IdentifiabilityRow[]> {
  if (!store.tables.has('identifiability')) return [];
  const rows = await store.query('SELECT * FROM identifiability ORDER BY width_ratio, parameter');
  return rows.map((r) => ({
    parameter: String(r.parameter),
    prior: String(r.prior),
    prior_low: Number(r.prior_low),
    prior_high: Number(r.prior_high),
    posterior_mean: Number(r.posterior_mean),
    posterior_median: Number(r.posterior_median),
    posterior_low: Number(r.posterior_low),
    posterior_high: Number(r.posterior_high),
    width_ratio: Number(r.width_ratio),
    verdict: String(r.verdict) as IdentifiabilityRow['verdict'],
  }));
}

export function identifiabilitySection(d: ReportData): Section | null {
  const rows = d.identifiability ?? [];
  if (rows.length === 0) return null;
  const count = (v: IdentifiabilityRow['verdict']) => rows.filter((r) => r.verdict === v).length;
  const cells = rows.map((r) => [
    esc(r.parameter),
    esc(r.prior),
    esc(`${fmt(r.prior_low)} .. ${fmt(r.prior_high)}`),
    esc(`${fmt(r.posterior_median)} [${fmt(r.posterior_low)}, ${fmt(r.posterior_high)}]`),
    esc(fmt(r.width_ratio)),
    r.verdict === 'identified' ? esc(r.verdict) : `<b>${esc(r.verdict)}</b>`,
  ]);
  const note =
    `Width of the 90 % posterior interval divided by the width of the 90 % prior interval. Below 0.5 the targets pinned the parameter down (identified); ` +
    `from 0.8 on they left it about as uncertain as the prior (not identified: its value is still an assumption). ` +
    `${count('identified')} identified, ${count('weakly identified')} weakly identified, ${count('not identified')} not identified.`;
  const html = `<section id="identifiability"><h2>Identifiability of the calibrated parameters</h2>
<p class="note">${esc(note)}</p>
${table(['parameter', 'prior', 'prior 90 %', 'posterior median [90 %]', 'width ratio', 'verdict'], cells, { id: 'identifiability-table', numeric: [false, false, true, true, true] })}
</section>`;
  return { id: 'identifiability', title: 'Identifiability of the calibrated parameters', html, charts: [] };
}
