/**
 * Errors of the mock PromQL engine, typed the way Prometheus's HTTP API reports them:
 * `bad_data` (HTTP 400) for a query that does not parse, does not type-check or uses PromQL
 * this evaluator does not support, and `execution` (HTTP 422) for one that fails while being
 * evaluated (e.g. many-to-many matching).
 */

export type PromqlErrorKind = 'bad_data' | 'execution';

export class PromqlError extends Error {
  readonly kind: PromqlErrorKind;

  constructor(kind: PromqlErrorKind, message: string) {
    super(message);
    this.name = 'PromqlError';
    this.kind = kind;
  }
}

/** "line:column" of a character offset, 1-based, as Prometheus prints parse error positions. */
export function positionOf(query: string, offset: number): string {
  let line = 1;
  let lastLineBreak = -1;
  const end = Math.min(Math.max(offset, 0), query.length);
  for (let i = 0; i < end; i++) {
    if (query[i] === '\n') {
      line++;
      lastLineBreak = i;
    }
  }
  return `${String(line)}:${String(end - lastLineBreak)}`;
}

/** A parse or type error, worded like Prometheus 2.42's `ParseErr.Error()`. */
export function parseError(query: string, offset: number, message: string): PromqlError {
  return new PromqlError('bad_data', `${positionOf(query, offset)}: parse error: ${message}`);
}

/** Valid PromQL that this evaluator cannot answer honestly; the message names the part. */
export function unsupportedError(
  query: string,
  from: number,
  to: number,
  what: string,
): PromqlError {
  const text = query.slice(from, to);
  return new PromqlError(
    'bad_data',
    `${positionOf(query, from)}: unsupported by the mock Prometheus: ${what} ${JSON.stringify(text)}`,
  );
}

export function executionError(message: string): PromqlError {
  return new PromqlError('execution', message);
}
