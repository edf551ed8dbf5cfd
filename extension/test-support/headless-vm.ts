// The real scratch-vm 15.1.1 (the same version the editor bundles) running in Node, with Image Model
// registered the way the editor host registers it. Lets unit tests run real scripts: green flag, threads
// paused on our promise, variables set by our reporters.
// Its Node build bundles jsdom and fails outside its package folder, so the CommonJS source is loaded.
import { createRequire } from 'node:module';
import path from 'node:path';
import { EXTENSION_ID } from '../contract';
import type { ImageModelExtension } from '../image-model-extension';
import type { Costume, VideoDevice } from '../scratch-types';

const require = createRequire(import.meta.url);
const vmSource = path.join(path.dirname(require.resolve('@scratch/scratch-vm')), '..', '..', 'src');

/** The parts of scratch-vm these tests use (it ships no types). */
export interface HeadlessVm {
  readonly runtime: HeadlessRuntime;
  readonly extensionManager: {
    _registerInternalExtension(extension: object): string;
    readonly _loadedExtensions: Map<string, string>;
  };
  loadProject(project: string | object): Promise<void>;
  /** Lets projects with costumes load their assets (a ScratchStorage). */
  attachStorage(storage: object): void;
  greenFlag(): void;
  stopAll(): void;
  start(): void;
  quit(): void;
  on(event: string, listener: (...args: never[]) => void): void;
}

export interface HeadlessRuntime {
  readonly ioDevices: { readonly video: VideoDevice };
  readonly threads: readonly { readonly status: number }[];
  readonly targets: readonly HeadlessTarget[];
  /** Category info after the VM converted getInfo() for scratch-blocks. */
  readonly _blockInfo: readonly ConvertedCategory[];
  getSpriteTargetByName(name: string): HeadlessTarget | undefined;
  getBlocksXML(): readonly { readonly id: string; readonly xml: string }[];
  on(event: string, listener: () => void): void;
  removeListener(event: string, listener: () => void): void;
  requestToolboxExtensionsUpdate(): void;
  emit(event: string): void;
}

export interface HeadlessTarget {
  readonly id: string;
  readonly isStage: boolean;
  getName(): string;
  getCostumes(): readonly Costume[];
  readonly currentCostume: number;
  lookupVariableByNameAndType(name: string, type?: string): { value: unknown } | undefined;
}

export interface ConvertedCategory {
  readonly id: string;
  readonly name: string;
  readonly color1: string;
  readonly color2: string;
  readonly color3: string;
  readonly menuIconURI: string;
  readonly blockIconURI: string;
  readonly blocks: readonly { readonly info: Record<string, unknown>; readonly json?: Record<string, unknown>; readonly xml: string }[];
  readonly menus: readonly { readonly json: { readonly type: string; readonly args0: readonly { readonly options: unknown }[] } }[];
}

export function createHeadlessVm(): HeadlessVm {
  const VirtualMachine = require(path.join(vmSource, 'virtual-machine.js')) as new () => HeadlessVm;
  return new VirtualMachine();
}

/** What the editor host does: register our object as an internal extension and mark the id loaded. */
export function registerExtension(vm: HeadlessVm, extension: ImageModelExtension): void {
  const serviceName = vm.extensionManager._registerInternalExtension(extension);
  vm.extensionManager._loadedExtensions.set(EXTENSION_ID, serviceName);
}

/**
 * scratch-vm only logs what it rejects (bad block info, bad menus): collect its errors for assertions and keep
 * its warnings (costumes without a storage module, here) out of the test output.
 */
export function captureVmLog(): { readonly errors: string[]; restore(): void } {
  const log = require(path.join(vmSource, 'util', 'log.js')) as Record<'error' | 'warn', (...args: unknown[]) => void>;
  const original = { error: log.error, warn: log.warn };
  const errors: string[] = [];
  log.error = (...args: unknown[]) => {
    errors.push(args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
  };
  log.warn = () => {};
  return { errors, restore: () => Object.assign(log, original) };
}

/** A thread waiting on a block's promise (engine/thread.js STATUS_PROMISE_WAIT). */
export const THREAD_PROMISE_WAIT = 1;

/** Resolves once `condition` holds, checking between VM steps; fails with `what` after a generous wait. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** scratch-storage, as the GUI attaches it: sb3 projects then load their costume files. */
export function createStorage(): object {
  const { ScratchStorage } = require('@scratch/scratch-storage') as { ScratchStorage: new () => object };
  return new ScratchStorage();
}
