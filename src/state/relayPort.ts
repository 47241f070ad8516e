/**
 * THE SEAM between the relay client and the simulation: `relayApiPort(token)` gives the {@link ApiPort}
 * (`handleApi(request) → Promise<reply>` and its stream variant `streamApi`) that answers the relay's requests.
 * Today it runs the serve layer's handler on the main thread against the page's host (`getHost()`); when the
 * simulation moves into a Web Worker, this is the one function to point at the worker's "API request → reply"
 * message (the requests and replies are structured-cloneable plain data).
 */
import type { ApiPort } from '../serve/port';
import { getHost, localSession } from './host';

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
    // The handler needs the live session: the simulation runs on the page when opened from a relay (`?relay=`);
    // in the Web Worker the same requests would go as the worker's `api` message (SimCore's setApiHandler).
    const session = localSession();
    if (!getHost() || !session)
      throw new Error(
        'the simulation is not running on this page (open the relay address, or add ?sim=main)',
      );
    // A reset or a loaded share link starts a new session: the API follows it (open watches end).
    if (current?.session !== session) {
      current?.ep.close();
      const api = new KubeApi(session, { token, address: location.host || '127.0.0.1' });
      current = { session, ep: new ApiEndpoint(api) };
    }
    return current.ep;
  };
  // Every write re-renders the studio at once (the diagram animates the hops kubectl caused).
  return endpointPort(endpoint, () => getHost()?.emit());
}
