// The slice of TurboWarp's unsandboxed-extension API we use (the global `Scratch` its VM sets up before it runs an
// extension's <script>; the same in PenguinMod), and the slice of its VM, a scratch-vm fork.
import type { ProjectStorageVm } from '../editor/vm/project-storage-hooks';
import type { ScratchVm } from '../editor/vm/scratch-vm';

/** TurboWarp's runtime: scratch-vm's, plus the storage it saves in project.json (`extensionStorage`). */
export type TurboWarpRuntime = ScratchVm['runtime'] & {
  /** Saved as project.json's `extensionStorage`; replaced by the project's on load, emptied on dispose. */
  extensionStorage: Record<string, unknown>;
  on(event: 'RUNTIME_DISPOSED', listener: () => void): unknown;
};

export type TurboWarpVm = Omit<ScratchVm, 'runtime'> & ProjectStorageVm & { readonly runtime: TurboWarpRuntime };

export interface ScratchGlobal {
  readonly extensions: {
    /** True only for unsandboxed extensions: the trainer needs the page, so a sandboxed load is refused. */
    readonly unsandboxed?: boolean;
    register(extension: object): void;
  };
  readonly vm: TurboWarpVm;
}
