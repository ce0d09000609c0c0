/**
 * The events file: Aftershock's public format for changes and incidents written by CI/CD or by
 * hand (docs/events-file.md; JSON Schema in docs/events-file.schema.json, generated from this
 * schema). Version 1 is stable: later versions may add fields, and a reader of version 1 rejects
 * what it does not know, so a typo never silently drops data. Producers may add their own
 * fields under names that start with `x-`; readers ignore those.
 */

import { z } from 'zod';
import { parseRfc3339, RFC3339 } from '../domain/rfc3339';
import { quotedValue } from '../domain/shown-text';
import {
  afterOthers,
  fieldErrors,
  formatFieldErrors,
  schemaFields,
  uniqueBy,
  type FieldError,
} from '../domain/schema-fields';

/** Lower-case scheme only: the JSON Schema `pattern` has no case-insensitive flag. */
const HTTP_URL = /^https?:\/\/\S+$/;
const MAX_CHANGES = 10_000;
const MAX_INCIDENTS = 1_000;

const { expected, oneOf, pattern, record, text } = schemaFields({
  missing: (what) => `required: expected ${what}`,
});

const time = z
  .string({ error: expected('RFC 3339 time') })
  .regex(RFC3339, { error: expected('RFC 3339 time') })
  .refine((value) => parseRfc3339(value) !== null, {
    error: expected('RFC 3339 time'),
    ...afterOthers,
  })
  .meta({ description: 'RFC 3339 date-time with an offset', examples: ['2024-01-30T00:17:00Z'] });

const url = pattern(HTTP_URL, 'an http(s) URL', 2048).refine((value) => URL.canParse(value), {
  error: expected('an http(s) URL'),
  ...afterOthers,
});

/** Whether time `a` is before time `b`; false when either is not a time (reported on its own). */
function isBefore(a: string, b: string): boolean {
  const [x, y] = [parseRfc3339(a), parseRfc3339(b)];
  return x !== null && y !== null && x < y;
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
    if (value.end !== undefined && isBefore(value.end, value.start)) {
      ctx.addIssue({
        code: 'custom',
        path: ['end'],
        message: `must not be before start (${value.start}), got ${quotedValue(value.end)}`,
        input: value.end,
      });
    }
    (value.phases ?? []).forEach((p, i, all) => {
      const previous = all[i - 1];
      if (previous !== undefined && isBefore(p.time, previous.time)) {
        const message = `must not be before the previous phase (${previous.time}), got ${quotedValue(p.time)}`;
        ctx.addIssue({ code: 'custom', path: ['phases', i, 'time'], message, input: p.time });
      }
    });
  }),
);

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
      uniqueBy(value.changes, (c) => c.id, ['changes', 'id'], ctx);
      uniqueBy(value.incidents, (i) => i.id, ['incidents', 'id'], ctx);
    }),
  )
  .meta({ title: 'Aftershock events file' });

export type EventsFile = z.output<typeof eventsFileSchema>;
export type EventsFileChange = EventsFile['changes'][number];
export type EventsFileIncident = EventsFile['incidents'][number];

/** Where the problem is, e.g. `changes[3].time`, and what it is. */
export type EventsFileError = FieldError;

const TOP_LEVEL = ['version', 'changes', 'incidents'];

export function parseEventsFile(
  json: unknown,
): { ok: true; value: EventsFile } | { ok: false; errors: EventsFileError[] } {
  const result = eventsFileSchema.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: fieldErrors(result.error.issues, TOP_LEVEL) };
}

/** One line per error, as shown to users: `changes[3].time: expected RFC 3339 time, got "yesterday"`. */
export const formatEventsFileErrors = formatFieldErrors;
