import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { collectProcessMetrics, registry } from '../../src/observe/metrics';

const root = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const yaml = <T>(file: string) => parse(read(file), { merge: true }) as T;

/** The variable names src/config.ts mentions: the ones evmap reads. */
const APP_READS = new Set(read('src/config.ts').match(/\b(?:EVMAP_[A-Z0-9_]+|NEO4J_[A-Z0-9_]+|OTEL_[A-Z0-9_]+|HOST|PORT|NODE_ENV)\b/g));
interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: unknown;
}
type Compose = { services: Record<string, ComposeService> };
const COMPOSE_FILES = ['docker-compose.yml', 'deploy/compose.replicas.yml'];

/** The services that run the evmap image: the ones built from this repository. */
const evmapServices = (compose: Compose) => Object.entries(compose.services).filter(([, s]) => s.build !== undefined);

describe('docker-compose.yml', () => {
  const compose = yaml<Compose>('docker-compose.yml');
  const { api, neo4j } = compose.services;

  it('points the API at the neo4j service and waits for it to be healthy', () => {
    expect(neo4j?.healthcheck).toBeDefined();
    expect(api?.environment?.NEO4J_URI).toBe('neo4j://neo4j:7687');
    expect(api?.depends_on?.neo4j?.condition).toBe('service_healthy');
  });

  it('lets curators in with keys from the environment, not by editing the file', () => {
    expect(api?.environment?.EVMAP_API_KEYS).toMatch(/^\$\{EVMAP_API_KEYS(:-)?\}$/);
    expect(api?.environment?.EVMAP_READS_REQUIRE_KEY).toMatch(/^\$\{EVMAP_READS_REQUIRE_KEY\b/);
  });

  it('takes the host ports of Bolt, Neo4j Browser and the API from the environment', () => {
    expect(neo4j?.ports).toEqual(expect.arrayContaining(['127.0.0.1:${EVMAP_NEO4J_BOLT_PORT:-7687}:7687', '127.0.0.1:${EVMAP_NEO4J_HTTP_PORT:-7474}:7474']));
    expect(api?.ports).toEqual(['127.0.0.1:${PORT:-4000}:4000']);
  });
});

describe('deploy/compose.replicas.yml', () => {
  const compose = yaml<Compose>('deploy/compose.replicas.yml');

  it('publishes no host port on the replicas, so --scale api=N cannot collide, and reaches them through lb', () => {
    expect(compose.services.api?.ports).toBeUndefined();
    expect(compose.services.lb?.ports).toEqual(['127.0.0.1:${PORT:-4000}:8080']);
    expect(compose.services.api?.depends_on?.init?.condition).toBe('service_completed_successfully');
  });

  it('seeds from the one init service, never from replicas starting together', () => {
    expect(compose.services.api?.environment?.EVMAP_SEED_ON_START).toBe('false');
  });
});

describe('deploy/nginx/evmap.conf', () => {
  const conf = read('deploy/nginx/evmap.conf').replace(/#.*$/gm, '');

  it('asks DNS again for the replicas instead of keeping the addresses it found at start', () => {
    expect(conf).toMatch(/^resolver 127\.0\.0\.11 valid=\d+s/m);
    const targets = [...conf.matchAll(/proxy_pass\s+([^;]+);/g)].map((m) => m[1]);
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) expect(target).toBe('http://$evmap_api');
  });

  it('leaves Authorization and the bookmark header alone in both directions', () => {
    expect(conf).not.toMatch(/proxy_(set|hide)_header\s+(authorization|x-evmap-bookmark)\b/i);
    expect(conf).not.toMatch(/proxy_pass_request_headers\s+off/);
    expect(conf).toMatch(/proxy_set_header X-Request-Id \$evmap_request_id;/);
  });
});

interface K8sContainer {
  ports: { name?: string; containerPort: number }[];
  env?: { name: string }[];
  readinessProbe?: { httpGet: { path: string; port: string | number } };
  livenessProbe?: { httpGet: { path: string; port: string | number } };
  startupProbe?: { httpGet: { path: string; port: string | number } };
  securityContext?: { readOnlyRootFilesystem?: boolean };
}
interface K8sDeployment {
  spec: { template: { spec: { securityContext?: { runAsNonRoot?: boolean; runAsUser?: number }; containers: K8sContainer[] } } };
}

describe('deploy/k8s', () => {
  const deployment = yaml<K8sDeployment>('deploy/k8s/deployment.yaml');
  const [container] = deployment.spec.template.spec.containers;
  const portOf = (probe: { httpGet: { port: string | number } } | undefined) =>
    container?.ports.find((p) => p.name === probe?.httpGet.port || p.containerPort === probe?.httpGet.port)?.containerPort;

  it('probes readiness at /readyz and liveness at /healthz, on the port the image listens on', () => {
    expect(container?.readinessProbe?.httpGet.path).toBe('/readyz');
    expect(container?.livenessProbe?.httpGet.path).toBe('/healthz');
    expect(container?.startupProbe?.httpGet.path).toBe('/healthz');
    const imagePort = Number(/^ENV .*\bPORT=(\d+)/m.exec(read('Dockerfile'))?.[1]);
    for (const probe of [container?.readinessProbe, container?.livenessProbe, container?.startupProbe]) expect(portOf(probe)).toBe(imagePort);
  });

  it('runs as the non-root user on a read-only root file system', () => {
    expect(deployment.spec.template.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    expect(container?.securityContext?.readOnlyRootFilesystem).toBe(true);
  });

  it('lists every manifest in kustomization.yaml except the example Secret', () => {
    const { resources } = yaml<{ resources: string[] }>('deploy/k8s/kustomization.yaml');
    for (const file of resources) expect(existsSync(path.join(root, 'deploy/k8s', file))).toBe(true);
    expect(resources).not.toContain('secret.example.yaml');
  });
});

describe('every variable the deployment files set is one evmap or its image reads', () => {
  it.each(COMPOSE_FILES)('%s', (file) => {
    for (const [, service] of evmapServices(yaml<Compose>(file))) {
      for (const name of Object.keys(service.environment ?? {})) expect({ file, name, known: APP_READS.has(name) }).toEqual({ file, name, known: true });
    }
  });

  it('deploy/k8s', () => {
    const configMap = yaml<{ data: Record<string, string> }>('deploy/k8s/configmap.yaml');
    const secret = yaml<{ stringData: Record<string, string> }>('deploy/k8s/secret.example.yaml');
    const env = yaml<K8sDeployment>('deploy/k8s/deployment.yaml').spec.template.spec.containers.flatMap((c) => c.env ?? []);
    const names = [...Object.keys(configMap.data), ...Object.keys(secret.stringData), ...env.map((e) => e.name)];
    for (const name of names) expect({ name, known: APP_READS.has(name) }).toEqual({ name, known: true });
  });

  it('parses every YAML file under deploy/ without errors or warnings', () => {
    const files = ['deploy/compose.replicas.yml', 'deploy/prometheus/prometheus.yml', 'deploy/grafana/provisioning/datasources/prometheus.yml', 'deploy/grafana/provisioning/dashboards/evmap.yml'];
    const k8s = yaml<{ resources: string[] }>('deploy/k8s/kustomization.yaml').resources.map((f) => `deploy/k8s/${f}`);
    for (const file of [...files, ...k8s, 'deploy/k8s/secret.example.yaml']) {
      const problems = parseAllDocuments(read(file), { merge: true }).flatMap((d) => [...d.errors, ...d.warnings].map((e) => e.message));
      expect({ file, problems }).toEqual({ file, problems: [] });
    }
  });
});

/** The Dockerfile's instructions, continuation lines joined. */
function dockerfile(): { op: string; args: string }[] {
  return read('Dockerfile')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const [op = '', ...rest] = line.trim().split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(' ') };
    });
}

