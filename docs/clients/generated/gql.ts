/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query TaskWithDepartments($id: ID!) {\n  entity(id: $id) {\n    __typename\n    id\n    name\n    ... on Task {\n      year\n      status\n      departments(sort: [{name: ASC}]) {\n        id\n        name\n        kind\n      }\n      sources {\n        paragraph\n        quote\n        document {\n          title\n        }\n      }\n    }\n  }\n}\n\nquery HonoursPage($limit: Int!, $offset: Int!) {\n  outcomes(\n    where: {kind: {eq: HONOUR}}\n    sort: [{name: ASC}]\n    limit: $limit\n    offset: $offset\n  ) {\n    id\n    name\n    scope\n    year\n  }\n}\n\nquery SearchBox($q: String!, $types: [EntityType!]) {\n  search(query: $q, types: $types, limit: 10) {\n    score\n    highlight\n    entity {\n      __typename\n      id\n      name\n      nameEn\n    }\n  }\n}": typeof types.TaskWithDepartmentsDocument,
};
const documents: Documents = {
    "query TaskWithDepartments($id: ID!) {\n  entity(id: $id) {\n    __typename\n    id\n    name\n    ... on Task {\n      year\n      status\n      departments(sort: [{name: ASC}]) {\n        id\n        name\n        kind\n      }\n      sources {\n        paragraph\n        quote\n        document {\n          title\n        }\n      }\n    }\n  }\n}\n\nquery HonoursPage($limit: Int!, $offset: Int!) {\n  outcomes(\n    where: {kind: {eq: HONOUR}}\n    sort: [{name: ASC}]\n    limit: $limit\n    offset: $offset\n  ) {\n    id\n    name\n    scope\n    year\n  }\n}\n\nquery SearchBox($q: String!, $types: [EntityType!]) {\n  search(query: $q, types: $types, limit: 10) {\n    score\n    highlight\n    entity {\n      __typename\n      id\n      name\n      nameEn\n    }\n  }\n}": types.TaskWithDepartmentsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TaskWithDepartments($id: ID!) {\n  entity(id: $id) {\n    __typename\n    id\n    name\n    ... on Task {\n      year\n      status\n      departments(sort: [{name: ASC}]) {\n        id\n        name\n        kind\n      }\n      sources {\n        paragraph\n        quote\n        document {\n          title\n        }\n      }\n    }\n  }\n}\n\nquery HonoursPage($limit: Int!, $offset: Int!) {\n  outcomes(\n    where: {kind: {eq: HONOUR}}\n    sort: [{name: ASC}]\n    limit: $limit\n    offset: $offset\n  ) {\n    id\n    name\n    scope\n    year\n  }\n}\n\nquery SearchBox($q: String!, $types: [EntityType!]) {\n  search(query: $q, types: $types, limit: 10) {\n    score\n    highlight\n    entity {\n      __typename\n      id\n      name\n      nameEn\n    }\n  }\n}"): (typeof documents)["query TaskWithDepartments($id: ID!) {\n  entity(id: $id) {\n    __typename\n    id\n    name\n    ... on Task {\n      year\n      status\n      departments(sort: [{name: ASC}]) {\n        id\n        name\n        kind\n      }\n      sources {\n        paragraph\n        quote\n        document {\n          title\n        }\n      }\n    }\n  }\n}\n\nquery HonoursPage($limit: Int!, $offset: Int!) {\n  outcomes(\n    where: {kind: {eq: HONOUR}}\n    sort: [{name: ASC}]\n    limit: $limit\n    offset: $offset\n  ) {\n    id\n    name\n    scope\n    year\n  }\n}\n\nquery SearchBox($q: String!, $types: [EntityType!]) {\n  search(query: $q, types: $types, limit: 10) {\n    score\n    highlight\n    entity {\n      __typename\n      id\n      name\n      nameEn\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;