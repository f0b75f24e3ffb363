import { closest, distance } from 'fastest-levenshtein';

/** The candidate `input` is plausibly a typo of, or null: a far-fetched hint is worse than none. */
export function suggestion(input: string, candidates: readonly string[]): string | null {
  if (candidates.length === 0) return null;
  const best = closest(input, [...candidates]);
  return best !== undefined && distance(input.toLowerCase(), best.toLowerCase()) <= Math.max(2, Math.floor(input.length / 3)) ? best : null;
}

/** ` (did you mean `x`?)` when one of `candidates` is plausibly a typo of `input`, else nothing. */
export function didYouMean(input: string, candidates: readonly string[]): string {
  const best = suggestion(input, candidates);
  return best ? ` (did you mean \`${best}\`?)` : '';
}
