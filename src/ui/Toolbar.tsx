import { useState } from 'react';
import { RANGE_PRESETS, REFRESH_CHOICES, type ViewState } from '../dashboard/url-state';
import { formatInstant } from '../domain/format-time';
import { parseTimeExpression, type AbsoluteRange } from '../domain/time-range';

export interface ToolbarProps {
  readonly view: ViewState;
  readonly range: AbsoluteRange;
  readonly timeZone: string;
  readonly onChange: (patch: Partial<ViewState>) => void;
  readonly onRefresh: () => void;
  readonly onShift: (direction: -1 | 1) => void;
  readonly onZoomOut: () => void;
}

const ZONES = [
  'UTC',
  'browser',
  'America/Los_Angeles',
  'America/New_York',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Tokyo',
];

function rangeLabel(view: ViewState, range: AbsoluteRange, timeZone: string): string {
  const { from, to } = view;
  if (from.kind === 'relative' && to.kind === 'relative' && to.offsetMs === 0) {
    const preset = RANGE_PRESETS.find((choice) => choice.from === from.text);
    return preset ? preset.label : `Last ${from.text.replace(/^now-/, '')}`;
  }
  return `${formatInstant(range.startMs, timeZone)} → ${formatInstant(range.endMs, timeZone)}`;
}

/** Range, refresh and zone controls; every change is a URL change. */
export function Toolbar(props: ToolbarProps) {
  const { view, range, timeZone, onChange, onRefresh, onShift, onZoomOut } = props;
  const [fromText, setFromText] = useState('');
  const [toText, setToText] = useState('');
  const [inputProblem, setInputProblem] = useState<string | null>(null);

  const applyAbsolute = () => {
    const from = parseTimeExpression(fromText.trim());
    const to = parseTimeExpression(toText.trim());
    if (!from || !to) {
      setInputProblem(
        `Cannot read ${!from ? `from "${fromText}"` : `to "${toText}"`}: use now-6h, RFC 3339 or epoch ms`,
      );
      return;
    }
    setInputProblem(null);
    onChange({ from, to });
  };

  return (
    <div className="toolbar" role="toolbar" aria-label="Time range and refresh">
      <details
        className="range-picker"
        onToggle={(event) => {
          if (event.currentTarget.open) {
            setFromText(new Date(range.startMs).toISOString());
            setToText(new Date(range.endMs).toISOString());
          }
        }}
      >
        <summary title="Time range (URL: from, to)">{rangeLabel(view, range, timeZone)}</summary>
        <div className="popover">
          <div className="presets">
            {RANGE_PRESETS.map((preset) => (
              <button
                key={preset.from}
                type="button"
                onClick={() => {
                  const from = parseTimeExpression(preset.from);
                  const to = parseTimeExpression('now');
                  if (from && to) onChange({ from, to });
                }}
              >
                {preset.label}
              </button>
            ))}
          </div>
          <form
            className="absolute-range"
            onSubmit={(event) => {
              event.preventDefault();
              applyAbsolute();
            }}
          >
            <label>
              From{' '}
              <input
                value={fromText}
                onChange={(e) => {
                  setFromText(e.target.value);
                }}
              />
            </label>
            <label>
              To{' '}
              <input
                value={toText}
                onChange={(e) => {
                  setToText(e.target.value);
                }}
              />
            </label>
            <button type="submit">Apply</button>
            {inputProblem && (
              <p className="input-problem" role="alert">
                {inputProblem}
              </p>
            )}
          </form>
        </div>
      </details>
      <button
        type="button"
        title="Earlier (←)"
        onClick={() => {
          onShift(-1);
        }}
      >
        ◀
      </button>
      <button type="button" title="Zoom out (-)" onClick={onZoomOut}>
        Zoom out
      </button>
      <button
        type="button"
        title="Later (→)"
        onClick={() => {
          onShift(1);
        }}
      >
        ▶
      </button>
      <button type="button" title="Refresh now (r)" onClick={onRefresh}>
        ↻
      </button>
      <label className="select">
        <span>Refresh</span>
        <select
          value={view.refreshSeconds === null ? 'off' : String(view.refreshSeconds)}
          onChange={(e) => {
            onChange({ refreshSeconds: e.target.value === 'off' ? null : Number(e.target.value) });
          }}
        >
          <option value="off">off</option>
          {REFRESH_CHOICES.map((choice) => (
            <option key={choice.seconds} value={String(choice.seconds)}>
              {choice.label}
            </option>
          ))}
        </select>
      </label>
      <label className="select">
        <span>Zone</span>
        <select
          value={view.tz}
          onChange={(e) => {
            onChange({ tz: e.target.value });
          }}
        >
          {[...new Set([view.tz, ...ZONES])].map((zone) => (
            <option key={zone} value={zone}>
              {zone === 'browser'
                ? `browser (${Intl.DateTimeFormat().resolvedOptions().timeZone})`
                : zone}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        title="Dark or light theme"
        onClick={() => {
          const dark =
            view.theme === 'dark' ||
            (view.theme === null && window.matchMedia('(prefers-color-scheme: dark)').matches);
          onChange({ theme: dark ? 'light' : 'dark' });
        }}
      >
        ◐
      </button>
    </div>
  );
}
