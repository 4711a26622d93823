import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { rejectOnAbort } from '../../src/experiment/runner.js';

describe('one signal over many batches', () => {
  it('leaves no abort listener behind once a batch is done, and still rejects on abort', async () => {
    const controller = new AbortController();
    for (let k = 0; k < 20; k++) rejectOnAbort(controller.signal).dispose();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    const open = rejectOnAbort(controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    controller.abort(new Error('stop'));
    await expect(open.promise).rejects.toThrow('stop');
    // Already aborted: rejects at once.
    await expect(rejectOnAbort(controller.signal).promise).rejects.toThrow('stop');
  });
});
