/** The report writes through the store's one atomic writer (temporary file, then rename). */
export { writeFileAtomic } from '../store/atomic-write.js';
