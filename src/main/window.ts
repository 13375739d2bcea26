import { pathToFileURL } from 'node:url';
import { BrowserWindow, shell, type WebContents } from 'electron';
import { isAllowedNavigation, secureWebPreferences } from './security';

export interface MainWindowOptions {
  /** The built preload script. */
  readonly preloadPath: string;
  /** Dev server URL (electron-vite dev), or null to load the built renderer file. */
  readonly devServerUrl: string | null;
  readonly rendererIndex: string;
}

/** The one Shipdeck window: secure preferences, navigation and new windows denied. */
export function createMainWindow(options: MainWindowOptions): { window: BrowserWindow; appUrl: string } {
  const window = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'Shipdeck',
    backgroundColor: '#1f2328',
    webPreferences: secureWebPreferences(options.preloadPath)
  });
  const appUrl = options.devServerUrl ?? pathToFileURL(options.rendererIndex).href;
  guardNavigation(window.webContents, appUrl);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(appUrl);
  return { window, appUrl };
}

/**
 * Denies every navigation away from the app and every window.open. Links to https pages are handed to
 * the user's browser instead, where they cannot reach the contract.
 */
function guardNavigation(contents: WebContents, appUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, appUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url, appUrl)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
