import { Value } from '@sinclair/typebox/value'
import { describe, expect, it } from 'vitest'
import { readResumeBody } from '../../../src/graph/task-results/resume-body.js'
import { CALLBACK_DATA_TYPE, ResumeBodySchema } from '../../../src/model/task-processing-result.js'

function reads(body: unknown): boolean {
  try {
    readResumeBody(body)
    return true
  } catch {
    return false
  }
}

/** The OpenAPI document describes `resume` with ResumeBodySchema: it must take exactly what the handler takes. */
describe('ResumeBodySchema and the resume body reader agree', () => {
  it.each<[string, unknown]>([
    ['the template', { data: { operationStatus: 'Completed' }, source: 'sample', type: 'lifecycleEvent' }],
    ['a failure', { data: { operationStatus: 'failed' } }],
    ['the typed data', { data: { '@odata.type': `#${CALLBACK_DATA_TYPE}`, operationStatus: 'completed' } }],
    ['an untyped name', { data: { '@odata.type': CALLBACK_DATA_TYPE, operationStatus: 'FAILED' } }],
    ['null source and type', { data: { operationStatus: 'completed' }, source: null, type: null }],
    ['no data', { source: 'x' }],
    ['no outcome', { data: {} }],
    ['unknownFutureValue', { data: { operationStatus: 'unknownFutureValue' } }],
    ['another outcome', { data: { operationStatus: 'done' } }],
    ['another type', { data: { '@odata.type': '#other', operationStatus: 'completed' } }],
    ['an unknown parameter', { data: { operationStatus: 'completed' }, extra: 1 }],
    ['an unknown data property', { data: { operationStatus: 'completed', extra: 1 } }],
    ['a number as source', { data: { operationStatus: 'completed' }, source: 5 }],
    ['an array', [{ data: { operationStatus: 'completed' } }]],
    ['a string', 'completed']
  ])('%s', (_, body) => {
    expect(Value.Check(ResumeBodySchema, body)).toBe(reads(body))
  })
})
