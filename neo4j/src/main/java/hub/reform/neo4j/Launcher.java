package hub.reform.neo4j;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Local "embedded default" Neo4j for Reform Hub: Neo4j Community embedded, Bolt on
 * 127.0.0.1:PORT without TLS, auth off, HTTP off, small page cache and transaction logs.
 *
 * <pre>
 * java [--add-opens ...] -cp neo4j/target/classes:neo4j/target/dependency/* hub.reform.neo4j.Launcher
 *      [--port N] [--data DIR] [--pagecache SIZE] [--import DIR]
 *      [--tx-memory-max SIZE] [--tx-memory-total SIZE]
 * java -jar neo4j/target/neo4j-launcher.jar [...]   (the manifest carries the Add-Opens)
 * </pre>
 *
 * Env defaults: NEO4J_PORT (7687), NEO4J_DATA_DIR (.neo4j/data, relative to the working
 * directory), NEO4J_PAGECACHE (256m), NEO4J_TX_MEMORY_MAX (a quarter of the heap),
 * NEO4J_TX_MEMORY_TOTAL (half of the heap). Neo4j's own logs (debug.log, ...) go to DIR/logs.
 *
 * <p>Memory guard rails: one transaction may use at most {@code db.memory.transaction.max}
 * (--tx-memory-max) and all transactions together at most {@code
 * dbms.memory.transaction.total.max} (--tx-memory-total), both below the heap (-Xmx), so that
 * a query too large for memory fails alone with Neo.TransientError.General.MemoryPoolOutOfMemoryError
 * instead of taking the JVM down with an OutOfMemoryError.
 *
 * Prints exactly {@code neo4j ready bolt://127.0.0.1:PORT} once the default database is
 * available, and {@code neo4j stopped} after a clean shutdown on SIGTERM/SIGINT.
 */
public final class Launcher {
    private static final String DATABASE = "neo4j";
    private static final String HOST = "127.0.0.1";

    private Launcher() {}

