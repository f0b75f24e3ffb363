/** The renderings of a report besides --json; markdown is the default. Its own module so `--help` loads nothing more. */
export const REPORT_FORMATS = ['md', 'html', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Paper for --format pdf; a browser's own Print to PDF lets the reader choose. */
export const PAPERS = ['a4', 'letter'] as const;
export type Paper = (typeof PAPERS)[number];
