package evmap.neo4j;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
 * EVMAP_NEO4J_PAGECACHE, EVMAP_NEO4J_TX_MEMORY, EVMAP_NEO4J_HEAP. Exit codes: 0 clean stop, 2 bad
 * settings, 3 data folder already in use, 4 Neo4j failed to start, 5 Neo4j kept dying, 6 halted
 * while unresponsive (the supervisor restarts it).
 */
public final class LocalNeo4j {
    /** What a running launcher serves, for evmap processes that reuse it. */
    private static final String STATE_FILE = "launcher.json";
    /** Left by `evmap db start`: the server outlives the processes that reuse it. */
    private static final String KEEP_FILE = "keep-running";
    /** Set in the child JVM that runs the DBMS; the process started without it supervises that child. */
    private static final String SUPERVISED = "EVMAP_NEO4J_SUPERVISED";
    private static final int MAX_RESTARTS = 3;
    private static final long HEALTH_DEADLINE_S = 20;
    private static final String DEFAULT_DATABASE = "neo4j";
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private LocalNeo4j() {}

    public static void main(String[] args) throws Exception {
        if (System.getenv(SUPERVISED) == null) {
            supervise();
        } else {
            serve();
        }
    }

    /**
     * Runs the DBMS in a child JVM and starts it again when it dies while serving (the health
     * check below halted it, or the JVM crashed), so a query that exhausts the heap costs a
     * restart of a few seconds instead of a database that stays down until a person acts. A clean
     * stop (SIGTERM to either process) and a failure before the server was ready end both.
     */
    private static void supervise() throws Exception {
        Path home = Path.of(env("EVMAP_NEO4J_HOME", ".data/neo4j")).toAbsolutePath().normalize();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "-Xms256m", "-Xmx" + env("EVMAP_NEO4J_HEAP", "1g"), "-Dfile.encoding=UTF-8",
                "-cp", System.getProperty("java.class.path"), LocalNeo4j.class.getName());
        Files.createDirectories(home);
        // Left by a launcher that was killed; a kept server's marker lives as long as this supervisor.
        Files.deleteIfExists(home.resolve(KEEP_FILE));
        AtomicReference<Process> current = new AtomicReference<>();
        AtomicBoolean stopping = new AtomicBoolean(false);
        CountDownLatch relayed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            Process child = current.get();
            if (child != null && child.isAlive()) {
                // Through the handle, a plain SIGTERM: Process.destroy() would also close the
                // output still being relayed, losing the server's last lines.
                child.toHandle().destroy();
                try {
                    relayed.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "evmap-neo4j-supervisor-shutdown"));

        Deque<Long> restarts = new ArrayDeque<>();
        while (true) {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put(SUPERVISED, "1");
            Process child = builder.start();
            current.set(child);
            boolean ready = relayOutput(child);
            int code = child.waitFor();
            // 130 and 143 are SIGINT and SIGTERM sent to the server itself: a stop, not a death.
            if (stopping.get() || code == 0 || code == 130 || code == 143 || !ready) {
                Files.deleteIfExists(home.resolve(KEEP_FILE));
                relayed.countDown();
                System.exit(stopping.get() ? 0 : code);
            }
            long now = System.nanoTime();
            restarts.addLast(now);
            while (now - restarts.peekFirst() > TimeUnit.MINUTES.toNanos(10)) {
                restarts.removeFirst();
            }
            if (restarts.size() > MAX_RESTARTS) {
                fail(5, "Neo4j died " + restarts.size() + " times within 10 minutes (last exit code " + code + "); not restarting it again");
            }
            System.out.println("evmap-neo4j restarting: the server exited with code " + code + " while serving (restart " + restarts.size() + ")");
            System.out.flush();
        }
    }

    /** Copies the child's output to this process's (the launcher log) and says whether it became ready. */
    private static boolean relayOutput(Process child) throws IOException {
        boolean ready = false;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                ready |= line.startsWith("evmap-neo4j ready ");
                // fail() reports on stderr; the supervisor's caller reads it there too.
                (line.startsWith("evmap-neo4j: ") ? System.err : System.out).println(line);
                System.out.flush();
            }
        }
        return ready;
    }

    private static void serve() throws Exception {
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
        // Left behind by a server that died; this run writes its own once it is ready.
        Files.deleteIfExists(home.resolve(STATE_FILE));

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
        long supervisor = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        Files.writeString(home.resolve(STATE_FILE), "{\"pid\":" + ProcessHandle.current().pid() + ",\"boltPort\":" + port
                + ",\"supervisor\":" + supervisor + "}\n", StandardCharsets.UTF_8);

        watchHealth(dbms.database(DEFAULT_DATABASE));

        long ms = (System.nanoTime() - startedAt) / 1_000_000;
        System.out.println("evmap-neo4j ready bolt://127.0.0.1:" + port + " home=" + home + " pid="
                + ProcessHandle.current().pid() + " startup_ms=" + ms);
        System.out.flush();
        stopped.await();
    }

    /**
     * Neo4j does not count the memory of expression loops (a list comprehension over millions
     * of values), so such a query can fill the heap. An OutOfMemoryError in the query's own thread
     * just fails that query, but when the heap stays full the JVM thrashes in GC and answers no
     * one. This asks the database a trivial question every few seconds and halts the JVM when no
     * answer has come for HEALTH_DEADLINE_S, so the supervisor starts a fresh one.
     */
    private static void watchHealth(GraphDatabaseService db) {
        AtomicLong lastAnswer = new AtomicLong(System.nanoTime());
        Thread probe = new Thread(() -> {
            while (true) {
                try {
                    db.executeTransactionally("RETURN 1");
                    lastAnswer.set(System.nanoTime());
                    Thread.sleep(2_000);
                } catch (InterruptedException e) {
                    return;
                } catch (Throwable e) {
                    // A failed probe is what the deadline measures; the next one tries again.
                }
            }
        }, "evmap-neo4j-health-probe");
        Thread deadline = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                }
                if (System.nanoTime() - lastAnswer.get() > TimeUnit.SECONDS.toNanos(HEALTH_DEADLINE_S)) {
                    System.out.println("evmap-neo4j unresponsive for " + HEALTH_DEADLINE_S + " s (heap exhausted?); halting for a restart");
                    System.out.flush();
                    Runtime.getRuntime().halt(6);
                }
            }
        }, "evmap-neo4j-health-deadline");
        for (Thread t : new Thread[] {probe, deadline}) {
            t.setDaemon(true);
            t.start();
        }
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
