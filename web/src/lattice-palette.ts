/**
 * Cell codes of a lattice frame and their colours. The colours follow NetLogo's Rebellion
 * (2D view): actives red, jailed dark grey, cops cyan, quiet citizens green, darker the higher
 * their grievance (NetLogo's `scale-color green grievance 1.5 -0.5`). Model II's two groups
 * are blue and green, as in Epstein's figures.
 */

export const EMPTY = 0;
export const ACTIVE_CELL = 1;
export const JAILED_CELL = 2;
export const COP_CELL = 3;
export const QUIET_BLUE = 4;
export const QUIET_GREEN = 5;
/** Quiet citizens of Model I: QUIET_SHADE_BASE + grievance * QUIET_SHADES (rounded down, capped). */
export const QUIET_SHADE_BASE = 16;
export const QUIET_SHADES = 240;

export type Rgb = readonly [number, number, number];

export const BACKGROUND: Rgb = [17, 17, 17];
export const ACTIVE_RGB: Rgb = [215, 50, 41];
export const JAILED_RGB: Rgb = [73, 73, 73];
export const COP_RGB: Rgb = [84, 196, 196];
export const BLUE_RGB: Rgb = [52, 93, 169];
export const GREEN_RGB: Rgb = [89, 176, 60];

/** NetLogo's scale-color: black at 0, the colour at 0.5, white at 1. */
function scaleColor(base: Rgb, f: number): Rgb {
  if (f <= 0.5) {
    const t = f / 0.5;
    return [Math.round(base[0] * t), Math.round(base[1] * t), Math.round(base[2] * t)];
  }
  const t = (f - 0.5) / 0.5;
  return [
    Math.round(base[0] + (255 - base[0]) * t),
    Math.round(base[1] + (255 - base[1]) * t),
    Math.round(base[2] + (255 - base[2]) * t),
  ];
}

/** Code of a quiet Model I citizen with grievance g (0..1). */
export function quietCode(grievance: number): number {
  const k = Math.floor(Math.min(Math.max(grievance, 0), 1) * QUIET_SHADES);
  return QUIET_SHADE_BASE + Math.min(k, QUIET_SHADES - 1);
}

/** Colour of every code, as one lookup table. */
export const PALETTE: readonly Rgb[] = (() => {
  const table: Rgb[] = new Array(256).fill(BACKGROUND);
  table[ACTIVE_CELL] = ACTIVE_RGB;
  table[JAILED_CELL] = JAILED_RGB;
  table[COP_CELL] = COP_RGB;
  table[QUIET_BLUE] = BLUE_RGB;
  table[QUIET_GREEN] = GREEN_RGB;
  for (let k = 0; k < QUIET_SHADES; k++) {
    const g = (k + 0.5) / QUIET_SHADES;
    // scale-color with range 1.5 .. -0.5: grievance 0 is light green, 1 is dark green.
    table[QUIET_SHADE_BASE + k] = scaleColor(GREEN_RGB, (1.5 - g) / 2);
  }
  return table;
})();

/** Whether a colour is one a quiet Model I citizen may have (a shade of the green). */
export function isQuietShade(rgb: Rgb): boolean {
  for (let k = 0; k < QUIET_SHADES; k++) {
    const c = PALETTE[QUIET_SHADE_BASE + k];
    if (c[0] === rgb[0] && c[1] === rgb[1] && c[2] === rgb[2]) return true;
  }
  return false;
}
