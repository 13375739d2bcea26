import { BrandMark } from '../components/brand-mark';
import { ScreenNav } from './screen-nav';
import { ServicePicker } from './service-picker';
import styles from './shell.module.css';

export function Sidebar() {
  return (
    <aside className={styles.sidebar} aria-label="Sidebar">
      <div className={styles.brand}>
        <BrandMark />
        <span className={styles.brandName}>Shipdeck</span>
      </div>
      <ServicePicker />
      <ScreenNav />
    </aside>
  );
}
