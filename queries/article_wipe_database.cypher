// Empty the database (benchmarks on their own profile only); the schema stays.
MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 1000 ROWS
