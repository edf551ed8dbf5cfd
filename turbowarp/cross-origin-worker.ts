// A Worker whose script may live on another origin than the page (the extension on a school's server, TurboWarp
// on turbowarp.org): browsers refuse `new Worker(url)` across origins, but a worker made from a same-origin blob
// may importScripts() a script from anywhere. The webpack config treats `new CrossOriginWorker(new URL(...))`
// like `new Worker(...)`, so the engine worker is still bundled as its own chunk.
export class CrossOriginWorker extends Worker {
  constructor(url: URL | string, options?: WorkerOptions) {
    const address = new URL(url, document.baseURI);
    if (address.origin === window.location.origin) {
      super(address, options);
      return;
    }
    const bootstrap = new Blob([`importScripts(${JSON.stringify(address.href)});`], { type: 'text/javascript' });
    super(URL.createObjectURL(bootstrap), options);
  }
}
