import { ANY_INDEX, parsePath, patternOf, formatPath, type Segment } from './field-path.js';

/** Edit distance (insert, delete, substitute, each cost 1), two rows of memory. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/**
 * The candidate closest to `word`: one it abbreviates if any, else the nearest by edit distance
 * (ties go to the first). Undefined when there are no candidates.
 */
export function nearestWord(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  if (w.length >= 3) {
    const extended = candidates.filter((c) => c.toLowerCase().startsWith(w));
    if (extended.length > 0) return extended.reduce((a, b) => (b.length < a.length ? b : a));
  }
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = levenshtein(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** Whether a suggestion is close enough to be a plausible typo rather than noise. */
export function isPlausibleTypo(word: string, suggestion: string): boolean {
  const w = word.toLowerCase();
  const s = suggestion.toLowerCase();
  // an abbreviation ("legit" for "legitimacy") is as telling as a typo
  if (w.length >= 3 && s.startsWith(w)) return true;
  return levenshtein(w, s) <= Math.max(2, Math.floor(w.length / 3));
}

/**
 * The valid path nearest to `path` (by edit distance of the whole dotted text), with the
 * user's own array indices put back in place of `[]`: `schedule[1].att` -> `schedule[1].at`.
 * Returns undefined only when `validPaths` is empty.
 */
export function nearestPath(path: string, validPaths: readonly string[]): string | undefined {
  const segments = parsePath(path);
  const normalized = segments ? formatPath(patternOf(segments)) : path;
  const best = nearestWord(normalized, validPaths);
  if (best === undefined || !segments) return best;
  const indices = segments.filter((s): s is number => typeof s === 'number');
  const bestSegments = parsePath(best);
  if (!bestSegments) return best;
  let k = 0;
  const restored: Segment[] = bestSegments.map((s) => (s === ANY_INDEX && k < indices.length ? indices[k++] : s));
  return formatPath(restored);
}
