import type { Service } from '../../../../shared/domain/workspace';
import { errorData } from '../../api/call-key';
import { useServices } from '../../app/use-services';
import { EmptyNote } from '../../components/empty-state';
import { Panel } from '../../components/panel';
import styles from './settings.module.css';
import { useSetReadOnly } from './use-settings';

/** One service's switch; the core's answer (not the click) decides what it shows. */
function ReadOnlyRow({ service }: { readonly service: Service }) {
  const setReadOnly = useSetReadOnly();
  const error = setReadOnly.error ? errorData(setReadOnly.error) : null;
  return (
    <li className={styles.serviceRow} aria-label={service.name}>
      <label className={styles.switchLabel}>
        <input
          type="checkbox"
          role="switch"
          className={styles.switch}
          checked={service.readOnly}
          disabled={setReadOnly.isPending}
          aria-label={`${service.name} is read-only`}
          onChange={(e) => setReadOnly.mutate({ service: service.name, readOnly: e.target.checked })}
        />
        <span className={styles.serviceName}>{service.name}</span>
      </label>
      <span className={styles.muted} data-testid="read-only-state">
        {service.readOnly ? 'read-only: shadow releases may mirror its traffic' : 'read-write: no shadow releases'}
      </span>
      {error && (
        <p className={styles.error} role="alert">
          {[error.message, error.hint].filter(Boolean).join(' ')}
        </p>
      )}
    </li>
  );
}

/**
 * Per service, whether it is read-only. Only a read-only service's traffic may be mirrored to a shadow
 * release: a mirrored write would happen twice.
 */
export function ReadOnlyPanel() {
  const services = useServices().data ?? [];
  return (
    <Panel title="Read-only services" count={services.length}>
      <p className={styles.lead}>A shadow release gets a copy of the live traffic; mark a service read-only only when answering a request twice changes nothing.</p>
      {services.length === 0 ? (
        <EmptyNote>No services yet. Add one on the Workspace screen.</EmptyNote>
      ) : (
        <ul className={styles.services} aria-label="Read-only services">
          {services.map((service) => (
            <ReadOnlyRow key={service.name} service={service} />
          ))}
        </ul>
      )}
    </Panel>
  );
}
