/**
 * The files the report reads in Node: a dashboard config, an events file and a status page
 * (a file, or an http(s) URL). A file that cannot be read or does not validate is a bad
 * argument: the report says which file and which field, and stops.
 */

import { readFile } from 'node:fs/promises';
import {
  parseDashboardConfig,
  formatDashboardConfigErrors,
  type DashboardConfig,
} from '../dashboard/config-schema';
import { defaultDashboard } from '../dashboard/default-dashboard';
import {
  fieldMessage,
  readEventsFileJson,
  readStatuspageJson,
  type FoundEvents,
} from '../sources/change-sources';
import { UsageError } from './report-args';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function readJson(flag: string, location: string): Promise<unknown> {
  let text: string;
  try {
    if (/^https?:\/\//i.test(location)) {
      const response = await fetch(location, { headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`HTTP ${String(response.status)} ${response.statusText}`);
      text = await response.text();
    } else {
      text = await readFile(location, 'utf8');
    }
  } catch (error) {
    throw new UsageError(`${flag} ${location}: cannot be read (${messageOf(error)})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${flag} ${location}: not JSON (${messageOf(error)})`);
  }
}

export async function loadDashboard(file: string | null): Promise<DashboardConfig> {
  if (file === null) return defaultDashboard;
  const result = parseDashboardConfig(await readJson('--dashboard', file));
  if (result.ok) return result.value;
  throw new UsageError(
    `--dashboard ${file}: not a valid dashboard config: ${fieldMessage(formatDashboardConfigErrors(result.errors))}`,
  );
}

/** A status page or events file; `kind` names the flag in messages. */
export async function loadEvents(
  flag: '--events' | '--statuspage',
  location: string,
): Promise<FoundEvents> {
  const json = await readJson(flag, location);
  try {
    return flag === '--events' ? await readEventsFileJson(json) : readStatuspageJson(json);
  } catch (error) {
    throw new UsageError(`${flag} ${location}: ${messageOf(error)}`);
  }
}
