import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';

import { documentId } from './persisted.js';

/**
 * apolloClient is Apollo Client 4 on a Reform Hub at uri (…/graphql). persisted: send each
 * generated document's id instead of its text (a hub with --trusted-documents runs only those).
 */
export function apolloClient(uri: string, persisted = false): ApolloClient {
  const http = new HttpLink({ uri });
  return new ApolloClient({
    link: persisted ? new PersistedQueryLink({ generateHash: documentId }).concat(http) : http,
    cache: new InMemoryCache(),
  });
}
