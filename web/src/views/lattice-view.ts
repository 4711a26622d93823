import { ACTIVE_CELL, BACKGROUND, COP_CELL, JAILED_CELL, PALETTE, QUIET_BLUE, QUIET_GREEN, QUIET_SHADE_BASE, type Rgb } from '../lattice-palette.js';
import type { LatticeFrame } from '../protocol.js';

const css = (c: Rgb) => `rgb(${c[0]},${c[1]},${c[2]})`;
const FILL = PALETTE.map(css);

/**
 * Draws lattice frames: one disc per agent when cells are large enough to see one, plain
 * squares otherwise. Only the newest frame is drawn, once per animation frame.
 */
export class LatticeView {
  private readonly ctx: CanvasRenderingContext2D;
  private pending: LatticeFrame | undefined;
  private drawn: LatticeFrame | undefined;
  private scheduled = false;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly legend: HTMLElement,
    private readonly size = 480,
  ) {
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser has no 2D canvas');
    this.ctx = ctx;
  }

  show(frame: LatticeFrame): void {
    this.pending = frame;
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      if (this.pending) this.draw(this.pending);
    });
  }

  clear(): void {
    this.pending = undefined;
    this.drawn = undefined;
    this.ctx.fillStyle = css(BACKGROUND);
    this.ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    this.legend.replaceChildren();
  }

  /** The cell under a point of the page, for the last frame drawn. */
  cellAt(clientX: number, clientY: number): { cell: number; x: number; y: number } | undefined {
    const frame = this.drawn;
    if (!frame) return undefined;
    const box = this.canvas.getBoundingClientRect();
    const x = Math.floor(((clientX - box.left) / box.width) * frame.width);
    const y = Math.floor(((clientY - box.top) / box.height) * frame.height);
    if (x < 0 || y < 0 || x >= frame.width || y >= frame.height) return undefined;
    return { cell: y * frame.width + x, x, y };
  }

  private draw(frame: LatticeFrame): void {
    this.drawn = frame;
    const { width, height, cells } = frame;
    const cell = Math.max(1, Math.floor(this.size / Math.max(width, height)));
    if (this.canvas.width !== cell * width || this.canvas.height !== cell * height) {
      this.canvas.width = cell * width;
      this.canvas.height = cell * height;
    }
    const ctx = this.ctx;
    ctx.fillStyle = css(BACKGROUND);
    ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    const discs = cell >= 6;
    const r = cell * 0.42;
    const counts = new Map<number, number>();
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const code = cells[y * width + x];
        if (code === 0) continue;
        const kind = code >= QUIET_SHADE_BASE ? QUIET_SHADE_BASE : code;
        counts.set(kind, (counts.get(kind) ?? 0) + 1);
        ctx.fillStyle = FILL[code];
        if (discs) {
          ctx.beginPath();
          ctx.arc(x * cell + cell / 2, y * cell + cell / 2, r, 0, 2 * Math.PI);
          ctx.fill();
        } else ctx.fillRect(x * cell, y * cell, cell, cell);
      }
    }
    this.drawLegend(counts);
  }

  private drawLegend(counts: Map<number, number>): void {
    const entries: [number, string, string][] = [
      [QUIET_SHADE_BASE, 'quiet (darker: more grievance)', css(PALETTE[QUIET_SHADE_BASE + 120])],
      [QUIET_BLUE, 'quiet blue', css(PALETTE[QUIET_BLUE])],
      [QUIET_GREEN, 'quiet green', css(PALETTE[QUIET_GREEN])],
      [ACTIVE_CELL, 'active', css(PALETTE[ACTIVE_CELL])],
      [JAILED_CELL, 'jailed (on the lattice)', css(PALETTE[JAILED_CELL])],
      [COP_CELL, 'cop', css(PALETTE[COP_CELL])],
    ];
    const items = entries
      .filter(([code]) => counts.has(code) || code === ACTIVE_CELL || code === COP_CELL)
      .map(([code, label, colour]) => {
        const li = document.createElement('li');
        const swatch = document.createElement('span');
        swatch.className = 'swatch';
        swatch.style.background = colour;
        li.append(swatch, `${label}: ${counts.get(code) ?? 0}`);
        return li;
      });
    this.legend.replaceChildren(...items);
  }
}
