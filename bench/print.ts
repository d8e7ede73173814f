import type { Analysis } from './analyse.js'
import type { ComparisonRow } from './peers/compare.js'
import { BATCH_SIZE } from './requests.js'
import type { Summary } from './summary.js'

/** Rounds of one server that differ by more than this suggest a disturbed machine. */
const DISTURBED_SPREAD = 0.25

/** Plain-text table: the first column left-aligned, the others right-aligned. */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length))
  )
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)
      )
      .join('  ')
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n')
}

const fixed = (value: number, digits = 0) =>
  Number.isFinite(value)
    ? value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : 'n/a'
const times = (value: number) => `${value.toFixed(2)}×`

function loadRows(summaries: Summary[]): string[][] {
  return summaries.map((entry) => [
    entry.server,
    entry.method,
    fixed(entry.requestsPerSecond),
    fixed(entry.p50Ms, 1),
    fixed(entry.p99Ms, 1),
    String(entry.failures),
    fixed(entry.cpuMicrosPerRequest, 1),
    Number.isFinite(entry.backendCpuMicrosPerRequest) ? fixed(entry.backendCpuMicrosPerRequest, 1) : '–'
  ])
}

const LOAD_HEADER = [
  'server',
  'method',
  'req/s',
  'p50 ms',
  'p99 ms',
  'non-2xx',
  'CPU µs/req',
  'Redis CPU µs/req'
]

/** The peers table: each figure ÷ raw node:http's, then what each server does per request. */
function printComparison(rows: ComparisonRow[]): void {
  console.log(
    '\nPeers (same rounds; each figure ÷ raw node:http, so req/s above 1 is faster, CPU and RSS above 1 cost more):'
  )
  console.log(
    table(
      ['server', 'PATCH req/s', 'GET req/s', 'PATCH CPU/req', 'GET CPU/req', 'peak RSS'],
      rows.map((row) =>
        'ratios' in row
          ? [
              row.name,
              times(row.ratios.patchRate),
              times(row.ratios.getRate),
              times(row.ratios.patchCpu),
              times(row.ratios.getCpu),
              times(row.ratios.peakRss)
            ]
          : [row.name, 'not measured', '–', '–', '–', '–']
      )
    )
  )
  console.log('\nPer request:')
  for (const row of rows) {
    console.log(`  ${row.name}${'notMeasured' in row ? ` (${row.notMeasured})` : ''}: ${row.note}`)
  }
}

export function printReport(analysis: Analysis): void {
  const { servers, summaries, ratios, targets, spreads, comparison } = analysis
  console.log('\nLoad, bundled fixtures (mean of the rounds):')
  console.log(table(LOAD_HEADER, loadRows(summaries.bundled)))
  console.log(
    '\nLoad, scale rounds (a fresh mock with the bundled fixtures against one seeded with 100k records):'
  )
  console.log(table(LOAD_HEADER, loadRows(summaries.scale)))
  console.log('\nProcesses:')
  console.log(
    table(
      ['server', 'start → first answer ms (median)', 'RSS after start MB', 'peak RSS MB'],
      servers.map((entry) => [
        entry.name,
        `${fixed(entry.startMs)} (${entry.startSamplesMs.map((sample) => fixed(sample)).join(', ')})`,
        fixed(entry.rssAfterStartMB, 1),
        fixed(entry.peakRssMB, 1)
      ])
    )
  )
  console.log('\nRatios (mock ÷ other, same run):')
  console.log(
    table(
      ['ratio', 'value'],
      [
        ['PATCH req/s ÷ raw node:http', times(ratios.patchRateVsRaw)],
        ['GET req/s ÷ raw node:http', times(ratios.getRateVsRaw)],
        ['PATCH req/s ÷ bare Fastify', times(ratios.patchRateVsFastify)],
        ['GET req/s ÷ bare Fastify', times(ratios.getRateVsFastify)],
        ['PATCH CPU/req ÷ raw node:http', times(ratios.patchCpuVsRaw)],
        ['PATCH CPU/req ÷ bare Fastify', times(ratios.patchCpuVsFastify)],
        ['GET CPU/req ÷ bare Fastify', times(ratios.getCpuVsFastify)],
        [`a $batch of ${BATCH_SIZE} GETs ÷ ${BATCH_SIZE} single GETs (CPU)`, times(ratios.batchCpuVsSingles)],
        ['100k PATCH CPU/req ÷ small store', times(ratios.scalePatchCpuVsSmall)],
        ['100k GET CPU/req ÷ small store', times(ratios.scaleGetCpuVsSmall)]
      ]
    )
  )
  console.log(
    '\nJournal on and off (mock − mock, journal off; the findings and report are computed on read):'
  )
  console.log(
    table(
      ['method', 'CPU µs/req on − off'],
      [
        ['PATCH', fixed(ratios.journalPatchMicros, 1)],
        ['GET', fixed(ratios.journalGetMicros, 1)]
      ]
    )
  )
  console.log('\nRedis backend (mock, Redis ÷ mock; Redis CPU is the redis-server process, beside the mock):')
  console.log(
    table(
      ['method', 'req/s ÷ memory', 'mock CPU/req ÷ memory', 'Redis CPU µs/req'],
      [
        [
          'PATCH',
          times(ratios.redisPatchRateVsMemory),
          times(ratios.redisPatchCpuVsMemory),
          fixed(ratios.redisOwnPatchMicros, 1)
        ],
        [
          'GET',
          times(ratios.redisGetRateVsMemory),
          times(ratios.redisGetCpuVsMemory),
          fixed(ratios.redisOwnGetMicros, 1)
        ]
      ]
    )
  )
  if (comparison !== undefined) printComparison(comparison)
  console.log('\nTargets:')
  console.log(
    table(
      ['target', 'measured', 'result'],
      targets.map((entry) => [entry.target, entry.measured, entry.met ? 'met' : 'NOT MET'])
    )
  )
  const disturbed = spreads.filter((entry) => entry.spread > DISTURBED_SPREAD)
  for (const entry of disturbed) {
    console.log(
      `warning: ${entry.server} ${entry.method} (${entry.phase}) varied ${(entry.spread * 100).toFixed(0)} % ` +
        'between rounds; the machine may be busy, consider re-running.'
    )
  }
}
