// What the graph knows about claim speakers (named entities): titles, the organizations or
// places they hold roles in (HAS_ROLE), and their GeoNames id. Also which of the given place
// ids exist (a country stands in for a nationality adjective only when it is in the graph).
UNWIND $ids AS sid
MATCH (e:Entity {id: sid})
OPTIONAL MATCH (e)-[r:HAS_ROLE]->(o:Entity)
WITH e, collect(DISTINCT r.title) AS role_titles,
     collect(DISTINCT CASE WHEN o IS NULL THEN null
                           ELSE o {.id, .name, .type, .geonames_id} END) AS orgs
RETURN e.id AS id, coalesce(e.titles, []) AS titles, role_titles, orgs,
       e.geonames_id AS geonames_id
