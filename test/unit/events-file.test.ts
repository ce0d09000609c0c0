import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatEventsFileErrors, parseEventsFile } from '../../src/sources/events-file';

const change = {
  time: '2024-01-29T22:33:00Z',
  kind: 'deploy',
  service: 'backend',
  title: 'backend v3.119.0',
};
const incident = { title: 'Routing errors', start: '2024-01-30T00:19:00Z' };

/** The error lines for a file, or [] when it is valid. */
function errorsOf(json: unknown): string[] {
  const result = parseEventsFile(json);
  return result.ok ? [] : formatEventsFileErrors(result.errors);
}

describe('parsing an events file', () => {
  it('accepts the example of docs/events-file.md and drops its x- fields', () => {
    const doc = readFileSync(new URL('../../docs/events-file.md', import.meta.url), 'utf8');
    const example = /```json\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    const result = parseEventsFile(JSON.parse(example));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.changes.map((c) => c.kind)).toEqual(['deploy', 'config', 'scale']);
    expect(result.value.changes[2]).not.toHaveProperty('x-pipeline');
    expect(result.value.incidents[0]?.phases?.map((p) => p.status)).toEqual([
      'investigating',
      'identified',
      'monitoring',
      'resolved',
    ]);
  });

  it('reads a file with only a version as empty lists', () => {
    expect(parseEventsFile({ version: 1 })).toEqual({
      ok: true,
      value: { version: 1, changes: [], incidents: [] },
    });
  });

  it('names the entry and the field of a bad time', () => {
    const file = {
      version: 1,
      changes: [change, change, change, { ...change, time: 'yesterday' }],
    };
    expect(errorsOf(file)).toEqual(['changes[3].time: expected RFC 3339 time, got "yesterday"']);
    expect(parseEventsFile(file)).toEqual({
      ok: false,
      errors: [{ path: 'changes[3].time', message: 'expected RFC 3339 time, got "yesterday"' }],
    });
  });

  it('accepts offsets and fractions, and rejects times RFC 3339 does not allow', () => {
    const at = (time: unknown): string[] =>
      errorsOf({ version: 1, changes: [{ ...change, time }] });
    expect(at('2024-01-29T14:33:00-08:00')).toEqual([]);
    expect(at('2024-01-29T22:33:00.250Z')).toEqual([]);
    expect(at('2024-02-29T00:00:00Z')).toEqual([]);
    for (const bad of [
      '2024-01-29',
      '2024-01-29T22:33Z',
      '2024-01-29T22:33:00',
      '2024-02-30T00:00:00Z',
      '2024-01-29T24:00:00Z',
    ]) {
      expect(at(bad)).toEqual([`changes[0].time: expected RFC 3339 time, got "${bad}"`]);
    }
    expect(at(1706567580000)).toEqual([
      'changes[0].time: expected RFC 3339 time, got 1706567580000',
    ]);
  });

  it('reports the errors of docs/events-file.md in the order the page shows them', () => {
    const doc = readFileSync(new URL('../../docs/events-file.md', import.meta.url), 'utf8');
    const shown = /## Errors[\s\S]*?```text\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    const file = {
      version: 2,
      changes: [
        change,
        change,
        change,
        { ...change, time: 'yesterday', kind: 'rollout' },
        { ...change, url: 'javascript:alert(1)' },
        { time: change.time, kind: 'deploy', service: 'backend', tilte: 'typo' },
      ],
      incidents: [{ ...incident, end: '2024-01-30T00:10:00Z' }],
    };
    expect(errorsOf(file)).toEqual(shown.trimEnd().split('\n'));
  });

  it('reports every problem of a file at once', () => {
    const file = {
      version: 2,
      changes: [
        { ...change, kind: 'rollout', url: 'javascript:alert(1)' },
        { time: change.time, kind: 'scale', service: '', tilte: 'typo' },
        7,
      ],
    };
    expect(errorsOf(file)).toEqual([
      'version: expected 1 (the version of this format), got 2',
      'changes[0].kind: expected one of deploy, config, scale, got "rollout"',
      'changes[0].url: expected an http(s) URL, got "javascript:alert(1)"',
      'changes[1].service: must not be empty',
      'changes[1].title: required: expected a string',
      'changes[1].tilte: unknown field',
      'changes[2]: expected an object, got 7',
    ]);
  });

  it('accepts http and https links only', () => {
    const link = (url: string): string[] => errorsOf({ version: 1, changes: [{ ...change, url }] });
    expect(link('https://ci.example.com/runs/1?x=y#z')).toEqual([]);
    expect(link('http://ci.example.com')).toEqual([]);
    expect(link('data:text/html,<b>x</b>')).toEqual([
      'changes[0].url: expected an http(s) URL, got "data:text/html,<b>x</b>"',
    ]);
    expect(link('/relative/path')).toEqual([
      'changes[0].url: expected an http(s) URL, got "/relative/path"',
    ]);
  });

  it('checks incident windows and the order of phases', () => {
    const backwards = { ...incident, end: '2024-01-30T00:10:00Z' };
    const resolved = { status: 'resolved', time: '2024-01-30T00:49:00Z' };
    const investigating = { status: 'investigating', time: '2024-01-30T00:19:00Z' };
    const unknown = { status: 'fixed', time: '2024-01-30T00:50:00Z' };
    // In the order of the file, although the window check runs after the fields are read.
    expect(
      errorsOf({
        version: 1,
        incidents: [backwards, { ...incident, phases: [resolved, unknown] }],
      }),
    ).toEqual([
      'incidents[0].end: must not be before start (2024-01-30T00:19:00Z), got "2024-01-30T00:10:00Z"',
      'incidents[1].phases[1].status: expected one of investigating, identified, monitoring, resolved, got "fixed"',
    ]);
    expect(
      errorsOf({ version: 1, incidents: [{ ...incident, phases: [resolved, investigating] }] }),
    ).toEqual([
      'incidents[0].phases[1].time: must not be before the previous phase (2024-01-30T00:49:00Z), got "2024-01-30T00:19:00Z"',
    ]);
  });

  it('rejects duplicate ids', () => {
    const file = {
      version: 1,
      changes: [
        { ...change, id: 'x' },
        { ...change, id: 'y' },
        { ...change, id: 'x' },
      ],
    };
    expect(errorsOf(file)).toEqual(['changes[2].id: duplicate id "x", also changes[0]']);
  });

  it('describes files that are not objects or lists where it expects them', () => {
    expect(errorsOf(null)).toEqual(['expected an object, got null']);
    expect(errorsOf([])).toEqual(['expected an object, got an array']);
    expect(errorsOf({ version: 1, changes: {} })).toEqual([
      'changes: expected an array of changes, got an object',
    ]);
    expect(errorsOf({})).toEqual(['version: required: expected 1 (the version of this format)']);
  });

  it('names the field, the start of the value and its length for a 10 KB title', () => {
    const title = `<img src=x onerror=alert(1)>${'W'.repeat(10_212)}`;
    expect(errorsOf({ version: 1, changes: [{ ...change, title }] })).toEqual([
      `changes[0].title: must be at most 500 characters, got "<img src=x onerror=alert(1)>${'W'.repeat(52)}…" (10240)`,
    ]);
  });

  it('shortens long values in messages', () => {
    const [message] = errorsOf({ version: 1, changes: [{ ...change, kind: 'k'.repeat(500) }] });
    expect(message?.length).toBeLessThan(150);
  });
});
