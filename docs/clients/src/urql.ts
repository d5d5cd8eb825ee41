import { Client, cacheExchange, fetchExchange } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';

import { documentId } from './persisted.js';

/**
 * urqlClient is urql 6 on a Reform Hub at url (…/graphql). urql sends queries as GET requests
 * (preferGetMethod 'within-url-limit'), which the hub runs only with a header that a browser
 * cannot send cross-site without a CORS preflight (CSRF protection): GraphQL-Require-Preflight.
 * persisted: send each generated document's id instead of its text.
 */
export function urqlClient(url: string, persisted = false): Client {
  return new Client({
    url,
    fetchOptions: { headers: { 'GraphQL-Require-Preflight': '1' } },
    exchanges: persisted
      ? [
          cacheExchange,
          persistedExchange({
            enforcePersistedQueries: true,
            enableForMutation: true,
            generateHash: (_, document) => Promise.resolve(documentId(document)),
          }),
          fetchExchange,
        ]
      : [cacheExchange, fetchExchange],
  });
}
