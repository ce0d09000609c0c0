/**
 * Building blocks for the zod schemas of the files people write for Aftershock (the events file,
 * the dashboard config), so that every error names its field and says what was expected, and the
 * errors read from the top of the file to the bottom.
 */

import { z } from 'zod';
import { quotedValue } from './shown-text';

// zod compiles object parsers with `new Function`, and probes for it even when it may not: a
// strict Content-Security-Policy reports that probe as a violation. Interpreted parsing is fast
// enough for files a person writes.
z.config({ jitless: true });

/** The error of a string over `maxLength`: the limit, the start of the value and its length. */
export function tooLong(maxLength: number) {
  return (issue: { readonly input?: unknown }): string => {
    const length = typeof issue.input === 'string' ? ` (${String(issue.input.length)})` : '';
    return `must be at most ${String(maxLength)} characters, got ${quotedValue(issue.input)}${length}`;
  };
}

/** Runs a check only when the checks before it passed, so one mistake gives one message. */
export const afterOthers = {
  when: (payload: z.core.ParsePayload) => payload.issues.length === 0,
};

export interface SchemaFieldsOptions {
  /** The error for a required field that is absent, given what the field expects. */
  readonly missing: (what: string) => string;
}

/**
 * The field builders of one file format. Formats word a missing field their own way (the events
 * file says `required: expected a string`, the dashboard config `required`), and their messages
 * are kept as they were published.
 */
export function schemaFields({ missing }: SchemaFieldsOptions) {
  /** The `missing` message for an absent field, "expected …, got …" for a wrong one. */
  function expected(what: string) {
    return (issue: { readonly input?: unknown }): string =>
      issue.input === undefined
        ? missing(what)
        : `expected ${what}, got ${quotedValue(issue.input)}`;
  }

  function text(maxLength: number) {
    return z
      .string({ error: expected('a string') })
      .min(1, { error: 'must not be empty' })
      .max(maxLength, { error: tooLong(maxLength) });
  }

  function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
    return z.enum(values, { error: expected(`one of ${values.join(', ')}`) });
  }

  function pattern(regex: RegExp, what: string, maxLength = 200) {
    return z
      .string({ error: expected(what) })
      .max(maxLength, { error: tooLong(maxLength) })
      .regex(regex, { error: expected(what), ...afterOthers });
  }

  /**
   * An object that rejects unknown fields, so a typo (`thresold`) is reported instead of silently
   * ignored, but lets `x-` extension fields through (and drops them from the parsed value).
   */
  function record<S extends z.core.$ZodLooseShape>(shape: S, description: string) {
    const keys = new Set(Object.keys(shape));
    return z
      .object(shape, { error: expected('an object') })
      .catchall(z.unknown())
      .check(
        z.superRefine(
          (value: Record<string, unknown>, ctx) => {
            for (const key of Object.keys(value)) {
              if (keys.has(key) || key.startsWith('x-')) continue;
              const message = 'unknown field';
              ctx.addIssue({ code: 'custom', path: [key], message, input: value[key] });
            }
          },
          // Also when other fields are wrong, so that a typo is reported with them in one pass.
          { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
        ),
      )
      .meta({ description, additionalProperties: false, patternProperties: { '^x-': {} } })
      .transform((value) => {
        const known: Record<string, unknown> = {};
        for (const key of keys) if (value[key] !== undefined) known[key] = value[key];
        return known as z.output<z.ZodObject<S>>;
      });
  }

  return { expected, text, oneOf, pattern, record };
}

/** Reports every entry whose key repeats an earlier one, naming both; no key, no check. */
export function uniqueBy<T>(
  list: readonly T[],
  key: (entry: T) => string | undefined,
  field: readonly [string, string],
  ctx: z.RefinementCtx,
): void {
  const [listName, keyName] = field;
  const seen = new Map<string, number>();
  list.forEach((entry, i) => {
    const value = key(entry);
    if (value === undefined) return;
    const first = seen.get(value);
    if (first === undefined) seen.set(value, i);
    else {
      const message = `duplicate ${keyName} ${quotedValue(value)}, also ${listName}[${String(first)}]`;
      ctx.addIssue({ code: 'custom', path: [listName, i, keyName], message, input: value });
    }
  });
}

export interface FieldError {
  /** Where the problem is, e.g. `panels[2].targets[0].expr` (empty for the file itself). */
  readonly path: string;
  readonly message: string;
}

/** `panels[2].targets[0].expr` from zod's `['panels', 2, 'targets', 0, 'expr']`. */
function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) =>
      typeof key === 'number' ? `[${String(key)}]` : `${i === 0 ? '' : '.'}${String(key)}`,
    )
    .join('');
}

/**
 * Sorts issues into the order of the file (zod reports cross-field checks after the fields), so
 * that the errors read from top to bottom; issues of the same entry keep their order.
 */
function documentOrder(topLevel: readonly string[]) {
  const rank = (path: readonly PropertyKey[]): number[] => [
    path.length === 0 ? -1 : topLevel.indexOf(String(path[0])) + 1 || topLevel.length + 1,
    ...path.filter((key): key is number => typeof key === 'number'),
  ];
  return (a: readonly PropertyKey[], b: readonly PropertyKey[]): number => {
    const [x, y] = [rank(a), rank(b)];
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const difference = (x[i] ?? 0) - (y[i] ?? 0);
      if (difference !== 0) return difference;
    }
    return x.length - y.length;
  };
}

/** The issues of a failed parse in the order of the file, whose fields are `topLevel`. */
export function fieldErrors(
  issues: readonly z.core.$ZodIssue[],
  topLevel: readonly string[],
): FieldError[] {
  const order = documentOrder(topLevel);
  return [...issues]
    .sort((a, b) => order(a.path, b.path))
    .map((issue) => ({ path: pathText(issue.path), message: issue.message }));
}

/** One line per error, as shown to users: `changes[3].time: expected RFC 3339 time, got "yesterday"`. */
export function formatFieldErrors(errors: readonly FieldError[]): string[] {
  return errors.map((e) => (e.path === '' ? e.message : `${e.path}: ${e.message}`));
}
