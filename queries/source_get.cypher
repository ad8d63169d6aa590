// One outlet with its counts.
MATCH (s:Source {id: $id})
RETURN s.id AS id, s.name AS name,
       COUNT { (s)<-[:PUBLISHED_BY]-(:Article) } AS articles,
       COUNT { (s)<-[:PUBLISHED_BY]-(:Article)<-[:REPORTED_IN]-(:Claim) } AS claims
