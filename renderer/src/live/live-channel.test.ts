import { afterEach, describe, expect, it } from 'vitest';
import type { NetworkState } from '../network/network-status';
import { Store } from '../state/store';
import { backoffDelay } from '../sync/backoff';
import { RecordingTimers } from '../sync/testing/recording-timers';
import { LiveChannel } from './live-channel';
import type { SseEvent } from './sse-parser';

/** A server stand-in whose streams the test writes to and closes. */
class FakeStreams {
  opened = 0;
  refuseNext = 0;
  current: ReadableStreamDefaultController<Uint8Array> | null = null;
  readonly open = async (signal: AbortSignal): Promise<Response> => {
    this.opened += 1;
    if (this.refuseNext > 0) {
      this.refuseNext -= 1;
      throw new TypeError('Failed to fetch');
    }
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.current = controller;
        signal.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
      },
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  };
  send(text: string): void {
    this.current?.enqueue(new TextEncoder().encode(text));
  }
  close(): void {
    this.current?.close();
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));
const channels: LiveChannel[] = [];
afterEach(() => channels.splice(0).forEach((c) => c.stop()));

function setup() {
  const streams = new FakeStreams();
  const network = new Store<NetworkState>({ online: true });
  const timers = new RecordingTimers();
  const events: SseEvent[] = [];
  let opens = 0;
  const channel = new LiveChannel({
    open: streams.open,
    network,
    timers,
    random: () => 1,
    onEvent: (e) => events.push(e),
    onOpen: () => (opens += 1),
  });
  channels.push(channel);
  return { streams, network, timers, events, channel, opens: () => opens };
}

describe('LiveChannel', () => {
  it('delivers events as they arrive and reconnects with growing, jittered delays after cuts', async () => {
    const { streams, timers, events, channel, opens } = setup();
    channel.start();
    await settle();
    expect(channel.state.get().connected).toBe(true);
    streams.send('event: poke\ndata: {"seq":4}\n\n');
    await settle();
    expect(events).toEqual([{ event: 'poke', data: '{"seq":4}', id: null }]);

    // The stream is cut, then two attempts are refused: each wait is longer than the last.
    streams.refuseNext = 2;
    streams.close();
    await settle();
    const reconnects = () => timers.delays.filter((ms) => ms !== 45_000);
    expect(channel.state.get()).toMatchObject({ connected: false, failures: 1 });
    for (let i = 0; i < 2; i++) {
      timers.advance(reconnects().at(-1)!);
      await settle();
    }
    expect(reconnects()).toEqual(
      [1, 2, 3].map((n) => backoffDelay(n, () => 1, { baseMs: 1_000, maxMs: 30_000 })),
    );
    timers.advance(reconnects().at(-1)!);
    await settle();
    expect(channel.state.get().connected).toBe(true);
    expect(streams.opened).toBe(4);
    // Every connection asks for a catch-up pull: pokes may have been missed meanwhile.
    expect(opens()).toBe(2);
    streams.send(': keep-alive\n\n');
    await settle();
    expect(channel.state.get().failures).toBe(0);
  });

  it('closes while offline without retrying, and reconnects at once when the network is back', async () => {
    const { streams, network, timers, channel } = setup();
    channel.start();
    await settle();
    network.set({ online: false });
    await settle();
    expect(channel.state.get().connected).toBe(false);
    const scheduled = timers.delays.filter((ms) => ms !== 45_000).length;
    expect(scheduled).toBe(0);
    network.set({ online: true });
    await settle();
    expect(channel.state.get().connected).toBe(true);
    expect(streams.opened).toBe(2);
  });

  it('treats a silent stream as dead and reconnects', async () => {
    const { streams, timers, channel } = setup();
    channel.start();
    await settle();
    timers.advance(45_000);
    await settle();
    expect(channel.state.get()).toMatchObject({ connected: false, failures: 1 });
    timers.advance(backoffDelay(1, () => 1, { baseMs: 1_000, maxMs: 30_000 }));
    await settle();
    expect(streams.opened).toBe(2);
    expect(channel.state.get().connected).toBe(true);
  });
});
