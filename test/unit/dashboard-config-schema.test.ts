import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dashboardConfigSchema } from '../../src/dashboard/config-schema';

const schemaFile = fileURLToPath(
  new URL('../../docs/dashboard-config.schema.json', import.meta.url),
);

describe('the published JSON Schema of the dashboard config', () => {
  it('is the one generated from the zod schema (regenerate with -u)', async () => {
    // `input`: the schema of what authors write (fields with defaults may be left out).
    const schema = z.toJSONSchema(dashboardConfigSchema, { io: 'input', target: 'draft-2020-12' });
    // Formatted as the repository formats JSON, so that `prettier --check` agrees with the file.
    const options = await resolveConfig(schemaFile);
    const text = await format(JSON.stringify(schema, null, 2), {
      ...options,
      filepath: schemaFile,
    });
    await expect(text).toMatchFileSnapshot(schemaFile);
  });
});