describe('Dockerfile', () => {
  const instructions = dockerfile();
  const args = Object.fromEntries(instructions.filter((i) => i.op === 'ARG').map((i) => i.args.split('=')));
  const stages = instructions.filter((i) => i.op === 'FROM').map((i) => i.args.split(' ')[0]!.replace(/\$\{(\w+)\}/g, (_m, name: string) => String(args[name])));
  const finalStage = instructions.slice(instructions.map((i) => i.op).lastIndexOf('FROM'));

  it('builds on Node 22 or newer in every stage', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const image of stages) expect(Number(/^node:(\d+)/.exec(image)?.[1])).toBeGreaterThanOrEqual(22);
  });

  it('runs the server as a non-root user, with a health check and the entrypoint', () => {
    const user = finalStage.filter((i) => i.op === 'USER').at(-1)?.args;
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user?.split(':')[0]);
    expect(finalStage.find((i) => i.op === 'HEALTHCHECK')?.args).toMatch(/\/healthz/);
    expect(finalStage.find((i) => i.op === 'ENTRYPOINT')?.args).toBe('["/usr/local/bin/evmap-entrypoint"]');
  });

  it('copies only files that exist and that .dockerignore does not leave out of the build context', () => {
    const ignored = read('.dockerignore').split('\n').filter(Boolean);
    const sources = instructions.filter((i) => i.op === 'COPY' && !i.args.includes('--from=')).flatMap((i) => i.args.split(' ').filter((a) => !a.startsWith('--')).slice(0, -1));
    for (const source of sources) {
      expect({ source, exists: existsSync(path.join(root, source)) }).toEqual({ source, exists: true });
      expect({ source, ignored: ignored.some((pattern) => source === pattern || source.startsWith(`${pattern}/`)) }).toEqual({ source, ignored: false });
    }
  });
});