    public static void main(String[] args) throws Exception {
        int port = parsePort(env("NEO4J_PORT", "7687"));
        String data = env("NEO4J_DATA_DIR", ".neo4j/data");
        String pagecache = env("NEO4J_PAGECACHE", "256m");
        String importDir = env("NEO4J_IMPORT_DIR", "");
        long heap = Runtime.getRuntime().maxMemory();
        String txMax = env("NEO4J_TX_MEMORY_MAX", "");
        String txTotal = env("NEO4J_TX_MEMORY_TOTAL", "");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--port" -> port = parsePort(value(args, ++i, a));
                case "--data" -> data = value(args, ++i, a);
                case "--pagecache" -> pagecache = value(args, ++i, a);
                case "--import" -> importDir = value(args, ++i, a);
                case "--tx-memory-max" -> txMax = value(args, ++i, a);
                case "--tx-memory-total" -> txTotal = value(args, ++i, a);
                case "-h", "--help" -> {
                    System.out.println("usage: Launcher [--port N] [--data DIR] [--pagecache SIZE] [--import DIR]"
                            + " [--tx-memory-max SIZE] [--tx-memory-total SIZE]");
                    return;
                }
                default -> fail("unknown argument: " + a);
            }
        }
        long pagecacheBytes;
        try {
            pagecacheBytes = ByteUnit.parse(pagecache);
        } catch (RuntimeException e) {
            fail("bad page cache size: " + pagecache);
            return;
        }

        long txMaxBytes = txMax.isEmpty() ? heap / 4 : parseSize(txMax, "--tx-memory-max");
        long txTotalBytes = txTotal.isEmpty() ? heap / 2 : parseSize(txTotal, "--tx-memory-total");
        if (txMaxBytes <= 0 || txTotalBytes <= 0 || txMaxBytes > txTotalBytes || txTotalBytes >= heap) {
            fail("transaction memory limits must satisfy 0 < max (" + txMaxBytes + ") <= total ("
                    + txTotalBytes + ") < heap (" + heap + ")");
        }

        Path dir = Path.of(data).toAbsolutePath().normalize();
        Files.createDirectories(dir);
        Path logs = dir.resolve("logs");

        // Keep stdout to the two documented lines: anything else that a library prints to
        // System.out from here on goes to DIR/logs/stdout.log (stderr is left alone).
        PrintStream out = System.out;
        Files.createDirectories(logs);
        PrintStream noise = new PrintStream(
                Files.newOutputStream(logs.resolve("stdout.log"),
                        java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND),
                true, StandardCharsets.UTF_8);
        System.setOut(noise);

        // The hook is registered before Neo4j starts so that a SIGTERM during startup still
        // shuts the store down cleanly: it waits for build() to finish, then stops Neo4j.
        AtomicReference<DatabaseManagementService> service = new AtomicReference<>();
        CountDownLatch built = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean(false);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            try {
                built.await();
                DatabaseManagementService s = service.get();
                if (s != null) {
                    s.shutdown();
                    out.println("neo4j stopped");
                }
            } catch (Throwable t) {
                out.println("neo4j shutdown failed: " + t);
            } finally {
                out.flush();
                stopped.countDown();
            }
        }, "neo4j-shutdown"));

        DatabaseManagementService dbms;
        try {
            DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(dir);
            if (!importDir.isEmpty()) {
                Path imports = Path.of(importDir).toAbsolutePath().normalize();
                Files.createDirectories(imports);
                builder.setConfig(GraphDatabaseSettings.load_csv_file_url_root, imports)
                        .setConfig(GraphDatabaseSettings.allow_file_urls, true);
            }
            dbms = builder
                    .setConfig(GraphDatabaseSettings.data_directory, dir)
                    .setConfig(GraphDatabaseSettings.logs_directory, logs)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, false)
                    // no "anonymous usage data" reports: this is a local, offline database
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, pagecacheBytes)
                    // Guard rails below the heap: an over-large query fails alone (see above).
                    .setConfig(GraphDatabaseSettings.memory_tracking, true)
                    .setConfig(GraphDatabaseSettings.memory_transaction_max_size, txMaxBytes)
                    .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, txTotalBytes)
                    .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                    .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(32))
                    // Bolt's netty event loops wait a 5 s quiet period each on shutdown (~10 s in
                    // all); the databases are already stopped by then, so 1 s is plenty.
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 1)
                    .build();
        } catch (Throwable t) {
            built.countDown();
            System.err.println("neo4j launcher: Neo4j failed to start: " + t);
            t.printStackTrace();
            System.exit(1);
            return;
        }
        service.set(dbms);
        built.countDown();

        GraphDatabaseService db = dbms.database(DATABASE);
        Duration timeout = Duration.ofMinutes(5);
        if (!db.isAvailable(timeout.toMillis())) {
            out.println("neo4j: database '" + DATABASE + "' not available after " + timeout.toSeconds() + "s");
            out.flush();
            System.exit(1);
        }
        if (!stopping.get()) {
            System.err.println("neo4j launcher: heap " + ByteUnit.bytesToString(heap)
                    + ", transaction memory at most " + ByteUnit.bytesToString(txMaxBytes)
                    + " each and " + ByteUnit.bytesToString(txTotalBytes) + " in total");
            out.println("neo4j ready bolt://" + HOST + ":" + port);
            out.flush();
        }

        // Block until the shutdown hook has run (SIGTERM / SIGINT).
        while (!stopped.await(1, TimeUnit.HOURS)) {
            // keep waiting
        }
    }

    private static long parseSize(String s, String flag) {
        try {
            return ByteUnit.parse(s);
        } catch (RuntimeException e) {
            fail("bad size for " + flag + ": " + s);
            return -1;
        }
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v.trim();
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            fail(flag + " needs a value");
        }
        return args[i];
    }

    private static int parsePort(String s) {
        try {
            int p = Integer.parseInt(s.trim());
            if (p > 0 && p < 65536) {
                return p;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        fail("bad port: " + s);
        return -1;
    }

    private static void fail(String msg) {
        System.err.println("neo4j launcher: " + msg);
        System.exit(2);
    }
}
