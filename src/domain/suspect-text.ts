import { changeDetail } from './changes';
import { formatDuration } from './format-time';
import { isolated } from './shown-text';
import type { Suspect } from './suspects';

/** `deploy payments v4.2.0 — 3 h 38 min before Error ratio`: a suspect in one line. */
export function suspectHeadline(suspect: Suspect, firstSignalTitle: string): string {
  const { change } = suspect;
  // A deploy is named by the version it brought; other changes by what they changed.
  const detail =
    change.kind === 'deploy' && change.version !== null
      ? isolated(change.version)
      : changeDetail(change);
  const what = `${change.kind} ${isolated(change.service)}${detail === null ? '' : ` ${detail}`}`;
  return `${what} — ${formatDuration(suspect.leadMs)} before ${isolated(firstSignalTitle)}`;
}
