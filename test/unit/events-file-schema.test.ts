import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { eventsFileSchema } from '../../src/sources/events-file';

const schemaFile = fileURLToPath(new URL('../../docs/events-file.schema.json', import.meta.url));

describe('the published JSON Schema of the events file', () => {
  it('is the one generated from the zod schema (regenerate with -u)', async () => {
    // `input`: the schema of what producers write (fields with defaults may be left out).
    const schema = z.toJSONSchema(eventsFileSchema, { io: 'input', target: 'draft-2020-12' });
    // Formatted as the repository formats JSON, so that `prettier --check` agrees with the file.
    const options = await resolveConfig(schemaFile);
    const text = await format(JSON.stringify(schema, null, 2), {
      ...options,
      filepath: schemaFile,
    });
    await expect(text).toMatchFileSnapshot(schemaFile);
  });
});
