import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** Where this boundary sits, for the message ("the inspector"). */
  area: string;
  /** When this value changes (the document, say), the boundary tries to render its children again. */
  resetKey: unknown;
  children: ReactNode;
}

/**
 * Keeps one panel's failure to that panel: a document shaped in a way a form did not expect shows a message there
 * (and the JSON view still works) instead of taking the whole studio down. Tries again on the next change.
 */
export class ErrorBoundary extends Component<Props, { error: Error | null; key: unknown }> {
  override state: { error: Error | null; key: unknown } = { error: null, key: undefined };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: { error: Error | null; key: unknown }) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Reported as a warning: the studio goes on, and the message says what to do.
    console.warn(`Flowcast: ${this.props.area} could not show this document: ${error.message}`, info.componentStack);
  }

  override render() {
    if (this.state.error)
      return (
        <div className="empty-state" role="alert" data-testid="panel-error">
          <p>
            <b>{this.props.area[0].toUpperCase() + this.props.area.slice(1)} cannot show this part of the document.</b>
          </p>
          <p>{this.state.error.message}</p>
          <p>The Problems tab says what is wrong with the file; the JSON tab lets you repair it.</p>
        </div>
      );
    return this.props.children;
  }
}
