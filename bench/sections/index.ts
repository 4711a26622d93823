import type { Section } from '../section.js';
import { aftermathSection } from './aftermath.js';
import { epsteinSection } from './epstein.js';
import { experimentThroughputSection } from './experiment-throughput.js';

export interface SectionOptions {
  /** Time the bench's own stand-in kernel instead of src/models/civil-violence. */
  readonly placeholder?: boolean;
}

/** Every section of `npm run bench`, in the order they run and print. Add new ones here. */
export function allSections(options: SectionOptions = {}): Section[] {
  return [epsteinSection({ placeholder: options.placeholder }), aftermathSection, experimentThroughputSection];
}
