import { useEffect } from 'react';
import { useAuditStore } from '../../stores/audit-store';
import { useServicesStore } from '../../stores/services-store';
import { AddServiceForm } from './add-service-form';
import { AuditLog } from './audit-log';
import { ServiceCard } from './service-card';

/** Services and their environments, adding a service, and the audit trail. */
export function WorkspaceScreen() {
  const services = useServicesStore((s) => s.services);
  const loadAudit = useAuditStore((s) => s.load);

  useEffect(() => {
    void loadAudit();
  }, [loadAudit]);

  return (
    <div className="screen workspace-screen">
      <header className="screen-header">
        <div className="title-block">
          <h1>Workspace</h1>
          <p className="subtitle">Services, their environments in promotion order, and who changed what.</p>
        </div>
      </header>
      <div className="screen-scroll">
        <section className="panel" aria-labelledby="ws-services-heading">
          <h2 id="ws-services-heading" className="panel-heading">
            Services <span className="count">{services.length}</span>
          </h2>
          {services.length === 0 ? (
            <p className="empty-note">No services yet. Add one below, or open the demo workspace from History.</p>
          ) : (
            <ul className="service-cards" aria-label="Services in the workspace">
              {services.map((service) => (
                <ServiceCard key={service.name} service={service} />
              ))}
            </ul>
          )}
        </section>
        <AddServiceForm />
        <AuditLog />
      </div>
    </div>
  );
}
