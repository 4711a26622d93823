import { esc } from './html.js';
import type { RenderedChart } from './svg-chart.js';

/** Chart ids made safe as HTML ids (and unique within a page). */
function slug(id: string): string {
  return `chart-${id.replace(/[^A-Za-z0-9_-]+/g, '_')}`;
}

/**
 * Makes ECharts' SVG scale with its box (viewBox kept, width/height left to CSS) and gives it
 * an accessible name and description: role="img", <title> and <desc>, aria-labelledby.
 */
export function accessibleSvg(c: RenderedChart, id: string): string {
  const open = /<svg\b[^>]*>/.exec(c.svg);
  if (!open) return c.svg;
  let tag = open[0].replace(/\s(width|height)="[^"]*"/g, '');
  if (!/\sviewBox=/.test(tag)) tag = tag.replace('<svg', `<svg viewBox="0 0 ${c.width} ${c.height}"`);
  tag = tag.replace('<svg', `<svg role="img" aria-labelledby="${id}-title ${id}-desc" preserveAspectRatio="xMidYMid meet"`);
  const head = `<title id="${id}-title">${esc(c.title)}</title><desc id="${id}-desc">${esc(c.desc)}</desc>`;
  return c.svg.slice(0, open.index) + tag + head + c.svg.slice(open.index + open[0].length);
}

/** JSON inside <script>: "<" escaped so that no value can close the element. */
function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c');
}

/** A chart as the page shows it: the SVG, the "what this shows" line, and its tooltip data. */
export function figure(c: RenderedChart): string {
  const id = slug(c.id);
  const tip = c.tooltip ? `\n<script type="application/json" class="tip-data">${scriptJson(c.tooltip)}</script>` : '';
  return `<figure class="chart${c.wide ? ' wide' : ''}" id="${esc(id)}" data-chart="${esc(c.id)}" style="--w: ${c.width}">
<div class="plot">${accessibleSvg(c, id)}</div>
<figcaption>${esc(c.desc)}</figcaption>${tip}
</figure>`;
}

/**
 * Tooltips for the time charts: the quantiles at the step under the pointer, and a guide line.
 * Everything they show is also in the charts and tables, so the page is whole without it.
 */
export const TOOLTIP_SCRIPT = `(function () {
  var NS = 'http://www.w3.org/2000/svg';
  var tip = document.createElement('div');
  tip.className = 'tip';
  tip.setAttribute('role', 'status');
  document.body.appendChild(tip);
  var fmt = function (v) {
    if (v === null || v === undefined || v !== v) return '\\u2014';
    return Number(v).toLocaleString('en-US', { maximumSignificantDigits: 4 });
  };
  var nearest = function (xs, x) {
    var best = 0;
    for (var i = 1; i < xs.length; i++) if (Math.abs(xs[i] - x) < Math.abs(xs[best] - x)) best = i;
    return best;
  };
  document.querySelectorAll('figure.chart').forEach(function (fig) {
    var el = fig.querySelector('script.tip-data');
    var svg = fig.querySelector('svg');
    if (!el || !svg) return;
    var data = JSON.parse(el.textContent);
    var guide = document.createElementNS(NS, 'line');
    guide.setAttribute('class', 'guide');
    guide.setAttribute('stroke', '#444');
    guide.setAttribute('stroke-dasharray', '3 3');
    guide.style.display = 'none';
    svg.appendChild(guide);
    var hide = function () { tip.style.display = 'none'; guide.style.display = 'none'; };
    svg.addEventListener('pointermove', function (e) {
      var m = svg.getScreenCTM();
      if (!m) return;
      var p = new DOMPoint(e.clientX, e.clientY).matrixTransform(m.inverse());
      var panel = null;
      data.panels.forEach(function (q) {
        if (p.x >= q.left && p.x <= q.left + q.width && p.y >= q.top - 8 && p.y <= q.top + q.height + 8) panel = q;
      });
      if (!panel || panel.x.length === 0) return hide();
      var x0 = panel.x[0], x1 = panel.x[panel.x.length - 1];
      var i = nearest(panel.x, x0 + ((p.x - panel.left) / panel.width) * (x1 - x0));
      var gx = panel.left + (x1 > x0 ? ((panel.x[i] - x0) / (x1 - x0)) * panel.width : 0);
      guide.setAttribute('x1', gx); guide.setAttribute('x2', gx);
      guide.setAttribute('y1', panel.top); guide.setAttribute('y2', panel.top + panel.height);
      guide.style.display = '';
      tip.textContent = '';
      var head = document.createElement('b');
      head.textContent = (panel.label ? panel.label + ', ' : '') + data.xName + ' ' + fmt(panel.x[i]);
      tip.appendChild(head);
      panel.series.forEach(function (s) {
        var line = document.createElement('div');
        line.textContent = s.name + ': ' + fmt(s.values[i]) + (data.unit ? ' ' + data.unit : '');
        tip.appendChild(line);
      });
      tip.style.display = 'block';
      var left = e.pageX + 14;
      if (left + tip.offsetWidth > window.scrollX + document.documentElement.clientWidth) left = e.pageX - tip.offsetWidth - 14;
      tip.style.left = Math.max(0, left) + 'px';
      tip.style.top = e.pageY + 14 + 'px';
    });
    svg.addEventListener('pointerleave', hide);
  });
})();`;
