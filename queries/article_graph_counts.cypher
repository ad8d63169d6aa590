// Total nodes, relationships and articles: a second ingest run must leave them unchanged.
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
CALL () { MATCH (a:Article) RETURN count(a) AS articles }
RETURN nodes, relationships, articles
