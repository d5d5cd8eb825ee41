// run.ts runs the operations of operations.graphql through one client against a hub and
// prints what it answered, for clients_test.go:
//
//   node build/src/run.js apollo|urql|graphql-request URL [persisted]
//
// It prints one JSON object: {"variables": {Operation: variables}, "data": {Operation: data}}.
// The variables are typed by the generated *QueryVariables types and the answers read
// through the generated *Query types, so that this file compiling is part of the check.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { RequestOptions } from 'graphql-request';

import {
  HonoursPageDocument,
  SearchBoxDocument,
  TaskWithDepartmentsDocument,
  type HonoursPageQuery,
  type HonoursPageQueryVariables,
  type SearchBoxQuery,
  type SearchBoxQueryVariables,
  type TaskWithDepartmentsQuery,
  type TaskWithDepartmentsQueryVariables,
} from '../generated/graphql.js';
import { apolloClient } from './apollo.js';
import { requestClient } from './request.js';
import { urqlClient } from './urql.js';

type Run = <R, V extends Record<string, unknown>>(document: TypedDocumentNode<R, V>, variables: V) => Promise<R>;

function runner(client: string, url: string, persisted: boolean): Run {
  switch (client) {
    case 'apollo': {
      const apollo = apolloClient(url, persisted);
      return async (query, variables) => {
        const { data, error } = await apollo.query({ query, variables, fetchPolicy: 'network-only' });
        if (error || data === undefined) throw error ?? new Error('no data');
        return data;
      };
    }
    case 'urql': {
      const urql = urqlClient(url, persisted);
      return async (query, variables) => {
        const { data, error } = await urql.query(query, variables, { requestPolicy: 'network-only' }).toPromise();
        if (error || data === undefined) throw error ?? new Error('no data');
        return data;
      };
    }
    case 'graphql-request': {
      const gr = requestClient(url, persisted);
      // A generic V leaves graphql-request's variables-or-none conditional type open: name it.
      return <R, V extends Record<string, unknown>>(document: TypedDocumentNode<R, V>, variables: V) =>
        gr.request<R, V>({ document, variables } as unknown as RequestOptions<V, R>);
    }
  }
  throw new Error(`unknown client ${client}: apollo, urql or graphql-request`);
}

const [client = '', url = '', mode = ''] = process.argv.slice(2);
const run = runner(client, url, mode === 'persisted');

const task: TaskWithDepartmentsQueryVariables = { id: 'task/provincial-key-tasks' };
const honours: HonoursPageQueryVariables = { limit: 5, offset: 2 };
const search: SearchBoxQueryVariables = { q: '改革', types: ['Task', 'Policy'] };

const t: TaskWithDepartmentsQuery = await run(TaskWithDepartmentsDocument, task);
const h: HonoursPageQuery = await run(HonoursPageDocument, honours);
const s: SearchBoxQuery = await run(SearchBoxDocument, search);

// The generated types narrow on __typename: a Task has departments and a status.
if (t.entity?.__typename !== 'Task' || t.entity.departments.length === 0 || t.entity.status === null) {
  throw new Error(`TaskWithDepartments: not a Task with departments: ${JSON.stringify(t)}`);
}
if (h.outcomes.length !== honours.limit || s.search.length === 0 || s.search.some((hit) => hit.entity.__typename !== 'Task' && hit.entity.__typename !== 'Policy')) {
  throw new Error(`unexpected answers: ${JSON.stringify({ h, s })}`);
}

process.stdout.write(
  JSON.stringify({
    variables: { TaskWithDepartments: task, HonoursPage: honours, SearchBox: search },
    data: { TaskWithDepartments: t, HonoursPage: h, SearchBox: s },
  }),
);
