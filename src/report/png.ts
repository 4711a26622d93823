import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';

const FONT_DIRS = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/dejavu', '/usr/share/fonts/TTF'];

/**
 * resvg draws no text without a font. DejaVu (Debian's fonts-dejavu-core) is preferred so the
 * PNGs look the same everywhere; otherwise the system's fonts are searched.
 */
function fontFiles(): string[] {
  for (const dir of FONT_DIRS) {
    if (!existsSync(dir)) continue;
    const files = readdirSync(dir).filter((f) => /^DejaVuSans(-Bold)?\.ttf$/.test(f)).map((f) => join(dir, f));
    if (files.length > 0) return files;
  }
  return [];
}

let fonts: string[] | undefined;

export function svgToPng(svg: string, scale = 2): Buffer {
  fonts ??= fontFiles();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: fonts.length > 0 ? { fontFiles: fonts, loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' } : { loadSystemFonts: true },
  });
  return resvg.render().asPng();
}
