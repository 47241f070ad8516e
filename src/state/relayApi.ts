/**
 * The simulation's side of "Use your own kubectl": the serve layer's Kubernetes API over the live shell session,
 * where the simulation runs (in its Web Worker, or on the page with `?sim=main`). SimCore loads this file when
 * the relay first connects (its `apiOpen` message), so a learner who never connects kubectl never loads the serve
 * layer. Requests and replies are plain, structured-cloneable data ({@link PortRequest}, {@link ApiReply},
 * {@link StreamEvent}): they cross the worker boundary as they are.
 */
import { KubeApi } from '../serve/kubeApi';
import { ApiEndpoint } from '../serve/endpoint';
import { endpointPort, type ApiPort, type PortRequest, type StreamEvent } from '../serve/port';
import type { ApiReply } from '../serve/request';
import type { SessionLike } from './session';

export type { ApiPort, PortRequest, StreamEvent, ApiReply };

/** An API that follows the session: a reset or a loaded share link starts a new one (open watches end). */
export interface RelayApi {
  port: ApiPort;
  /** Ends every open watch and followed log. */
  close(): void;
}

/**
 * The API over whatever session `session()` gives at each request, with `token` as its credential and `address`
 * (the page's host) in the kubeconfig-facing texts. `after` runs after every request that may have changed the
 * cluster (the worker pushes the change at once).
 */
export function openRelayApi(
  session: () => SessionLike,
  token: string,
  address: string,
  after: () => void,
): RelayApi {
  let current: { session: SessionLike; ep: ApiEndpoint } | undefined;
  const endpoint = () => {
    const s = session();
    if (current?.session !== s) {
      current?.ep.close();
      const api = new KubeApi(s, { token, address });
      current = { session: s, ep: new ApiEndpoint(api) };
    }
    return current.ep;
  };
  return {
    port: endpointPort(endpoint, after),
    close: () => {
      current?.ep.close();
      current = undefined;
    },
  };
}
