import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PanelErrorBoundary } from '../../src/ui/PanelErrorBoundary';

/** A panel body that fails while rendering for as long as `failure.message` is set. */
const failure: { message: string | null } = { message: null };

function FragileChart() {
  if (failure.message !== null) throw new Error(failure.message);
  return <p>latency chart</p>;
}

function Dashboard() {
  return (
    <>
      <PanelErrorBoundary title="Error ratio (5xx)">
        <p>error ratio chart</p>
      </PanelErrorBoundary>
      <PanelErrorBoundary title="Latency">
        <FragileChart />
      </PanelErrorBoundary>
      <PanelErrorBoundary title="Queue depth">
        <p>queue chart</p>
      </PanelErrorBoundary>
    </>
  );
}

afterEach(() => {
  failure.message = null;
  vi.restoreAllMocks();
});

describe('PanelErrorBoundary', () => {
  it('shows the error of a panel that throws while rendering, and its siblings still render', () => {
    const console = vi.spyOn(globalThis.console, 'error').mockImplementation(() => {});
    failure.message = 'Cannot read properties of undefined (reading "times")';
    render(<Dashboard />);

    const latency = screen.getByRole('region', { name: 'Latency' });
    const alert = within(latency).getByRole('alert');
    expect(within(alert).getByText('This panel failed to draw')).toBeTruthy();
    expect(within(alert).getByText('Cannot read properties of undefined (reading "times")')).toBe(
      alert.querySelector('span'),
    );
    expect(within(latency).getByRole('heading', { name: 'Latency' })).toBeTruthy();

    expect(screen.getByText('error ratio chart')).toBeTruthy();
    expect(screen.getByText('queue chart')).toBeTruthy();
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    // Said on the console too, naming the panel, for whoever debugs it.
    expect(console).toHaveBeenCalledWith(
      'Panel "Latency" failed to render',
      expect.any(Error),
      expect.any(String),
    );
  });

  it('draws the panel again on "Try again" once it no longer throws', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    failure.message = 'boom';
    render(<Dashboard />);
    expect(screen.getByRole('alert').textContent).toContain('boom');

    failure.message = null;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('latency chart')).toBeTruthy();
  });

  it('shows a thrown non-Error value as its text', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    function ThrowsText(): never {
      // A library may throw a plain string; the panel still says what it was.
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw 'series key collision';
    }
    render(
      <PanelErrorBoundary title="DNS SERVFAIL">
        <ThrowsText />
      </PanelErrorBoundary>,
    );
    expect(within(screen.getByRole('alert')).getByText('series key collision')).toBeTruthy();
  });
});
