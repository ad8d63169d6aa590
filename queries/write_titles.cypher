// Roles that name no organization ("spokesperson") stay on the person as titles.
UNWIND $rows AS row
MATCH (p:Entity {id: row.source})
SET p.titles = CASE WHEN row.title IN coalesce(p.titles, []) THEN p.titles
                    ELSE coalesce(p.titles, []) + row.title END
RETURN count(p) AS n
