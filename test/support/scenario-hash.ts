import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { GeneratedScenario } from '../../mocks/scenario/series';

const WRITER_SOURCE = resolve(import.meta.dirname, '../../mocks/openmetrics.ts');

/** How the blocks are made, besides the samples and the writer. */
export interface BackfillSettings {
  /** `promtool --version`. */
  readonly toolVersion: string;
  /** promtool's `--max-block-duration`, e.g. `4374h`. */
  readonly maxBlockDuration: string;
}

/**
 * A name for the blocks a scenario backfills into: everything they depend on — the samples
 * themselves, the writer's source, promtool's version and the block duration — so a change to
 * any of them backfills again instead of serving stale blocks.
 */
export async function scenarioContentHash(
  scenario: GeneratedScenario,
  settings: BackfillSettings,
): Promise<string> {
  const hash = createHash('sha256');
  hash.update(await readFile(WRITER_SOURCE));
  hash.update(JSON.stringify(settings));
  hash.update(JSON.stringify(scenario.families));
  for (const series of scenario.series) {
    hash.update(JSON.stringify([series.family, series.labels]));
    hash.update(
      new Uint8Array(
        series.timestamps.buffer,
        series.timestamps.byteOffset,
        series.timestamps.byteLength,
      ),
    );
    hash.update(
      new Uint8Array(series.values.buffer, series.values.byteOffset, series.values.byteLength),
    );
  }
  return hash.digest('hex').slice(0, 32);
}
