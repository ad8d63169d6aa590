// Drops every NewestClaims node (graph/newest_claims.py; rebuilt by build).
MATCH (l:NewestClaims) CALL (l) { DELETE l } IN TRANSACTIONS OF 5000 ROWS
