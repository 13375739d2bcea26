import { ScreenNav } from './screen-nav';
import { ServicePicker } from './service-picker';

export function Sidebar() {
  return (
    <aside className="sidebar" aria-label="Sidebar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">Shipdeck</span>
      </div>
      <ServicePicker />
      <ScreenNav />
    </aside>
  );
}
