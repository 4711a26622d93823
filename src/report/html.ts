/** Small HTML helpers: everything the report prints goes through `esc`. */

export function esc(s: unknown): string {
  return String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export function fmt(v: number | null | undefined, digits = 4): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '-∞';
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return v.toLocaleString('en-US');
  return Number(v.toPrecision(digits)).toLocaleString('en-US', { maximumSignificantDigits: digits });
}

export function pct(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)} %`;
}

export interface TableOptions {
  readonly id?: string;
  readonly rowAttrs?: (i: number) => Record<string, string>;
  readonly numeric?: readonly boolean[];
}

export function table(head: readonly string[], rows: readonly (readonly string[])[], o: TableOptions = {}): string {
  const attrs = (i: number) =>
    Object.entries(o.rowAttrs?.(i) ?? {})
      .map(([k, v]) => ` ${k}="${esc(v)}"`)
      .join('');
  const cls = (c: number) => (o.numeric?.[c] ? ' class="num"' : '');
  return [
    `<table${o.id ? ` id="${esc(o.id)}"` : ''}>`,
    `<thead><tr>${head.map((h, c) => `<th${cls(c)}>${esc(h)}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    // Cells arrive already escaped (some hold markup such as a pass/fail badge).
    ...rows.map((r, i) => `<tr${attrs(i)}>${r.map((cell, c) => `<td${cls(c)}>${cell}</td>`).join('')}</tr>`),
    '</tbody></table>',
  ].join('\n');
}

export const STYLE = `
body { font-family: "DejaVu Sans", Verdana, sans-serif; margin: 0; color: #1d1d1f; background: #fafafa; }
header { background: #1f2d3d; color: #fff; padding: 18px 28px; }
header h1 { margin: 0 0 6px; font-size: 22px; }
header dl { display: grid; grid-template-columns: max-content auto max-content auto; gap: 2px 14px; margin: 8px 0 0; font-size: 13px; }
header dt { color: #a9b8c9; } header dd { margin: 0; overflow-wrap: anywhere; }
.status { display: inline-block; padding: 3px 10px; border-radius: 4px; font-weight: bold; font-size: 13px; }
.status.complete { background: #2e7d32; } .status.incomplete { background: #c62828; }
main { padding: 8px 28px 40px; max-width: 1800px; }
section { margin-top: 26px; } h2 { border-bottom: 2px solid #1f2d3d; padding-bottom: 4px; font-size: 18px; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 440px), 1fr)); gap: 16px; align-items: start; }
figure.chart { margin: 0; background: #fff; border: 1px solid #ddd; border-radius: 4px; padding: 4px; min-width: 0; }
figure.chart.wide { grid-column: 1 / -1; }
figure.chart .plot { overflow-x: auto; }
figure.chart svg { display: block; width: 100%; height: auto; }
/* Small multiples keep a legible size: scroll sideways on a phone, never grow past 1.3 times. */
figure.chart.wide svg { min-width: 600px; max-width: calc(var(--w) * 1.3px); margin: 0 auto; }
figcaption { font-size: 13px; color: #444; margin: 4px 8px 4px; line-height: 1.4; }
.plot:focus-visible { outline: 2px solid #3168b0; outline-offset: 2px; }
.tip { position: absolute; display: none; background: #fff; border: 1px solid #888; border-radius: 3px; box-shadow: 0 2px 6px rgba(0,0,0,.2); padding: 6px 9px; font-size: 12px; line-height: 1.45; pointer-events: none; z-index: 10; }
table { border-collapse: collapse; font-size: 13px; background: #fff; margin: 8px 0; }
th, td { border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eef1f5; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.pass { color: #2e7d32; font-weight: bold; } .fail { color: #c62828; font-weight: bold; }
.warnings { background: #fff4e5; border: 1px solid #f0b46b; padding: 8px 14px; margin-top: 14px; font-size: 13px; }
pre { background: #fff; border: 1px solid #ddd; padding: 10px; font-size: 12px; max-height: 420px; overflow: auto; }
details summary { cursor: pointer; margin: 8px 0; font-weight: bold; }
p.note { font-size: 13px; color: #555; max-width: 900px; }
@media (max-width: 640px) {
  header { padding: 12px 14px; } header h1 { font-size: 18px; }
  header dl { grid-template-columns: max-content auto; }
  main { padding: 6px 10px 30px; }
  table { display: block; overflow-x: auto; max-width: 100%; }
}
`;
