/** The renderings of a report besides --json; markdown is the default. Its own module so `--help` loads nothing more. */
export const REPORT_FORMATS = ['md', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
