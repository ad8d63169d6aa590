// Is there a direct (one-hop) link between two entities, and of which kinds? Expand(Into)
// checks from one side, so two hubs answer in time linear in one degree, not the product.
MATCH (x:Entity {id: $a}), (y:Entity {id: $b})
RETURN EXISTS { (x)<-[:MENTIONS]-(:Article)-[:MENTIONS]->(y) } AS co_mentioned,
       EXISTS { (x)-[:SAID]->(:Claim)-[:ABOUT|TARGETS]->(y) } AS x_about_y,
       EXISTS { (y)-[:SAID]->(:Claim)-[:ABOUT|TARGETS]->(x) } AS y_about_x,
       EXISTS { (x)-[:HAS_ROLE]-(y) } AS role
