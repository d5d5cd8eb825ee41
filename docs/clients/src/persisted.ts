import type { DocumentNode } from 'graphql';

/**
 * documentId is the id that GraphQL Code Generator's client preset (persistedDocuments: true)
 * gave a generated document: "sha256:<hex>", its key in generated/persisted-documents.json.
 * A hub started with that manifest (`--trusted-documents`) runs the document when a client
 * sends the id in extensions.persistedQuery.sha256Hash (Apollo Client, urql) or as documentId.
 */
export function documentId(document: DocumentNode): string {
  const id = (document as { __meta__?: { hash?: unknown } }).__meta__?.hash;
  if (typeof id !== 'string') {
    throw new Error('the document has no persisted-document id: generate it with the client preset and persistedDocuments: true');
  }
  return id;
}
