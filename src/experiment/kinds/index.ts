import type { KindContext } from '../runner.js';
import { runAttributionKind } from './attribution.js';
import { runBacktest } from './backtest.js';
import { runCalibration } from './calibration.js';
import { runDiscovery } from './discovery.js';
import { runEnsemble } from './ensemble.js';
import { runSensitivity } from './sensitivity.js';
import { runSweep } from './sweep.js';

const KINDS = {
  ensemble: runEnsemble,
  sweep: runSweep,
  sensitivity: runSensitivity,
  calibration: runCalibration,
  backtest: runBacktest,
  discovery: runDiscovery,
  attribution: runAttributionKind,
} satisfies Record<string, (ctx: KindContext) => Promise<void>>;

export function runKind(ctx: KindContext): Promise<void> {
  return KINDS[ctx.x.experiment.kind](ctx);
}
