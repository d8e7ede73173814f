import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

/**
 * What the kernel knows about a server (Linux /proc): CPU time and memory of its process and every process it
 * started (a node server has none; a peer such as WireMock may run behind a launcher).
 */

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100

/** The fields of /proc/<pid>/stat from field 3 (state) on: field N is at index N - 3. */
function statFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The command name may hold spaces; the fields after its closing ')' start at field 3 (state).
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')
}

/** User + system CPU time of one process (every thread, GC helpers included), in microseconds. */
function processCpuMicros(pid: number): number {
  const fields = statFields(pid)
  const ticks = Number(fields[11]) + Number(fields[12])
  return (ticks * 1_000_000) / TICKS_PER_SECOND
}

/** `pid` and its descendants, from the parent id (field 4) of every process in /proc. */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    let parent: number
    try {
      parent = Number(statFields(Number(entry))[1])
    } catch {
      continue // it exited since the listing
    }
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)])
  }
  const tree = [pid]
  // Each pid appears once in the listing, so this visits each process at most once.
  for (let index = 0; index < tree.length; index++) tree.push(...(children.get(tree[index] as number) ?? []))
  return tree
}

/** User + system CPU time of a server's process tree, in microseconds. */
export function cpuMicros(pid: number): number {
  return processTree(pid).reduce((sum, member) => sum + processCpuMicros(member), 0)
}

function statusKilobytes(pid: number, key: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)
  if (match?.[1] === undefined) throw new Error(`Failed to read ${key} of process ${pid}.`)
  return Number(match[1])
}

const toMegabytes = (kibibytes: number) => (kibibytes * 1024) / 1_000_000

/**
 * Resident memory of a server's process tree now and its peak so far, in MB (10⁶ bytes). For a tree of more
 * than one process the peak is the sum of each process's peak, an upper bound.
 */
export function memoryMB(pid: number): { rss: number; peak: number } {
  const tree = processTree(pid)
  const sum = (key: 'VmRSS' | 'VmHWM') =>
    toMegabytes(tree.reduce((total, member) => total + statusKilobytes(member, key), 0))
  return { rss: sum('VmRSS'), peak: sum('VmHWM') }
}

export function loadAverage(): number {
  return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0])
}
