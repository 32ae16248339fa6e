// A pgJDBC session against Weir: what a Java application or a JDBC-based BI tool does.
// Prints one line per step ("step<TAB>value"); the test compares them.
// Usage: java -cp postgresql.jar JdbcClient.java PORT
import java.math.BigDecimal;
import java.sql.*;
import java.util.*;

public class JdbcClient {
  static void step(String name, Object value) {
    System.out.println(name + "\t" + value);
  }

  static List<String> rows(ResultSet rs) throws SQLException {
    List<String> out = new ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      List<String> row = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        Object v = rs.getObject(i);
        row.add(v == null ? "null" : v.getClass().getSimpleName() + ":" + v);
      }
      out.add(String.join(",", row));
    }
    return out;
  }

  public static void main(String[] args) throws Exception {
    String url = "jdbc:postgresql://127.0.0.1:" + args[0] + "/dev";
    Properties props = new Properties();
    props.setProperty("user", "weir");
    try (Connection c = DriverManager.getConnection(url, props)) {
      step("product", c.getMetaData().getDatabaseProductName());
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE orders (id int PRIMARY KEY, customer varchar, amount numeric(10,2), placed timestamp, paid boolean)");
      }
      // Prepared statements with typed parameters, sent as a batch.
      try (PreparedStatement p = c.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?, ?)")) {
        Object[][] data = {
          {1, "ann", new BigDecimal("12.50"), Timestamp.valueOf("2024-03-01 12:00:05"), true},
          {2, "bob", new BigDecimal("7.25"), Timestamp.valueOf("2024-03-01 12:01:00"), false},
          {3, "ann", new BigDecimal("100.00"), Timestamp.valueOf("2024-03-02 09:30:00"), true},
        };
        for (Object[] r : data) {
          p.setInt(1, (Integer) r[0]);
          p.setString(2, (String) r[1]);
          p.setBigDecimal(3, (BigDecimal) r[2]);
          p.setTimestamp(4, (Timestamp) r[3]);
          p.setBoolean(5, (Boolean) r[4]);
          p.addBatch();
        }
        step("batch", Arrays.toString(p.executeBatch()));
        p.setInt(1, 4);
        p.setString(2, "o'hara");
        p.setNull(3, Types.NUMERIC);
        p.setNull(4, Types.TIMESTAMP);
        p.setNull(5, Types.BOOLEAN);
        step("insert", p.executeUpdate());
      }
      try (Statement s = c.createStatement()) {
        s.execute("CREATE MATERIALIZED VIEW per_customer AS SELECT customer, count(*) AS n, sum(amount) AS total FROM orders GROUP BY customer");
        s.execute("FLUSH");
        try (ResultSet rs = s.executeQuery("SELECT customer, n, total FROM per_customer ORDER BY customer")) {
          ResultSetMetaData md = rs.getMetaData();
          List<String> cols = new ArrayList<>();
          for (int i = 1; i <= md.getColumnCount(); i++) cols.add(md.getColumnLabel(i) + ":" + md.getColumnTypeName(i));
          step("columns", cols);
          step("view", rows(rs));
        }
      }
      // A query with a parameter, run several times (the driver switches to a named statement).
      try (PreparedStatement p = c.prepareStatement("SELECT id, amount, placed, paid FROM orders WHERE customer = ? ORDER BY id")) {
        for (int i = 0; i < 6; i++) {
          p.setString(1, i % 2 == 0 ? "ann" : "bob");
          try (ResultSet rs = p.executeQuery()) {
            List<String> r = rows(rs);
            if (i >= 4) step("prepared " + i, r);
          }
        }
      }
      try (PreparedStatement p = c.prepareStatement("UPDATE orders SET amount = amount * ? WHERE customer = ?")) {
        p.setInt(1, 2);
        p.setString(2, "ann");
        step("update", p.executeUpdate());
      }
      // Reading in parts: with autocommit off and a fetch size, the driver asks for rows in batches.
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.setFetchSize(2);
        try (ResultSet rs = s.executeQuery("SELECT id FROM orders ORDER BY id")) {
          List<Integer> ids = new ArrayList<>();
          while (rs.next()) ids.add(rs.getInt(1));
          step("fetch size", ids);
        }
      }
      c.commit();
      c.setAutoCommit(true);
      // Errors carry the SQLSTATE; the connection goes on.
      for (String bad : new String[] {"SELECT 1/0", "SELECT * FROM missing_table", "SELECT nope FROM orders", "SELEC 1"}) {
        try (Statement s = c.createStatement()) {
          s.executeQuery(bad);
          step("error", "none");
        } catch (SQLException e) {
          step("error", e.getSQLState());
        }
      }
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM orders")) {
        rs.next();
        step("after errors", rs.getLong(1));
      }
    }
  }
}
