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
  const data = c.tooltip || c.points ? { panels: [], xName: '', unit: '', ...c.tooltip, points: c.points ?? [] } : undefined;
  const tip = data ? `\n<script type="application/json" class="tip-data">${scriptJson(data)}</script>` : '';
  return `<figure class="chart${c.wide ? ' wide' : ''}" id="${esc(id)}" data-chart="${esc(c.id)}" style="--w: ${c.width}">
<div class="plot">${accessibleSvg(c, id)}</div>
<figcaption>${esc(c.desc)}</figcaption>${tip}
</figure>`;
}

/**
 * Tooltips, by pointer and by keyboard. A time chart reads out the quantiles at the step under
 * the pointer, with a guide line; any other chart the mark nearest the pointer. With the chart
 * focused (Tab), the arrow keys step through the steps or the marks (up and down: the panels of
 * small multiples), Home and End jump to the ends, Escape hides. Everything they show is also in
 * the charts and tables, so the page is whole without JavaScript.
 */
export const TOOLTIP_SCRIPT = `(function () {
  var NS = 'http://www.w3.org/2000/svg';
  var tip = document.createElement('div');
  tip.className = 'tip';
  tip.setAttribute('role', 'status');
  tip.setAttribute('aria-live', 'polite');
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
  var show = function (lines, pageX, pageY) {
    tip.textContent = '';
    lines.forEach(function (text, k) {
      var line = document.createElement(k === 0 ? 'b' : 'div');
      line.textContent = text;
      tip.appendChild(line);
    });
    tip.style.display = 'block';
    var left = pageX + 14;
    if (left + tip.offsetWidth > window.scrollX + document.documentElement.clientWidth) left = pageX - tip.offsetWidth - 14;
    tip.style.left = Math.max(0, left) + 'px';
    tip.style.top = pageY + 14 + 'px';
  };
  document.querySelectorAll('figure.chart').forEach(function (fig) {
    var el = fig.querySelector('script.tip-data');
    var svg = fig.querySelector('svg');
    var plot = fig.querySelector('.plot');
    if (!el || !svg || !plot) return;
    var data = JSON.parse(el.textContent);
    var points = data.points || [];
    var panels = data.panels.filter(function (q) { return q.x.length > 0; });
    if (points.length === 0 && panels.length === 0) return;
    var guide = document.createElementNS(NS, 'line');
    guide.setAttribute('class', 'guide');
    guide.setAttribute('stroke', '#444');
    guide.setAttribute('stroke-dasharray', '3 3');
    guide.style.display = 'none';
    svg.appendChild(guide);
    var ring = document.createElementNS(NS, 'circle');
    ring.setAttribute('class', 'focus-ring');
    ring.setAttribute('r', '7');
    ring.setAttribute('fill', 'none');
    ring.setAttribute('stroke', '#111');
    ring.setAttribute('stroke-width', '2');
    ring.style.display = 'none';
    svg.appendChild(ring);
    var hide = function () { tip.style.display = 'none'; guide.style.display = 'none'; ring.style.display = 'none'; };
    // SVG units to page pixels, for a tooltip opened from the keyboard.
    var toPage = function (x, y) {
      var m = svg.getScreenCTM();
      var p = m ? new DOMPoint(x, y).matrixTransform(m) : { x: 0, y: 0 };
      return { x: p.x + window.scrollX, y: p.y + window.scrollY };
    };
    var atStep = function (panel, i, pageX, pageY) {
      var x0 = panel.x[0], x1 = panel.x[panel.x.length - 1];
      var gx = panel.left + (x1 > x0 ? ((panel.x[i] - x0) / (x1 - x0)) * panel.width : 0);
      guide.setAttribute('x1', gx); guide.setAttribute('x2', gx);
      guide.setAttribute('y1', panel.top); guide.setAttribute('y2', panel.top + panel.height);
      guide.style.display = '';
      var lines = [(panel.label ? panel.label + ', ' : '') + data.xName + ' ' + fmt(panel.x[i])];
      panel.series.forEach(function (s) { lines.push(s.name + ': ' + fmt(s.values[i]) + (data.unit ? ' ' + data.unit : '')); });
      if (pageX === undefined) {
        var at = toPage(gx, panel.top + panel.height / 2);
        pageX = at.x; pageY = at.y;
      }
      show(lines, pageX, pageY);
    };
    var atPoint = function (k, pageX, pageY) {
      var q = points[k];
      ring.setAttribute('cx', q.x); ring.setAttribute('cy', q.y);
      ring.style.display = '';
      if (pageX === undefined) {
        var at = toPage(q.x, q.y);
        pageX = at.x; pageY = at.y;
      }
      show(q.lines, pageX, pageY);
    };
    svg.addEventListener('pointermove', function (e) {
      var m = svg.getScreenCTM();
      if (!m) return;
      var p = new DOMPoint(e.clientX, e.clientY).matrixTransform(m.inverse());
      if (points.length > 0) {
        var best = -1, dist = 24 * 24;
        points.forEach(function (q, k) {
          var d = (q.x - p.x) * (q.x - p.x) + (q.y - p.y) * (q.y - p.y);
          if (d < dist) { dist = d; best = k; }
        });
        return best < 0 ? hide() : atPoint(best, e.pageX, e.pageY);
      }
      var panel = null;
      panels.forEach(function (q) {
        if (p.x >= q.left && p.x <= q.left + q.width && p.y >= q.top - 8 && p.y <= q.top + q.height + 8) panel = q;
      });
      if (!panel) return hide();
      var x0 = panel.x[0], x1 = panel.x[panel.x.length - 1];
      atStep(panel, nearest(panel.x, x0 + ((p.x - panel.left) / panel.width) * (x1 - x0)), e.pageX, e.pageY);
    });
    svg.addEventListener('pointerleave', hide);
    // The keyboard's place: a mark, or a panel and a step.
    var key = { mark: 0, panel: 0, step: 0 };
    var showKey = function () {
      if (points.length > 0) atPoint(key.mark);
      else atStep(panels[key.panel], key.step);
    };
    plot.setAttribute('tabindex', '0');
    plot.setAttribute('aria-label', (svg.querySelector('title') || { textContent: 'chart' }).textContent + ': arrow keys read out the values');
    plot.addEventListener('focus', showKey);
    plot.addEventListener('blur', hide);
    plot.addEventListener('keydown', function (e) {
      var n = points.length > 0 ? points.length : panels[key.panel].x.length;
      var i = points.length > 0 ? key.mark : key.step;
      var big = Math.max(1, Math.round(n / 20));
      if (e.key === 'ArrowRight') i = Math.min(n - 1, i + (e.shiftKey ? big : 1));
      else if (e.key === 'ArrowLeft') i = Math.max(0, i - (e.shiftKey ? big : 1));
      else if (e.key === 'Home') i = 0;
      else if (e.key === 'End') i = n - 1;
      else if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && points.length === 0) {
        key.panel = Math.max(0, Math.min(panels.length - 1, key.panel + (e.key === 'ArrowDown' ? 1 : -1)));
        i = Math.min(i, panels[key.panel].x.length - 1);
      } else if (e.key === 'Escape') return hide();
      else return;
      e.preventDefault();
      if (points.length > 0) key.mark = i;
      else key.step = i;
      showKey();
    });
  });
})();`;
