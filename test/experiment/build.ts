/** The shared build-if-stale helper, under the name these tests import. */
export { ensureBuilt, root } from '../support/build.js';
