/**
 * When a dated answer to an item that goes stale should be confirmed again.
 * Calendar months, clamped to the month's last day (Jan 31 + 1 month = Feb 28).
 */
export function dueDate(answered: string | null, months: number | null): string | null {
  if (answered === null || months === null) return null;
  const from = new Date(answered);
  if (Number.isNaN(from.getTime())) return null;
  const target = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(from.getUTCDate(), lastDay));
  return target.toISOString().slice(0, 10);
}

/** Due now (on or before `now`), due within `days`, or not yet. */
export function dueStatus(due: string, now: Date, days = 30): 'due' | 'soon' | 'later' {
  const today = now.toISOString().slice(0, 10);
  if (due <= today) return 'due';
  const horizon = new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  return due <= horizon ? 'soon' : 'later';
}
