import { Icon } from '../components/icon';
import { useNavigationStore } from '../stores/navigation-store';
import { SCREENS } from './screens';
import styles from './shell.module.css';

/** One entry per registered screen. */
export function ScreenNav() {
  const current = useNavigationStore((s) => s.screen);
  const go = useNavigationStore((s) => s.go);
  return (
    <nav className={styles.section} aria-label="Screens">
      <h2 className={styles.heading}>Screens</h2>
      <ul className={styles.list}>
        {SCREENS.map(({ id, label, icon }) => (
          <li key={id}>
            <button type="button" className={styles.item} aria-current={id === current ? 'page' : undefined} onClick={() => go(id)}>
              <Icon name={icon} />
              {label}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
