import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Text from Prometheus, status pages and events files reaches the page only as text: the lint
 * configuration itself refuses a component that would hand a string to the HTML parser.
 */

const root = resolve(import.meta.dirname, '../..');
// Linted as if it were this file, so the project's typed rules and React rules apply to it.
const AS_FILE = 'src/ui/PanelErrorBoundary.tsx';

async function ruleMessages(code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: resolve(root, AS_FILE) });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('the lint rules', () => {
  it('refuse dangerouslySetInnerHTML', { timeout: 30_000 }, async () => {
    const messages = await ruleMessages(
      'export function Title({ html }: { readonly html: string }) {\n' +
        '  return <div dangerouslySetInnerHTML={{ __html: html }} />;\n' +
        '}\n',
    );
    expect(messages).toEqual([
      'no-restricted-syntax: Render text as text: dangerouslySetInnerHTML is not allowed.',
    ]);
  });

  it('accept the same text rendered as text', { timeout: 30_000 }, async () => {
    const messages = await ruleMessages(
      'export function Title({ text }: { readonly text: string }) {\n' +
        '  return <div>{text}</div>;\n' +
        '}\n',
    );
    expect(messages).toEqual([]);
  });
});
