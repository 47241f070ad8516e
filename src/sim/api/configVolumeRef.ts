/**
 * The reference the kubelet hands to whoever serves a ConfigMap/Secret volume that follows updates. It lives in
 * the api tier because both the kubelet and the controller that serves it (siblings) name it.
 */

/** Where a ConfigMap/Secret volume's files come from. */
export interface ConfigVolumeRef {
  podUid: string;
  volume: string;
  namespace: string;
  kind: 'ConfigMap' | 'Secret';
  name: string;
  items?: { key: string; path: string }[];
}
