/** Colours the views share with their tests (which look for them on the canvases). */

/** The live-change markers: none of the series' colours. */
export const MARKER_RGB = [214, 0, 147] as const;

/** The ensemble band and its median. */
export const BAND_RGB = [52, 93, 169] as const;
