/**
 * THE SEAM between the relay client and the simulation: `relayApiPort(token)` gives the {@link ApiPort}
 * (`handleApi(request) → Promise<reply>` and its stream variant `streamApi`) that answers the relay's requests.
 * Today it runs the serve layer's handler on the main thread against the page's host (`getHost()`); when the
 * simulation moves into a Web Worker, this is the one function to point at the worker's "API request → reply"
 * message (the requests and replies are structured-cloneable plain data).
 */
import type { ApiPort } from '../serve/port';
import { getHost } from './host';

/** The port that answers for the studio's live cluster, with `token` as the API's credential. */
export async function relayApiPort(token: string): Promise<ApiPort> {
  // The serve layer is its own chunk: only a learner who connects kubectl loads it.
  const [{ KubeApi }, { ApiEndpoint }, { endpointPort }] = await Promise.all([
    import('../serve/kubeApi'),
    import('../serve/endpoint'),
    import('../serve/port'),
  ]);
  let current: { session: unknown; ep: InstanceType<typeof ApiEndpoint> } | undefined;
  const endpoint = () => {
    const host = getHost();
    if (!host) throw new Error('the simulation is not running yet');
    // A reset or a loaded share link starts a new session: the API follows it (open watches end).
    if (current?.session !== host.session) {
      current?.ep.close();
      const api = new KubeApi(host.session, { token, address: location.host || '127.0.0.1' });
      current = { session: host.session, ep: new ApiEndpoint(api) };
    }
    return current.ep;
  };
  // Every write re-renders the studio at once (the diagram animates the hops kubectl caused).
  return endpointPort(endpoint, () => getHost()?.emit());
}
