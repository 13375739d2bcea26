import { useEffect, useRef, useState, type FormEvent } from 'react';
import { errorData } from '../../api/call-key';
import { Button } from '../../components/button';
import { ErrorPanel } from '../../components/error-panel';
import { Panel } from '../../components/panel';
import { TextField } from '../../components/text-field';
import { useNavigationStore } from '../../stores/navigation-store';
import styles from './add-service-form.module.css';
import { useAddService } from './use-workspace-mutations';

/** Adds a service from a local git repository. On error nothing typed is lost. */
export function AddServiceForm() {
  const add = useAddService();
  const addServiceRequest = useNavigationStore((s) => s.addServiceRequest);
  const selectService = useNavigationStore((s) => s.selectService);
  const go = useNavigationStore((s) => s.go);
  const [name, setName] = useState('');
  const [repoPath, setRepoPath] = useState('');
  const [imageRepository, setImageRepository] = useState('');
  const [added, setAdded] = useState<string | null>(null);
  const section = useRef<HTMLElement>(null);
  const firstField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (addServiceRequest === 0) return;
    section.current?.scrollIntoView({ block: 'start' });
    firstField.current?.focus();
  }, [addServiceRequest]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAdded(null);
    const image = imageRepository.trim();
    add.mutate(
      { name: name.trim(), repoPath: repoPath.trim(), ...(image ? { imageRepository: image } : {}) },
      {
        onSuccess: (service) => {
          setAdded(service.name);
          selectService(service.name);
          setName('');
          setRepoPath('');
          setImageRepository('');
        }
      }
    );
  };

  return (
    <Panel title="Add a service" ref={section}>
      <form className={styles.form} onSubmit={submit} aria-label="Add a service">
        <TextField ref={firstField} label="Service name" value={name} onChange={(e) => setName(e.target.value)} placeholder="shop-api" required />
        <TextField
          label="Local repository path"
          mono
          value={repoPath}
          onChange={(e) => setRepoPath(e.target.value)}
          placeholder="/home/you/src/shop-api"
          required
        />
        <TextField
          label={
            <>
              Image repository <span className="muted">(optional)</span>
            </>
          }
          mono
          value={imageRepository}
          onChange={(e) => setImageRepository(e.target.value)}
          placeholder="127.0.0.1:5000/shop/api"
        />
        <div className={styles.actions}>
          <Button type="submit" variant="primary" disabled={add.isPending}>
            {add.isPending ? 'Adding…' : 'Add service'}
          </Button>
        </div>
      </form>
      {add.error && <ErrorPanel title="The service was not added" error={errorData(add.error)} compact />}
      {added && (
        <p className={styles.success} role="status">
          Added {added}.{' '}
          <Button variant="link" onClick={() => go('history')}>
            View its commits
          </Button>
        </p>
      )}
    </Panel>
  );
}
