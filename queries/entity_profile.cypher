// One entity's profile: its properties, mention counts by month, and its most frequent
// co-mentions. Co-mentions are counted over the entity's most recent $article_cap articles so a
// hub (a country in half the corpus) answers in bounded time.
MATCH (e:Entity {id: $id})
CALL (e) {
  MATCH (e)<-[m:MENTIONS]-()
  WITH substring(coalesce(m.published, ''), 0, 7) AS period, sum(m.count) AS n, count(*) AS arts
  ORDER BY period
  RETURN collect({period: period, mentions: n, articles: arts}) AS by_month
}
CALL (e) {
  MATCH (e)<-[m:MENTIONS]-(a:Article)
  WITH a ORDER BY m.published DESC LIMIT $article_cap
  MATCH (a)-[:MENTIONS]->(o:Entity)
  WHERE o <> e
  WITH o, count(a) AS shared
  ORDER BY shared DESC, o.id ASC
  LIMIT $limit
  RETURN collect({entity: o {.id, .name, .type, .aliases, .lat, .lon, .country, .admin1},
                  articles: shared}) AS co
}
RETURN e {.*} AS entity, by_month, co
