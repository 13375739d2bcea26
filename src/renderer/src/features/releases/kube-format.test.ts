import { describe, expect, it } from 'vitest';
import { configureTarget, draftOf, fieldOfProblem, kubeTargetParts, revisionSource, workloadPaused } from './kube-format';

const row = (state: string) => ({ name: 'deployment/api', role: 'serving', digest: 'sha256:1', state, healthy: true, hostPort: null });

describe('kubernetes board helpers', () => {
  it('names the context, namespace and workload, the Rollout when there is one', () => {
    expect(kubeTargetParts({ context: 'kube-emulator', namespace: 'shop', deployment: 'api', rollout: null, serviceName: null })).toEqual(['kube-emulator', 'shop', 'deployment/api']);
    expect(kubeTargetParts({ context: null, namespace: 'shop', deployment: 'api', rollout: 'api-ro', serviceName: null })).toEqual(['current context', 'shop', 'rollout/api-ro']);
  });

  it('reads paused from the workload rows', () => {
    expect(workloadPaused([row('3/3 available · paused')])).toBe(true);
    expect(workloadPaused([row('3/3 available'), row('1/1 available · 0 updated')])).toBe(false);
  });

  it("says a revision without a ReplicaSet comes from Shipdeck's record", () => {
    expect(revisionSource({ replicaSet: 'api-5d8f' })).toBe('api-5d8f');
    expect(revisionSource({ replicaSet: null })).toBe("from Shipdeck's record");
  });

  it('clears empty optional fields and keeps what was typed for the core to check', () => {
    expect(configureTarget({ ...draftOf(null), namespace: ' shop ', deployment: 'API', rollout: '' })).toEqual({ context: null, namespace: 'shop', deployment: 'API', rollout: null, serviceName: null });
  });

  it('puts a validation message under the field it names first', () => {
    expect(fieldOfProblem('deployment must be a Kubernetes name (lowercase letters, digits, "-"), e.g. shop-api')).toBe('deployment');
    expect(fieldOfProblem('kubernetes.namespace: namespace must be a Kubernetes name')).toBe('namespace');
    expect(fieldOfProblem('service must be a Kubernetes name')).toBe('serviceName');
    expect(fieldOfProblem('something else went wrong')).toBeNull();
  });
});
