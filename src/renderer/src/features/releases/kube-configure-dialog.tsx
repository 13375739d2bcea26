import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { EnvironmentStatus } from '../../../../shared/domain/releases';
import { errorData } from '../../api/call-key';
import { useCallQuery } from '../../api/use-call';
import { Button } from '../../components/button';
import { ErrorPanel } from '../../components/error-panel';
import { TextField } from '../../components/text-field';
import dialogStyles from './dialog.module.css';
import { configureTarget, draftOf, fieldOfProblem, type KubeField, type KubeTargetDraft } from './kube-format';
import kubeStyles from './kube.module.css';
import { useConfigureEnvironment } from './use-configure-environment';
// The context picker is a select beside TextFields: it wears their label, error and hint styles.
import fieldStyles from '../../components/text-field.module.css';

interface KubeConfigureDialogProps {
  /** The environment (a board cell's status, or Settings' row: only these fields are read). */
  readonly status: Pick<EnvironmentStatus, 'service' | 'environment' | 'settings'>;
  readonly onClose: () => void;
}

/** The kubeconfig's contexts to pick from; "the current context" is the empty choice. */
function ContextPicker({ value, onChange, error }: { readonly value: string; readonly onChange: (context: string) => void; readonly error: string | null }) {
  const id = useId();
  const overview = useCallQuery('kubernetes.overview', {});
  const contexts = overview.data?.kubeconfig.contexts ?? [];
  const current = overview.data?.kubeconfig.currentContext ?? null;
  const known = value === '' || contexts.some((context) => context.name === value);
  return (
    <div className={fieldStyles.field}>
      <label htmlFor={id}>Context</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)} aria-invalid={error ? true : undefined} data-testid="kube-context-picker">
        <option value="">{current ? `The current context (now ${current})` : 'The current context'}</option>
        {contexts.map((context) => (
          <option key={context.name} value={context.name}>
            {context.name}
            {context.server ? ` — ${context.server}` : ''}
            {context.namespace ? ` (namespace ${context.namespace})` : ''}
          </option>
        ))}
        {!known && <option value={value}>{value} (not in the kubeconfig)</option>}
      </select>
      {error ? (
        <p className={fieldStyles.error}>{error}</p>
      ) : overview.data?.kubeconfig.problem ? (
        <p className={fieldStyles.error}>The kubeconfig could not be read: {overview.data.kubeconfig.problem}</p>
      ) : (
        <p className={fieldStyles.hint}>{overview.isPending ? 'Reading the kubeconfig…' : 'From the kubeconfig (KUBECONFIG or ~/.kube/config); Settings → Kubernetes lists them and changes each environment’s.'}</p>
      )}
    </div>
  );
}

/**
 * Where a kubernetes environment releases: context, namespace, Deployment, and optionally an Argo Rollout
 * and the Service blue-green switches. The core checks the names; its message shows under the field.
 */
export function KubeConfigureDialog({ status, onClose }: KubeConfigureDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState<KubeTargetDraft>(() => draftOf(status.settings.kubernetes));
  const configure = useConfigureEnvironment({ onSaved: onClose });

  useEffect(() => {
    const element = ref.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const problem = configure.error ? errorData(configure.error) : null;
  const problemText = problem ? [problem.message, problem.hint].filter(Boolean).join(' ') : null;
  const problemField = problem ? fieldOfProblem(problem.message) : null;
  const errorFor = (field: KubeField): string | null => (problemField === field ? problemText : null);
  const set = (field: KubeField) => (value: string) => {
    setDraft((previous) => ({ ...previous, [field]: value }));
    configure.reset();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    configure.mutate({ service: status.service, environment: status.environment, targetKind: 'kubernetes', kubernetes: configureTarget(draft) });
  };

  return (
    <dialog
      ref={ref}
      className={dialogStyles.dialog}
      aria-labelledby="kube-configure-title"
      data-testid="kube-configure-dialog"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <header className={dialogStyles.header}>
        <h2 id="kube-configure-title">
          Kubernetes target of {status.service} in {status.environment}
        </h2>
        <Button variant="ghost" iconOnly aria-label="Close" onClick={onClose}>
          ✕
        </Button>
      </header>
      <form onSubmit={submit} aria-label="Kubernetes target" className={kubeStyles.configureForm}>
        <div className={dialogStyles.body}>
          <div className={kubeStyles.fields}>
            <ContextPicker value={draft.context} onChange={set('context')} error={errorFor('context')} />
            <TextField label="Namespace" mono placeholder="shop" value={draft.namespace} onChange={(e) => set('namespace')(e.target.value)} error={errorFor('namespace')} data-testid="kube-namespace" />
            <TextField
              label="Deployment"
              mono
              placeholder="api"
              value={draft.deployment}
              onChange={(e) => set('deployment')(e.target.value)}
              error={errorFor('deployment')}
              hint="Rolling releases update it; blue-green and canary name their pair after it."
              data-testid="kube-deployment"
            />
            <TextField
              label="Argo Rollout (optional)"
              mono
              placeholder="none"
              value={draft.rollout}
              onChange={(e) => set('rollout')(e.target.value)}
              error={errorFor('rollout')}
              hint="Given: Shipdeck drives this Rollout and its controller runs the canary steps."
              data-testid="kube-rollout"
            />
            <TextField
              label="Service (optional)"
              mono
              placeholder="the Deployment's name"
              value={draft.serviceName}
              onChange={(e) => set('serviceName')(e.target.value)}
              error={errorFor('serviceName')}
              hint="Blue-green switches this Service's selector."
              data-testid="kube-service"
            />
          </div>
          {problemText && problemField === null && <ErrorPanel title="Not saved" error={problem ?? { code: 'INTERNAL', message: problemText }} compact />}
        </div>
        <footer className={dialogStyles.footer}>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={configure.isPending} data-testid="save-kube-target">
            {configure.isPending ? 'Saving…' : 'Save'}
          </Button>
        </footer>
      </form>
    </dialog>
  );
}
