/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type DepartmentKind =
  /** Bureaus, departments and their units. */
  | 'AGENCY'
  /** Service and operations centres. */
  | 'CENTER'
  /** Districts, towns, sub-districts, grids. */
  | 'COMMUNITY'
  | 'ENTERPRISE'
  /** A government or city as a whole. */
  | 'GOVERNMENT'
  /** Leading groups, special groups, task forces. */
  | 'GROUP'
  | 'MEDIA'
  | 'OTHER'
  /** Party committees and their commissions. */
  | 'PARTY'
  /** Institutes, laboratories, innovation centres, think tanks. */
  | 'RESEARCH'
  | 'UNIVERSITY';

export type EntityType =
  | 'Department'
  | 'Document'
  | 'Leader'
  | 'Outcome'
  | 'PilotProgram'
  | 'Policy'
  | 'Task';

export type TaskStatus =
  | 'COMPLETED'
  | 'IN_PROGRESS'
  | 'PLANNED';

export type TaskWithDepartmentsQueryVariables = Exact<{
  id: string;
}>;


export type TaskWithDepartmentsQuery = { __typename: 'Query', entity:
    | { __typename: 'Department', id: string, name: string }
    | { __typename: 'Document', id: string, name: string }
    | { __typename: 'Leader', id: string, name: string }
    | { __typename: 'Outcome', id: string, name: string }
    | { __typename: 'PilotProgram', id: string, name: string }
    | { __typename: 'Policy', id: string, name: string }
    | { __typename: 'Task', year: number | null, status: TaskStatus | null, id: string, name: string, departments: Array<{ __typename: 'Department', id: string, name: string, kind: DepartmentKind | null }>, sources: Array<{ __typename: 'Evidence', paragraph: number, quote: string, document: { __typename: 'Document', title: string } }> }
   | null };

export type HonoursPageQueryVariables = Exact<{
  limit: number;
  offset: number;
}>;


export type HonoursPageQuery = { __typename: 'Query', outcomes: Array<{ __typename: 'Outcome', id: string, name: string, scope: string | null, year: number | null }> };

export type SearchBoxQueryVariables = Exact<{
  q: string;
  types?: Array<EntityType> | EntityType | null | undefined;
}>;


export type SearchBoxQuery = { __typename: 'Query', search: Array<{ __typename: 'SearchHit', score: number, highlight: string | null, entity:
      | { __typename: 'Department', id: string, name: string, nameEn: string | null }
      | { __typename: 'Document', id: string, name: string, nameEn: string | null }
      | { __typename: 'Leader', id: string, name: string, nameEn: string | null }
      | { __typename: 'Outcome', id: string, name: string, nameEn: string | null }
      | { __typename: 'PilotProgram', id: string, name: string, nameEn: string | null }
      | { __typename: 'Policy', id: string, name: string, nameEn: string | null }
      | { __typename: 'Task', id: string, name: string, nameEn: string | null }
     }> };


export const TaskWithDepartmentsDocument = {"__meta__":{"hash":"sha256:3c9954ff50b9a0db7f33b76f854e25933a5a6243078c62b93efa10a88b548da3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TaskWithDepartments"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"entity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Task"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"departments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sort"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"EnumValue","value":"ASC"}}]}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sources"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"paragraph"}},{"kind":"Field","name":{"kind":"Name","value":"quote"}},{"kind":"Field","name":{"kind":"Name","value":"document"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<TaskWithDepartmentsQuery, TaskWithDepartmentsQueryVariables>;
export const HonoursPageDocument = {"__meta__":{"hash":"sha256:9c476cda98a8632940dff59a6a840efbef4d6a8902727c477c30cee7d39fdc05"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"HonoursPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"offset"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"outcomes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"kind"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"eq"},"value":{"kind":"EnumValue","value":"HONOUR"}}]}}]}},{"kind":"Argument","name":{"kind":"Name","value":"sort"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"EnumValue","value":"ASC"}}]}]}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}},{"kind":"Argument","name":{"kind":"Name","value":"offset"},"value":{"kind":"Variable","name":{"kind":"Name","value":"offset"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"year"}}]}}]}}]} as unknown as DocumentNode<HonoursPageQuery, HonoursPageQueryVariables>;
export const SearchBoxDocument = {"__meta__":{"hash":"sha256:fc1e159d7605b719516b4c18562eab7e88eb897a9ae0d11955ced7e05a31bb78"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchBox"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"q"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"types"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EntityType"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"search"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"query"},"value":{"kind":"Variable","name":{"kind":"Name","value":"q"}}},{"kind":"Argument","name":{"kind":"Name","value":"types"},"value":{"kind":"Variable","name":{"kind":"Name","value":"types"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"highlight"}},{"kind":"Field","name":{"kind":"Name","value":"entity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"nameEn"}}]}}]}}]}}]} as unknown as DocumentNode<SearchBoxQuery, SearchBoxQueryVariables>;