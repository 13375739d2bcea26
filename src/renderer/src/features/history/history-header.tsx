import type { KeyboardEvent } from 'react';
import type { Service } from '../../../../shared/domain/workspace';
import { Icon } from '../../components/icon';
import { useCommitLogStore } from '../../stores/commit-log-store';
import { useCompareStore } from '../../stores/compare-store';
import { useHistoryRefsStore } from '../../stores/history-refs-store';
import { useNavigationStore, type HistoryMode } from '../../stores/navigation-store';
import { RefSelector } from './ref-selector';

const MODES: readonly { readonly mode: HistoryMode; readonly label: string }[] = [
  { mode: 'log', label: 'Log' },
  { mode: 'compare', label: 'Compare' }
];

export function HistoryHeader({ service }: { readonly service: Service }) {
  const mode = useNavigationStore((s) => s.historyMode);
  const setMode = useNavigationStore((s) => s.setHistoryMode);

  const refresh = () => {
    void useHistoryRefsStore.getState().load(service.name);
    if (mode === 'log') useCommitLogStore.getState().reload();
    else void useCompareStore.getState().run();
  };

  const onTabKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const next = mode === 'log' ? 'compare' : 'log';
    setMode(next);
    document.getElementById(`history-tab-${next}`)?.focus();
  };

  return (
    <header className="screen-header history-header">
      <div className="title-block">
        <h1>History</h1>
        <p className="service-line">
          <span className="service-name">{service.name}</span>
          {/* Right-to-left box so a long path loses its start, not the repository's name; the text inside stays LTR. */}
          <span className="repo-path mono" title={service.repoPath} data-testid="repo-path">
            <bdi>{service.repoPath}</bdi>
          </span>
        </p>
      </div>
      <div className="header-tools">
        <div className="segmented" role="tablist" aria-label="History view" onKeyDown={onTabKey}>
          {MODES.map(({ mode: m, label }) => (
            <button
              key={m}
              type="button"
              role="tab"
              id={`history-tab-${m}`}
              aria-selected={m === mode}
              aria-controls="history-panel"
              tabIndex={m === mode ? 0 : -1}
              className="segment"
              onClick={() => setMode(m)}
            >
              {label}
            </button>
          ))}
        </div>
        {mode === 'log' && <RefSelector />}
        <button type="button" className="button icon-button" aria-label="Refresh" title="Reload branches, tags and commits" onClick={refresh}>
          <Icon name="refresh" />
        </button>
      </div>
    </header>
  );
}
