// The Neo4j GraphQL Library 7.x over the hub's graph, for `make bench`: typeDefs.graphql
// served at POST /graphql by node:http calling graphql's graphql(). No auth, no Apollo.
//
//   NEO4J_URI (bolt://127.0.0.1:7687)  PORT (8082)  NEO4J_USERNAME / NEO4J_PASSWORD (none)
//   node server.mjs --print-schema     print the generated schema and exit (no database needed)
//   GET /schema.graphql                the generated schema (the differential test reads it)
import { AsyncLocalStorage } from "node:async_hooks";
import { readFileSync } from "node:fs";
import http from "node:http";
import { graphql, printSchema } from "graphql";
import neo4j from "neo4j-driver";
import { Neo4jGraphQL } from "@neo4j/graphql";

const typeDefs = readFileSync(new URL("./typeDefs.graphql", import.meta.url), "utf8");
const uri = process.env.NEO4J_URI || "bolt://127.0.0.1:7687";
const user = process.env.NEO4J_USERNAME;
const auth = user ? neo4j.auth.basic(user, process.env.NEO4J_PASSWORD || "") : undefined;
const driver = neo4j.driver(uri, auth, { maxConnectionPoolSize: 50 });

// Statements per request: every transaction function's tx.run is counted for the request it
// serves (AsyncLocalStorage) and returned as extensions.statements, like the hub's dev mode.
const requestScope = new AsyncLocalStorage();
const openSession = driver.session.bind(driver);
driver.session = (config) => {
  const session = openSession(config);
  const counted = (tx) => {
    const run = tx.run.bind(tx);
    tx.run = (...args) => {
      const scope = requestScope.getStore();
      if (scope) scope.statements++;
      return run(...args);
    };
    return tx;
  };
  for (const name of ["executeRead", "executeWrite"]) {
    const execute = session[name].bind(session);
    session[name] = (work, txConfig) => execute((tx) => work(counted(tx)), txConfig);
  }
  return session;
};

const neoSchema = new Neo4jGraphQL({ typeDefs, driver, validate: true });
const schema = await neoSchema.getSchema();

if (process.argv.includes("--print-schema")) {
  // Exit once the schema is written: a pipe's writes are asynchronous, and exit would cut it.
  await new Promise((resolve) => process.stdout.write(printSchema(schema) + "\n", resolve));
  await driver.close();
  process.exit(0);
}

const port = Number(process.env.PORT || 8082);
const sdl = printSchema(schema) + "\n";

const server = http.createServer((req, res) => {
  if (req.method === "GET" && req.url === "/healthz") {
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("ok\n");
    return;
  }
  if (req.method === "GET" && req.url === "/schema.graphql") {
    res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
    res.end(sdl);
    return;
  }
  if (req.method !== "POST" || !req.url.startsWith("/graphql")) {
    res.writeHead(404);
    res.end();
    return;
  }
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", async () => {
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch (e) {
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ errors: [{ message: "bad JSON body" }] }));
      return;
    }
    const scope = { statements: 0 };
    const result = await requestScope.run(scope, () =>
      graphql({
        schema,
        source: body.query,
        variableValues: body.variables,
        operationName: body.operationName,
        contextValue: {},
      }),
    );
    result.extensions = { ...result.extensions, statements: scope.statements };
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(result));
  });
});

server.keepAliveTimeout = 65000;
server.listen(port, "127.0.0.1", () => {
  console.log(`neo4j-graphql library ${process.env.npm_package_dependencies__neo4j_graphql || "7.x"} on http://127.0.0.1:${port}/graphql`);
});

const stop = async () => {
  server.close();
  await driver.close();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
