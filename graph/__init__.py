"""The only package that talks to Neo4j: schema models, migrations, driver lifecycle, writer, reads."""
