"""FastAPI app: routes call graph/ query functions; there is no Cypher here."""
