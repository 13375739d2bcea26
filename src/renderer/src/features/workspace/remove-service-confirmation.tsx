import { errorData } from '../../api/call-key';
import { Button } from '../../components/button';
import { cx } from '../../components/cx';
import { ErrorPanel } from '../../components/error-panel';
import styles from './service-card.module.css';
import { useRemoveService } from './use-workspace-mutations';

interface RemoveServiceConfirmationProps {
  readonly service: string;
  readonly onCancel: () => void;
}

/** Asks before removing a service, and says what is kept: its release records and audit entries. */
export function RemoveServiceConfirmation({ service, onCancel }: RemoveServiceConfirmationProps) {
  const remove = useRemoveService();
  const titleId = `remove-${service}-title`;
  const textId = `remove-${service}-text`;
  return (
    <div className={cx(styles.drawer, styles.confirm)} role="group" aria-labelledby={titleId} aria-describedby={textId}>
      <p id={titleId} className={styles.confirmTitle}>
        Remove {service} from the workspace?
      </p>
      <p id={textId}>
        It leaves the workspace; its release records and audit entries are kept. The repository on disk is not
        touched.
      </p>
      <div className={styles.buttons}>
        <Button size="small" onClick={onCancel} disabled={remove.isPending} autoFocus>
          Cancel
        </Button>
        <Button size="small" variant="danger-solid" disabled={remove.isPending} onClick={() => remove.mutate({ service })}>
          {remove.isPending ? 'Removing…' : `Remove ${service}`}
        </Button>
      </div>
      {remove.error && <ErrorPanel title="The service was not removed" error={errorData(remove.error)} compact />}
    </div>
  );
}
