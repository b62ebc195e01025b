// Loading and failure states every screen shares. A failed load says what to do
// (network loss and 5xx are retryable) and a render crash is caught here, so a
// shop never faces a blank page.
import { Alert, Button, Result, Spin } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/locale';

export function Loading() {
  const { t } = useI18n();
  return (
    <div className="screen-loading" role="status" aria-live="polite">
      <Spin />
      <span>{t('loading')}</span>
    </div>
  );
}

/** Whether trying again may help: no answer at all, or the server failed. */
export const isRetryable = (error: Error): boolean => !(error instanceof ApiError) || error.status >= 500;

export function LoadError({ error, onRetry }: { error: Error; onRetry?(): void }) {
  const { t } = useI18n();
  const retryable = isRetryable(error);
  const message =
    error instanceof ApiError ? (error.status >= 500 ? t('serverError') : error.message) : t('networkError');
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      className="load-error"
      title={message}
      description={retryable && error instanceof ApiError ? error.message : undefined}
      action={
        retryable && onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('retry')}
          </Button>
        ) : undefined
      }
    />
  );
}

function CrashNotice({ error, onReset }: { error: Error; onReset(): void }) {
  const { t } = useI18n();
  return (
    <Result
      status="error"
      title={t('serverError')}
      subTitle={error.message}
      extra={<Button onClick={onReset}>{t('retry')}</Button>}
    />
  );
}

export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('screen crashed', error, info.componentStack);
  }

  render() {
    if (this.state.error)
      return <CrashNotice error={this.state.error} onReset={() => this.setState({ error: null })} />;
    return this.props.children;
  }
}
