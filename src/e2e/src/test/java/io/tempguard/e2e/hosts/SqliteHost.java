package io.tempguard.e2e.hosts;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A host that uses the real sqlite-jdbc (on its class path): opens a database (argument 0, a JDBC
 * URL such as {@code jdbc:sqlite::memory:}), creates a table, inserts and queries, and prints the
 * results. sqlite-jdbc extracts its native library and a {@code .lck} file into
 * {@code java.io.tmpdir} and hands both to File.deleteOnExit. With argument 1 {@code wait} it then
 * prints {@code READY} and waits for a line on stdin (the crash test kills it there).
 */
public final class SqliteHost {
    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[0]); Statement s = c.createStatement()) {
            s.executeUpdate("create table t (id integer primary key, name text)");
            s.executeUpdate("insert into t (name) values ('alpha'), ('beta'), ('gamma')");
            try (ResultSet r = s.executeQuery("select count(*), group_concat(name, ',') from t")) {
                r.next();
                System.out.println("ROWS " + r.getInt(1) + " " + r.getString(2));
            }
            try (ResultSet r = s.executeQuery("select sqlite_version()")) {
                r.next();
                System.out.println("SQLITE " + r.getString(1));
            }
            if (args.length > 1 && args[1].equals("wait")) HostIo.readyThenWait("READY");
        }
        System.out.println("done");
    }

    private SqliteHost() {
    }
}
