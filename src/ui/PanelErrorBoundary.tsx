import { Component, type ErrorInfo, type ReactNode } from 'react';

export interface PanelErrorBoundaryProps {
  readonly title: string;
  readonly children: ReactNode;
}

interface State {
  readonly error: Error | null;
}

/** One panel that throws while rendering shows its error; every other panel carries on. */
export class PanelErrorBoundary extends Component<PanelErrorBoundaryProps, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`Panel "${this.props.title}" failed to render`, error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error) {
      return (
        <section className="panel" aria-label={this.props.title}>
          <header className="panel-header">
            <h2>{this.props.title}</h2>
          </header>
          <div className="panel-state panel-error" role="alert">
            <strong>This panel failed to draw</strong>
            <span>{this.state.error.message}</span>
            <button
              type="button"
              onClick={() => {
                this.setState({ error: null });
              }}
            >
              Try again
            </button>
          </div>
        </section>
      );
    }
    return this.props.children;
  }
}
