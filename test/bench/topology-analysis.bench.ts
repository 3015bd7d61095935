// Full bottleneck analysis of a synthetic 10,000-device / ~40,000-link network (issue 5 aim: under 2 s).
import { analyzeTopology } from '../../electron/engine/topology/analysis/analyze';
import { syntheticNetwork } from './topology-synthetic';

const net = syntheticNetwork(10_000);
const kinds = new Map<string, number>();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const findings = analyzeTopology(net);
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
for (const f of findings) kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
console.log(`topology analysis: ${net.nodes.length} devices, ${net.links.length} links, ${net.stats.length * 120} utilisation samples`);
console.log(`  routewise analyzeTopology   wall ${wallMs.toFixed(0)} ms   cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms   (aim < 2000 ms; reference: none — LibreNMS/NetBox do no such analysis)`);
console.log(`  findings: ${[...kinds].map(([k, n]) => `${k}=${n}`).join(' ')}`);
