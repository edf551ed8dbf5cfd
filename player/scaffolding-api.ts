// The slice of TurboWarp's scaffolding (@turbowarp/packager's project player) the game page uses; see its
// scaffolding-api-docs. Its VM is TurboWarp's scratch-vm fork, as in turbowarp/turbowarp-api.ts.
export interface Scaffolding {
  width: number;
  height: number;
  setup(): void;
  appendTo(element: HTMLElement): void;
  loadProject(bytes: Uint8Array): Promise<void>;
  greenFlag(): void;
  stopAll(): void;
  readonly vm: {
    readonly securityManager: { getSandboxMode: (url: string) => Promise<'unsandboxed' | 'iframe' | 'worker'> };
    readonly extensionManager: { loadExtensionURL(url: string): Promise<unknown> };
  };
}

export interface ScaffoldingGlobal {
  readonly Scaffolding: new () => Scaffolding;
}
