import { useState, type FormEvent } from 'react';
import type { PrometheusSettings } from '../../../../shared/contract/analysis';
import { errorData } from '../../api/call-key';
import { Button } from '../../components/button';
import { ErrorPanel } from '../../components/error-panel';
import { Facts } from '../../components/facts';
import { Panel } from '../../components/panel';
import { SkeletonRows } from '../../components/skeleton-rows';
import { TextField } from '../../components/text-field';
import styles from './settings.module.css';
import { useSetPrometheus, useWorkspaceSettings } from './use-settings';

/** The workspace's Prometheus: where canary analysis asks, unless an environment names its own. */
export function PrometheusPanel() {
  const settings = useWorkspaceSettings();
  return (
    <Panel title="Prometheus">
      {settings.data ? (
        <PrometheusForm prometheus={settings.data.prometheus} />
      ) : settings.error ? (
        <ErrorPanel error={errorData(settings.error)} title="Could not read the settings" compact onRetry={() => void settings.refetch()} />
      ) : (
        <SkeletonRows count={3} label="Reading the settings" />
      )}
    </Panel>
  );
}

/**
 * The endpoint as a field checked by the core: its error shows under the field and what was typed stays.
 * An empty field saves as "no Prometheus" (canary gates then wait for a person).
 */
function PrometheusForm({ prometheus }: { readonly prometheus: PrometheusSettings }) {
  // null: not edited, the saved value shows (and follows a change made elsewhere).
  const [draft, setDraft] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const setPrometheus = useSetPrometheus();
  const text = draft ?? prometheus.url ?? '';
  const error = setPrometheus.error ? errorData(setPrometheus.error) : null;

  const save = (url: string | null) => {
    setSaved(false);
    setPrometheus.mutate(
      { url },
      {
        onSuccess: () => {
          setDraft(null);
          setSaved(true);
        }
      }
    );
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const url = text.trim();
    save(url === '' ? null : url);
  };

  return (
    <form className={styles.form} onSubmit={submit} aria-label="Prometheus endpoint">
      <div className={styles.row}>
        <TextField
          fieldClassName={styles.grow}
          label="Prometheus URL"
          mono
          placeholder="http://127.0.0.1:9090"
          value={text}
          onChange={(e) => {
            setDraft(e.target.value);
            setSaved(false);
          }}
          error={error ? [error.message, error.hint].filter(Boolean).join(' ') : null}
          hint="Canary analysis asks this Prometheus unless an environment names its own. Empty: no analysis."
        />
        <div className={styles.buttons}>
          <Button variant="primary" type="submit" disabled={setPrometheus.isPending}>
            {setPrometheus.isPending ? 'Saving…' : 'Save'}
          </Button>
          <Button disabled={setPrometheus.isPending || prometheus.url === null} onClick={() => save(null)}>
            Clear
          </Button>
        </div>
      </div>
      <p className={styles.status} role="status" data-testid="prometheus-status">
        {saved ? (prometheus.url ? `Saved: analysis asks ${prometheus.url}.` : 'Cleared: no Prometheus, canary gates wait for a person.') : ''}
      </p>
      <Facts>
        <dt>Scrape interval</dt>
        <dd>{prometheus.scrapeIntervalSeconds} s</dd>
        <dt>Scrape targets</dt>
        <dd>
          <span className="mono" data-testid="targets-folder">
            {prometheus.targetsFolder}
          </span>
          <span className={styles.muted}> — point Prometheus&apos; file_sd_configs at the JSON files in this folder.</span>
        </dd>
      </Facts>
    </form>
  );
}
