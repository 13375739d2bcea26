import { useServices } from '../../app/use-services';
import { EmptyNote } from '../../components/empty-state';
import { Panel } from '../../components/panel';
import { Screen, ScreenScroll } from '../../components/screen';
import { AddServiceForm } from './add-service-form';
import { AuditLog } from './audit-log';
import { ServiceCard } from './service-card';
import styles from './service-card.module.css';

/** Services and their environments, adding, re-pointing and removing a service, and the audit trail. */
export function WorkspaceScreen() {
  const services = useServices().data ?? [];

  return (
    <Screen title="Workspace" subtitle="Services, their environments in promotion order, and who changed what.">
      <ScreenScroll>
        <Panel title="Services" count={services.length}>
          {services.length === 0 ? (
            <EmptyNote>No services yet. Add one below, or open the demo workspace from History.</EmptyNote>
          ) : (
            <ul className={styles.cards} aria-label="Services in the workspace">
              {services.map((service) => (
                <ServiceCard key={service.name} service={service} />
              ))}
            </ul>
          )}
        </Panel>
        <AddServiceForm />
        <AuditLog />
      </ScreenScroll>
    </Screen>
  );
}
