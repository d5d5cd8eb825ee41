import { dataVersion } from './dataversion.js';
import { token } from './token.js';

// The page's one way to the hub: POST JSON to the endpoint named by <body data-endpoint>.
export const endpoint = document.body.dataset.endpoint || '/graphql';

export async function gql(query, variables, operationName) {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...token.headers() },
    body: JSON.stringify({ query, variables, operationName }),
  });
  const body = await res.json();
  dataVersion.note(body);
  if (body.errors && body.errors.length) {
    const e = body.errors[0];
    const code = e.extensions && e.extensions.code ? ` (${e.extensions.code})` : '';
    throw new Error(e.message + code);
  }
  return body.data;
}
