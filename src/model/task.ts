import { type Static, Type } from '@sinclair/typebox'
import { Int32 } from './edm.js'
import { LifecycleTaskCategory } from './enums.js'

/** The built-in task "Run a custom task extension": its results wait for the extension to call `resume`. */
export const CUSTOM_TASK_EXTENSION_DEFINITION_ID = '4262b724-8dba-4fad-afc3-43fcbb497a0e'

const NullableString = Type.Union([Type.String(), Type.Null()], { edmType: 'Edm.String' })

export const KeyValuePairSchema = Type.Object(
  { name: Type.String(), value: NullableString },
  { additionalProperties: false }
)

/** `microsoft.graph.identityGovernance.task`, as stored and served (properties in Graph's order after `id`). */
export const TaskSchema = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    arguments: Type.Array(KeyValuePairSchema),
    category: LifecycleTaskCategory,
    continueOnError: Type.Boolean(),
    description: NullableString,
    displayName: Type.String(),
    executionSequence: Int32,
    isEnabled: Type.Boolean(),
    taskDefinitionId: Type.String({ minLength: 1 })
  },
  // The title names the type in the OpenAPI description, as Graph's own description does.
  { additionalProperties: false, title: 'microsoft.graph.identityGovernance.task' }
)
export type Task = Static<typeof TaskSchema>

/** A task in a fixture: what Graph's create-workflow page calls optional may be left out. */
export const TaskFixtureSchema = Type.Object(
  {
    ...TaskSchema.properties,
    arguments: Type.Optional(TaskSchema.properties.arguments),
    continueOnError: Type.Optional(Type.Boolean()),
    description: Type.Optional(NullableString),
    isEnabled: Type.Optional(Type.Boolean())
  },
  { additionalProperties: false }
)
export type TaskFixture = Static<typeof TaskFixtureSchema>

export function isCustomTaskExtensionTask(task: Pick<Task, 'taskDefinitionId'>): boolean {
  return task.taskDefinitionId === CUSTOM_TASK_EXTENSION_DEFINITION_ID
}
