/** One Server-Sent Event as the stream's text defines it (https://html.spec.whatwg.org/#event-stream-interpretation). */
export interface SseEvent {
  readonly event: string;
  readonly data: string;
  readonly id: string | null;
}

/**
 * An incremental event-stream parser: feed it text as it arrives, in chunks cut anywhere (even between
 * `\r` and `\n`), and it returns the events completed so far. Comment lines (`: keep-alive`) are ignored
 * except that they count as traffic; `retry:` is remembered.
 */
export class SseParser {
  private buffer = '';
  private pendingCr = false;
  private data: string[] = [];
  private hasData = false;
  private eventName = '';
  private lastId: string | null = null;
  /** The reconnection delay the server asked for, in ms. */
  retryMs: number | null = null;

  push(chunk: string): SseEvent[] {
    let text = chunk;
    // A CR ending the previous chunk already ended its line; a LF right after it belongs to that line end.
    if (this.pendingCr && text.startsWith('\n')) text = text.slice(1);
    this.pendingCr = false;
    this.buffer += text;
    const events: SseEvent[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.buffer);
      if (!match) break;
      // A CR at the very end may be the first half of CRLF: take the line, drop the LF if it comes next.
      if (match[0] === '\r' && match.index === this.buffer.length - 1) this.pendingCr = true;
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      const event = this.line(line);
      if (event) events.push(event);
    }
    return events;
  }

  private line(line: string): SseEvent | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') {
      this.data.push(value);
      this.hasData = true;
    } else if (field === 'event') this.eventName = value;
    else if (field === 'id' && !value.includes('\0')) this.lastId = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.retryMs = Number(value);
    return null;
  }

  private dispatch(): SseEvent | null {
    const event = this.hasData
      ? { event: this.eventName || 'message', data: this.data.join('\n'), id: this.lastId }
      : null;
    this.data = [];
    this.hasData = false;
    this.eventName = '';
    return event;
  }
}
