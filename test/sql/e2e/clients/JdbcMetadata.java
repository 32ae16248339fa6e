// What a JDBC-based tool (DBeaver, Metabase, Tableau) reads through DatabaseMetaData to list
// schemas, tables, views, materialized views and their columns and keys. Prints one line per
// row ("step<TAB>value"); the test runs it against Weir and PostgreSQL and compares.
// Usage: java -cp postgresql.jar JdbcMetadata.java PORT DATABASE
import java.sql.*;
import java.util.*;

public class JdbcMetadata {
  static void dump(String step, ResultSet rs, String... columns) throws SQLException {
    while (rs.next()) {
      List<String> row = new ArrayList<>();
      for (String c : columns) row.add(String.valueOf(rs.getObject(c)));
      System.out.println(step + "\t" + String.join("|", row));
    }
    rs.close();
  }

  public static void main(String[] args) throws Exception {
    String url = "jdbc:postgresql://127.0.0.1:" + args[0] + "/" + args[1];
    Properties props = new Properties();
    props.setProperty("user", "weir");
    try (Connection c = DriverManager.getConnection(url, props)) {
      DatabaseMetaData md = c.getMetaData();
      dump("schemas", md.getSchemas(null, "public"), "TABLE_SCHEM");
      dump("tables", md.getTables(null, "public", "%", new String[] {"TABLE", "VIEW", "MATERIALIZED VIEW", "FOREIGN TABLE"}), "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS");
      dump("columns", md.getColumns(null, "public", "%", "%"), "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE", "DECIMAL_DIGITS", "NULLABLE", "COLUMN_DEF", "ORDINAL_POSITION", "IS_NULLABLE", "IS_AUTOINCREMENT");
      dump("primary keys", md.getPrimaryKeys(null, "public", "pair"), "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME");
      dump("primary keys", md.getPrimaryKeys(null, "public", "t"), "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME");
      dump("indexes", md.getIndexInfo(null, "public", "t", false, false), "TABLE_NAME", "NON_UNIQUE", "INDEX_NAME", "ORDINAL_POSITION", "COLUMN_NAME", "ASC_OR_DESC");
      dump("functions", md.getFunctions(null, "public", "%"), "FUNCTION_NAME", "FUNCTION_TYPE");
      dump("table types", md.getTableTypes(), "TABLE_TYPE");
      // ResultSet metadata of a query over a view: what a tool shows as column headers and types.
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM mv")) {
        ResultSetMetaData m = rs.getMetaData();
        for (int i = 1; i <= m.getColumnCount(); i++) {
          System.out.println("result columns\t" + m.getColumnName(i) + "|" + m.getColumnTypeName(i) + "|" + m.getTableName(i) + "|" + m.isNullable(i));
        }
      }
    }
  }
}
