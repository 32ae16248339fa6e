/**
 * A PortMux whose job part has ended lets go of its channels: an open MessagePort with a
 * listener is a global handle, so a listener left behind kept the ended job's tasks and state
 * alive for the life of the thread (a view slot thread runs thousands of views).
 */
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { PortMux, RemoteInputChannel } from '../../src/runtime/exchange/remote-channel.ts';

describe('PortMux.release', () => {
  it('stops receiving, so the port no longer holds the mux and its channels', async () => {
    const { port1, port2 } = new MessageChannel();
    const mux = new PortMux(port1);
    new RemoteInputChannel(mux, 7, 4); // registers itself as channel 7
    mux.start();
    expect(port1.listenerCount('message')).toBe(1);

    // A frame while receiving reaches its channel (END of input, kind 3).
    port2.postMessage([[3, 7]]);
    await new Promise((r) => setTimeout(r, 20));
    expect(mux.framesReceived).toBe(1);

    mux.release();
    expect(port1.listenerCount('message')).toBe(0);
    // Frames after the end are not dispatched (not even to a channel id it never had).
    port2.postMessage([[3, 99]]);
    await new Promise((r) => setTimeout(r, 20));
    expect(mux.framesReceived).toBe(1);
    port2.close();
  });
});
