MATCH (j:Judgement {id: $id})
RETURN properties(j) AS j
