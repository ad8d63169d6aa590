"""The only package that talks to Neo4j: schema, migrations, driver, writer, reads."""
