import { useNavigationStore } from '../stores/navigation-store';
import { useServicesStore } from '../stores/services-store';

/** The services of the workspace; the chosen one is what every screen shows. */
export function ServicePicker() {
  const services = useServicesStore((s) => s.services);
  const status = useServicesStore((s) => s.status);
  const selected = useNavigationStore((s) => s.selectedService);
  const selectService = useNavigationStore((s) => s.selectService);

  return (
    <section className="sidebar-section" aria-labelledby="services-heading">
      <h2 className="sidebar-heading" id="services-heading">
        Services
      </h2>
      {status === 'ready' && services.length === 0 && <p className="sidebar-empty">No services yet</p>}
      <ul className="service-list" aria-label="Services">
        {services.map((service) => (
          <li key={service.name}>
            <button
              type="button"
              className="service-item"
              aria-current={service.name === selected ? 'true' : undefined}
              title={service.repoPath}
              onClick={() => selectService(service.name)}
            >
              <span className="service-dot" aria-hidden="true" />
              <span className="service-item-name">{service.name}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
