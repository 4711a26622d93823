import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UserError } from '../../src/scenario/errors.js';
import { parseScenarioText } from '../../src/scenario/validate.js';
import { aftermath } from '../../src/models/aftermath/index.js';
import { loadDefault, run } from './helpers.js';

describe('determinism', () => {
  it('same scenario and seed give identical rows; another seed does not', async () => {
    const sc = loadDefault(['horizon=60', 'burnIn=26']);
    const a = await run(sc, 5);
    const b = await run(sc, 5);
    const c = await run(sc, 6);
    expect(JSON.stringify(a.national.rows)).toBe(JSON.stringify(b.national.rows));
    expect(JSON.stringify(a.regions.rows)).toBe(JSON.stringify(b.regions.rows));
    expect(JSON.stringify(a.national.rows)).not.toBe(JSON.stringify(c.national.rows));
  }, 30_000);
});

describe('bad input', () => {
  const problems = (text: string) => {
    try {
      parseScenarioText(text, 'bad.yaml', { models: [aftermath] });
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      return (e as UserError).problems.map((p) => `${p.file}: ${p.path}: ${p.message}`);
    }
    throw new Error('no error');
  };
  const base = `model: aftermath
regions:
  - { id: a, name: A, population: 1000, legitimacy: 0.9 }
`;

  it('names unknown fields, wrong types and bad ranges with their paths', () => {
    const p = problems(`${base}scale: 0
population: { friends: two, colour: red }
mechanisms:
  M2: { stopsPerDetention: -1 }
  M3: { identify: { peaceful: 1.5 } }
`);
    expect(p.some((x) => x.startsWith('bad.yaml: scale:'))).toBe(true);
    expect(p.some((x) => x.startsWith('bad.yaml: population.friends:'))).toBe(true);
    expect(p.some((x) => x.startsWith('bad.yaml: population.colour:'))).toBe(true);
    expect(p.some((x) => x.startsWith('bad.yaml: mechanisms.M2.stopsPerDetention:'))).toBe(true);
    expect(p.some((x) => x.startsWith('bad.yaml: mechanisms.M3.identify.peaceful:'))).toBe(true);
  });

  it('names unknown regions, destinations, dates and intervention types', () => {
    // Cross-references are checked once every field has the right shape.
    const refs = problems(`${base}mechanisms:
  M1: { participants: [{ region: nowhere, peaceful: 10 }] }
interventions:
  - { type: destination, date: 2023-01-01, destination: mars, acceptance: 1 }
  - { type: hardship, date: 2021-01-01, factor: 2 }
targets:
  - { kind: largest_share, id: x, indicator: affected, at: 2022-02-01, group: [atlantis] }
`);
    expect(refs.some((x) => x.startsWith('bad.yaml: mechanisms.M1.participants[0].region:') && x.includes('nowhere'))).toBe(true);
    expect(refs.some((x) => x.startsWith('bad.yaml: interventions[0].destination:') && x.includes('mars'))).toBe(true);
    expect(refs.some((x) => x.startsWith('bad.yaml: interventions[1].date:') && x.includes('before t0'))).toBe(true);
    expect(refs.some((x) => x.startsWith('bad.yaml: targets[0].group[0]:') && x.includes('atlantis'))).toBe(true);
    const shapes = problems(`${base}interventions:
  - { type: amnesty, date: 2022-13-45, count: 10 }
  - { type: coup, date: 2023-01-01 }
`);
    expect(shapes.some((x) => x.startsWith('bad.yaml: interventions[0].date:'))).toBe(true);
    expect(shapes.some((x) => x.startsWith('bad.yaml: interventions[1].type:'))).toBe(true);
  });

  it('documents every mechanism parameter with a unit and a source', () => {
    const schema = z.toJSONSchema(aftermath.schema, { io: 'input', unrepresentable: 'any' }) as Record<string, any>;
    const mechanisms = schema.properties.mechanisms.properties as Record<string, any>;
    const undocumented: string[] = [];
    for (const [id, m] of Object.entries(mechanisms)) {
      for (const [name, p] of Object.entries(m.properties as Record<string, any>)) {
        if (p.type === 'array') continue;
        if (!p.unit || !p.source) undocumented.push(`${id}.${name}`);
      }
    }
    expect(undocumented).toEqual([]);
  });
});
