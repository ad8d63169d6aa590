// Entities (or anonymous sources) by id, with the number of articles mentioning them.
UNWIND $ids AS eid
MATCH (e {id: eid})
WHERE e:Entity OR e:AnonymousSource
RETURN e {.id, .name, .type, .aliases, .lat, .lon, .country, .admin1, .description} AS entity,
       COUNT { (e)<-[:MENTIONS]-() } AS mentions
