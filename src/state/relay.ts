/**
 * The studio's end of `kubelab serve --relay` ("Use your own kubectl"): a WebSocket to the relay on this machine,
 * over which the relay forwards every request the learner's kubectl sends; the tab answers each through an
 * {@link ApiPort} (see relayPort.ts: today the main-thread host, later the simulation's worker). No React here:
 * the dialog subscribes to the state.
 */
import type { ApiPort } from '../serve/port';
import { Listeners } from '../sim/util/listeners';
import {
  RELAY_PATH,
  RELAY_PROTOCOL,
  eventToWire,
  replyToWire,
  requestFromWire,
  type RelayToTab,
  type TabToRelay,
} from '../serve/relayWire';

export type RelayPhase = 'idle' | 'connecting' | 'connected' | 'closed';

export interface RelayState {
  phase: RelayPhase;
  /** The relay's address (`127.0.0.1:6443`). */
  address: string;
  token: string;
  /** Requests answered since the tab connected. */
  requests: number;
  /** The last request (`GET /api/v1/namespaces/default/pods`), to show that kubectl is talking. */
  last?: string;
  /** From the relay's welcome: the API's URL and where it wrote the kubeconfig. */
  server?: string;
  kubeconfig?: string;
  /** Why the connection ended (a code of the WebSocket close, or 'refused' when it never opened). */
  reason?: string;
}

/** The default relay address: `kubelab serve --relay` listens on 127.0.0.1:6443 unless told otherwise. */
export const DEFAULT_RELAY_ADDRESS = '127.0.0.1:6443';

/** A token the relay accepts (`--token`): 32 hex digits from the browser's crypto. */
export function newRelayToken(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

/** The `?relay=<token>` a relay's printed address carries, if the page was opened from it. */
export function relayTokenInLocation(search: string): string | undefined {
  const t = new URLSearchParams(search).get('relay');
  return t && /^[A-Za-z0-9_-]{16,128}$/.test(t) ? t : undefined;
}

type Listener = (s: RelayState) => void;

export class RelayClient {
  private ws: WebSocket | undefined;
  private streams = new Map<number, () => void>();
  private listeners = new Listeners<[s: RelayState]>();
  private st: RelayState;

  constructor(
    /** Gives the port that answers for the cluster (loaded on the first connection). */
    private portFor: (token: string) => Promise<ApiPort>,
    address = DEFAULT_RELAY_ADDRESS,
    token = newRelayToken(),
  ) {
    this.st = { phase: 'idle', address, token, requests: 0 };
  }

  get state(): RelayState {
    return this.st;
  }

  subscribe(l: Listener): () => void {
    return this.listeners.add(l);
  }

  private set(p: Partial<RelayState>): void {
    this.st = { ...this.st, ...p };
    this.listeners.emit(this.st);
  }

  /** Connects to the relay (closing an earlier connection). */
  async connect(address = this.st.address, token = this.st.token): Promise<void> {
    this.disconnect();
    this.set({ phase: 'connecting', address, token, requests: 0, reason: undefined });
    let port: ApiPort;
    try {
      port = await this.portFor(token);
    } catch (e) {
      this.set({ phase: 'closed', reason: (e as Error).message });
      return;
    }
    if (this.st.phase !== 'connecting' || this.st.token !== token) return;
    let opened = false;
    const ws = new WebSocket(
      `ws://${address}${RELAY_PATH}?token=${encodeURIComponent(token)}`,
      RELAY_PROTOCOL,
    );
    this.ws = ws;
    ws.onopen = () => {
      opened = true;
      this.set({ phase: 'connected' });
    };
    ws.onclose = (e) => {
      if (this.ws !== ws) return;
      this.ws = undefined;
      this.endStreams();
      this.set({
        phase: 'closed',
        reason: opened ? `${e.code}${e.reason ? ` ${e.reason}` : ''}` : 'refused',
      });
    };
    ws.onmessage = (e) => {
      if (typeof e.data !== 'string') return;
      let m: RelayToTab;
      try {
        m = JSON.parse(e.data) as RelayToTab;
      } catch {
        return;
      }
      this.receive(port, ws, m);
    };
  }

  disconnect(): void {
    const ws = this.ws;
    this.ws = undefined;
    this.endStreams();
    if (ws) ws.close(1000);
    if (this.st.phase !== 'idle') this.set({ phase: 'idle' });
  }

  private endStreams(): void {
    const all = [...this.streams.values()];
    this.streams.clear();
    for (const c of all) c();
  }

  private receive(port: ApiPort, ws: WebSocket, m: RelayToTab): void {
    const send = (x: TabToRelay) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(x));
    };
    if (m.op === 'welcome') return this.set({ server: m.server, kubeconfig: m.kubeconfig });
    if (m.op === 'cancel') {
      const c = this.streams.get(m.id);
      this.streams.delete(m.id);
      return c?.();
    }
    const req = requestFromWire(m.req);
    this.set({ requests: this.st.requests + 1, last: `${req.method} ${req.path}` });
    if (m.op === 'call') {
      void port.handleApi(req).then(
        (reply) => send({ op: 'reply', id: m.id, reply: replyToWire(reply) }),
        (e: unknown) =>
          send({
            op: 'reply',
            id: m.id,
            reply: {
              status: 500,
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({
                kind: 'Status',
                apiVersion: 'v1',
                metadata: {},
                status: 'Failure',
                message: `Internal error occurred: ${(e as Error).message}`,
                reason: 'InternalError',
                code: 500,
              }),
            },
          }),
      );
      return;
    }
    let done = false;
    const cancel = port.streamApi(req, (ev) => {
      if (ev.type === 'end') {
        done = true;
        this.streams.delete(m.id);
      }
      send({ op: 'event', id: m.id, event: eventToWire(ev) });
    });
    if (!done) this.streams.set(m.id, cancel);
  }
}
