import type { ColumnSpec } from '../../engine/agents.js';
import type { AftermathScenario } from './schema.js';
import type { World } from './state.js';
import { PEOPLE } from './state.js';
import { EVENTS, STAGES, type DecisionWeights, type Events, type Mechanism, type Rules, type Stages } from './mechanism.js';

/** The enabled mechanisms, flattened into what the core calls: hook lists, one rule each, weights. */
export interface Plan {
  readonly ids: readonly string[];
  readonly stages: { readonly [S in keyof Stages]: readonly Stages[S][] };
  readonly on: { readonly [E in keyof Events]: readonly Events[E][] };
  readonly rules: Rules;
  readonly weights: DecisionWeights;
  /** Who may rest: every enabled mechanism's `quiet` must hold; null when one cannot say (nobody rests). */
  readonly quiet: readonly ((w: World, i: number) => boolean)[] | null;
  /** Per-agent columns the enabled mechanisms add to PEOPLE. */
  readonly columns: ColumnSpec;
}

/**
 * The core's bare rules, for a plan in which no mechanism (on or off) says otherwise: the
 * wanted are identified and convicted, sentenced to prison for an ordinary term, never outcast.
 */
const CORE_RULES: Rules = {
  identifyChance: () => 1,
  convictChance: () => 1,
  extremismCharge: () => false,
  prisonShare: () => 1,
  termMean: (w) => w.sc.mechanisms.M8.ordinaryTermWeeks,
  outcast: () => false,
};

const NO_WEIGHTS: DecisionWeights = { organiserThresholdDrop: 0, organiserCrowdBoost: 0, activeTieWeight: 0, radicalRiskDiscount: 0 };

/**
 * Keeps the registry's order: when two mechanisms answer the same stage or event, the earlier
 * one runs first (the order is part of the model, as the golden outputs pin it).
 */
export function assemble(all: readonly Mechanism[], disable: readonly string[], sc: AftermathScenario): Plan {
  const unknown = disable.filter((id) => !all.some((m) => m.id === id));
  if (unknown.length > 0) throw new Error(`unknown mechanism ${unknown.join(', ')}: known are ${all.map((m) => m.id).join(', ')}`);
  const enabled = all.filter((m) => !disable.includes(m.id));
  const stages = Object.fromEntries(
    ['start', ...STAGES].map((s) => [s, enabled.flatMap((m) => (m.stages?.[s as keyof Stages] ? [m.stages[s as keyof Stages]] : []))]),
  ) as unknown as Plan['stages'];
  const on = Object.fromEntries(EVENTS.map((e) => [e, enabled.flatMap((m) => (m.on?.[e] ? [m.on[e]] : []))])) as unknown as Plan['on'];
  const rules: Rules = { ...CORE_RULES };
  for (const m of all) if (!enabled.includes(m)) Object.assign(rules, m.offRules);
  for (const m of enabled) Object.assign(rules, m.rules);
  const weights: DecisionWeights = { ...NO_WEIGHTS };
  for (const m of enabled) Object.assign(weights, m.weights?.(sc));
  const columns: Record<string, ColumnSpec[string]> = {};
  for (const m of enabled) {
    for (const [name, kind] of Object.entries(m.columns ?? {})) {
      if (name in PEOPLE || name in columns) throw new Error(`${m.id} declares the people column "${name}", which already exists`);
      columns[name] = kind;
    }
  }
  const perAgent = (m: Mechanism) => m.on?.orient || m.on?.radical || m.on?.exit || m.rules?.outcast;
  const quiet = enabled.some((m) => perAgent(m) && !m.quiet) ? null : enabled.flatMap((m) => (m.quiet ? [m.quiet] : []));
  return { ids: enabled.map((m) => m.id), stages, on, rules, weights, quiet, columns };
}
