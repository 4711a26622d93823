import { isUserError } from '../../../src/scenario/errors.js';
import type { FromWorker, ToWorker } from '../protocol.js';
import { Session } from './session.js';
import { StepPacer } from './step-pacer.js';

/**
 * The simulation thread: it holds the run, steps it at the asked rate and posts rows and
 * lattice frames, so that a slow model never freezes the page.
 */

/** The part of a dedicated worker's global scope used here (the page's DOM types do not include it). */
interface WorkerScope {
  postMessage(message: FromWorker, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
}

const scope = self as unknown as WorkerScope;
let session: Session | undefined;
let running = false;
let timer: ReturnType<typeof setTimeout> | undefined;
const pacer = new StepPacer();

function post(message: FromWorker): void {
  const transfer = message.type === 'batch' && message.lattice ? [message.lattice.cells.buffer] : [];
  scope.postMessage(message, transfer);
}

function fail(err: unknown): void {
  running = false;
  if (isUserError(err)) post({ type: 'failed', message: err.message, problems: [...err.problems] });
  else post({ type: 'failed', message: err instanceof Error ? `${err.name}: ${err.message}` : String(err), problems: [] });
}

function schedule(delay: number): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = setTimeout(tick, delay);
}

function tick(): void {
  timer = undefined;
  if (!running || !session) return;
  try {
    const due = pacer.due(performance.now());
    const started = performance.now();
    let stepped = 0;
    // A frame's worth of work at most, so that pause and speed changes are read promptly.
    while (stepped < due && performance.now() - started < 30 && session.step()) stepped++;
    pacer.spent(stepped);
    if (session.done) running = false;
    post(session.takeBatch(running, performance.now()));
    if (running) schedule(pacer.unlimited ? 0 : 16);
  } catch (err) {
    fail(err);
  }
}

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  try {
    switch (msg.type) {
      case 'setup':
        running = false;
        session = undefined;
        session = new Session(msg.doc, msg.file, msg.seed, msg.disable);
        post(session.ready());
        post(session.takeBatch(false, performance.now()));
        break;
      case 'step':
        if (!session) return;
        running = false;
        session.step();
        post(session.takeBatch(false, performance.now()));
        break;
      case 'go':
        if (!session || session.done) return;
        pacer.start(msg.rate, performance.now());
        running = true;
        schedule(0);
        break;
      case 'speed':
        pacer.start(msg.rate, performance.now());
        break;
      case 'change':
        if (!session) return;
        try {
          session.change(msg.param, msg.value);
        } catch (err) {
          if (!isUserError(err)) throw err;
          post({ type: 'refused', problems: [...err.problems] });
        }
        break;
      case 'inspect':
        if (session) post({ type: 'inspected', cell: msg.cell, step: session.model.stepCount, agents: session.inspect(msg.cell), hover: msg.hover ?? false });
        break;
      case 'network':
        if (session) post({ type: 'network', step: session.model.stepCount, sample: session.network(msg.size) });
        break;
      case 'pause':
        running = false;
        if (session) post(session.takeBatch(false, performance.now()));
        break;
    }
  } catch (err) {
    fail(err);
  }
};
