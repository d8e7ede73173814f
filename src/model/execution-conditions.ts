import { type Static, Type } from '@sinclair/typebox'
import { WorkflowTriggerTimeBasedAttribute } from './enums.js'

/**
 * `executionConditions` of a workflow: a polymorphic complex value that Graph always writes with its
 * `@odata.type`. The mock knows the two kinds of condition, the rule- and group-based scopes and the
 * time-based trigger, which are what Graph's examples and the Entra templates use.
 */
const ns = (name: string) => `#microsoft.graph.identityGovernance.${name}`

export const RULE_BASED_SCOPE = ns('ruleBasedSubjectSet')
export const GROUP_BASED_SCOPE = ns('groupBasedSubjectSet')
export const TIME_BASED_TRIGGER = ns('timeBasedAttributeTrigger')
export const ON_DEMAND_ONLY = ns('onDemandExecutionOnly')
export const TRIGGER_AND_SCOPE = ns('triggerAndScopeBasedConditions')

const RuleBasedScopeSchema = Type.Object(
  { '@odata.type': Type.Literal(RULE_BASED_SCOPE), rule: Type.String() },
  { additionalProperties: false }
)

const GroupBasedScopeSchema = Type.Object(
  {
    '@odata.type': Type.Literal(GROUP_BASED_SCOPE),
    groups: Type.Array(Type.Object({ id: Type.String({ minLength: 1 }) }, { additionalProperties: false }))
  },
  { additionalProperties: false }
)

const TimeBasedTriggerSchema = Type.Object(
  {
    '@odata.type': Type.Literal(TIME_BASED_TRIGGER),
    timeBasedAttribute: WorkflowTriggerTimeBasedAttribute,
    offsetInDays: Type.Integer({ minimum: -180, maximum: 180, edmType: 'Edm.Int32' })
  },
  { additionalProperties: false }
)

const OnDemandOnlySchema = Type.Object(
  { '@odata.type': Type.Literal(ON_DEMAND_ONLY) },
  { additionalProperties: false }
)

const TriggerAndScopeSchema = Type.Object(
  {
    '@odata.type': Type.Literal(TRIGGER_AND_SCOPE),
    scope: Type.Union([RuleBasedScopeSchema, GroupBasedScopeSchema, Type.Null()]),
    trigger: Type.Union([TimeBasedTriggerSchema, Type.Null()])
  },
  { additionalProperties: false }
)

export const ExecutionConditionsSchema = Type.Union([OnDemandOnlySchema, TriggerAndScopeSchema], {
  expected: 'an onDemandExecutionOnly or triggerAndScopeBasedConditions object with its @odata.type'
})
export type ExecutionConditions = Static<typeof ExecutionConditionsSchema>
