import type { DocumentNode } from 'graphql';
import { GraphQLClient, type RequestMiddleware } from 'graphql-request';

import * as documents from '../generated/graphql.js';
import { documentId } from './persisted.js';

/**
 * requestClient is graphql-request 7 on a Reform Hub at url (…/graphql). persisted: send each
 * generated document's id instead of its text (graphql-request has no persisted-query option;
 * a request middleware replaces the text by the id, found by the operation's name).
 */
export function requestClient(url: string, persisted = false): GraphQLClient {
  return new GraphQLClient(url, persisted ? { requestMiddleware: sendDocumentIds } : {});
}

// The id of each generated document, by operation name.
const ids = new Map<string, string>();
for (const value of Object.values(documents)) {
  if (typeof value === 'object' && value !== null && 'kind' in value && value.kind === 'Document') {
    const doc = value as DocumentNode;
    for (const def of doc.definitions) {
      if (def.kind === 'OperationDefinition' && def.name) ids.set(def.name.value, documentId(doc));
    }
  }
}

const sendDocumentIds: RequestMiddleware = (request) => {
  const id = request.operationName && ids.get(request.operationName);
  if (!id || typeof request.body !== 'string') return request;
  const { query: _, ...rest } = JSON.parse(request.body) as { query?: string };
  return { ...request, body: JSON.stringify({ ...rest, extensions: { persistedQuery: { version: 1, sha256Hash: id } } }) };
};
