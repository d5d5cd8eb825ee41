// GraphQL Code Generator configuration of the client guide's example (docs/clients.md), run
// by `make codegen` (`npm run codegen` in docs/clients). The schema is the committed SDL
// (docs/schema.graphql, the same text GET /schema.graphql serves); a front-end project points
// `schema` at http://localhost:8080/schema.graphql or at its own copy of the SDL.
//
// The client preset writes typed documents for the operations of operations.graphql into
// generated/ and, with persistedDocuments, the manifest generated/persisted-documents.json
// ({"sha256:<hex>": "<document>"}) that `hub serve --trusted-documents` accepts as it is.
// CODEGEN_OUT writes them elsewhere (clients_test.go compares a fresh run with generated/).
import type { CodegenConfig } from '@graphql-codegen/cli';
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';

const config: CodegenConfig = {
  schema: '../schema.graphql',
  documents: ['operations.graphql'],
  generates: {
    [process.env.CODEGEN_OUT ?? 'generated/']: {
      preset: 'client',
      presetConfig: {
        persistedDocuments: true,
        fragmentMasking: false,
      },
      // Apollo Client and urql normalize their caches by __typename and add it to what they
      // send; with persisted documents the hub runs the manifest's text, so that text must
      // ask for __typename too.
      documentTransforms: [addTypenameSelectionDocumentTransform],
      config: {
        scalars: { ID: 'string' },
        useTypeImports: true,
        // ES modules as Node.js and TypeScript's nodenext resolution want them.
        importExtension: '.js',
      },
    },
  },
};

export default config;
