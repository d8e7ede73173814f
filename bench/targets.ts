/** The targets, each judged on a figure from the same run. */
export interface TargetResult {
  target: string
  measured: string
  met: boolean
}

export interface TargetInputs {
  patchRateVsRaw: number
  patchCpuVsFastify: number
  startMs: number
  peakRssMB: number
  scaleStartMs: number
  scalePeakRssMB: number
  scalePatchCpuVsSmall: number
  scaleGetCpuVsSmall: number
  redisPatchCpuVsMemory: number
}

const times = (value: number) => `${value.toFixed(2)}×`
const ms = (value: number) => `${value.toFixed(0)} ms`
const mb = (value: number) => `${value.toFixed(1)} MB`

export function evaluateTargets(inputs: TargetInputs): TargetResult[] {
  const { patchRateVsRaw, patchCpuVsFastify, scalePatchCpuVsSmall, scaleGetCpuVsSmall } = inputs
  return [
    {
      target: 'PATCH throughput ≥ 0.6× raw node:http',
      measured: times(patchRateVsRaw),
      met: patchRateVsRaw >= 0.6
    },
    {
      target: 'CPU per PATCH ≤ 1.5× bare Fastify',
      measured: times(patchCpuVsFastify),
      met: patchCpuVsFastify <= 1.5
    },
    { target: 'start to first answer < 400 ms', measured: ms(inputs.startMs), met: inputs.startMs < 400 },
    {
      target: 'peak RSS < 100 MB (bundled fixtures)',
      measured: mb(inputs.peakRssMB),
      met: inputs.peakRssMB < 100
    },
    {
      target: '100k records: start to first answer < 1.5 s',
      measured: ms(inputs.scaleStartMs),
      met: inputs.scaleStartMs < 1500
    },
    {
      target: '100k records: peak RSS < 250 MB',
      measured: mb(inputs.scalePeakRssMB),
      met: inputs.scalePeakRssMB < 250
    },
    {
      target: '100k records: CPU per PATCH within 10 % of the small store',
      measured: times(scalePatchCpuVsSmall),
      met: scalePatchCpuVsSmall <= 1.1
    },
    {
      target: '100k records: CPU per GET within 10 % of the small store',
      measured: times(scaleGetCpuVsSmall),
      met: scaleGetCpuVsSmall <= 1.1
    },
    {
      target: "Redis backend: the mock's CPU per PATCH ≤ 2× the memory backend",
      measured: times(inputs.redisPatchCpuVsMemory),
      met: inputs.redisPatchCpuVsMemory <= 2
    }
  ]
}
