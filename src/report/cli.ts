/**
 * `npm run report -- --prometheus URL --from T --to T …`: the postmortem report of a range, as
 * Markdown or JSON on stdout. Exit status 0 when every query and file answered, 1 when the
 * report was printed without some of them (named in it), 2 when nothing could be reported:
 * bad arguments, a file that cannot be read, or a Prometheus that cannot be reached.
 */

import { incidentMarkdown } from '../domain/incident-markdown';
import { incidentReport } from '../domain/incident-report';
import { parseReportArgs, UsageError, USAGE } from './report-args';
import { runReport, UnreachableError } from './run-report';

async function main(argv: readonly string[]): Promise<number> {
  try {
    const options = parseReportArgs(argv);
    if (options === null) {
      process.stdout.write(USAGE);
      return 0;
    }
    const { analysis, errors } = await runReport(options);
    process.stdout.write(
      options.format === 'json'
        ? `${JSON.stringify(incidentReport(analysis, errors), null, 2)}\n`
        : incidentMarkdown(analysis, { timeZone: options.timeZone, errors }),
    );
    return errors.length === 0 ? 0 : 1;
  } catch (error) {
    if (error instanceof UsageError || error instanceof UnreachableError) {
      process.stderr.write(`report: ${error.message}\n`);
      if (error instanceof UsageError) process.stderr.write('Run with --help for the options.\n');
      return 2;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
