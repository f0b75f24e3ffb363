/**
 * Vendor names: the one rule for what a name may be (the prompt, `--vendor`
 * and the answers loader all apply it), and what makes two names the same
 * vendor. Kept free of zod and node modules so the prompt can use it cheaply.
 */

/** Longest vendor name, in UTF-16 code units as the loader's schema counts them. */
export const MAX_VENDOR_LENGTH = 200;

/** Why `name` cannot be a vendor name (in the loader's words), or null when it can. Names are trimmed first. */
export function vendorNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'must not be empty';
  if (trimmed.length > MAX_VENDOR_LENGTH) return `must be at most ${MAX_VENDOR_LENGTH} characters`;
  return null;
}

/**
 * Who a name refers to: compatibility forms folded (NFKC: full-width
 * letters, ligatures), case folded, and spacing collapsed, so "ＡＣＭＥ  Ltd"
 * and "acme ltd" are one vendor, while 鈴木工業 and 山田商事 stay two. File
 * names are made from a slug and never used to tell vendors apart.
 */
export function vendorKey(name: string): string {
  // Upper then lower case folds more than lower alone (ß and ss, final sigma).
  return name.normalize('NFKC').trim().replace(/\s+/gu, ' ').toUpperCase().toLowerCase();
}

export function sameVendor(a: string, b: string): boolean {
  return vendorKey(a) === vendorKey(b);
}
