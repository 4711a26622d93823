import { LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { listStores, reportUrl, serveAvailable, storeBands, storeManifest, storeRuns, tableCsvUrl, type StoreEntry, type Table } from './serve-api.js';

echarts.use([LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toPrecision(4)) : String(v));

function table(t: Table, caption: string): HTMLTableElement {
  const el = document.createElement('table');
  el.createCaption().textContent = caption;
  const head = el.createTHead().insertRow();
  for (const c of t.columns) head.append(Object.assign(document.createElement('th'), { textContent: c.name, title: c.type }));
  const body = el.createTBody();
  for (const row of t.rows) {
    const tr = body.insertRow();
    row.forEach((v) => {
      const td = tr.insertCell();
      td.textContent = cell(v);
      if (typeof v === 'number') td.className = 'num';
    });
  }
  return el;
}

/**
 * The experiment stores in `powderkeg serve`'s folder: their state, runs, ensemble bands and
 * report. The tab shows only when the page is served by `powderkeg serve`.
 */
export class StoresPanel {
  private readonly list = Object.assign(document.createElement('ul'), { id: 'store-list', className: 'store-list' });
  private readonly detail = Object.assign(document.createElement('div'), { id: 'store-detail', className: 'store-detail' });
  private chart: echarts.ECharts | undefined;

  constructor(
    private readonly box: HTMLElement,
    tab: HTMLElement,
  ) {
    const refresh = Object.assign(document.createElement('button'), { type: 'button', textContent: 'refresh' });
    refresh.addEventListener('click', () => void this.refresh());
    box.append(refresh, this.list, this.detail);
    // Asked only when the tab is opened: on a static host the probe's 404 would be a console error.
    tab.addEventListener('click', () => void this.refresh());
  }

  private async refresh(): Promise<void> {
    if (!(await serveAvailable())) {
      this.list.replaceChildren(
        Object.assign(document.createElement('li'), {
          textContent: 'This page is not served by powderkeg serve, so there are no stores to browse. Start it with: powderkeg serve --dir FOLDER-WITH-STORES',
        }),
      );
      return;
    }
    try {
      const { dir, stores } = await listStores();
      const items = stores.map((s) => this.item(s));
      this.list.replaceChildren(...(items.length > 0 ? items : [Object.assign(document.createElement('li'), { textContent: `no stores in ${dir}` })]));
    } catch (err) {
      this.list.replaceChildren(Object.assign(document.createElement('li'), { textContent: `cannot list the stores: ${(err as Error).message}` }));
    }
  }

  private item(s: StoreEntry): HTMLLIElement {
    const li = document.createElement('li');
    const open = Object.assign(document.createElement('button'), { type: 'button', textContent: s.id });
    open.dataset.store = s.id;
    open.disabled = s.state === 'unreadable' || s.state === 'running';
    open.addEventListener('click', () => void this.open(s));
    const about = s.state === 'unreadable' ? ` unreadable: ${s.error ?? ''}` : ` ${s.kind} of ${s.model}, ${s.runs} of ${s.runsExpected} runs, ${s.state}`;
    li.append(open, about);
    return li;
  }

  private async open(s: StoreEntry): Promise<void> {
    try {
      const [manifest, runs] = await Promise.all([storeManifest(s.id), storeRuns(s.id)]);
      const links = document.createElement('p');
      const report = Object.assign(document.createElement('a'), { href: reportUrl(s.id), target: '_blank', rel: 'noopener', textContent: 'open the report' });
      const csv = Object.assign(document.createElement('a'), { href: tableCsvUrl(s.id, 'runs'), textContent: 'runs.csv' });
      links.append(report, ' \u00b7 ', csv, ` \u00b7 tables: ${manifest.tables.map((t) => `${t.name} (${t.rows})`).join(', ')}`);
      const parts: HTMLElement[] = [links, table(runs, `runs of ${s.id} (${runs.rows.length} of ${runs.total})`)];
      const chartBox = Object.assign(document.createElement('div'), { className: 'store-chart' });
      chartBox.setAttribute('role', 'img');
      if (manifest.tables.some((t) => t.name === 'ensemble_bands')) parts.unshift(chartBox);
      this.detail.replaceChildren(...parts);
      if (manifest.tables.some((t) => t.name === 'ensemble_bands')) await this.bands(s.id, chartBox);
    } catch (err) {
      this.detail.replaceChildren(Object.assign(document.createElement('p'), { className: 'problems', textContent: `cannot read ${s.id}: ${(err as Error).message}` }));
    }
  }

  private async bands(id: string, box: HTMLElement): Promise<void> {
    // The first indicator the store has bands of; then all its steps.
    const first = await storeBands(id).catch(() => undefined);
    const indicator = first?.rows[0]?.[first.columns.findIndex((c) => c.name === 'indicator')];
    if (typeof indicator !== 'string') return;
    const t = await storeBands(id, indicator).catch(() => undefined);
    if (!t || t.rows.length === 0) return;
    const col = (name: string) => t.columns.findIndex((c) => c.name === name);
    const [step, q05, q50, q95] = ['step', 'q05', 'q50', 'q95'].map(col);
    this.chart?.dispose();
    this.chart = echarts.init(box, undefined, { renderer: 'canvas' });
    const rows = t.rows;
    this.chart.setOption({
      animation: false,
      grid: { left: 64, right: 24, top: 24, bottom: 40 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', name: 'step' },
      yAxis: { type: 'value', name: indicator },
      series: [
        { name: 'q05', type: 'line', stack: 'b', showSymbol: false, lineStyle: { opacity: 0 }, data: rows.map((r) => [r[step], r[q05]]) },
        { name: '5-95 %', type: 'line', stack: 'b', showSymbol: false, lineStyle: { opacity: 0 }, areaStyle: { color: 'rgba(52,93,169,0.25)' }, data: rows.map((r) => [r[step], Number(r[q95]) - Number(r[q05])]) },
        { name: 'median', type: 'line', showSymbol: false, data: rows.map((r) => [r[step], r[q50]]) },
      ],
    });
    box.setAttribute('aria-label', `Ensemble band of ${indicator} in ${id}, ${rows.length} steps`);
  }
}
