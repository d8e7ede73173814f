import { type Static, Type } from '@sinclair/typebox'
import { NullableDateTimeOffset } from './edm.js'

const NullableString = Type.Union([Type.String(), Type.Null()], { edmType: 'Edm.String' })
const NullableBoolean = Type.Union([Type.Boolean(), Type.Null()], { edmType: 'Edm.Boolean' })

/**
 * `microsoft.graph.user` as the Lifecycle Workflows tree shows it: the subject of a result. Inline it is only
 * `{ "id" }`, as in every Graph example; `GET …/subject` and `$expand=subject` show the properties a fixture
 * gives it, each one a property of Graph's user type.
 */
export const UserSchema = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    accountEnabled: Type.Optional(NullableBoolean),
    city: Type.Optional(NullableString),
    companyName: Type.Optional(NullableString),
    country: Type.Optional(NullableString),
    department: Type.Optional(NullableString),
    displayName: Type.Optional(NullableString),
    employeeHireDate: Type.Optional(NullableDateTimeOffset),
    employeeId: Type.Optional(NullableString),
    employeeLeaveDateTime: Type.Optional(NullableDateTimeOffset),
    employeeType: Type.Optional(NullableString),
    givenName: Type.Optional(NullableString),
    jobTitle: Type.Optional(NullableString),
    mail: Type.Optional(NullableString),
    mobilePhone: Type.Optional(NullableString),
    officeLocation: Type.Optional(NullableString),
    surname: Type.Optional(NullableString),
    usageLocation: Type.Optional(NullableString),
    userPrincipalName: Type.Optional(NullableString)
  },
  { additionalProperties: false, title: 'microsoft.graph.user' }
)
export type User = Static<typeof UserSchema>

/** A navigation to a user that Graph writes inline as its id alone (`createdBy`, `lastModifiedBy`). */
export const UserReferenceSchema = Type.Object(
  { id: Type.String({ minLength: 1 }) },
  { additionalProperties: false }
)
export type UserReference = Static<typeof UserReferenceSchema>
