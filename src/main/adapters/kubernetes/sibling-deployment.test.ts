import { describe, expect, it } from 'vitest';
import { siblingObject } from './sibling-deployment';

describe('sibling Deployments', () => {
  it("copies the source's template and strategy, adds the labels to selector and template, sets the image", () => {
    const source = {
      metadata: { name: 'api', labels: { app: 'api' } },
      spec: { replicas: 5, strategy: { type: 'Recreate' }, minReadySeconds: 3, selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'app', image: 'old' }, { name: 'side', image: 'side:1' }] } } }
    };
    const sibling = siblingObject({ name: 'api-green', from: { context: null, namespace: 'shop', kind: 'Deployment', name: 'api' }, image: 'new', replicas: 2, labels: { colour: 'green' }, changeCause: 'c' }, source);
    expect(sibling).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api-green', namespace: 'shop', labels: { app: 'api', colour: 'green' }, annotations: { 'kubernetes.io/change-cause': 'c' } },
      spec: { replicas: 2, strategy: { type: 'Recreate' }, minReadySeconds: 3, selector: { matchLabels: { app: 'api', colour: 'green' } }, template: { metadata: { labels: { app: 'api', colour: 'green' } }, spec: { containers: [{ name: 'app', image: 'new' }, { name: 'side', image: 'side:1' }] } } }
    });
    expect(source.spec.template.spec.containers[0]?.image).toBe('old');
  });
});
