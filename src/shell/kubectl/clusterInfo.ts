/** kubectl cluster-info */
import { SERVER } from './kubeconfig';
import type { VerbDef } from './verb';

export const clusterInfo: VerbDef = {
  name: 'cluster-info',
  summary: { en: 'Display cluster information', zh: '显示集群信息' },
  usage: 'kubectl cluster-info [flags] [options]',
  long: "Display addresses of the control plane and services with label kubernetes.io/cluster-service=true. To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.",
  examples: '  # Print the address of the control plane and cluster services\n  kubectl cluster-info',
  flags: [],
  run(k) {
    let out = `Kubernetes control plane is running at ${SERVER}\n`;
    const dns = k.cluster.api.kinds.byKind('Service')
      ? k.cluster.api.get('Service', 'kube-system', 'kube-dns')
      : undefined;
    if (dns)
      out += `CoreDNS is running at ${SERVER}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n`;
    out += `\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`;
    k.out(out);
    return 0;
  },
};
