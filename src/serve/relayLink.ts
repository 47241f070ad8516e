/**
 * The Node end of `kubelab serve --relay`: an {@link ApiPort} whose answers come from the studio tab connected
 * on the relay's WebSocket. Requests wait in messages until the tab replies; with no tab (or after it left) the
 * API answers 503 with a Status that says what to open.
 */
import type { WebSocket } from 'ws';
import type { ApiReply } from './request';
import type { ApiPort, PortRequest, StreamEvent } from './port';
import { eventFromWire, replyFromWire, requestToWire, type RelayToTab, type TabToRelay } from './relayWire';
import { failure } from './status';

/** How long a plain request may wait for the tab. */
const CALL_TIMEOUT_MS = 30_000;

export class RelayLink implements ApiPort {
  private ws: WebSocket | undefined;
  private nextId = 1;
  private calls = new Map<number, (r: ApiReply) => void>();
  private streams = new Map<number, (e: StreamEvent) => void>();
  /** Told when a tab connects or leaves. */
  onChange: (connected: boolean) => void = () => undefined;

  /** Where to open the studio (said in the 503 when no tab is connected). */
  private studioUrl = '';
  private welcome: Omit<Extract<RelayToTab, { op: 'welcome' }>, 'op'> = { server: '', kubeconfig: '' };

  /** Where the relay serves (known once it listens: port 0 picks a free one). */
  setAddress(studioUrl: string, welcome: Omit<Extract<RelayToTab, { op: 'welcome' }>, 'op'>): void {
    this.studioUrl = studioUrl;
    this.welcome = welcome;
  }

  get connected(): boolean {
    return !!this.ws;
  }

  /** A tab connected: it answers from now on (a second tab replaces the first). */
  attach(ws: WebSocket): void {
    if (this.ws) this.ws.close(4000, 'another studio tab took over');
    this.drop();
    this.ws = ws;
    ws.on('message', (data: Buffer) => this.receive(data.toString()));
    ws.on('close', () => {
      if (this.ws !== ws) return;
      this.ws = undefined;
      this.drop();
      this.onChange(false);
    });
    this.send({ op: 'welcome', ...this.welcome });
    this.onChange(true);
  }

  close(): void {
    this.ws?.close(1001, 'kubelab serve stopped');
    this.ws = undefined;
    this.drop();
  }

  private unavailable(): ApiReply {
    const s = failure(
      503,
      'ServiceUnavailable',
      `no Kubelab studio is connected to this relay: open ${this.studioUrl} in your browser`,
    );
    return { status: 503, headers: { 'content-type': 'application/json' }, body: JSON.stringify(s) };
  }

  /** Ends what waits on the tab that went away. */
  private drop(): void {
    const calls = [...this.calls.values()];
    const streams = [...this.streams.values()];
    this.calls.clear();
    this.streams.clear();
    for (const c of calls) c(this.unavailable());
    for (const s of streams) s({ type: 'end' });
  }

  private send(m: RelayToTab): void {
    if (this.ws?.readyState === this.ws?.OPEN) this.ws?.send(JSON.stringify(m));
  }

  private receive(text: string): void {
    let m: TabToRelay;
    try {
      m = JSON.parse(text) as TabToRelay;
    } catch {
      return;
    }
    if (m.op === 'reply') {
      const done = this.calls.get(m.id);
      this.calls.delete(m.id);
      done?.(replyFromWire(m.reply));
    } else if (m.op === 'event') {
      const on = this.streams.get(m.id);
      if (!on) return;
      if (m.event.type === 'end') this.streams.delete(m.id);
      on(eventFromWire(m.event));
    }
  }

  handleApi(req: PortRequest): Promise<ApiReply> {
    if (!this.ws) return Promise.resolve(this.unavailable());
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.calls.delete(id);
        resolve({
          status: 504,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(failure(504, 'Timeout', 'the studio tab did not answer in time')),
        });
      }, CALL_TIMEOUT_MS);
      this.calls.set(id, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
      this.send({ op: 'call', id, req: requestToWire(req) });
    });
  }

  streamApi(req: PortRequest, on: (e: StreamEvent) => void): () => void {
    if (!this.ws) {
      on({ type: 'head', reply: this.unavailable(), stream: false });
      on({ type: 'end' });
      return () => undefined;
    }
    const id = this.nextId++;
    this.streams.set(id, on);
    this.send({ op: 'stream', id, req: requestToWire(req) });
    return () => {
      if (!this.streams.delete(id)) return;
      this.send({ op: 'cancel', id });
    };
  }
}
