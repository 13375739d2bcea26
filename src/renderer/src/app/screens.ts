/**
 * The screen registry: the one place a screen is added. The sidebar's navigation and the main area
 * are derived from this list. A screen that shows one service gets it as a prop; while there is no
 * service, the welcome panel stands in for it.
 */
import type { ComponentType } from 'react';
import type { Service } from '../../../shared/domain/workspace';
import type { IconName } from '../components/icon';
import { ArtifactsScreen } from '../features/artifacts/artifacts-screen';
import { HistoryScreen } from '../features/history/history-screen';
import { ArtifactTimelineScreen } from '../features/releases/artifact-timeline-screen';
import { EnvironmentsScreen } from '../features/releases/environments-screen';
import { ReleaseDetailScreen } from '../features/releases/release-detail-screen';
import { RollbackConsoleScreen } from '../features/releases/rollback-console-screen';
import { RunsScreen } from '../features/runs/runs-screen';
import { SettingsScreen } from '../features/settings/settings-screen';
import { WorkspaceScreen } from '../features/workspace/workspace-screen';

interface ScreenBase<Id extends string> {
  readonly id: Id;
  readonly label: string;
  readonly icon: IconName;
}

/** What a screen needs to show: the selected service, or nothing. */
export type ScreenDefinition<Id extends string = string> =
  | (ScreenBase<Id> & { readonly params: 'service'; readonly component: ComponentType<{ readonly service: Service }> })
  | (ScreenBase<Id> & { readonly params: 'none'; readonly component: ComponentType });

/** The sidebar's screens, in its order. */
export const SCREENS = [
  { id: 'environments', label: 'Environments', icon: 'environments', params: 'none', component: EnvironmentsScreen },
  { id: 'history', label: 'History', icon: 'history', params: 'service', component: HistoryScreen },
  { id: 'runs', label: 'Pipeline runs', icon: 'pipeline', params: 'service', component: RunsScreen },
  { id: 'artifacts', label: 'Artifacts', icon: 'tag', params: 'none', component: ArtifactsScreen },
  { id: 'console', label: 'Rollback console', icon: 'rollback', params: 'none', component: RollbackConsoleScreen },
  { id: 'workspace', label: 'Workspace', icon: 'workspace', params: 'none', component: WorkspaceScreen },
  { id: 'settings', label: 'Settings', icon: 'settings', params: 'none', component: SettingsScreen }
] as const satisfies readonly ScreenDefinition[];

/**
 * Screens opened from a link, not the sidebar: they read what they show (a release id, a digest) from
 * the navigation store.
 */
export const DETAIL_SCREENS = [
  { id: 'release', label: 'Release', icon: 'environments', params: 'none', component: ReleaseDetailScreen },
  { id: 'artifact-timeline', label: 'Artifact timeline', icon: 'tag', params: 'none', component: ArtifactTimelineScreen }
] as const satisfies readonly ScreenDefinition[];

export type ScreenId = (typeof SCREENS)[number]['id'] | (typeof DETAIL_SCREENS)[number]['id'];

export function screenById(id: ScreenId): ScreenDefinition<ScreenId> {
  return SCREENS.find((screen) => screen.id === id) ?? DETAIL_SCREENS.find((screen) => screen.id === id) ?? SCREENS[0];
}
