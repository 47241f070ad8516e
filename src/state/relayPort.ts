/**
 * THE SEAM between the relay client and the simulation: `relayApiPort(token)` gives the {@link ApiPort}
 * (`handleApi(request) → Promise<reply>` and its stream variant `streamApi`) that answers the relay's requests.
 * The simulation answers them where it runs (its Web Worker, or this page with `?sim=main`): the host's `api*`
 * messages carry the plain requests, replies and stream events (src/state/relayApi.ts is the other end). Every
 * request is followed by the worker's push of what it changed, so the diagram animates what kubectl caused.
 */
import type { ApiPort } from '../serve/port';
import { startHost } from './host';
import type { RemoteHost } from './worker/remoteHost';

/** The port of a host's simulation, its API opened with `token` as the credential. */
export async function hostApiPort(
  host: Pick<RemoteHost, 'apiOpen' | 'api' | 'apiStream'>,
  token: string,
  address: string,
): Promise<ApiPort> {
  await host.apiOpen(token, address);
  return {
    handleApi: (req) => host.api(req),
    streamApi: (req, on) => host.apiStream(req, on),
  };
}

/** The port that answers for the studio's live cluster, with `token` as the API's credential. */
export async function relayApiPort(token: string): Promise<ApiPort> {
  // opened from a relay's address, the tab connects while the simulation is still starting: wait for it
  const host = await startHost();
  if (!host) throw new Error('the simulation did not start');
  return hostApiPort(host, token, location.host || '127.0.0.1');
}
