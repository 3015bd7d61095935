import type { Varbind } from '../../snmp/varbind';

/** Where devices report CPU and memory, standard MIB first, then vendor MIBs (each walked only if present). */
export const CPU_MEM_WALKS = {
  hrProcessorLoad: '1.3.6.1.2.1.25.3.3.1.2', // HOST-RESOURCES-MIB, % per CPU
  hrStorageEntry: '1.3.6.1.2.1.25.2.3.1', // .2 type, .5 size, .6 used
  ciscoCpu5min: '1.3.6.1.4.1.9.9.109.1.1.1.1.8', // CISCO-PROCESS-MIB cpmCPUTotal5minRev
  ciscoMemPool: '1.3.6.1.4.1.9.9.48.1.1.1', // CISCO-MEMORY-POOL-MIB .5 used, .6 free
  juniperCpu: '1.3.6.1.4.1.2636.3.1.13.1.8', // JUNIPER-MIB jnxOperatingCPU
  juniperMem: '1.3.6.1.4.1.2636.3.1.13.1.11', // jnxOperatingBuffer (% used)
  fortiCpu: '1.3.6.1.4.1.12356.101.4.1.3', // FORTINET-FORTIGATE-MIB fgSysCpuUsage
  fortiMem: '1.3.6.1.4.1.12356.101.4.1.4', // fgSysMemUsage
} as const;

const HR_STORAGE_RAM = '1.3.6.1.2.1.25.2.1.2';

const nums = (vbs: readonly Varbind[], base: string) =>
  vbs.filter((v) => v.oid.startsWith(`${base}.`) && (typeof v.value === 'number' || typeof v.value === 'bigint')).map((v) => Number(v.value));

/** CPU and memory use in percent, or null where the device says nothing we understand. */
export function parseCpuMemory(vbs: readonly Varbind[]): { cpuPct: number | null; memPct: number | null } {
  const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  const max = (xs: number[]) => (xs.length ? Math.max(...xs) : null);
  const cpuPct =
    avg(nums(vbs, CPU_MEM_WALKS.hrProcessorLoad)) ??
    max(nums(vbs, CPU_MEM_WALKS.ciscoCpu5min)) ??
    max(nums(vbs, CPU_MEM_WALKS.juniperCpu)) ??
    max(nums(vbs, CPU_MEM_WALKS.fortiCpu));

  let memPct: number | null = null;
  const storage = new Map<string, { type?: string; size?: number; used?: number }>();
  for (const v of vbs) {
    if (!v.oid.startsWith(`${CPU_MEM_WALKS.hrStorageEntry}.`)) continue;
    const [col, ...idx] = v.oid.slice(CPU_MEM_WALKS.hrStorageEntry.length + 1).split('.');
    const row = storage.get(idx.join('.')) ?? {};
    if (col === '2') row.type = String(v.value);
    if (col === '5') row.size = Number(v.value);
    if (col === '6') row.used = Number(v.value);
    storage.set(idx.join('.'), row);
  }
  const ram = [...storage.values()].find((r) => r.type === HR_STORAGE_RAM && r.size);
  if (ram?.size && ram.used !== undefined) memPct = (ram.used / ram.size) * 100;
  if (memPct === null) {
    const used = nums(vbs, `${CPU_MEM_WALKS.ciscoMemPool}.5`);
    const free = nums(vbs, `${CPU_MEM_WALKS.ciscoMemPool}.6`);
    if (used.length && free.length && used[0]! + free[0]! > 0) memPct = (used[0]! / (used[0]! + free[0]!)) * 100;
  }
  memPct ??= max(nums(vbs, CPU_MEM_WALKS.juniperMem)) ?? max(nums(vbs, CPU_MEM_WALKS.fortiMem));
  const clamp = (x: number | null) => (x === null || !Number.isFinite(x) ? null : Math.max(0, Math.min(100, x)));
  return { cpuPct: clamp(cpuPct), memPct: clamp(memPct) };
}