describe('deploy/docker-entrypoint.sh', () => {
  const entrypoint = (env: Record<string, string>) =>
    spawnSync('sh', [path.join(root, 'deploy/docker-entrypoint.sh'), process.execPath, '-p', 'process.env.NODE_OPTIONS ?? ""'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, ...env },
    });

  it('turns EVMAP_HEAP_MB into the heap limit, after any NODE_OPTIONS of the operator', () => {
    expect(entrypoint({}).stdout.trim()).toBe('');
    expect(entrypoint({ EVMAP_HEAP_MB: '384' }).stdout.trim()).toBe('--max-old-space-size=384');
    expect(entrypoint({ EVMAP_HEAP_MB: '384', NODE_OPTIONS: '--enable-source-maps' }).stdout.trim()).toBe('--enable-source-maps --max-old-space-size=384');
  });

  it('refuses a heap size that is not a whole number of megabytes, naming it', () => {
    const result = entrypoint({ EVMAP_HEAP_MB: '512m' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('EVMAP_HEAP_MB must be a whole number of megabytes');
  });
});

/** Metric names in a PromQL expression: identifiers outside selectors, ranges and label lists that do not call a function. */
function metricNames(expr: string): string[] {
  const keywords = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset', 'and', 'or', 'unless']);
  const bare = expr
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(?:by|without)\s*\([^)]*\)/g, '');
  return [...bare.matchAll(/\b([a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()/g)].map((m) => m[1]!).filter((name) => !keywords.has(name));
}

interface Dashboard {
  schemaVersion: number;
  panels: { type: string; title: string; datasource?: { uid: string }; targets?: { expr: string }[] }[];
  templating: { list: { type: string; name: string; definition?: string }[] };
}

describe('deploy/grafana/evmap-dashboard.json', () => {
  const dashboard = JSON.parse(read('deploy/grafana/evmap-dashboard.json')) as Dashboard;
  const exprs = [
    ...dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr)),
    ...dashboard.templating.list.flatMap((v) => (v.definition ? [v.definition.replace(/^label_values\((.*),\s*\w+\)$/, '$1')] : [])),
  ];

  it('queries only metrics the server exports', async () => {
    // The registry /metrics serves, with the process metrics a server turns on.
    collectProcessMetrics();
    const exported = await registry.getMetricsAsJSON();
    const series = new Set(exported.flatMap((m) => (String(m.type) === 'histogram' ? [`${m.name}_bucket`, `${m.name}_count`, `${m.name}_sum`] : [m.name])));
    expect(exprs.length).toBeGreaterThan(10);
    for (const expr of exprs) {
      for (const name of metricNames(expr)) expect({ expr, name, exported: series.has(name) }).toEqual({ expr, name, exported: true });
    }
  });

  it('asks the chosen Prometheus data source, so it imports into any Grafana', () => {
    expect(dashboard.templating.list).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'datasource', name: 'datasource' })]));
    for (const panel of dashboard.panels.filter((p) => p.type !== 'row')) expect({ panel: panel.title, uid: panel.datasource?.uid }).toEqual({ panel: panel.title, uid: '${datasource}' });
  });

  it('shows latency quantiles from the request histogram and the Neo4j pool next to its size', () => {
    const all = exprs.join('\n');
    for (const q of ['0.5', '0.95', '0.99']) expect(all).toContain(`histogram_quantile(${q}, sum by (le, operation) (rate(evmap_http_request_duration_seconds_bucket`);
    expect(all).toContain('evmap_neo4j_sessions_in_use');
    expect(all).toContain('evmap_neo4j_pool_max_size');
  });
});
