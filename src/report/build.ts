import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { seedQuestionSection } from './seed-question.js';
import { sideBySideSection } from './side-by-side.js';
import { TOOLTIP_SCRIPT } from './figure.js';
import { esc, fmt, STYLE } from './html.js';
import { svgToPng } from './png.js';
import { readStore } from './read-store.js';
import { identifiabilitySection } from './identifiability-section.js';
import type { ReportData } from './report-data.js';
import {
  assumptionsSection,
  attributionSection,
  backtestSection,
  bandsSections,
  calibrationSection,
  primSection,
  sensitivitySection,
  targetsSection,
  type Section,
} from './sections.js';

export interface BuildReportOptions {
  /** HTML file to write (default: the store's name with .html). */
  readonly out?: string;
  /** Also write each chart as `<chart id>.png` here. */
  readonly pngDir?: string;
}

export interface BuiltReport {
  readonly out: string;
  readonly charts: number;
  readonly sections: readonly string[];
  readonly pngs: readonly string[];
  readonly complete: boolean;
}

export interface RenderedReport {
  readonly html: string;
  readonly sections: readonly Section[];
  readonly complete: boolean;
}

/** The report page of a store, in memory (`powderkeg serve` answers it on demand). */
export async function renderReport(db: string): Promise<RenderedReport> {
  const data = await readStore(db);
  const sections = reportSections(data);
  return { html: stableSvgIds(renderPage(data, sections)), sections, complete: data.header.complete };
}

export async function buildReport(db: string, options: BuildReportOptions = {}): Promise<BuiltReport> {
  const { html, sections, complete } = await renderReport(db);
  const out = options.out ?? db.replace(/\.duckdb$/, '') + '.html';
  await writeFileAtomic(out, html);
  const pngs: string[] = [];
  if (options.pngDir) {
    for (const c of sections.flatMap((s) => s.charts)) {
      const file = join(options.pngDir, `${c.id.replace(/[^A-Za-z0-9_.-]+/g, '_')}.png`);
      await writeFileAtomic(file, svgToPng(c.svg));
      pngs.push(file);
    }
  }
  return { out, charts: sections.reduce((n, s) => n + s.charts.length, 0), sections: sections.map((s) => s.id), pngs, complete };
}

/** Sections in reading order; a section is present only when the store has its data. */
export function reportSections(d: ReportData): Section[] {
  const seedQuestion = seedQuestionSection(d);
  return [
    targetsSection(d),
    attributionSection(d),
    seedQuestion,
    sideBySideSection(d, seedQuestion !== null),
    ...bandsSections(d),
    sensitivitySection(d),
    calibrationSection(d),
    identifiabilitySection(d),
    backtestSection(d),
    primSection(d),
    assumptionsSection(d),
  ].filter((s): s is Section => s !== null);
}

export function renderPage(d: ReportData, sections: readonly Section[]): string {
  const h = d.header;
  const status = h.complete
    ? `<span class="status complete" id="status">complete</span>`
    : `<span class="status incomplete" id="status">INCOMPLETE: ${fmt(h.runsDone)} of ${fmt(h.runsExpected)} runs done</span>`;
  const facts: [string, string][] = [
    ['kind', h.kind],
    ['model', h.model],
    ['seed', h.seed],
    ['powderkeg', h.powderkegVersion],
    ['started', h.startedAt],
    ['finished', h.finishedAt || '—'],
    ['runs', `${fmt(h.runsDone)} of ${fmt(h.runsExpected)}${h.kind === 'calibration' ? ' (expected: an estimate)' : ''}`],
    ['store', h.file],
  ];
  if (d.attribution.length > 0) {
    const mechanisms = new Set(d.attribution.map((r) => r.mechanism)).size;
    facts.splice(7, 0, ['attribution', `${mechanisms} mechanisms switched off, ${d.attribution[0].replicates} paired runs each`]);
  }
  const warnings = d.warnings.length ? `<div class="warnings" id="warnings"><b>Notes</b><ul>${d.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul></div>` : '';
  const empty = sections.length === 0 ? '<p class="note" id="empty">This store has no results to show yet.</p>' : '';
  const nav = sections.map((s) => `<a href="#${esc(s.id)}">${esc(s.title)}</a>`).join(' · ');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>powderkeg report: ${esc(h.experiment)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${STYLE}</style></head>
<body>
<header><h1>powderkeg report: ${esc(h.experiment)}</h1>${status}
<dl>${facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd data-field="${esc(k)}">${esc(v)}</dd>`).join('')}</dl></header>
<main>
${warnings}
<nav><p class="note">${nav}</p></nav>
${empty}
${sections.map((s) => s.html).join('\n')}
</main>
<script>${TOOLTIP_SCRIPT}</script>
</body></html>
`;
}

/**
 * ECharts numbers its SVG ids and style classes (zr0-c0, zr0-cls-3, ...) with per-process
 * counters, so a second report built in the same process would differ in bytes; renumbering
 * every such name by first appearance makes the page depend on the store only, and keeps the
 * names of the inlined charts distinct.
 */
export function stableSvgIds(html: string): string {
  const seen = new Map<string, string>();
  return html.replace(/\bzr\d+-[A-Za-z-]*\d+\b/g, (name) => {
    if (!seen.has(name)) seen.set(name, `pk-${seen.size}`);
    return seen.get(name)!;
  });
}
