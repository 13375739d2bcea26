import { describe, expect, it } from 'vitest';
import { ApiException } from '@kubernetes/client-node';
import { kubeErrorOf, redactCredentials } from './kube-errors';

const scene = { context: 'prod', server: 'https://10.0.0.1:6443' };
const status = (code: number, message: string, extra: Record<string, unknown> = {}) => new ApiException(code, 'x', JSON.stringify({ kind: 'Status', message, code, ...extra }), {});

describe('Kubernetes errors', () => {
  it('maps Status codes to error codes with what to do', () => {
    expect(kubeErrorOf(status(401, 'Unauthorized'), scene)).toMatchObject({ code: 'KUBE_UNAUTHORIZED', message: 'the credentials for context "prod" were refused by https://10.0.0.1:6443 (expired?)', hint: expect.stringContaining('log in again') });
    const forbidden = 'deployments.apps "api" is forbidden: User "viewer" cannot patch resource "deployments" in API group "apps" in the namespace "shop"';
    expect(kubeErrorOf(status(403, forbidden), scene)).toMatchObject({ code: 'KUBE_FORBIDDEN', message: forbidden });
    expect(kubeErrorOf(status(404, 'deployments.apps "x" not found'), scene)).toMatchObject({ code: 'NOT_FOUND' });
    expect(kubeErrorOf(status(409, 'the object has been modified'), scene)).toMatchObject({ code: 'KUBE_CONFLICT' });
    expect(kubeErrorOf(status(422, 'Deployment.apps "x" is invalid', { details: { causes: [{ field: 'spec.replicas', message: 'must be greater than or equal to 0' }] } }), scene)).toMatchObject({ code: 'KUBE_INVALID', message: 'Deployment.apps "x" is invalid (spec.replicas: must be greater than or equal to 0)' });
    expect(kubeErrorOf(status(500, 'etcdserver: request timed out'), scene)).toMatchObject({ code: 'KUBE_FAILED', message: expect.stringContaining('etcdserver: request timed out (HTTP 500') });
  });

  it('names the server and context when nothing answers, and never shows a token', () => {
    const refused = Object.assign(new Error('request to https://10.0.0.1:6443/apis failed, reason: connect ECONNREFUSED'), { code: 'ECONNREFUSED', name: 'FetchError' });
    expect(kubeErrorOf(refused, scene)).toMatchObject({ code: 'TARGET_UNREACHABLE', message: 'no Kubernetes API server answers at https://10.0.0.1:6443 (context "prod"): ECONNREFUSED' });
    expect(kubeErrorOf(Object.assign(new Error('x'), { code: 'ENOTFOUND' }), scene).code).toBe('TARGET_UNREACHABLE');
    expect(kubeErrorOf(Object.assign(new Error('aborted'), { name: 'AbortError' }), scene).code).toBe('CANCELLED');
    expect(kubeErrorOf(new Error('header Authorization: Bearer abc.def.ghi rejected'), scene).message).not.toContain('abc.def');
    expect(redactCredentials('{"token":"s3cret"}')).not.toContain('s3cret');
  });
});
