import type { Section } from '../section.js';
import { aftermathSection } from './aftermath.js';
import { epsteinSection } from './epstein.js';
import { experimentThroughputSection } from './experiment-throughput.js';
import { webFrameSection } from '../web-frame.js';
import { mesaSection } from './mesa.js';
import { startupSection } from './startup.js';
import { redisScalingSection } from './redis-scaling.js';

/** Every section of `npm run bench`, in the order they run and print. Add new ones here. */
export const sections: readonly Section[] = [epsteinSection, startupSection, mesaSection, aftermathSection, experimentThroughputSection, webFrameSection, redisScalingSection];
