// One stored article: text and metadata, its outlet and how many claims it carries.
MATCH (a:Article {id: $id})
OPTIONAL MATCH (a)-[:PUBLISHED_BY]->(s:Source)
RETURN a {.*} AS article, s.id AS source_id,
       COUNT { (a)<-[:REPORTED_IN]-(:Claim) } AS claims
