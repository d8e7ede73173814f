import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

/** What the kernel knows about a server process (Linux /proc): its own CPU time and memory. */

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100

/** User + system CPU time of the whole process (every thread, GC helpers included), in microseconds. */
export function cpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The command name may hold spaces; the fields after its closing ')' start at field 3 (state).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const ticks = Number(fields[11]) + Number(fields[12])
  return (ticks * 1_000_000) / TICKS_PER_SECOND
}

function statusKilobytes(pid: number, key: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)
  if (match?.[1] === undefined) throw new Error(`Failed to read ${key} of process ${pid}.`)
  return Number(match[1])
}

const toMegabytes = (kibibytes: number) => (kibibytes * 1024) / 1_000_000

/** Resident memory now and its peak so far, in MB (10⁶ bytes). */
export function memoryMB(pid: number): { rss: number; peak: number } {
  return { rss: toMegabytes(statusKilobytes(pid, 'VmRSS')), peak: toMegabytes(statusKilobytes(pid, 'VmHWM')) }
}

export function loadAverage(): number {
  return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0])
}
