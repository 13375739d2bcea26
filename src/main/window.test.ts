import { beforeEach, describe, expect, it, vi } from 'vitest';

/** A stand-in for Electron: records what the window was built with and which guards were installed. */
const recorded = vi.hoisted(() => ({
  options: [] as unknown[],
  listeners: new Map<string, (...args: unknown[]) => void>(),
  openHandler: null as null | ((details: { url: string }) => { action: string }),
  openedExternally: [] as string[],
  loaded: [] as string[]
}));

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = {
      on: (event: string, listener: (...args: unknown[]) => void) => recorded.listeners.set(event, listener),
      setWindowOpenHandler: (handler: typeof recorded.openHandler) => (recorded.openHandler = handler)
    };
    constructor(options: unknown) {
      recorded.options.push(options);
    }
    once() {}
    loadURL(url: string) {
      recorded.loaded.push(url);
      return Promise.resolve();
    }
  }
  return { BrowserWindow, shell: { openExternal: (url: string) => recorded.openedExternally.push(url) } };
});

const { createMainWindow } = await import('./window');

const navigate = (event: string, url: string) => {
  const prevented = { value: false };
  recorded.listeners.get(event)?.({ preventDefault: () => (prevented.value = true) }, url);
  return prevented.value;
};

describe('main window', () => {
  beforeEach(() => {
    recorded.options.length = 0;
    recorded.listeners.clear();
    recorded.openedExternally.length = 0;
    recorded.loaded.length = 0;
    createMainWindow({ preloadPath: '/app/out/preload/index.js', devServerUrl: null, rendererIndex: '/app/out/renderer/index.html' });
  });

  it('is isolated and sandboxed, with no Node in the page and only our preload', () => {
    expect(recorded.options[0]).toMatchObject({
      webPreferences: {
        preload: '/app/out/preload/index.js',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false
      }
    });
    expect(recorded.loaded).toEqual(['file:///app/out/renderer/index.html']);
  });

  it('denies navigation away from the app, and every window.open', () => {
    expect(navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate('will-redirect', 'http://127.0.0.1:9/')).toBe(true);
    expect(navigate('will-navigate', 'file:///app/out/renderer/index.html#/history')).toBe(false);
    expect(recorded.openHandler?.({ url: 'https://docs.example/' })).toEqual({ action: 'deny' });
    expect(recorded.openHandler?.({ url: 'file:///app/out/renderer/index.html' })).toEqual({ action: 'deny' });
    // https links go to the user's browser, where they cannot reach the contract; nothing else does.
    recorded.openHandler?.({ url: 'javascript:alert(1)' });
    expect(recorded.openedExternally).toEqual(['https://docs.example/']);
  });

  it('refuses <webview> tags', () => {
    expect(navigate('will-attach-webview', '')).toBe(true);
  });
});
