// A claim keeps its speaker's id and name as properties too: a judgement that moves the claim
// to another speaker updates them (and its undo puts the old values back).
UNWIND $rows AS row
MATCH (c:Claim {id: row.id})
SET c.speaker_id = row.speaker_id, c.speaker_name = row.speaker_name
RETURN count(c) AS n
