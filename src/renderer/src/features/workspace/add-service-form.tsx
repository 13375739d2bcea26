import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { AppErrorData } from '../../../../shared/result';
import { ErrorPanel } from '../../components/error-panel';
import { useNavigationStore } from '../../stores/navigation-store';
import { useServicesStore } from '../../stores/services-store';

/** Adds a service from a local git repository. On error nothing typed is lost. */
export function AddServiceForm() {
  const add = useServicesStore((s) => s.add);
  const addServiceRequest = useNavigationStore((s) => s.addServiceRequest);
  const selectService = useNavigationStore((s) => s.selectService);
  const go = useNavigationStore((s) => s.go);
  const [name, setName] = useState('');
  const [repoPath, setRepoPath] = useState('');
  const [imageRepository, setImageRepository] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const section = useRef<HTMLElement>(null);
  const firstField = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => {
    if (addServiceRequest === 0) return;
    section.current?.scrollIntoView({ block: 'start' });
    firstField.current?.focus();
  }, [addServiceRequest]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setAdded(null);
    const image = imageRepository.trim();
    const result = await add({ name: name.trim(), repoPath: repoPath.trim(), ...(image ? { imageRepository: image } : {}) });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setAdded(result.value.name);
    selectService(result.value.name);
    setName('');
    setRepoPath('');
    setImageRepository('');
  };

  return (
    <section className="panel" aria-labelledby={`${id}-heading`} ref={section}>
      <h2 id={`${id}-heading`} className="panel-heading">
        Add a service
      </h2>
      <form className="form" onSubmit={(e) => void submit(e)} aria-label="Add a service">
        <div className="field">
          <label htmlFor={`${id}-name`}>Service name</label>
          <input
            ref={firstField}
            id={`${id}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="shop-api"
            autoComplete="off"
            spellCheck={false}
            required
          />
        </div>
        <div className="field wide">
          <label htmlFor={`${id}-repo`}>Local repository path</label>
          <input
            id={`${id}-repo`}
            value={repoPath}
            onChange={(e) => setRepoPath(e.target.value)}
            placeholder="/home/you/src/shop-api"
            autoComplete="off"
            spellCheck={false}
            className="mono"
            required
          />
        </div>
        <div className="field wide">
          <label htmlFor={`${id}-image`}>
            Image repository <span className="muted">(optional)</span>
          </label>
          <input
            id={`${id}-image`}
            value={imageRepository}
            onChange={(e) => setImageRepository(e.target.value)}
            placeholder="127.0.0.1:5000/shop/api"
            autoComplete="off"
            spellCheck={false}
            className="mono"
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Adding…' : 'Add service'}
          </button>
        </div>
      </form>
      {error && <ErrorPanel title="The service was not added" error={error} compact />}
      {added && (
        <p className="success-note" role="status">
          Added {added}.{' '}
          <button type="button" className="link-button" onClick={() => go('history')}>
            View its commits
          </button>
        </p>
      )}
    </section>
  );
}
