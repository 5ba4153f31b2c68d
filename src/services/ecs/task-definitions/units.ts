/**
 * Task-level `cpu` and `memory` as AWS takes them: CPU units or vCPUs ("1024", "1 vCPU"),
 * MiB or GB ("2048", "2 GB"), stored as the integer strings AWS returns ("1024", "2048").
 */

const INTEGER = /^\s*(\d+)\s*$/;
const VCPU = /^\s*(\d+(?:\.\d+)?)\s*vcpus?\s*$/i;
const GB = /^\s*(\d+(?:\.\d+)?)\s*gb\s*$/i;

function scaled(text: string, unit: RegExp): number | undefined {
  const plain = INTEGER.exec(text);
  if (plain?.[1] !== undefined) return Number(plain[1]);
  const withUnit = unit.exec(text);
  if (withUnit?.[1] === undefined) return undefined;
  const value = Number(withUnit[1]) * 1024;
  // "0.1 vCPU" is 102.4 units: AWS keeps whole units only.
  return Number.isInteger(value) ? value : undefined;
}

/** CPU units, or undefined when the text is neither units nor vCPUs. */
export function parseTaskCpu(text: string): number | undefined {
  const value = scaled(text, VCPU);
  return value !== undefined && value > 0 && value <= 2 ** 31 - 1 ? value : undefined;
}

/** MiB, or undefined when the text is neither MiB nor GB. */
export function parseTaskMemory(text: string): number | undefined {
  const value = scaled(text, GB);
  return value !== undefined && value > 0 && value <= 2 ** 31 - 1 ? value : undefined;
}

/** The CPU units tasks on EC2 or external instances may ask for. */
export const EC2_TASK_CPU = { min: 128, max: 196608 } as const;

/** Fargate's task sizes: memory (MiB) per CPU value, in steps from min to max. */
const FARGATE_SIZES: ReadonlyMap<number, readonly number[]> = new Map([
  [256, [512, 1024, 2048]],
  [512, range(1024, 4096, 1024)],
  [1024, range(2048, 8192, 1024)],
  [2048, range(4096, 16384, 1024)],
  [4096, range(8192, 30720, 1024)],
  [8192, range(16384, 61440, 4096)],
  [16384, range(32768, 122880, 8192)],
]);

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}

export function isFargateSize(cpu: number, memory: number): boolean {
  return FARGATE_SIZES.get(cpu)?.includes(memory) ?? false;
}
