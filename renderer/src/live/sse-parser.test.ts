import { describe, expect, it } from 'vitest';
import { SseParser } from './sse-parser';

const STREAM =
  ': connected\r\n\r\nevent: poke\r\ndata: {"seq":7}\r\n\r\n: keep-alive\n\nevent: lease\ndata: {"draftId":"a",\ndata: "holder":null}\n\ndata: plain\rid: 3\r\r';

describe('SseParser', () => {
  it('reads named events, joins multi-line data, ignores comments, whatever the line endings', () => {
    const events = new SseParser().push(STREAM);
    expect(events).toEqual([
      { event: 'poke', data: '{"seq":7}', id: null },
      { event: 'lease', data: '{"draftId":"a",\n"holder":null}', id: null },
      { event: 'message', data: 'plain', id: '3' },
    ]);
  });

  it('gives the same events however the stream is cut into chunks, even between CR and LF', () => {
    const whole = new SseParser().push(STREAM);
    for (let size = 1; size <= 7; size++) {
      const parser = new SseParser();
      const events = [];
      for (let i = 0; i < STREAM.length; i += size) events.push(...parser.push(STREAM.slice(i, i + size)));
      expect(events, `chunks of ${size}`).toEqual(whole);
    }
  });

  it('does not dispatch an event until its blank line arrives, and remembers retry', () => {
    const parser = new SseParser();
    expect(parser.push('retry: 2500\nevent: poke\ndata: {"seq":1}\n')).toEqual([]);
    expect(parser.retryMs).toBe(2500);
    expect(parser.push('\n')).toEqual([{ event: 'poke', data: '{"seq":1}', id: null }]);
    // An event with no data line is not dispatched; the name does not leak into the next one.
    expect(parser.push('event: lease\n\ndata: x\n\n')).toEqual([{ event: 'message', data: 'x', id: null }]);
  });
});
