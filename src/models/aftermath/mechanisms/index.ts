import type { Mechanism } from '../mechanism.js';
import { m1 } from './m1-wave.js';
import { m2 } from './m2-funnel.js';
import { m3 } from './m3-evidence.js';
import { m4 } from './m4-spillover.js';
import { m5 } from './m5-exclusion.js';
import { m6 } from './m6-legitimacy.js';
import { m7 } from './m7-school.js';
import { m8 } from './m8-fates.js';
import { m9 } from './m9-armies.js';
import { m10 } from './m10-valve.js';
import { m11 } from './m11-bomb.js';

/**
 * The aftermath model's mechanisms, in the order they run when two answer the same stage or
 * event (M4's spillover before M6's lost faith, M7's learning before M8's prison fates).
 * A new mechanism is one file and one line here.
 */
export const MECHANISMS = [m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11] as const satisfies readonly Mechanism[];
