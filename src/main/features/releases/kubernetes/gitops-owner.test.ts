import { describe, expect, it } from 'vitest';
import { gitOpsOwner } from './gitops-owner';

describe('gitOpsOwner', () => {
  it('finds Argo CD by its tracking annotation and says how to turn auto-sync off', () => {
    const owner = gitOpsOwner({}, { 'argocd.argoproj.io/tracking-id': 'shop-api:apps/Deployment:shop/shop-api' }, 'shop');
    expect(owner?.tool).toBe('Argo CD');
    expect(owner?.name).toBe('shop-api');
    expect(owner?.advice).toContain('argocd app set shop-api --sync-policy none');
  });

  it('finds Argo CD by its default tracking label', () => {
    expect(gitOpsOwner({ 'app.kubernetes.io/instance': 'payments' }, {}, 'shop')?.name).toBe('payments');
  });

  it('does not take a Helm chart’s instance label for Argo CD', () => {
    expect(gitOpsOwner({ 'app.kubernetes.io/instance': 'payments', 'app.kubernetes.io/managed-by': 'Helm' }, {}, 'shop')).toBeNull();
  });

  it('finds a Flux Kustomization and a HelmRelease with the suspend command', () => {
    const kustomization = gitOpsOwner({ 'kustomize.toolkit.fluxcd.io/name': 'apps', 'kustomize.toolkit.fluxcd.io/namespace': 'flux-system' }, {}, 'shop');
    expect(kustomization?.advice).toContain('flux suspend kustomization apps -n flux-system');
    const helm = gitOpsOwner({ 'helm.toolkit.fluxcd.io/name': 'api', 'helm.toolkit.fluxcd.io/namespace': 'shop' }, {}, 'shop');
    expect(helm?.advice).toContain('flux suspend helmrelease api -n shop');
  });

  it('says nothing of a workload nobody manages', () => {
    expect(gitOpsOwner({ app: 'api' }, { 'kubernetes.io/change-cause': 'x' }, 'shop')).toBeNull();
  });
});
