/**
 * A desktop notification when a deploy or rollback started in this window ends. The web Notification
 * API: a native notification in Electron, the browser's in browser mode. Permission is asked the first
 * time a person starts a release, never at load.
 */
import { callOrThrow, subscribe } from '../../api/client';
import { notificationText } from './notification-text';

const notificationsAvailable = (): boolean => typeof window !== 'undefined' && 'Notification' in window;

/** Asks once, on a person's click (browsers refuse a request not tied to one). */
export function askNotificationPermission(): void {
  if (!notificationsAvailable() || Notification.permission !== 'default') return;
  void Notification.requestPermission().catch(() => undefined);
}

const watched = new Set<number>();

/**
 * Follows a release this window started until its stream ends (settled, or waiting for a person), then
 * reads it and, when it ended, shows a notification. Once per release however often it is asked.
 */
export function notifyWhenEnded(deploymentId: number): void {
  if (watched.has(deploymentId)) return;
  watched.add(deploymentId);
  const off = subscribe(
    'releases.follow',
    { deploymentId },
    {
      onItems: () => undefined,
      onEnd: () => {
        // The stream may end before the unsubscribe is returned: defer it.
        queueMicrotask(() => off());
        void callOrThrow('releases.get', { deploymentId })
          .then((release) => {
            watched.delete(deploymentId);
            const text = notificationText(release);
            if (!text || !notificationsAvailable() || Notification.permission !== 'granted') return;
            new Notification(text.title, { body: text.body, tag: `release-${deploymentId}` });
          })
          .catch(() => watched.delete(deploymentId));
      }
    }
  );
}
