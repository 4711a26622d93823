import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readObservedFile, type ObservedFigure } from '../experiment/backtest/index.js';

/** The figures known at the forecast origin, shipped with the package: the back-test's persistence and trend baselines. */
export const CALIBRATION_FILE = 'data/observed/calibration-2022.csv';

/** The package's calibration file by default (none: no baselines); a file the user names must exist. */
export function readCalibration(file?: string): { file: string | null; figures: ObservedFigure[] } {
  if (file !== undefined) return { file, figures: readObservedFile(file) };
  const packaged = packageFile(CALIBRATION_FILE);
  return packaged ? { file: packaged, figures: readObservedFile(packaged) } : { file: null, figures: [] };
}

function packageFile(relative: string): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, relative))) return join(dir, relative);
    dir = dirname(dir);
  }
  return null;
}
