/**
 * The events file: Aftershock's public format for changes and incidents written by CI/CD or by
 * hand (docs/events-file.md; JSON Schema in docs/events-file.schema.json, generated from this
 * schema). Version 1 is stable: later versions may add fields, and a reader of version 1 rejects
 * what it does not know, so a typo never silently drops data. Producers may add their own
 * fields under names that start with `x-`; readers ignore those.
 */

import { z } from 'zod';

/** RFC 3339 date-time (section 5.6): seconds required, fraction optional, explicit offset. */
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2}):(\d{2}))$/;
/** Lower-case scheme only: the JSON Schema `pattern` has no case-insensitive flag. */
const HTTP_URL = /^https?:\/\/\S+$/;
const MAX_CHANGES = 10_000;
const MAX_INCIDENTS = 1_000;

/** A short, safe rendering of a value for an error message. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…"` : text;
}

function expected(what: string) {
  return (issue: { readonly input?: unknown }): string =>
    issue.input === undefined
      ? `required: expected ${what}`
      : `expected ${what}, got ${describe(issue.input)}`;
}

/** The regex checks the shape; this checks the calendar (no February 30th, no hour 24). */
function isRealTime(text: string): boolean {
  const m = RFC3339.exec(text);
  if (m === null) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const daysInMonth = new Date(Date.UTC(year ?? 0, month ?? 0, 0)).getUTCDate();
  const offsetOk = m[9] === undefined || (Number(m[10]) <= 23 && Number(m[11]) <= 59);
  return (
    (month ?? 0) >= 1 &&
    (month ?? 0) <= 12 &&
    (day ?? 0) >= 1 &&
    (day ?? 0) <= daysInMonth &&
    (hour ?? 99) <= 23 &&
    (minute ?? 99) <= 59 &&
    (second ?? 99) <= 59 &&
    offsetOk
  );
}

/** Runs a check only when the checks before it passed, so one mistake gives one message. */
const afterOthers = { when: (payload: z.core.ParsePayload) => payload.issues.length === 0 };

const time = z
  .string({ error: expected('RFC 3339 time') })
  .regex(RFC3339, { error: expected('RFC 3339 time') })
  .refine(isRealTime, { error: expected('RFC 3339 time'), ...afterOthers })
  .meta({ description: 'RFC 3339 date-time with an offset', examples: ['2024-01-30T00:17:00Z'] });

function text(maxLength: number) {
  return z
    .string({ error: expected('a string') })
    .min(1, { error: 'must not be empty' })
    .max(maxLength, { error: `must be at most ${String(maxLength)} characters` });
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: expected(`one of ${values.join(', ')}`) });
}

const url = z
  .string({ error: expected('an http(s) URL') })
  .max(2048, { error: 'must be at most 2048 characters' })
  .regex(HTTP_URL, { error: expected('an http(s) URL'), ...afterOthers })
  .refine((value) => URL.canParse(value), { error: expected('an http(s) URL'), ...afterOthers });

