import { describe, expect, it } from 'vitest';
import { httpUrlOrNull } from '../../src/sources/http-url';

describe('links from sources', () => {
  it('keeps absolute http and https links', () => {
    expect(httpUrlOrNull('https://stspg.example/abc123')).toBe('https://stspg.example/abc123');
    expect(httpUrlOrNull('http://ci.example.com/runs/1?x=<y>')).toBe(
      'http://ci.example.com/runs/1?x=%3Cy%3E',
    );
  });

  it('drops scripts, data, relative links and what is not text', () => {
    for (const link of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'java\tscript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      '/incidents/1',
      '//evil.example/',
      'https://',
      '',
      42,
      null,
      undefined,
      `https://example.com/${'x'.repeat(2048)}`,
    ]) {
      expect(httpUrlOrNull(link), String(link)).toBeNull();
    }
  });
});
