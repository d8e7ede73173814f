import { ENTITY_TYPE } from '../../model/user-processing-result.js'

/** Messages for problems in a request body, shaped like the OData reader's. */
export const bodyMessages = {
  unknownProperty: (name: string, typeName = ENTITY_TYPE) =>
    `The property '${name}' does not exist on type '${typeName}'. Make sure to only use property names ` +
    'that are defined by the type or mark the type as open type.',
  cannotConvert: (literal: string, edmType: string) =>
    `Cannot convert the literal '${literal}' to the expected type '${edmType}'.`,
  unexpectedNode: (name: string, node: string) =>
    `An unexpected '${node}' node was found for property named '${name}' when reading from the JSON reader. ` +
    "A 'PrimitiveValue' node was expected.",
  nullNotAllowed: (name: string, edmType: string) =>
    `A null value was found for the property named '${name}', which has the expected type ` +
    `'${edmType}[Nullable=False]'. The expected type '${edmType}[Nullable=False]' does not allow null values.`,
  missingRequired: (names: readonly string[]) =>
    `The request body is missing required ${names.length === 1 ? 'property' : 'properties'} ` +
    `${names.map((name) => `'${name}'`).join(', ')}. ` +
    'Send all of them, or start the mock with PATCH_MODE=partial.',
  notAnObject: (node: string) =>
    `An unexpected '${node}' node was found when reading from the JSON reader. A 'StartObject' node was expected.`,
  unresolvedType: (typeName: string) =>
    `A type named '${typeName}' could not be resolved by the model. When a model is available, each type name ` +
    'must resolve to a valid type.',
  readOnly: (name: string) =>
    `The property '${name}' is a read-only navigation property of type '${ENTITY_TYPE}' and cannot be set.`,
  evolvableMember: (value: string, edmType: string) =>
    `The value '${value}' of type '${edmType}' is only accepted when the request has the header ` +
    "'Prefer: include-unknown-enum-members'.",
  idMismatch: (bodyId: string, urlId: string) =>
    `The id '${bodyId}' in the request body does not match the id '${urlId}' in the request URL.`
}
