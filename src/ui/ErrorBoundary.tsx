import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** What this part of the screen is, for the message ("Cohorts", "Rows table", …). */
  name: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/** One failing panel says what failed; the rest of the app keeps working. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`[${this.props.name}]`, error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <section className="panel panel-error" role="alert">
        <strong>{this.props.name} failed:</strong> {error.message || String(error)}. If state saved
        for this dataset caused it, “Reset saved state” at the top clears it.{' '}
        <button
          type="button"
          className="button small"
          onClick={() => this.setState({ error: null })}
        >
          Try again
        </button>
      </section>
    );
  }
}
