// How many articles mention both entities.
MATCH (x:Entity {id: $a})<-[:MENTIONS]-(art:Article)-[:MENTIONS]->(y:Entity {id: $b})
RETURN count(DISTINCT art) AS n
