// GraphQL Code Generator configuration for a front-end app of the Reform Hub, run by
// `make codegen` (npx graphql-codegen --config docs/clients/codegen.ts from web/). The schema
// comes from the committed SDL (docs/schema.graphql, the same text GET /schema.graphql serves);
// point `schema` at http://localhost:8080/schema.graphql to read it from a running hub.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../docs/schema.graphql',
  documents: ['../docs/clients/operations.graphql'],
  generates: {
    '../docs/clients/generated/graphql.ts': {
      plugins: ['typescript', 'typescript-operations'],
      config: {
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false },
        scalars: { ID: 'string' },
      },
    },
  },
};

export default config;
