-- The Nexmark queries of examples/nexmark, as views over the Nexmark sources.
\i examples/nexmark/setup.sql
\explain examples/nexmark/q*.sql
