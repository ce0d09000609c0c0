/**
 * One line of `npm run bench`'s table: a figure, ours, what it is compared with and the ratio.
 * A figure measured elsewhere keeps its row with `ours: null`, so the table's shape stays the
 * issue's list.
 */
export interface BenchRow {
  readonly figure: string;
  readonly ours: string | null;
  readonly baseline?: string;
  readonly ratio?: string;
  readonly note?: string;
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** A Markdown table, ready to paste into the README. */
export function benchTable(rows: readonly BenchRow[]): string {
  return [
    '| figure | ours | compared with | ratio | note |',
    '| --- | --- | --- | --- | --- |',
    ...rows
      .map((row) =>
        [
          row.figure,
          row.ours ?? 'not measured here',
          row.baseline ?? '',
          row.ratio ?? '',
          row.note ?? '',
        ]
          .map(cell)
          .join(' | '),
      )
      .map((line) => `| ${line} |`),
  ].join('\n');
}
