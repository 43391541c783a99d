package evmap.neo4j;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;

import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Runs Neo4j Community as a standalone process with only the Bolt connector on loopback,
 * for machines that have a JDK but no Docker engine.
 *
 * Settings come from the environment so the password never shows up in a process listing:
 * EVMAP_NEO4J_HOME, EVMAP_NEO4J_BOLT_PORT, NEO4J_USER, NEO4J_PASSWORD,
 * EVMAP_NEO4J_PAGECACHE, EVMAP_NEO4J_TX_MEMORY. Exit codes: 0 clean stop, 2 bad settings, 3 data folder already
 * in use, 4 Neo4j failed to start.
 */
public final class LocalNeo4j {
    /** What a running launcher serves, for evmap processes that reuse it. */
    private static final String STATE_FILE = "launcher.json";
    /** Left by `evmap db start`: the server outlives the processes that reuse it. */
    private static final String KEEP_FILE = "keep-running";
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private LocalNeo4j() {}

    public static void main(String[] args) throws Exception {
        long startedAt = System.nanoTime();
        Path home = Path.of(env("EVMAP_NEO4J_HOME", ".data/neo4j")).toAbsolutePath().normalize();
        int port = parsePort(env("EVMAP_NEO4J_BOLT_PORT", "7687"));
        String user = env("NEO4J_USER", "neo4j");
        String password = env("NEO4J_PASSWORD", "");
        if (!USER_NAME.matcher(user).matches()) {
            fail(2, "NEO4J_USER must be letters, digits or underscores starting with a letter, got '" + user + "'");
        }
        if (password.length() < 8) {
            fail(2, "NEO4J_PASSWORD must be at least 8 characters for the local Neo4j (Neo4j's own minimum)");
        }

        Files.createDirectories(home);
        FileLock lock = lockHome(home);
        // Left behind by a launcher that was killed; this run writes its own once it is ready.
        Files.deleteIfExists(home.resolve(STATE_FILE));
        Files.deleteIfExists(home.resolve(KEEP_FILE));

        Map<String, String> config = new HashMap<>();
        config.put("server.bolt.enabled", "true");
        config.put("server.bolt.listen_address", "127.0.0.1:" + port);
        config.put("server.bolt.advertised_address", "127.0.0.1:" + port);
        config.put("server.bolt.tls_level", "DISABLED");
        config.put("dbms.security.auth_enabled", "true");
        config.put("server.memory.pagecache.size", env("EVMAP_NEO4J_PAGECACHE", "256m"));
        config.put("server.directories.logs", home.resolve("logs").toString());
        config.put("db.tx_log.rotation.retention_policy", "2 files");
        config.put("dbms.usage_report.enabled", "false");
        // A runaway query must fail with MemoryLimitExceeded rather than take the JVM down with
        // OutOfMemoryError: one transaction gets EVMAP_NEO4J_TX_MEMORY, all of them together at
        // most 60% of the heap, leaving the rest for the page cache structures and Bolt.
        config.put("db.memory.transaction.max", env("EVMAP_NEO4J_TX_MEMORY", "256m"));
        config.put("dbms.memory.transaction.total.max", (Runtime.getRuntime().maxMemory() * 6 / 10 / (1024 * 1024)) + "m");
        // Open Bolt transactions get a short grace period so SIGTERM stops promptly.
        config.put("db.shutdown_transaction_end_timeout", "3s");
        // Netty's graceful-shutdown defaults add ~10 s of idle waiting to every stop of a local server.
        config.put("internal.dbms.bolt.netty_server_shutdown_quiet_period", "0");
        config.put("internal.dbms.bolt.netty_server_shutdown_timeout", "2");
        config.put("internal.server.bolt.thread_pool_shutdown_wait_time", "1s");

        DatabaseManagementService dbms;
        try {
            dbms = new DatabaseManagementServiceBuilder(home)
                    .loadPropertiesFromFile(writeConfig(home, config))
                    .build();
        } catch (RuntimeException e) {
            String reason = rootMessage(e);
            if (reason.contains("Address already in use") || reason.contains("bind")) {
                fail(4, "port " + port + " on 127.0.0.1 is already in use; set EVMAP_NEO4J_BOLT_PORT to a free port");
            }
            fail(4, "Neo4j failed to start: " + reason + " (see " + home.resolve("logs") + ")");
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        DatabaseManagementService running = dbms;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            long stoppingAt = System.nanoTime();
            System.out.println("evmap-neo4j stopping");
            running.shutdown();
            try {
                lock.release();
                lock.channel().close();
                Files.deleteIfExists(home.resolve("launcher.pid"));
                Files.deleteIfExists(home.resolve(STATE_FILE));
                Files.deleteIfExists(home.resolve(KEEP_FILE));
            } catch (IOException ignored) {
                // The OS drops the lock with the process; nothing else to clean.
            }
            System.out.println("evmap-neo4j stopped cleanly shutdown_ms=" + (System.nanoTime() - stoppingAt) / 1_000_000);
            System.out.flush();
            stopped.countDown();
        }, "evmap-neo4j-shutdown"));

        try {
            setCredentials(dbms.database("system"), user, password);
        } catch (RuntimeException e) {
            fail(4, "could not set the credentials of user '" + user + "': " + rootMessage(e));
        }

        // Written only once Bolt listens, so whoever reuses this server connects to the port it
        // really serves, never to the port their own configuration names.
        Files.writeString(home.resolve(STATE_FILE), "{\"pid\":" + ProcessHandle.current().pid() + ",\"boltPort\":" + port + "}\n",
                StandardCharsets.UTF_8);

        long ms = (System.nanoTime() - startedAt) / 1_000_000;
        System.out.println("evmap-neo4j ready bolt://127.0.0.1:" + port + " home=" + home + " pid="
                + ProcessHandle.current().pid() + " startup_ms=" + ms);
        System.out.flush();
        stopped.await();
    }

    /**
     * The launcher owns this DBMS, so it makes the stored credentials match the configured ones
     * on every start; a changed NEO4J_PASSWORD then takes effect without a manual reset.
     */
    private static void setCredentials(GraphDatabaseService system, String user, String password) {
        Map<String, Object> params = Map.of("password", password);
        if (!user.equals("neo4j")) {
            system.executeTransactionally(
                    "CREATE USER `" + user + "` IF NOT EXISTS SET PASSWORD $password CHANGE NOT REQUIRED", params);
        }
        try {
            system.executeTransactionally("ALTER USER `" + user + "` SET PASSWORD $password", params);
        } catch (RuntimeException e) {
            // Neo4j refuses to "change" a password to itself; that just means it is already right.
            if (!rootMessage(e).contains("Old password and new password cannot be the same")) {
                throw e;
            }
        }
        system.executeTransactionally("ALTER USER `" + user + "` SET PASSWORD CHANGE NOT REQUIRED");
    }

    /** Written on every start so the file always shows the settings this process runs with. */
    private static Path writeConfig(Path home, Map<String, String> config) throws IOException {
        Path file = home.resolve("conf").resolve("neo4j.conf");
        Files.createDirectories(file.getParent());
        StringBuilder text = new StringBuilder("# Generated by the evmap launcher on every start; edits are overwritten.\n");
        config.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> text.append(e.getKey()).append('=').append(e.getValue()).append('\n'));
        Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
        return file;
    }

    private static FileLock lockHome(Path home) throws IOException {
        Path lockFile = home.resolve("launcher.lock");
        FileChannel channel = new RandomAccessFile(lockFile.toFile(), "rw").getChannel();
        FileLock lock = channel.tryLock();
        if (lock == null) {
            String owner = readOrEmpty(home.resolve("launcher.pid"));
            fail(3, "another evmap Neo4j is already running on data folder " + home
                    + (owner.isEmpty() ? "" : " (pid " + owner + ")") + "; stop it with `npm run db:stop`");
        }
        Files.writeString(home.resolve("launcher.pid"), Long.toString(ProcessHandle.current().pid()),
                StandardCharsets.UTF_8);
        return lock;
    }

    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // Reported below with the offending value.
        }
        fail(2, "EVMAP_NEO4J_BOLT_PORT must be a port number 1-65535, got '" + value + "'");
        return -1;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static void fail(int code, String message) {
        System.err.println("evmap-neo4j: " + message);
        System.exit(code);
    }
}
