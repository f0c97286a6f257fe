import { describe, expect, it } from 'vitest';
import { ExportCancelled } from './chunks';
import type { PictureRequest } from './picture';
import { pictureInWorker, WorkerUnavailable, type WorkerPort, type WorkerReply } from './pictureWorker';

const REQUEST: PictureRequest = {
  format: 'png',
  data: { cards: [], frames: [], links: [] },
  kindLabels: { success: 'Success', problem: 'Problem', lesson: 'Lesson', note: 'Note' },
  region: { x: 0, y: 0, w: 10, h: 10 },
  ratio: 1,
  background: 'white',
};

/** A worker stand-in: records what it was sent and whether it was ended; the test answers for it. */
class FakeWorker implements WorkerPort {
  sent: PictureRequest[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<WorkerReply>) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  postMessage(message: PictureRequest): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(reply: WorkerReply | { type: 'nonsense' }): void {
    this.onmessage?.(new MessageEvent('message', { data: reply as WorkerReply }));
  }
  fail(message: string): void {
    this.onerror?.(Object.assign(new Event('error', { cancelable: true }), { message }));
  }
}

describe('the picture drawn in a worker', () => {
  it('sends the request, passes progress on and resolves with the file, then ends the worker', async () => {
    const worker = new FakeWorker();
    const progress: number[] = [];
    const result = pictureInWorker(REQUEST, { start: () => worker, onProgress: (done) => progress.push(done) });
    expect(worker.sent).toEqual([REQUEST]);
    worker.answer({ type: 'progress', done: 0.25 });
    worker.answer({ type: 'progress', done: 0.5 });
    const blob = new Blob(['png'], { type: 'image/png' });
    worker.answer({ type: 'done', picture: { blob, size: { width: 10, height: 10, scale: 1, reduced: false } } });
    await expect(result).resolves.toEqual({ blob, size: { width: 10, height: 10, scale: 1, reduced: false } });
    expect(progress).toEqual([0.25, 0.5]);
    expect(worker.terminated).toBe(true);
  });

  it('cancel ends the worker at once with ExportCancelled', async () => {
    const worker = new FakeWorker();
    const abort = new AbortController();
    const result = pictureInWorker(REQUEST, { start: () => worker, signal: abort.signal });
    worker.answer({ type: 'progress', done: 0.1 });
    abort.abort();
    await expect(result).rejects.toBeInstanceOf(ExportCancelled);
    expect(worker.terminated).toBe(true);
  });

  it('a failed drawing is an error to show; a worker that never started is a missing feature', async () => {
    const failed = new FakeWorker();
    const drawing = pictureInWorker(REQUEST, { start: () => failed });
    failed.answer({ type: 'failed', message: 'out of memory' });
    await expect(drawing).rejects.toThrow('out of memory');

    const broken = new FakeWorker();
    const loading = pictureInWorker(REQUEST, { start: () => broken });
    broken.fail('SyntaxError: import outside a module');
    await expect(loading).rejects.toBeInstanceOf(WorkerUnavailable);
    expect(broken.terminated).toBe(true);

    const crashed = new FakeWorker();
    const midway = pictureInWorker(REQUEST, { start: () => crashed });
    crashed.answer({ type: 'progress', done: 0.3 });
    crashed.fail('crashed');
    await expect(midway).rejects.not.toBeInstanceOf(WorkerUnavailable);

    const odd = new FakeWorker();
    const strange = pictureInWorker(REQUEST, { start: () => odd });
    odd.answer({ type: 'nonsense' });
    await expect(strange).rejects.toThrow('unexpected message');
    await expect(
      pictureInWorker(REQUEST, {
        start: () => {
          throw new Error('no workers');
        },
      }),
    ).rejects.toBeInstanceOf(WorkerUnavailable);
  });
});
