import { describe, expect, it } from 'vitest';
import { neighbourhood } from '../../src/engine/neighbourhood.js';
import { CivilViolenceModel, type CivilViolenceSnapshot } from '../../src/models/civil-violence/model.js';
import { paperRun } from './lattice-builder.js';

/** Cops within vision 1.7 (the 8 neighbours) of every free citizen, by id. */
function copsInView(s: CivilViolenceSnapshot): Map<number, number> {
  const hood = neighbourhood({ shape: 'euclidean', radius: 1.7 });
  const cop = new Uint8Array(s.width * s.height);
  for (let i = 0; i < s.ids.length; i++) if (s.kind[i] === 1) cop[s.cell[i]] = 1;
  const out = new Map<number, number>();
  for (let i = 0; i < s.ids.length; i++) {
    if (s.kind[i] !== 0 || s.cell[i] < 0) continue;
    const x = s.cell[i] % s.width;
    const y = Math.floor(s.cell[i] / s.width);
    let n = 0;
    for (let k = 0; k < hood.size; k++) {
      n += cop[((y + hood.dy[k] + s.height) % s.height) * s.width + ((x + hood.dx[k] + s.width) % s.width)];
    }
    out.set(s.ids[i], n);
  }
  return out;
}

describe('Run 1: deceptive behaviour (Fig. 1)', () => {
  for (const seed of [1, 2]) {
    it(`seed ${seed}: actives stand where no cop sees them, and turn active when the cops leave`, () => {
      const m = new CivilViolenceModel(paperRun(1), seed);
      let prev = m.snapshot();
      let prevView = copsInView(prev);
      let prev2View = prevView;
      let actives = 0;
      let unwatched = 0;
      let turned = 0;
      let turnedWhenCopLeft = 0;
      for (let t = 0; t < 200; t++) {
        m.step();
        const snap = m.snapshot();
        const view = copsInView(snap);
        const wasQuiet = new Set<number>();
        for (let i = 0; i < prev.ids.length; i++) if (prev.kind[i] === 0 && prev.state[i] === 0) wasQuiet.add(prev.ids[i]);
        for (let i = 0; i < snap.ids.length; i++) {
          if (snap.kind[i] !== 0 || snap.state[i] !== 1) continue;
          const id = snap.ids[i];
          actives++;
          if (view.get(id) === 0) unwatched++;
          // Citizens decide before the cops move: the decision at t sees the cops as they stood at t - 1.
          if (wasQuiet.has(id)) {
            turned++;
            if (prevView.get(id) === 0 && (prev2View.get(id) ?? 0) > 0) turnedWhenCopLeft++;
          }
        }
        prev = snap;
        prev2View = prevView;
        prevView = view;
      }
      // Citizens never move in Run 1, so every change of mind is a response to cops or actives nearby.
      expect(actives).toBeGreaterThan(2000);
      expect(unwatched / actives).toBeGreaterThan(0.85);
      expect(turned).toBeGreaterThan(200);
      expect(turnedWhenCopLeft / turned).toBeGreaterThan(0.7);
    });
  }

  it("with Epstein's (1 - T) factor no one could ever turn active at L = 0.89", () => {
    const m = new CivilViolenceModel(paperRun(1, { grievance_includes_threshold_factor: true }), 1);
    let most = 0;
    const row: (number | string)[] = [];
    for (let t = 0; t < 50; t++) {
      m.step();
      m.observe(row);
      most = Math.max(most, row[1] as number);
    }
    expect(most).toBe(0);
  });

  it('citizens do not move in Run 1', () => {
    const m = new CivilViolenceModel(paperRun(1), 3);
    const before = m.snapshot();
    for (let t = 0; t < 30; t++) m.step();
    const after = m.snapshot();
    const where = new Map<number, number>();
    for (let i = 0; i < before.ids.length; i++) if (before.kind[i] === 0) where.set(before.ids[i], before.cell[i]);
    let stayed = 0;
    let free = 0;
    for (let i = 0; i < after.ids.length; i++) {
      if (after.kind[i] !== 0 || after.cell[i] < 0) continue;
      free++;
      if (after.cell[i] === where.get(after.ids[i])) stayed++;
    }
    // Only prisoners released near their arrest cell have changed places; with walking, almost no one would stay.
    expect(stayed / free).toBeGreaterThan(0.9);
  });
});