/**
 * An object that rejects unknown fields but lets `x-` extension fields through (and drops them
 * from the parsed value).
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
            ctx.addIssue({
              code: 'custom',
              path: [key],
              message: 'unknown field',
              input: value[key],
            });
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

const change = record(
  {
    id: text(200).optional(),
    time,
    kind: oneOf(['deploy', 'config', 'scale']),
    service: text(253),
    namespace: text(253).optional(),
    title: text(500),
    version: text(200).optional(),
    from: text(500).optional(),
    to: text(500).optional(),
    author: text(200).optional(),
    url: url.optional(),
  },
  'A deploy, config change or scale change.',
);

const phase = record(
  { status: oneOf(['investigating', 'identified', 'monitoring', 'resolved']), time },
  'A moment in the response to an incident.',
);

const incident = record(
  {
    id: text(200).optional(),
    title: text(500),
    start: time,
    end: time.optional(),
    severity: text(40).optional(),
    phases: z
      .array(phase, { error: expected('an array of phases') })
      .max(100)
      .optional(),
    url: url.optional(),
  },
  'An incident window written by hand or by tooling.',
).check(
  z.superRefine((value, ctx) => {
    if (value.end !== undefined && Date.parse(value.end) < Date.parse(value.start)) {
      ctx.addIssue({
        code: 'custom',
        path: ['end'],
        message: `must not be before start (${value.start})`,
        input: value.end,
      });
    }
    (value.phases ?? []).forEach((p, i, all) => {
      const previous = all[i - 1];
      if (previous !== undefined && Date.parse(p.time) < Date.parse(previous.time)) {
        const message = `must not be before the previous phase (${previous.time})`;
        ctx.addIssue({ code: 'custom', path: ['phases', i, 'time'], message, input: p.time });
      }
    });
  }),
);

function uniqueIds(
  list: readonly { readonly id?: string | undefined }[],
  field: string,
  ctx: z.RefinementCtx,
): void {
  const seen = new Map<string, number>();
  list.forEach((entry, i) => {
    if (entry.id === undefined) return;
    const first = seen.get(entry.id);
    if (first === undefined) seen.set(entry.id, i);
    else
      ctx.addIssue({
        code: 'custom',
        path: [field, i, 'id'],
        message: `duplicate id, also ${field}[${String(first)}]`,
        input: entry.id,
      });
  });
}

export const eventsFileSchema = record(
  {
    version: z.literal(1, { error: expected('1 (the version of this format)') }),
    changes: z
      .array(change, { error: expected('an array of changes') })
      .max(MAX_CHANGES, { error: `must hold at most ${String(MAX_CHANGES)} changes` })
      .default([]),
    incidents: z
      .array(incident, { error: expected('an array of incidents') })
      .max(MAX_INCIDENTS, { error: `must hold at most ${String(MAX_INCIDENTS)} incidents` })
      .default([]),
  },
  'Changes and incidents for Aftershock (events file, version 1).',
)
  .check(
    z.superRefine((value, ctx) => {
      uniqueIds(value.changes, 'changes', ctx);
      uniqueIds(value.incidents, 'incidents', ctx);
    }),
  )
  .meta({ title: 'Aftershock events file' });

export type EventsFile = z.output<typeof eventsFileSchema>;
export type EventsFileChange = EventsFile['changes'][number];
export type EventsFileIncident = EventsFile['incidents'][number];

export interface EventsFileError {
  /** Where the problem is, e.g. `changes[3].time` (empty for the file itself). */
  readonly path: string;
  readonly message: string;
}

function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) =>
      typeof key === 'number' ? `[${String(key)}]` : `${i === 0 ? '' : '.'}${String(key)}`,
    )
    .join('');
}

const TOP_LEVEL = ['version', 'changes', 'incidents'];

/**
 * Sorts issues into the order of the file (zod reports cross-field checks after the fields), so
 * that the errors read from top to bottom; issues of the same entry keep their order.
 */
function documentOrder(a: readonly PropertyKey[], b: readonly PropertyKey[]): number {
  const rank = (path: readonly PropertyKey[]): number[] => [
    path.length === 0 ? -1 : TOP_LEVEL.indexOf(String(path[0])) + 1 || TOP_LEVEL.length + 1,
    ...path.filter((key): key is number => typeof key === 'number'),
  ];
  const [x, y] = [rank(a), rank(b)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const difference = (x[i] ?? 0) - (y[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return x.length - y.length;
}

export function parseEventsFile(
  json: unknown,
): { ok: true; value: EventsFile } | { ok: false; errors: EventsFileError[] } {
  const result = eventsFileSchema.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    errors: [...result.error.issues]
      .sort((a, b) => documentOrder(a.path, b.path))
      .map((issue) => ({ path: pathText(issue.path), message: issue.message })),
  };
}

/** One line per error, as shown to users: `changes[3].time: expected RFC 3339 time, got "yesterday"`. */
export function formatEventsFileErrors(errors: readonly EventsFileError[]): string[] {
  return errors.map((e) => (e.path === '' ? e.message : `${e.path}: ${e.message}`));
}
