import { cleanup } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { server } from './msw-server';

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
});
afterEach(() => {
  cleanup();
  server.resetHandlers();
});
afterAll(() => {
  server.close();
});

/**
 * jsdom does no layout, so nothing has a size and it has no ResizeObserver. Panels size their
 * queries by their width; this stand-in reports a fixed 1200 px, as a desktop browser would.
 */
export const LAYOUT_WIDTH_PX = 1200;

class FixedWidthResizeObserver implements ResizeObserver {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element): void {
    const contentRect = { width: LAYOUT_WIDTH_PX, height: 300 } as DOMRectReadOnly;
    this.callback([{ target, contentRect } as ResizeObserverEntry], this);
  }
  unobserve(): void {}
  disconnect(): void {}
}

globalThis.ResizeObserver = FixedWidthResizeObserver;
