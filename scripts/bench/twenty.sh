# A typical 20-line learner script (used by `npm run bench` to time the headless runner).
kubectl get nodes
kubectl create namespace shop
kubectl create deployment web --image=nginx:1.27 --replicas=3 -n shop
kubectl get pods -n shop
sim advance 10s
kubectl get pods -n shop -o wide
kubectl scale deployment web --replicas=5 -n shop
sim advance 10s
kubectl get deploy -n shop
kubectl set image deployment/web nginx=nginx:1.16.1 -n shop
kubectl rollout status deployment/web -n shop
kubectl rollout history deployment/web -n shop
kubectl get rs -n shop
kubectl describe deployment web -n shop
kubectl run tmp --image=busybox --restart=Never -- sh -c "echo hello"
sim advance 5s
kubectl logs tmp
kubectl delete pod tmp
kubectl get events -n shop
kubectl get all -n shop
