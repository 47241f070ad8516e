/** The page's one relay client (see src/state/relay.ts), and the address it uses. */
import { useSyncExternalStore } from 'react';
import { DEFAULT_RELAY_ADDRESS, RelayClient, relayTokenInLocation, type RelayState } from '../../state/relay';
import { relayApiPort } from '../../state/relayPort';

let client: RelayClient | undefined;

/** Opened from a relay's printed address (`http://127.0.0.1:6443/?relay=…`): the relay is this page's host. */
export function openedFromRelay(): string | undefined {
  return relayTokenInLocation(location.search);
}

export function relayClient(): RelayClient {
  client ??= new RelayClient(
    relayApiPort,
    openedFromRelay() ? location.host : DEFAULT_RELAY_ADDRESS,
    openedFromRelay(),
  );
  return client;
}

/** The relay's state, re-rendering on change. */
export function useRelayState(): RelayState {
  const c = relayClient();
  return useSyncExternalStore(
    (fn) => c.subscribe(fn),
    () => c.state,
  );
}
