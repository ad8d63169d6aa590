// Export scope: the outlets of the articles in a neighbourhood.
UNWIND $ids AS aid
MATCH (:Article {id: aid})-[:PUBLISHED_BY]->(s:Source)
RETURN DISTINCT s.id AS id
