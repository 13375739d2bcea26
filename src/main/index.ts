/**
 * Electron's composition root: one instance, one secure window, and a relay to the core, which runs in
 * a utilityProcess (core-host.ts) so nothing it waits on can freeze the window.
 */
import path from 'node:path';
import { app, type BrowserWindow, dialog, ipcMain, session } from 'electron';
import type { CoreClient } from './core-client';
import { resolveDataDir } from './data-dir';
import { registerIpc } from './electron/ipc';
import { electronNativeBinding } from './electron/native-binding';
import { startUtilityCore } from './electron/utility-core';
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY, isAllowedPermission } from './security';
import { createMainWindow } from './window';

let mainWindow: BrowserWindow | null = null;
let appUrl = '';
let core: CoreClient | null = null;

if (!app.requestSingleInstanceLock()) {
  // Another Shipdeck already runs on this user data: it gets focus (second-instance) and we leave.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void core?.close());
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  core = startUtilityCore(__dirname, {
    dataDir: resolveDataDir({ electronUserData: app.getPath('userData') }),
    mode: 'electron',
    version: app.getVersion(),
    nativeBinding: electronNativeBinding(app.getAppPath())
  });
  try {
    await core.ready;
  } catch (error) {
    // e.g. the release store cannot be opened: say which file, what is wrong and what to do.
    const data = error as { message?: unknown; hint?: unknown };
    const message = typeof data.message === 'string' ? data.message : String(error);
    dialog.showErrorBox('Shipdeck cannot start', typeof data.hint === 'string' ? `${message}\n\n${data.hint}` : message);
    app.exit(1);
    return;
  }
  const devServerUrl = process.env.ELECTRON_RENDERER_URL ?? null;
  const policy = devServerUrl ? DEV_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY;
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
  // Only the app's own page, and only notifications (a release ended); everything else is refused.
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback) => callback(isAllowedPermission(permission, contents.getURL(), appUrl)));
  registerIpc(ipcMain, core, () => ({ contents: mainWindow?.webContents ?? null, appUrl }));

  const created = createMainWindow({
    preloadPath: path.join(__dirname, '../preload/index.js'),
    devServerUrl,
    rendererIndex: path.join(__dirname, '../renderer/index.html')
  });
  mainWindow = created.window;
  appUrl = created.appUrl;
  mainWindow.on('closed', () => (mainWindow = null));
}
