/**
 * Whether a GitOps controller manages a workload, from the marks it leaves: Argo CD's tracking label
 * (`app.kubernetes.io/instance`, its default) or tracking annotation (`argocd.argoproj.io/tracking-id`),
 * Flux's kustomize-controller and helm-controller labels. A rollback done beside such a controller is
 * undone by its next sync when auto-sync (or Flux's reconciliation) is on: the pre-flight says so and how
 * to suspend it first.
 */
export interface GitOpsOwner {
  readonly tool: 'Argo CD' | 'Flux';
  /** The Argo CD Application, Flux Kustomization or HelmRelease. */
  readonly name: string;
  /** A sentence: what happens and the command that suspends it. */
  readonly advice: string;
}

type Marks = Readonly<Record<string, string>>;

export function gitOpsOwner(labels: Marks, annotations: Marks, namespace: string): GitOpsOwner | null {
  const tracking = annotations['argocd.argoproj.io/tracking-id'];
  const argoApp = tracking !== undefined ? tracking.split(':')[0] : labels['argocd.argoproj.io/instance'] ?? labels['app.kubernetes.io/instance'];
  // `app.kubernetes.io/instance` alone is also set by Helm charts; Argo CD's is only trusted with its other marks.
  const argoSure = tracking !== undefined || labels['argocd.argoproj.io/instance'] !== undefined || annotations['argocd.argoproj.io/sync-options'] !== undefined || annotations['argocd.argoproj.io/compare-options'] !== undefined;
  if (argoApp && (argoSure || labels['app.kubernetes.io/managed-by'] === undefined)) {
    const app = argoApp.includes('_') ? argoApp.split('_').pop() ?? argoApp : argoApp;
    return {
      tool: 'Argo CD',
      name: app,
      advice:
        `Argo CD manages it (Application "${app}"${argoSure ? '' : ', by its default tracking label'}): with auto-sync on, it puts back what git says within minutes and undoes this rollback. ` +
        `Turn auto-sync off first: \`argocd app set ${app} --sync-policy none\` (or revert the change in git).`
    };
  }
  const kustomization = labels['kustomize.toolkit.fluxcd.io/name'];
  if (kustomization) {
    const where = labels['kustomize.toolkit.fluxcd.io/namespace'] ?? 'flux-system';
    return {
      tool: 'Flux',
      name: kustomization,
      advice: `Flux manages it (Kustomization ${where}/${kustomization}): its next reconciliation undoes this rollback. Suspend it first: \`flux suspend kustomization ${kustomization} -n ${where}\` (resume it once git says the same).`
    };
  }
  const helmRelease = labels['helm.toolkit.fluxcd.io/name'];
  if (helmRelease) {
    const where = labels['helm.toolkit.fluxcd.io/namespace'] ?? namespace;
    return {
      tool: 'Flux',
      name: helmRelease,
      advice: `Flux manages it (HelmRelease ${where}/${helmRelease}): its next reconciliation undoes this rollback. Suspend it first: \`flux suspend helmrelease ${helmRelease} -n ${where}\`.`
    };
  }
  return null;
}
