/**
 * Zoom and pan of the lattice canvas: `scale` canvas pixels per cell, the grid's top-left
 * corner at (offsetX, offsetY). At zoom 1 the whole grid fits the canvas, centred.
 */
export class LatticeCamera {
  zoom = 1;
  scale = 1;
  offsetX = 0;
  offsetY = 0;
  private width = 0;
  private height = 0;
  /** Centre of the view, in cells. */
  private centre = { x: 0, y: 0 };

  constructor(
    private readonly canvasWidth: number,
    private readonly canvasHeight: number,
    private readonly changed: () => void,
  ) {}

  /** Takes the grid's size; a new size resets the view. */
  fit(width: number, height: number): void {
    if (width !== this.width || height !== this.height) {
      this.width = width;
      this.height = height;
      this.zoom = 1;
      this.centre = { x: width / 2, y: height / 2 };
    }
    this.place();
  }

  reset(): void {
    this.zoom = 1;
    this.centre = { x: this.width / 2, y: this.height / 2 };
    this.place();
    this.changed();
  }

  /** Zooms by `factor` keeping the cell under canvas point (px, py) where it is. */
  zoomAt(factor: number, px: number, py: number): void {
    const before = this.toCell(px, py);
    this.zoom = Math.min(Math.max(this.zoom * factor, 1), 64);
    this.place();
    const after = this.toCell(px, py);
    this.centre.x += before.x - after.x;
    this.centre.y += before.y - after.y;
    this.place();
    this.changed();
  }

  /** Moves the view by a drag of (dx, dy) canvas pixels. */
  pan(dx: number, dy: number): void {
    this.centre.x -= dx / this.scale;
    this.centre.y -= dy / this.scale;
    this.place();
    this.changed();
  }

  toCell(px: number, py: number): { x: number; y: number } {
    return { x: (px - this.offsetX) / this.scale, y: (py - this.offsetY) / this.scale };
  }

  visibleCells(width: number, height: number): { x0: number; x1: number; y0: number; y1: number } {
    const a = this.toCell(0, 0);
    const b = this.toCell(this.canvasWidth, this.canvasHeight);
    return {
      x0: Math.max(0, Math.floor(a.x)),
      y0: Math.max(0, Math.floor(a.y)),
      x1: Math.min(width, Math.ceil(b.x)),
      y1: Math.min(height, Math.ceil(b.y)),
    };
  }

  private place(): void {
    if (this.width === 0) return;
    const fitScale = Math.min(this.canvasWidth / this.width, this.canvasHeight / this.height);
    this.scale = fitScale * this.zoom;
    // Keep the grid on the canvas: the centre may not leave the part of the grid that fills it.
    const halfW = this.canvasWidth / 2 / this.scale;
    const halfH = this.canvasHeight / 2 / this.scale;
    this.centre.x = this.width <= 2 * halfW ? this.width / 2 : Math.min(Math.max(this.centre.x, halfW), this.width - halfW);
    this.centre.y = this.height <= 2 * halfH ? this.height / 2 : Math.min(Math.max(this.centre.y, halfH), this.height - halfH);
    this.offsetX = this.canvasWidth / 2 - this.centre.x * this.scale;
    this.offsetY = this.canvasHeight / 2 - this.centre.y * this.scale;
  }
}
