import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorPanel } from './error-panel';

interface ErrorBoundaryProps {
  /** Named in the message: "The History screen failed to show." */
  readonly name: string;
  readonly children: ReactNode;
}

interface ErrorBoundaryState {
  readonly error: Error | null;
}

/** Keeps a rendering bug in one screen from blanking the whole window. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`[shipdeck] ${this.props.name} failed to render`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <ErrorPanel
        boundary
        title={`The ${this.props.name} screen failed to show.`}
        error={{ code: 'INTERNAL', message: error.message, hint: 'The rest of Shipdeck still works. Try again, or switch to another screen.' }}
        retryLabel="Try again"
        onRetry={() => this.setState({ error: null })}
      />
    );
  }
}
