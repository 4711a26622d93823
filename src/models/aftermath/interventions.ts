import { IdList, LISTED, NO_ROLE, ORDINARY, ORGANISER, ORGANISER_ROLE, PRETRIAL, PRISON, ROLE_KEYS, stochasticRound, type World } from './state.js';
import { stepOf, type Intervention } from './schema.js';
import { release } from './core/custody.js';
import type { ScheduledSpark } from './core/sparks.js';

/**
 * The timeline of policy: amnesties, repression intensity, legitimacy reforms, a destination
 * opening or closing, hardship shocks, international attention and scheduled local triggers.
 */
export class Timeline {
  private readonly byStep = new Map<number, Intervention[]>();
  /** Local triggers scheduled for this week (gathered before the decision pass). */
  readonly scheduledSparks: ScheduledSpark[] = [];
  /** People eligible at the last amnesty. */
  amnestyEligible = 0;

  constructor(private readonly w: World) {
    for (const iv of w.sc.interventions) {
      const s = Math.max(1, stepOf(w.sc.t0, iv.date));
      const list = this.byStep.get(s) ?? [];
      list.push(iv);
      this.byStep.set(s, list);
    }
  }

  apply(): void {
    this.scheduledSparks.length = 0;
    for (const iv of this.byStep.get(this.w.week - this.w.origin) ?? []) this.one(iv);
  }

  private regions(ids: readonly string[] | undefined): number[] {
    const all = this.w.sc.regions.map((r) => r.id);
    return ids ? ids.map((id) => all.indexOf(id)) : all.map((_, i) => i);
  }

  private one(iv: Intervention): void {
    const w = this.w;
    switch (iv.type) {
      case 'amnesty':
        this.amnesty(iv);
        break;
      case 'repression':
        for (const r of this.regions(iv.regions)) w.intensity[r] = iv.intensity;
        break;
      case 'legitimacy':
        for (const r of this.regions(iv.regions)) {
          w.legitimacy[r] = Math.min(1, Math.max(0, w.legitimacy[r] + iv.change));
          w.legitimacy0[r] = Math.min(1, Math.max(0, w.legitimacy0[r] + iv.change));
        }
        break;
      case 'destination': {
        const d = w.sc.mechanisms.M10.destinations.findIndex((x) => x.id === iv.destination);
        if (iv.acceptance !== undefined) w.destAcceptance[d] = iv.acceptance;
        if (iv.asylum !== undefined) w.destAsylum[d] = iv.asylum;
        if (iv.danger !== undefined) w.destDanger[d] = iv.danger;
        break;
      }
      case 'hardship':
        for (const r of this.regions(iv.regions)) {
          w.hardshipFactor[r] = iv.factor;
          w.hardshipUntil[r] = w.week + iv.weeks - 1;
        }
        break;
      case 'attention':
        w.attention = iv.level;
        break;
      case 'spark':
        for (const r of this.regions(iv.regions)) this.scheduledSparks.push({ region: r, size: iv.size, reach: iv.reach ?? w.sc.mechanisms.M11.sparkReach });
        break;
    }
  }

  private amnesty(iv: Extract<Intervention, { type: 'amnesty' }>): void {
    const w = this.w;
    const roles = new Set(iv.roles.map((k) => ROLE_KEYS.indexOf(k) + 1));
    const eligible = new IdList(1024);
    for (let c = 0; c < w.custody.size; c++) {
      const i = w.custody.ids[c];
      const role = w.role[i];
      if (role === NO_ROLE || role === ORDINARY || !roles.has(role)) continue;
      if (w.status[i] !== PRETRIAL && w.status[i] !== PRISON) continue;
      if (iv.excludeListed && w.flags[i] & LISTED) continue;
      if (iv.excludeOrganisers && (role === ORGANISER_ROLE || w.flags[i] & ORGANISER)) continue;
      eligible.push(i);
    }
    this.amnestyEligible = eligible.size * w.scale;
    const rng = w.rng.policy;
    const n = Math.min(eligible.size, stochasticRound(iv.count / w.scale, rng));
    rng.shuffle(eligible.ids, eligible.size);
    for (let k = 0; k < n; k++) {
      const i = eligible.ids[k];
      release(w, i, false);
      for (const f of w.plan.on.pardoned) f(w, i);
      w.counters.amnestied[w.region[i]]++;
    }
    w.custody.filter((i) => w.status[i] === PRETRIAL || w.status[i] === PRISON || w.status[i] === 1);
  }
}
