// Drops every per-entity count node (graph/aggregates.py rebuild), in batches.
MATCH (s:EntityStats)
CALL (s) { DETACH DELETE s } IN TRANSACTIONS OF 10000 ROWS
