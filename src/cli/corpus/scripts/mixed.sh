# Everyday use after a tutorial: kubectl, docker and sim mixed, on and off the lesson path.
sim reset --workers 3 --seed 7
kubectl get nodes
kubectl create deployment web --image=nginx:1.14.2 --replicas=3
kubectl get deploy,rs,pods -o wide
sim advance 30s
kubectl get pods -o wide
kubectl rollout status deployment/web
kubectl expose deployment web --port=80 --target-port=80
kubectl get svc,endpoints,endpointslices
kubectl scale deployment web --replicas=5
sim advance 20s
kubectl get pods -l app=web -o name | sort
kubectl set image deployment/web nginx=nginx:1.16.1
kubectl rollout status deployment/web
kubectl rollout history deployment/web
kubectl rollout undo deployment/web
sim advance 30s
kubectl describe deployment web
kubectl get deploy web -o yaml | head -40
kubectl get deploy web -o jsonpath='{.spec.replicas} {.status.readyReplicas}'
kubectl get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName | sort
kubectl run probe --image=busybox:1.36 --restart=Never -- sh -c "echo hello; sleep 5; echo bye"
sim advance 20s
kubectl logs probe
kubectl get pod probe
kubectl create namespace team-a
kubectl create configmap app-config --from-literal=mode=dev -n team-a
kubectl create secret generic db --from-literal=password=s3cret -n team-a
kubectl get cm,secret -n team-a
kubectl get secret db -n team-a -o jsonpath='{.data.password}' | base64 -d
kubectl apply -f - <<YAML
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: team-a
spec:
  replicas: 2
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: api
        image: httpd:2.4
        resources:
          requests:
            cpu: 100m
            memory: 64Mi
        readinessProbe:
          httpGet:
            path: /
            port: 80
YAML
sim advance 30s
kubectl get pods -n team-a -o wide
kubectl top nodes
kubectl cordon worker-1
kubectl drain worker-1 --ignore-daemonsets --delete-emptydir-data
sim advance 30s
kubectl get pods -A -o wide
kubectl uncordon worker-1
kubectl taint nodes worker-2 dedicated=gpu:NoSchedule
kubectl describe node worker-2 | head -30
sim node fail worker-3
sim advance 2m
kubectl get nodes
sim node recover worker-3
sim advance 1m
kubectl get nodes
kubectl create job once --image=busybox:1.36 -- sh -c "echo done"
sim advance 30s
kubectl get jobs,pods
kubectl create cronjob tick --image=busybox:1.36 --schedule="*/1 * * * *" -- date
sim advance 3m
kubectl get cronjobs,jobs
sim crash $(kubectl get pods -l app=web -o name | head -1 | cut -d/ -f2)
kubectl get pods -l app=web
kubectl delete deployment web
sim advance 40s
kubectl get pods
kubectl get nope
kubectl apply -f missing.yaml
kubectl frobnicate
docker run -d --name cache -p 6379:6379 redis:7
docker run -d --name site -p 8080:80 nginx:1.25
docker ps
docker logs cache
docker exec site cat /etc/nginx/conf.d/default.conf
docker inspect site | head -20
docker stats --no-stream
docker network create appnet
docker network ls
docker volume create data
docker volume ls
docker stop site
docker rm site
docker images
docker history redis:7
docker system df
docker pull nosuchimage:9.9
sim why $(kubectl get pods -n team-a -o name | head -1 | cut -d/ -f2) 
sim iptables worker-1 | head -20
