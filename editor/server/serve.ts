// A small static server for dist/ (no dependencies): `npm run serve`, or `npm start` after a build.
// It sends the cross-origin-isolation headers tfjs's WASM backend needs for threads, and serves the MobileNet
// weights under /models/ from a folder outside the repository (see findWeightsDir), else the build's own copy in
// dist/models/. Where the build wrote a brotli or gzip copy beside a file, the client that accepts it gets that copy
// (see content-encoding.ts).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BACKBONE_FOLDER, findWeightsDir } from '../build/base-model-assets.mjs';
import { chooseEncoding, PRECOMPRESSED, type ContentEncoding } from './content-encoding';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const distDir = path.resolve(repo, process.env.DIST_DIR ?? 'dist');
const HOST = '127.0.0.1';
const port = Number.parseInt(process.env.PORT ?? '8601', 10);

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.hex': 'application/octet-stream',
  '.bin': 'application/octet-stream',
  '.tflite': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
};

/** Maps a URL path into `base`, or null when it would leave it (`..`, encoded slashes, NUL bytes). */
function resolveInside(base: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const full = path.resolve(base, '.' + path.posix.normalize('/' + decoded));
  return full === base || full.startsWith(base + path.sep) ? full : null;
}

function send(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...ISOLATION_HEADERS });
  res.end(text);
}

// Cross-origin isolation (SharedArrayBuffer for WASM threads); every resource we serve is same-origin.
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

interface Copy {
  readonly file: string;
  readonly size: number;
}

/** The precompressed copies the build wrote beside `file`, by encoding (one stat each, kept for Content-Length). */
function precompressedCopies(file: string): Map<ContentEncoding, Copy> {
  const copies = new Map<ContentEncoding, Copy>();
  for (const { encoding, suffix } of PRECOMPRESSED) {
    const stats = statSync(file + suffix, { throwIfNoEntry: false });
    if (stats?.isFile()) copies.set(encoding, { file: file + suffix, size: stats.size });
  }
  return copies;
}

/** `negotiate` is off for the weights: they are sent as they are, whatever lies beside them. */
function serveFile(req: IncomingMessage, res: ServerResponse, file: string, negotiate: boolean): void {
  let stats;
  try {
    stats = statSync(file);
    if (stats.isDirectory()) {
      file = path.join(file, 'index.html');
      stats = statSync(file);
    }
  } catch {
    send(res, 404, 'Not found');
    return;
  }
  const type = MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  const copies = negotiate ? precompressedCopies(file) : new Map<ContentEncoding, Copy>();
  const encoding = chooseEncoding(req.headers['accept-encoding'], new Set(copies.keys()));
  const sent = (encoding && copies.get(encoding)) || { file, size: stats.size };
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': sent.size,
    ...(encoding ? { 'Content-Encoding': encoding } : {}),
    // Caches must keep one copy per Accept-Encoding wherever the answer depends on it.
    ...(copies.size ? { Vary: 'Accept-Encoding' } : {}),
    // Hashed bundles may be cached; the page and the weights are checked each time.
    'Cache-Control': /\.[0-9a-f]{8}\.js$/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    ...ISOLATION_HEADERS,
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(sent.file)
    .on('error', () => res.destroy())
    .pipe(res);
}

function handle(weightsDir: string | null) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'Method not allowed');
      return;
    }
    const urlPath = new URL(req.url ?? '/', `http://${HOST}`).pathname;
    const modelsPrefix = '/models/';
    // Without an outside folder, /models/ is whatever the build copied into dist/models/ (if anything).
    const isWeights = weightsDir !== null && urlPath.startsWith(modelsPrefix);
    const file = isWeights ? resolveInside(weightsDir, urlPath.slice(modelsPrefix.length)) : resolveInside(distDir, urlPath);
    if (!file) {
      send(res, 400, 'Bad path');
      return;
    }
    serveFile(req, res, file, !isWeights);
  };
}

if (!existsSync(path.join(distDir, 'index.html'))) {
  console.error(`No build found in ${distDir}. Run "npm run build" first (or "npm start", which builds and serves).`);
  process.exit(1);
}

const weightsDir = findWeightsDir(repo);
if (weightsDir) {
  console.log(`MobileNet weights: serving ${weightsDir} at /models/`);
} else if (existsSync(path.join(distDir, 'models', BACKBONE_FOLDER))) {
  console.log('MobileNet weights: serving the copy the build put in models/');
} else {
  console.log(
    "MobileNet weights: no local folder found, so the editor will download Teachable Machine's base model\n" +
      '  from the internet once (afterwards the browser keeps a copy). For offline use, put the folder\n' +
      `  ${BACKBONE_FOLDER}/ (model.json + weights.bin) in one of:\n` +
      '    $IMAGE_MODEL_WEIGHTS_DIR, $IMAGE_MODEL_SHARED_DIR/models, ../shared/models, or models-local/ in this repository.',
  );
}

const server = createServer(handle(weightsDir));
server.on('error', (error: NodeJS.ErrnoException) => {
  console.error(
    error.code === 'EADDRINUSE'
      ? `Port ${port} is already in use: stop the other server or choose another port with PORT=<number>.`
      : `Server error: ${error.message}`,
  );
  process.exit(1);
});
server.listen(port, HOST, () => {
  console.log(`Scratch with Image Model is ready: open http://${HOST}:${port}/`);
});
