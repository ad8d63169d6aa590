// Drops every write-time aggregate edge (graph/aggregates.py rebuild), in batches.
MATCH ()-[r:CO_MENTIONED|CLAIMED_ABOUT|HOLDS_ROLE]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
