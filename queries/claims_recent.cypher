// The newest claims with no filter: index-ordered scans (statement date; publication date for
// undated claims) instead of sorting every claim. Keyset on (sort key, id) as claims_list.
// Claims of articles without a publication date (no statement date either) come last, with the
// sort key '' and in id order, so the plain list never leaves them out.
CALL () {
  MATCH (c:Claim)
  WHERE c.date <= $max_key
    AND ($after_key IS NULL OR c.date < $after_key OR (c.date = $after_key AND c.id > $after_id))
  WITH c ORDER BY c.date DESC, c.id ASC LIMIT $limit
  RETURN c, c.date AS sort_key
  UNION
  MATCH (c:Claim)
  WHERE c.published <= $max_key AND c.date IS NULL
    AND ($after_key IS NULL OR c.published < $after_key
         OR (c.published = $after_key AND c.id > $after_id))
  WITH c ORDER BY c.published DESC, c.id ASC LIMIT $limit
  RETURN c, c.published AS sort_key
  UNION
  MATCH (c:Claim)
  WHERE c.id > coalesce(CASE WHEN $after_key = '' THEN $after_id END, '')
    AND c.date IS NULL AND c.published IS NULL
  WITH c ORDER BY c.id ASC LIMIT $limit
  RETURN c, '' AS sort_key
}
WITH c, sort_key ORDER BY sort_key DESC, c.id ASC LIMIT $limit
RETURN c.id AS id, sort_key
