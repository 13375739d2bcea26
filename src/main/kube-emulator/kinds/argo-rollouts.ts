/**
 * The Argo Rollouts kinds (`argoproj.io/v1alpha1`) as the CRDs of Argo Rollouts declare them: Rollout
 * (status and scale subresources), AnalysisRun, AnalysisTemplate — names, short names and printer
 * columns from `manifests/crds/*-crd.yaml`.
 */
import { required, type FieldError } from '../api-errors';
import { isJsonObject, valueAt } from '../json';
import { formatSelector, fromLabelSelector } from '../selectors';
import { customResourceType, type CustomResourceDefinition } from './custom-resource';

export const ARGO_GROUP = 'argoproj.io';
export const ARGO_VERSION = 'v1alpha1';

const rolloutDefinition: CustomResourceDefinition = {
  group: ARGO_GROUP,
  version: ARGO_VERSION,
  kind: 'Rollout',
  plural: 'rollouts',
  singular: 'rollout',
  shortNames: ['ro'],
  namespaced: true,
  subresources: ['status', 'scale'],
  printerColumns: [
    { name: 'Desired', type: 'integer', jsonPath: '.spec.replicas', description: 'Number of desired pods' },
    { name: 'Current', type: 'integer', jsonPath: '.status.replicas', description: 'Total number of non-terminated pods targeted by this rollout' },
    { name: 'Up-to-date', type: 'integer', jsonPath: '.status.updatedReplicas', description: 'Total number of non-terminated pods targeted by this rollout that have the desired template spec' },
    { name: 'Available', type: 'integer', jsonPath: '.status.availableReplicas', description: 'Total number of available pods (ready for at least minReadySeconds) targeted by this rollout' },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp', description: 'Time since resource was created' }
  ],
  scaleSelector: (object) => formatSelector(fromLabelSelector(valueAt(object, ['spec', 'selector']))),
  validate(object) {
    const spec = object['spec'];
    if (!isJsonObject(spec)) return [required('spec')];
    const errors: FieldError[] = [];
    if (!isJsonObject(spec['selector'])) errors.push(required('spec.selector'));
    if (!isJsonObject(spec['template']) && !isJsonObject(spec['workloadRef'])) errors.push(required('spec.template'));
    return errors;
  }
};

const analysisRunDefinition: CustomResourceDefinition = {
  group: ARGO_GROUP,
  version: ARGO_VERSION,
  kind: 'AnalysisRun',
  plural: 'analysisruns',
  singular: 'analysisrun',
  shortNames: ['ar'],
  namespaced: true,
  subresources: ['status'],
  printerColumns: [
    { name: 'Status', type: 'string', jsonPath: '.status.phase', description: 'AnalysisRun status' },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp', description: 'Time since resource was created' }
  ]
};

const analysisTemplateDefinition: CustomResourceDefinition = {
  group: ARGO_GROUP,
  version: ARGO_VERSION,
  kind: 'AnalysisTemplate',
  plural: 'analysistemplates',
  singular: 'analysistemplate',
  shortNames: ['at'],
  namespaced: true,
  subresources: [],
  printerColumns: [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp', description: 'Time since resource was created' }]
};

export const rollouts = customResourceType(rolloutDefinition);
export const analysisRuns = customResourceType(analysisRunDefinition);
export const analysisTemplates = customResourceType(analysisTemplateDefinition);

export const ARGO_KINDS = [rollouts, analysisRuns, analysisTemplates];
export const ARGO_DEFINITIONS = [rolloutDefinition, analysisRunDefinition, analysisTemplateDefinition];
