import { useRef, useState, type FormEvent } from 'react';
import type { Service } from '../../../../shared/domain/workspace';
import { errorData } from '../../api/call-key';
import { Button } from '../../components/button';
import { TextField } from '../../components/text-field';
import styles from './service-card.module.css';
import { useSetServicePath } from './use-workspace-mutations';

interface SetPathFormProps {
  readonly service: Service;
  readonly onDone: () => void;
}

/**
 * Points a service at its repository's new place. The core checks the path (exists, is a git
 * repository with a commit); its answer shows under the input, and what was typed stays.
 */
export function SetPathForm({ service, onDone }: SetPathFormProps) {
  const [repoPath, setRepoPath] = useState(service.repoPath);
  const setPath = useSetServicePath();
  const input = useRef<HTMLInputElement>(null);
  const error = setPath.error ? errorData(setPath.error) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setPath.mutate({ service: service.name, repoPath: repoPath.trim() }, { onSuccess: onDone, onError: () => input.current?.focus() });
  };

  return (
    <form className={styles.drawer} onSubmit={submit} aria-label={`Repository path of ${service.name}`}>
      <div className={styles.row}>
        <TextField
          ref={input}
          fieldClassName={styles.grow}
          label="New repository path"
          mono
          value={repoPath}
          onChange={(e) => setRepoPath(e.target.value)}
          error={error ? [error.message, error.hint].filter(Boolean).join(' ') : null}
          autoFocus
          required
        />
        <div className={styles.buttons}>
          <Button onClick={onDone} disabled={setPath.isPending}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" disabled={setPath.isPending}>
            {setPath.isPending ? 'Saving…' : 'Save path'}
          </Button>
        </div>
      </div>
    </form>
  );
}
