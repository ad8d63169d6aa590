// Export progress: how many nodes a whole-graph export will stream.
CALL () { MATCH (n:Source) RETURN count(n) AS n
  UNION ALL MATCH (n:Article) RETURN count(n) AS n
  UNION ALL MATCH (n:Entity) RETURN count(n) AS n
  UNION ALL MATCH (n:AnonymousSource) RETURN count(n) AS n
  UNION ALL MATCH (n:Claim) RETURN count(n) AS n }
RETURN sum(n) AS total
