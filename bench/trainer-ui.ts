// The bench's "through the trainer" row: the real editor, built into bench/.build/editor and served by our own
// server, driven in the same Chromium as a child uses it: one upload per class, Train pressed straight after the
// last one, then every held-out photo tried in the test area. A gap between this and the engine's own accuracy
// on the same split means the trainer loses pictures on their way to the engine.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Browser } from '@playwright/test';
import trainerText from '../locales/en/trainer.json';
import { addImageModelExtension, openTrainer, waitForEditor } from '../e2e/support/editor';
import { signDigitPhotos, type Digit } from '../e2e/support/shared-data';
import { testAreaCorrect, trainingFinished, uploadAndTrainAtOnce, type UploadedClass } from '../e2e/support/first-loop';
import { measureFirstVisit, medianVisit, type FirstVisit } from './first-visit';

const repoDir = path.resolve(__dirname, '..');
const editorDir = path.join(repoDir, 'bench', '.build', 'editor');
const PORT = 8697;

export interface ThroughTrainer {
  readonly heldOutAccuracy: number;
  /** The Train panel's words after training, e.g. "Learned from 90 pictures in 3 classes." */
  readonly learnedFrom: string;
  /** The same built editor on a fresh browser's first visit, measured before the trainer run (median of 3). */
  readonly firstVisit: FirstVisit;
  /** The same GUI build with none of our code (bench/plain-scratch/), measured in turn with ours. */
  readonly plainScratch: FirstVisit;
}

const FIRST_VISITS = 3;

function buildEditor(): void {
  console.log('Building the editor for the trainer row …');
  execFileSync('npx', ['webpack', '--mode', 'production'], {
    cwd: repoDir,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DIST_DIR: editorDir, BENCH_PLAIN_SCRATCH: '1' },
  });
}

function startEditorServer(): Promise<ChildProcess> {
  const server = spawn(process.execPath, ['--import', 'tsx', path.join(repoDir, 'editor', 'server', 'serve.ts')], {
    cwd: repoDir,
    env: { ...process.env, DIST_DIR: editorDir, PORT: String(PORT) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    server.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('is ready')) resolve(server);
    });
    server.once('exit', (code) => reject(new Error(`the editor's server stopped (exit ${code})`)));
  });
}

/** The bench's split: per digit, the first `trainPerClass` photos to train on and the rest held out. */
function benchClasses(digits: readonly Digit[], trainPerClass: number): UploadedClass[] {
  return digits.map((digit) => {
    const files = signDigitPhotos(digit);
    return { name: `digit ${digit}`, training: files.slice(0, trainPerClass), heldOut: files.slice(trainPerClass) };
  });
}

export async function measureThroughTrainer(browser: Browser, digits: readonly Digit[], trainPerClass: number): Promise<ThroughTrainer> {
  buildEditor();
  const server = await startEditorServer();
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  try {
    console.log('Opening the editor and plain Scratch as first visits …');
    const ours: FirstVisit[] = [];
    const plain: FirstVisit[] = [];
    // In turn, so a busy moment of the machine falls on both alike.
    for (let i = 0; i < FIRST_VISITS; i++) {
      ours.push(await measureFirstVisit(browser, `http://127.0.0.1:${PORT}/`));
      plain.push(await measureFirstVisit(browser, `http://127.0.0.1:${PORT}/plain-scratch.html`));
    }
    console.log('Running the trainer as a child does …');
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await waitForEditor(page);
    await addImageModelExtension(page);
    const trainer = await openTrainer(page);
    const classes = benchClasses(digits, trainPerClass);
    await uploadAndTrainAtOnce(trainer, classes);
    const finished = (await (await trainingFinished(trainer)).textContent()) ?? '';
    const { correct, total } = await testAreaCorrect(trainer, classes);
    return {
      heldOutAccuracy: correct / total,
      learnedFrom: finished.replace(trainerText.trainingDone, '').trim(),
      firstVisit: medianVisit(ours),
      plainScratch: medianVisit(plain),
    };
  } finally {
    await page.close();
    server.kill();
  }
}
