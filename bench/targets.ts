/** The targets, each judged on a figure from the same run. */
export interface TargetResult {
  target: string
  measured: string
  met: boolean
}

export interface TargetInputs {
  patchRateVsRaw: number
  patchCpuVsFastify: number
  getCpuVsFastify: number
  startMs: number
  peakRssMB: number
  scaleStartMs: number
  scalePeakRssMB: number
  scalePatchCpuVsSmall: number
  scaleGetCpuVsSmall: number
  batchCpuVsSingles: number
  redisPatchCpuVsMemory: number
}

const times = (value: number) => `${value.toFixed(2)}×`
const ms = (value: number) => `${value.toFixed(0)} ms`
const mb = (value: number) => `${value.toFixed(1)} MB`

/** A figure that must stay at or under its bound. */
function atMost(target: string, value: number, bound: number, show: (value: number) => string): TargetResult {
  return { target, measured: show(value), met: value <= bound }
}

/** The targets of the second performance round (default options, logging and journal on). */
export function evaluateTargets(inputs: TargetInputs): TargetResult[] {
  return [
    atMost('CPU per PATCH ≤ 1.8× bare Fastify', inputs.patchCpuVsFastify, 1.8, times),
    atMost('CPU per GET ≤ 1.8× bare Fastify', inputs.getCpuVsFastify, 1.8, times),
    {
      target: 'PATCH throughput ≥ 0.6× raw node:http',
      measured: times(inputs.patchRateVsRaw),
      met: inputs.patchRateVsRaw >= 0.6
    },
    atMost('peak RSS under load ≤ 110 MB (bundled fixtures)', inputs.peakRssMB, 110, mb),
    atMost('100k records: peak RSS under load ≤ 280 MB', inputs.scalePeakRssMB, 280, mb),
    atMost('start to first answer ≤ 300 ms', inputs.startMs, 300, ms),
    atMost('a $batch of 20 GETs ≤ 0.8× the CPU of 20 single GETs', inputs.batchCpuVsSingles, 0.8, times),
    atMost(
      "Redis backend: the mock's CPU per PATCH ≤ 2× the memory backend",
      inputs.redisPatchCpuVsMemory,
      2,
      times
    ),
    atMost('100k records: start to first answer ≤ 1.5 s', inputs.scaleStartMs, 1500, ms),
    atMost(
      '100k records: CPU per PATCH within 10 % of the small store',
      inputs.scalePatchCpuVsSmall,
      1.1,
      times
    ),
    atMost('100k records: CPU per GET within 10 % of the small store', inputs.scaleGetCpuVsSmall, 1.1, times)
  ]
}
