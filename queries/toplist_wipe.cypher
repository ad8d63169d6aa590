// Drops every entity's top-K lists (graph/aggregates.py rebuild builds them again), in batches.
MATCH (t:TopNeighbours)
CALL (t) { DELETE t } IN TRANSACTIONS OF 10000 ROWS
