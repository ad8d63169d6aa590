// Canonical entities: one node per id; aliases accumulate, the label comes from an enum
// (validated in graph/writer.py before it is sent as a parameter).
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
ON CREATE SET e.name = row.name, e.type = row.type, e.created_at = datetime()
SET e:$(row.label),
    e.aliases = reduce(acc = coalesce(e.aliases, []), x IN row.aliases |
                       CASE WHEN x IN acc THEN acc ELSE acc + x END),
    e.geonames_id = coalesce(row.geonames_id, e.geonames_id),
    e.lat = coalesce(row.lat, e.lat),
    e.lon = coalesce(row.lon, e.lon),
    e.country = coalesce(row.country, e.country),
    e.admin1 = coalesce(row.admin1, e.admin1)
SET e.alias_text = reduce(s = e.name, x IN e.aliases | s + ' | ' + x)
WITH e, row
MATCH (a:Article {id: row.article_id})
MERGE (a)-[m:MENTIONS]->(e)
SET m.count = size(row.starts), m.starts = row.starts, m.ends = row.ends,
    m.texts = row.texts, m.sentence_starts = row.sentence_starts,
    m.sentence_ends = row.sentence_ends, m.published = a.published,
    m.extractor_version = row.extractor_version
RETURN count(e) AS n
