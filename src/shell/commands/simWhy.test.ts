import { describe, expect, it } from 'vitest';
import { createSession } from '../session';
import { explainDecision } from '../../sim/scheduler/explain';
import { lastDecision } from '../../sim/scheduler/schedulerModule';
import { explainWhy } from './simWhy';

function cluster() {
  const s = createSession({ mode: 'interactive' });
  s.exec('kubectl run web --image=nginx');
  s.exec(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: big
spec:
  containers:
  - name: big
    image: nginx
    resources:
      requests:
        cpu: "64"
EOF`);
  s.exec('sim advance 2s');
  return s;
}

describe('sim why speaks the learner language', () => {
  it('says in English exactly what the scheduler explanation says, and in Chinese the same facts', () => {
    const s = cluster();
    for (const pod of ['web', 'big']) {
      const d = lastDecision(s.cluster, 'default', pod)!;
      expect(d, pod).toBeDefined();
      expect(explainWhy('en', d, pod)).toBe(explainDecision(d, pod) + '\n');
      expect(s.exec(`sim why ${pod}`).output).toBe(explainDecision(d, pod) + '\n');
    }
    s.lang = 'zh';
    const web = s.exec('sim why web').output;
    expect(web).toMatch(
      /^Pod web 被调度到 worker-\d：评估了 3 个节点，其中 2 个满足条件；总分最高者胜出（同分时随机选择）。\n/,
    );
    expect(web).toMatch(/worker-\d\s+得分 \d+（.*NodeResourcesFit=\d+.*） {2}← 选中/);
    // the control plane's taint: plugin name and reason as kube-scheduler writes them, inside a Chinese frame
    expect(web).toMatch(/control-plane\s+被 TaintToleration 过滤：node\(s\) had untolerated taint/);
    expect(web).not.toMatch(/assigned|score|filtered by/);
    const big = s.exec('sim why big').output;
    expect(big).toMatch(/^Pod big 无法调度：0\/3 nodes are available: /);
  });

  it('answers its errors in the learner language too', () => {
    const s = createSession({ mode: 'interactive' });
    s.lang = 'zh';
    expect(s.exec('sim why nope').output).toBe('错误：找不到 Pod "nope"\n');
    expect(s.exec('sim why').output).toBe('错误：用法：sim why <Pod 名称>\n');
    s.lang = 'en';
    expect(s.exec('sim why nope').output).toBe('error: pods "nope" not found\n');
  });
});
