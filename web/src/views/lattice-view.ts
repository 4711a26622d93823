import type { LatticeFrame, LatticeLegendEntry, Rgb } from '../../../src/models/view-adapter.js';
import { measure } from '../perf.js';
import { LatticeCamera } from './lattice-camera.js';

const css = (c: Rgb) => `rgb(${c[0]},${c[1]},${c[2]})`;
/** Cells this many screen pixels wide or more are drawn as discs, one per agent. */
const DISC_CELL = 6;

/**
 * Draws lattice frames: a one-pixel-per-cell image scaled up without smoothing (cheap at any
 * size), or one disc per agent when zoomed in far enough to see one. Only the newest frame is
 * drawn, once per animation frame. Wheel zooms about the pointer, dragging pans.
 */
export class LatticeView {
  private readonly ctx: CanvasRenderingContext2D;
  private readonly image: HTMLCanvasElement;
  private readonly imageCtx: CanvasRenderingContext2D;
  private pixels: ImageData | undefined;
  private palette32 = new Uint32Array(256);
  private fills: string[] = [];
  private background: Rgb = [17, 17, 17];
  private legendEntries: readonly LatticeLegendEntry[] = [];
  private pending: LatticeFrame | undefined;
  private drawn: LatticeFrame | undefined;
  private scheduled = false;
  private readonly histogram = new Uint32Array(256);
  readonly camera: LatticeCamera;
  /** Called after each frame drawn, with the time the draw took (ms). */
  onDrawn: ((ms: number, frame: LatticeFrame) => void) | undefined;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly legend: HTMLElement,
  ) {
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser has no 2D canvas');
    this.ctx = ctx;
    this.image = document.createElement('canvas');
    this.imageCtx = this.image.getContext('2d')!;
    this.camera = new LatticeCamera(canvas.width, canvas.height, () => this.redraw());
  }

  /** Colours of the codes and the legend, as the model's view adapter gives them. */
  setPalette(palette: readonly Rgb[], legend: readonly LatticeLegendEntry[]): void {
    const bytes = new Uint8Array(4);
    const view = new Uint32Array(bytes.buffer);
    this.palette32 = new Uint32Array(256);
    palette.forEach((c, code) => {
      bytes.set([c[0], c[1], c[2], 255]);
      this.palette32[code] = view[0];
    });
    this.fills = palette.map(css);
    this.background = palette[0] ?? this.background;
    this.legendEntries = legend;
  }

  show(frame: LatticeFrame): void {
    this.pending = frame;
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      if (this.pending) this.draw(this.pending);
      this.pending = undefined;
    });
  }

  clear(): void {
    this.pending = undefined;
    this.drawn = undefined;
    this.ctx.setTransform(1, 0, 0, 1, 0, 0);
    this.ctx.fillStyle = css(this.background);
    this.ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    this.legend.replaceChildren();
  }

  get frame(): LatticeFrame | undefined {
    return this.drawn;
  }

  /** The cell under a point of the page, for the last frame drawn. */
  cellAt(clientX: number, clientY: number): { cell: number; x: number; y: number } | undefined {
    const frame = this.drawn;
    if (!frame) return undefined;
    const box = this.canvas.getBoundingClientRect();
    const px = ((clientX - box.left) / box.width) * this.canvas.width;
    const py = ((clientY - box.top) / box.height) * this.canvas.height;
    const { x, y } = this.camera.toCell(px, py);
    const cx = Math.floor(x);
    const cy = Math.floor(y);
    if (cx < 0 || cy < 0 || cx >= frame.width || cy >= frame.height) return undefined;
    return { cell: cy * frame.width + cx, x: cx, y: cy };
  }

  /** Counts of each legend entry in the last frame drawn. */
  counts(): { label: string; count: number }[] {
    return this.legendEntries.map((e) => {
      let n = 0;
      for (let c = e.from; c <= e.to; c++) n += this.histogram[c];
      return { label: e.label, count: n };
    });
  }

  private redraw(): void {
    if (this.drawn && !this.pending) this.show(this.drawn);
  }

  private draw(frame: LatticeFrame): void {
    const started = performance.now();
    this.drawn = frame;
    const { width, height, cells } = frame;
    this.camera.fit(width, height);
    if (this.image.width !== width || this.image.height !== height || !this.pixels) {
      this.image.width = width;
      this.image.height = height;
      this.pixels = this.imageCtx.createImageData(width, height);
    }
    const out = new Uint32Array(this.pixels.data.buffer);
    const palette = this.palette32;
    const histogram = this.histogram;
    histogram.fill(0);
    for (let i = 0; i < cells.length; i++) {
      const code = cells[i];
      histogram[code]++;
      out[i] = palette[code];
    }
    this.imageCtx.putImageData(this.pixels, 0, 0);

    const ctx = this.ctx;
    const cam = this.camera;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = css(this.background);
    ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    if (cam.scale >= DISC_CELL) this.drawDiscs(frame);
    else {
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(this.image, cam.offsetX, cam.offsetY, width * cam.scale, height * cam.scale);
    }
    this.drawLegend();
    // Read by bench/web-frame.ts: a frame's drawing must stay well under 16 ms at 200x200.
    measure('lattice-draw', started);
    this.onDrawn?.(performance.now() - started, frame);
  }

  /** Only the cells in view: at most a few thousand at this zoom. */
  private drawDiscs(frame: LatticeFrame): void {
    const { width, cells } = frame;
    const ctx = this.ctx;
    const cam = this.camera;
    const s = cam.scale;
    const r = s * 0.42;
    const view = cam.visibleCells(frame.width, frame.height);
    for (let y = view.y0; y < view.y1; y++) {
      for (let x = view.x0; x < view.x1; x++) {
        const code = cells[y * width + x];
        if (code === 0) continue;
        ctx.fillStyle = this.fills[code];
        ctx.beginPath();
        ctx.arc(cam.offsetX + (x + 0.5) * s, cam.offsetY + (y + 0.5) * s, r, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
  }

  private drawLegend(): void {
    const counts = this.counts();
    const items = this.legendEntries.flatMap((e, i) => {
      if (!e.always && counts[i].count === 0) return [];
      const li = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = css(e.rgb);
      li.append(swatch, `${e.label}: ${counts[i].count}`);
      return [li];
    });
    this.legend.replaceChildren(...items);
  }
}
