import { useNavigationStore } from '../stores/navigation-store';
import styles from './shell.module.css';
import { useServices } from './use-services';

/** The services of the workspace; the chosen one is what every screen shows. */
export function ServicePicker() {
  const { data: services } = useServices();
  const selected = useNavigationStore((s) => s.selectedService);
  const selectService = useNavigationStore((s) => s.selectService);

  return (
    <section className={styles.section} aria-labelledby="services-heading">
      <h2 className={styles.heading} id="services-heading">
        Services
      </h2>
      {services?.length === 0 && <p className={styles.empty}>No services yet</p>}
      <ul className={styles.list} aria-label="Services">
        {services?.map((service) => (
          <li key={service.name}>
            <button
              type="button"
              className={styles.item}
              aria-current={service.name === selected ? 'true' : undefined}
              title={service.repoPath}
              onClick={() => selectService(service.name)}
            >
              <span className={styles.dot} aria-hidden="true" />
              <span className={styles.itemName}>{service.name}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
