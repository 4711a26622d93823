import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { MemorySink } from '../../src/engine/recorder.js';
import { simulate } from '../../src/engine/simulate.js';
import { columnOf } from '../../src/models/aftermath/mechanism.js';
import { MECHANISMS } from '../../src/models/aftermath/mechanisms/index.js';
import { AftermathModel } from '../../src/models/aftermath/model.js';
import { scenarioSchema } from '../../src/models/aftermath/schema.js';
import { DEAD, householdEnd } from '../../src/models/aftermath/state.js';
import { m12 } from './fixtures/m12-martyrs.js';
import { DEFAULT_FILE } from './helpers.js';

const WITH_M12 = [...MECHANISMS, m12] as const;
const schema = scenarioSchema(WITH_M12);

function scenario(m12Params?: Record<string, number>) {
  const doc = parseYaml(readFileSync(DEFAULT_FILE, 'utf8')) as { scale: number; mechanisms: Record<string, unknown> };
  doc.scale = 100;
  if (m12Params) doc.mechanisms.M12 = m12Params;
  return schema.parse(doc);
}

async function legitimacyAfterWave(options: ConstructorParameters<typeof AftermathModel>[2], m12Params?: Record<string, number>) {
  const model = new AftermathModel(scenario(m12Params), 1, options);
  const sink = new MemorySink();
  await simulate(model, { steps: 3, sink });
  return { legitimacy: sink.numbers('legitimacy')[3], killed: sink.numbers('killed')[3], model };
}

describe('a new mechanism is one file plus one registry line', () => {
  it('its parameters join the scenario schema with their default, unit and bounds', () => {
    expect(scenario().mechanisms.M12.perDeath).toBe(0.002);
    expect(() => scenario({ perDeath: 2 })).toThrow(/perDeath/);
  });

  it('it runs in registry order, changes the run, and switches off like any other', async () => {
    const base = await legitimacyAfterWave({});
    const plugged = await legitimacyAfterWave({ mechanisms: WITH_M12 }, { perDeath: 0.01 });
    const off = await legitimacyAfterWave({ mechanisms: WITH_M12, disable: ['M12'] }, { perDeath: 0.01 });
    expect(plugged.model.world.plan.ids).toEqual(['M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7', 'M8', 'M9', 'M10', 'M11', 'M12']);
    expect(base.killed).toBeGreaterThan(0);
    expect(plugged.legitimacy).toBeLessThan(base.legitimacy - 0.001);
    expect(off.legitimacy).toBe(base.legitimacy);
    expect(off.model.world.plan.ids).not.toContain('M12');
    // Its own per-agent column: the households of the dead mourn, nobody else.
    const w = plugged.model.world;
    const mourning = columnOf(w, 'mourning');
    const mourners = new Set<number>();
    for (let i = 0; i < w.n; i++) if (w.status[i] === DEAD) for (let e = w.net.offsets[i]; e < householdEnd(w, i); e++) mourners.add(w.net.targets[e]);
    expect(mourners.size).toBeGreaterThan(0);
    for (let i = 0; i < w.n; i++) expect(mourning[i]).toBe(mourners.has(i) ? 1 : 0);
    expect(() => columnOf(off.model.world, 'mourning')).toThrow(/no people column/);
  });

  it('an unknown id to switch off is refused', () => {
    expect(() => new AftermathModel(scenario(), 1, { disable: ['M13'] })).toThrow(/unknown mechanism M13/);
  });
});
