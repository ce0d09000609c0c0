import { open } from 'node:fs/promises';
import { openMetricsChunks } from '../../mocks/openmetrics';
import type { GeneratedScenario } from '../../mocks/scenario/series';

/**
 * Writes the scenario's OpenMetrics text to a file chunk by chunk: the writer is asked for the
 * next chunk only once the previous one is written, so memory stays flat however long the
 * scenario is (a 2.5-day, 250-series scenario is ≈ 330 MB of text).
 */
export async function writeOpenMetricsFile(
  scenario: GeneratedScenario,
  path: string,
): Promise<void> {
  const file = await open(path, 'w');
  try {
    for (const chunk of openMetricsChunks(scenario)) await file.write(chunk);
  } finally {
    await file.close();
  }
}
