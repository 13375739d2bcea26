import { Icon, type IconName } from '../components/icon';
import { useNavigationStore, type Screen } from '../stores/navigation-store';

const SCREENS: readonly { readonly screen: Screen; readonly label: string; readonly icon: IconName }[] = [
  { screen: 'history', label: 'History', icon: 'history' },
  { screen: 'workspace', label: 'Workspace', icon: 'workspace' }
];

export function ScreenNav() {
  const current = useNavigationStore((s) => s.screen);
  const go = useNavigationStore((s) => s.go);
  return (
    <nav className="sidebar-section" aria-label="Screens">
      <h2 className="sidebar-heading">Screens</h2>
      <ul className="nav-list">
        {SCREENS.map(({ screen, label, icon }) => (
          <li key={screen}>
            <button
              type="button"
              className="nav-item"
              aria-current={screen === current ? 'page' : undefined}
              onClick={() => go(screen)}
            >
              <Icon name={icon} />
              {label}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
