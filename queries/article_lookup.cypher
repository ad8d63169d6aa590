// Before writing a batch: which articles are already stored (same id, same text) and which
// texts are already held by another article (exact duplicates), plus the graph's epoch (the
// time its schema was first applied) so caches outside the graph can tell it was wiped.
CALL () {
  OPTIONAL MATCH (m:SchemaMigration {version: 1})
  RETURN coalesce(toString(m.applied_at), 'none') AS epoch
}
UNWIND $rows AS row
OPTIONAL MATCH (same:Article {id: row.id})
CALL (row) {
  OPTIONAL MATCH (h:Article {content_hash: row.hash})
  WHERE h.id <> row.id AND h.status IN ['ok', 'near_duplicate']
  RETURN h.id AS original ORDER BY h.id LIMIT 1
}
RETURN epoch, row.id AS id, same.content_hash AS stored_hash, same.status AS stored_status,
       original
