/**
 * Electron's composition root: one instance, one secure window, the core wired to IPC. Everything that
 * is not Electron-specific lives in core.ts and is shared with browser mode and the CLI.
 */
import path from 'node:path';
import { app, type BrowserWindow, dialog, ipcMain, session } from 'electron';
import { createCore, type Core } from './core';
import { resolveDataDir } from './data-dir';
import { forwardEvents, registerIpc } from './electron/ipc';
import { electronNativeBinding } from './electron/native-binding';
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY } from './security';
import { createMainWindow } from './window';

let mainWindow: BrowserWindow | null = null;
let appUrl = '';
let core: Core | null = null;

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
  app.on('will-quit', () => core?.close());
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  void app.whenReady().then(start);
}

function start(): void {
  try {
    core = createCore({
      dataDir: resolveDataDir({ electronUserData: app.getPath('userData') }),
      mode: 'electron',
      version: app.getVersion(),
      nativeBinding: electronNativeBinding(app.getAppPath())
    });
  } catch (error) {
    dialog.showErrorBox('Shipdeck cannot start', error instanceof Error ? error.message : String(error));
    app.exit(1);
    return;
  }
  const devServerUrl = process.env.ELECTRON_RENDERER_URL ?? null;
  const policy = devServerUrl ? DEV_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY;
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  registerIpc(ipcMain, core.handlers, () => ({ contents: mainWindow?.webContents ?? null, appUrl }));
  forwardEvents(core.events, () => mainWindow?.webContents ?? null);

  const created = createMainWindow({
    preloadPath: path.join(__dirname, '../preload/index.js'),
    devServerUrl,
    rendererIndex: path.join(__dirname, '../renderer/index.html')
  });
  mainWindow = created.window;
  appUrl = created.appUrl;
  mainWindow.on('closed', () => (mainWindow = null));
}
