import { Type } from '@sinclair/typebox'
import { describe, expect, it } from 'vitest'
import { toSerializerSchema } from '../../src/model/serializer-schema.js'
import { UserProcessingResultResponseSchema } from '../../src/model/user-processing-result.js'

describe('toSerializerSchema', () => {
  it('turns the entity schema into plain types, in Graph property order', () => {
    const schema = toSerializerSchema(UserProcessingResultResponseSchema)
    expect(Object.keys(schema.properties ?? {})).toEqual([
      '@odata.type',
      'id',
      'completedDateTime',
      'failedTasksCount',
      'processingStatus',
      'scheduledDateTime',
      'startedDateTime',
      'totalTasksCount',
      'totalUnprocessedTasksCount',
      'workflowExecutionType',
      'workflowVersion',
      'subject'
    ])
    expect(schema.properties).toMatchObject({
      '@odata.type': { type: 'string' },
      completedDateTime: { type: ['string', 'null'] },
      failedTasksCount: { type: 'integer' },
      processingStatus: { type: 'string' },
      scheduledDateTime: { type: 'string' },
      subject: { type: 'object', properties: { id: { type: 'string' } } }
    })
  })

  it('leaves out what only checks input (required, formats, anyOf)', () => {
    const text = JSON.stringify(toSerializerSchema(UserProcessingResultResponseSchema))
    expect(text).not.toMatch(/"required"|"format"|"anyOf"|"const"/)
  })

  it('refuses a union it cannot write as one type', () => {
    expect(() => toSerializerSchema(Type.Union([Type.String(), Type.Integer()]))).toThrow(/Cannot serialise/)
  })
})
