// Full-text search over claim content and sentence: ids of the best matches.
CALL db.index.fulltext.queryNodes('claim_text', $lucene, {limit: $limit}) YIELD node, score
RETURN node.id AS id, score
