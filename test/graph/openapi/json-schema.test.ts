import { Type } from '@sinclair/typebox'
import { describe, expect, it } from 'vitest'
import { Components } from '../../../src/graph/openapi/components.js'
import { SchemaWriter } from '../../../src/graph/openapi/json-schema.js'
import { NullableDateTimeOffset } from '../../../src/model/edm.js'
import { LifecycleWorkflowProcessingStatus } from '../../../src/model/enums.js'
import { ODataErrorSchema } from '../../../src/model/odata.js'
import { TaskSchema } from '../../../src/model/task.js'

describe('SchemaWriter: TypeBox schemas as OpenAPI 3.1 takes them', () => {
  it('leaves out the Edm and message annotations and writes the DateTimeOffset format as date-time', () => {
    const written = new SchemaWriter().write(
      Type.String({ format: 'date-time-offset', edmType: 'Edm.DateTimeOffset', expected: 'a date' }),
      'exact'
    )
    expect(written).toEqual({ type: 'string', format: 'date-time' })
  })

  it('writes unions of literals as an enum, and a nullable primitive or enum with a null type', () => {
    const writer = new SchemaWriter()
    expect(writer.write(LifecycleWorkflowProcessingStatus, 'exact')).toEqual({
      type: 'string',
      enum: [...LifecycleWorkflowProcessingStatus.anyOf.map((member) => member.const)]
    })
    expect(writer.write(NullableDateTimeOffset, 'exact')).toEqual({
      type: ['string', 'null'],
      format: 'date-time'
    })
    expect(writer.write(Type.Union([Type.Literal('a'), Type.Null()]), 'exact')).toEqual({
      type: ['string', 'null'],
      enum: ['a', null]
    })
    const mixed = Type.Union([Type.Object({ a: Type.String() }), Type.Null()])
    expect(writer.write(mixed, 'exact').anyOf).toHaveLength(2)
  })

  it('keeps what the code checks in exact mode, and a string-keyed record as additionalProperties', () => {
    const schema = Type.Object(
      { a: Type.Integer(), b: Type.Optional(Type.Record(Type.String(), Type.String())) },
      { additionalProperties: false }
    )
    expect(new SchemaWriter().write(schema, 'exact')).toEqual({
      type: 'object',
      properties: {
        a: { type: 'integer' },
        b: { type: 'object', additionalProperties: { type: 'string' } }
      },
      required: ['a'],
      additionalProperties: false
    })
  })

  it('in answer mode, names titled schemas as components and requires nothing, since $select picks any', () => {
    const writer = new SchemaWriter()
    const answer = Type.Object({ tasks: Type.Array(TaskSchema) }, { title: 'parent' })
    expect(writer.write(answer, 'answer')).toEqual({ $ref: '#/components/schemas/parent' })
    expect(writer.components.parent).toEqual({
      type: 'object',
      title: 'parent',
      properties: {
        tasks: {
          type: 'array',
          items: { $ref: '#/components/schemas/microsoft.graph.identityGovernance.task' }
        }
      }
    })
    const task = writer.components['microsoft.graph.identityGovernance.task'] ?? {}
    expect(task.required).toBeUndefined()
    expect(task.additionalProperties).toBeUndefined()
  })

  it('writes a component exactly when asked: the error envelope is complete in every answer', () => {
    const writer = new SchemaWriter()
    expect(writer.component(ODataErrorSchema)).toEqual({
      $ref: '#/components/schemas/microsoft.graph.ODataErrors.ODataError'
    })
    expect(writer.components['microsoft.graph.ODataErrors.ODataError']?.required).toEqual(['error'])
    expect(() => writer.component(Type.Object({}))).toThrow('A component needs a title.')
  })

  it('refuses two different schemas under one title, and two different parts under one name', () => {
    const writer = new SchemaWriter()
    writer.write(Type.Object({ a: Type.String() }, { title: 'same' }), 'answer')
    expect(() => writer.write(Type.Object({ b: Type.String() }, { title: 'same' }), 'answer')).toThrow(
      'Two different schemas are titled same.'
    )
    const components = new Components()
    components.ref('parameters', 'p', { name: 'p' })
    expect(components.ref('parameters', 'p', { name: 'p' })).toEqual({ $ref: '#/components/parameters/p' })
    expect(() => components.ref('parameters', 'p', { name: 'q' })).toThrow('Two parameters are named p.')
  })
})
