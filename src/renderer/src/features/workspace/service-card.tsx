import { useState } from 'react';
import type { Service } from '../../../../shared/domain/workspace';
import { EnvironmentChips } from './environment-chips';
import { EnvironmentEditor } from './environment-editor';

export function ServiceCard({ service }: { readonly service: Service }) {
  const [editing, setEditing] = useState(false);
  const headingId = `service-${service.name}`;
  return (
    <li className="service-card" aria-labelledby={headingId}>
      <div className="service-card-main">
        <div className="service-card-text">
          <h3 id={headingId} className="service-card-name">
            {service.name}
          </h3>
          <dl className="facts">
            <dt>Repository</dt>
            <dd className="mono">{service.repoPath}</dd>
            <dt>Image</dt>
            <dd className="mono">{service.imageRepository ?? <span className="muted">not set</span>}</dd>
          </dl>
          <EnvironmentChips environments={service.environments} />
        </div>
        {!editing && (
          <button
            type="button"
            className="button small"
            aria-label={`Edit environments of ${service.name}`}
            onClick={() => setEditing(true)}
          >
            Edit environments
          </button>
        )}
      </div>
      {editing && <EnvironmentEditor service={service} onDone={() => setEditing(false)} />}
    </li>
  );
}
