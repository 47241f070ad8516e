import { describe, expect, it } from 'vitest';
import { runScript } from '../../session';
import { memoryFs } from '../../memoryFs';

const files = {
  'np.yaml': `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-client
spec:
  podSelector:
    matchLabels:
      app: web
  ingress:
  - from:
    - podSelector:
        matchLabels:
          run: client
    ports:
    - port: 8080
`,
  'ing.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: demo
spec:
  rules:
  - host: hello.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port:
              number: 8080
`,
};

describe('describe for the networking kinds', () => {
  const { transcript } = runScript(
    `kubectl create deployment web --image=gcr.io/google-samples/hello-app:1.0 --replicas=2 --port=8080
kubectl expose deployment web --port=8080
kubectl apply -f np.yaml
kubectl apply -f ing.yaml
sim advance 30s
kubectl describe netpol allow-client
kubectl describe ingress demo
kubectl describe endpoints web
kubectl describe endpointslices -l kubernetes.io/service-name=web`,
    { fs: memoryFs(files) },
  );

  it('describes a NetworkPolicy with its selector, ports and peers', () => {
    expect(transcript).toContain(
      '  PodSelector:     app=web\n  Allowing ingress traffic:\n    To Port: 8080/TCP\n    From:\n      PodSelector: run=client\n  Not affecting egress traffic\n  Policy Types: Ingress\n',
    );
  });

  it('describes an Ingress with its address, rules and backends with their endpoints', () => {
    expect(transcript).toMatch(/Address:\s+192\.168\.49\.2\n/);
    expect(transcript).toMatch(
      /hello\.example\.com\s*\n\s+\/\s+web:8080 \(10\.244\.\d+\.\d+:8080,10\.244\.\d+\.\d+:8080\)/,
    );
  });

  it('describes Endpoints subsets and EndpointSlice endpoints', () => {
    expect(transcript).toMatch(
      /Subsets:\n\s+Addresses:\s+10\.244\.\d+\.\d+,10\.244\.\d+\.\d+\n\s+NotReadyAddresses:\s+<none>/,
    );
    expect(transcript).toMatch(
      /- Addresses:\s+10\.244\.\d+\.\d+\n\s+Conditions:\n\s+Ready:\s+true\n\s+Hostname:\s+<unset>\n\s+TargetRef:\s+Pod\/web-/,
    );
  });
});
