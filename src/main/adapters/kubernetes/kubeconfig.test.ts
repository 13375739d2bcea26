import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kubeconfigYaml } from '../../kube-emulator/kubeconfig';
import { createKubeconfigSource } from './kubeconfig';

describe('extra kubeconfig files (the demo emulator beside the user’s kubeconfig)', () => {
  let folder: string;
  const write = (name: string, contextName: string, server: string): string => {
    const file = path.join(folder, name);
    fs.writeFileSync(file, kubeconfigYaml({ server, contextName, namespace: 'default' }));
    return file;
  };

  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeconfig-extra-'));
  });
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('adds the extra file’s contexts after the user’s, which keep the current context and win on a shared name', () => {
    const mine = write('mine', 'work', 'https://10.0.0.1:6443');
    const extra = write('extra', 'shipdeck-demo-emulator', 'http://127.0.0.1:1234');
    const source = createKubeconfigSource({ env: { KUBECONFIG: mine }, extraFiles: () => [extra] });
    const view = source.view();
    expect(view.sources).toEqual([mine, extra]);
    expect(view.currentContext).toBe('work');
    expect(view.contexts.map((context) => [context.name, context.server])).toEqual([
      ['work', 'https://10.0.0.1:6443'],
      ['shipdeck-demo-emulator', 'http://127.0.0.1:1234']
    ]);
    expect(source.describe('shipdeck-demo-emulator').server).toBe('http://127.0.0.1:1234');

    const clash = write('clash', 'work', 'http://127.0.0.1:9');
    const clashing = createKubeconfigSource({ env: { KUBECONFIG: mine }, extraFiles: () => [clash] });
    expect(clashing.describe('work').server).toBe('https://10.0.0.1:6443');
  });

  it('reads the extra files on every call: one written later is found, one removed is forgotten', () => {
    const extra = path.join(folder, 'emulator', 'kubeconfig');
    const source = createKubeconfigSource({ env: { KUBECONFIG: path.join(folder, 'missing') }, extraFiles: () => [extra] });
    expect(() => source.describe('shipdeck-demo-emulator')).toThrow(/not in the kubeconfig/);
    fs.mkdirSync(path.dirname(extra));
    fs.writeFileSync(extra, kubeconfigYaml({ server: 'http://127.0.0.1:4321', contextName: 'shipdeck-demo-emulator', namespace: 'default' }));
    expect(source.describe('shipdeck-demo-emulator').server).toBe('http://127.0.0.1:4321');
    // Alone it does not become the current context: an environment without a context does not land on it.
    expect(source.view().currentContext).toBeNull();
    fs.rmSync(extra);
    expect(() => source.describe('shipdeck-demo-emulator')).toThrow(/not in the kubeconfig/);
  });
});
