/** The default score below which the verdict has gaps; stated here alone, so `--help` can show it without loading the scorer. */
export const DEFAULT_THRESHOLD = 80;
