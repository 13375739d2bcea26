/** The inbox of what waits for a person: its groups, in the order they matter, and what each item offers. */
import type { InboxItem, InboxKind } from '../../../../shared/domain/releases';

export interface InboxGroup {
  readonly kind: InboxKind;
  readonly title: string;
  readonly items: readonly InboxItem[];
}

/** Most urgent first: a broken deploy, then someone waiting on a decision, then a hold to lift. */
const ORDER: readonly InboxKind[] = ['interrupted', 'degraded', 'pending-approval', 'paused-canary', 'paused-workload', 'held'];

export const INBOX_TITLE: Readonly<Record<InboxKind, string>> = {
  interrupted: 'Interrupted deploys',
  'pending-approval': 'Waiting for approval',
  'paused-canary': 'Paused canaries',
  held: 'Held environments',
  'paused-workload': 'Paused workloads',
  degraded: 'Degraded workloads'
};

/** Items grouped by kind (empty groups left out), each group oldest first: what waited longest on top. */
export function groupInbox(items: readonly InboxItem[]): readonly InboxGroup[] {
  return ORDER.map((kind) => ({
    kind,
    title: INBOX_TITLE[kind],
    items: items.filter((item) => item.kind === kind).sort((a, b) => Date.parse(a.since) - Date.parse(b.since))
  })).filter((group) => group.items.length > 0);
}

/** The groups' items in display order: the order ↑ and ↓ move through. */
export const flatInbox = (groups: readonly InboxGroup[]): readonly InboxItem[] => groups.flatMap((group) => group.items);

/** A stable key for an item: one kind per environment and release at a time. */
export const inboxKey = (item: Pick<InboxItem, 'kind' | 'service' | 'environment' | 'deploymentId'>): string =>
  `${item.kind}/${item.service}/${item.environment}/${item.deploymentId ?? ''}`;

export type InboxAction = 'approve' | 'reject' | 'continue' | 'abort' | 'release-hold' | 'resume' | 'open';

/** What a person can do about an item, the first being what they most likely came to do. */
export function inboxActions(item: Pick<InboxItem, 'kind' | 'deploymentId'>): readonly InboxAction[] {
  const open: readonly InboxAction[] = item.deploymentId === null ? [] : ['open'];
  switch (item.kind) {
    case 'pending-approval':
      return item.deploymentId === null ? [] : ['approve', 'reject', 'open'];
    case 'paused-canary':
      return ['continue', 'abort', ...open];
    case 'held':
      return ['release-hold', ...open];
    case 'interrupted':
    case 'degraded':
      return open;
    case 'paused-workload':
      return ['resume'];
  }
}

/** Shortcut keys on a focused inbox item (shown on its buttons). */
export const ACTION_KEY: Readonly<Partial<Record<InboxAction, string>>> = {
  approve: 'a',
  reject: 'x',
  continue: 'c',
  'release-hold': 'h',
  resume: 'u'
};

/** The action a key press asks for on an item, when the item offers it. */
export function actionForKey(key: string, item: Pick<InboxItem, 'kind' | 'deploymentId'>): InboxAction | null {
  const offered = inboxActions(item);
  const lower = key.toLowerCase();
  if (key === 'Enter' && offered.includes('open')) return 'open';
  const match = offered.find((action) => ACTION_KEY[action] === lower);
  return match ?? null;
}
