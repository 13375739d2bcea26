import { useState } from 'react';
import type { Service } from '../../../../shared/domain/workspace';
import { Button } from '../../components/button';
import { Facts } from '../../components/facts';
import { EnvironmentChips } from './environment-chips';
import { EnvironmentEditor } from './environment-editor';
import { RemoveServiceConfirmation } from './remove-service-confirmation';
import styles from './service-card.module.css';
import { SetPathForm } from './set-path-form';

/** What opens under the card; one at a time. */
type Drawer = 'none' | 'environments' | 'path' | 'remove';

export function ServiceCard({ service }: { readonly service: Service }) {
  const [drawer, setDrawer] = useState<Drawer>('none');
  const close = () => setDrawer('none');
  const headingId = `service-${service.name}`;
  return (
    <li className={styles.card} aria-labelledby={headingId}>
      <div className={styles.main}>
        <div className={styles.text}>
          <h3 id={headingId} className={styles.name}>
            {service.name}
          </h3>
          <Facts>
            <dt>Repository</dt>
            <dd className="mono" data-testid="service-repo-path">
              {service.repoPath}
            </dd>
            <dt>Image</dt>
            <dd className="mono">{service.imageRepository ?? <span className="muted">not set</span>}</dd>
          </Facts>
          <EnvironmentChips environments={service.environments} />
        </div>
        {drawer === 'none' && (
          <div className={styles.actions}>
            <Button size="small" aria-label={`Edit environments of ${service.name}`} onClick={() => setDrawer('environments')}>
              Edit environments
            </Button>
            <Button size="small" aria-label={`Change repository path of ${service.name}`} onClick={() => setDrawer('path')}>
              Change repository path
            </Button>
            <Button size="small" variant="danger" aria-label={`Remove service ${service.name}`} onClick={() => setDrawer('remove')}>
              Remove service
            </Button>
          </div>
        )}
      </div>
      {drawer === 'environments' && <EnvironmentEditor service={service} onDone={close} />}
      {drawer === 'path' && <SetPathForm service={service} onDone={close} />}
      {drawer === 'remove' && <RemoveServiceConfirmation service={service.name} onCancel={close} />}
    </li>
  );
}
