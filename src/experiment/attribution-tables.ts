import type { ExperimentStore } from '../store/experiment-store.js';
import { ATTRIBUTION_PRECISION } from '../store/tables.js';
import type { SequentialResult } from './attribution-sequential.js';
import type { AttributionSettings } from './schema.js';

/**
 * The `attribution_precision` table: per arm, the pairs it ran, why it stopped and the precision
 * its primary headline (P(new event by the horizon), else the first) reached, beside the target.
 */
export async function writeArmOutcomes(store: ExperimentStore, result: SequentialResult, a: Pick<AttributionSettings, 'criterion' | 'event_precision' | 'stock_precision' | 'max_pairs'>): Promise<void> {
  const num = (v: number | null) => (v === null || !Number.isFinite(v) ? null : v);
  await store.writeTable(
    ATTRIBUTION_PRECISION,
    result.arms.map((o) => [o.arm.id, o.arm.name, o.arm.kind, o.pairs, o.stopReason, a.criterion, a.event_precision, a.stock_precision, a.max_pairs, num(o.halfWidth), num(o.mde), result.baselineRuns, result.rounds]),
  );
}
